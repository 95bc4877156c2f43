// Interface strings in Chinese and English. Elements carry data-i18n / data-i18n-placeholder
// keys so that switching language re-labels everything, including rendered messages.

const STRINGS = {
  zh: {
    title: "文档问答",
    skip: "跳到提问框",
    welcome: "根据文档回答问题，并给出可核对的引用。点击引用编号即可在原文中查看。",
    questionLabel: "问题",
    placeholder: "例如：大武口区政协2023年一共收到了多少件提案？",
    send: "提问",
    documents: "文档",
    uploadLabel: "上传文档（PDF、Word、网页、图片、.txt / .md）",
    upload: "上传",
    close: "关闭",
    thinking: "正在查找……",
    sources: "来源",
    notFound: "文档中没有找到相关信息",
    notFoundDetail: "下面是最接近的段落，供参考。",
    nearest: "最接近的段落",
    fallback: "语言模型未能作答，改为直接引用文档原文",
    quoted: "直接引自文档原文",
    writtenBy: "由 {name} 根据文档撰写，引用已核对",
    standalone: "按此问题回答：{q}",
    copy: "复制",
    copied: "已复制",
    copyFailed: "无法复制",
    stop: "停止",
    stopped: "已停止回答",
    conversations: "对话",
    newChat: "新对话",
    untitled: "新对话",
    turns: "{n} 个问题",
    renameConv: "重命名对话：{title}",
    deleteConv: "删除对话：{title}",
    renamePrompt: "对话的新名称：",
    confirmDeleteConv: "确定删除对话“{title}”吗？",
    error: "出错了",
    deleteDoc: "删除",
    confirmDelete: "确定删除《{title}》吗？文件会移到 .deleted 文件夹。",
    deleted: "已删除：{title}",
    uploaded: "已上传：{title}（{chunks} 个片段）",
    uploading: "正在上传……",
    jobQueued: "已上传，排队等待建立索引……",
    jobPages: "正在读取：第 {done} / {total} 页",
    jobOcr: "正在识别扫描页（OCR）：第 {done} / {total} 页",
    jobEmbedding: "正在建立索引：{done} / {total} 个片段",
    jobIndexing: "正在建立索引……",
    cannotRead: "无法读取 {name}：{message}",
    page: "第 {page} 页",
    download: "下载原文件",
    chunks: "{chunks} 个片段",
    apiKey: "此操作需要 API 密钥：",
    cite: "引用 {n}：{title}",
    langButton: "English",
    noDocs: "还没有文档。",
  },
  en: {
    title: "Document Q&A",
    skip: "Skip to the question box",
    welcome: "Answers from the documents, with citations you can check. Click a citation number to see it in context.",
    questionLabel: "Question",
    placeholder: "e.g. How many proposals did the Dawukou CPPCC receive in 2023?",
    send: "Ask",
    documents: "Documents",
    uploadLabel: "Upload a document (PDF, Word, web page, image, .txt / .md)",
    upload: "Upload",
    close: "Close",
    thinking: "Searching…",
    sources: "Sources",
    notFound: "Not found in the documents",
    notFoundDetail: "The nearest passages are listed below for reference.",
    nearest: "Nearest passages",
    fallback: "The language model could not answer; quoted from the documents instead",
    quoted: "Quoted from the documents",
    writtenBy: "Written by {name} from the documents; citations checked",
    standalone: "Answered as: {q}",
    copy: "Copy",
    copied: "Copied",
    copyFailed: "Cannot copy",
    stop: "Stop",
    stopped: "Answer stopped",
    conversations: "Chats",
    newChat: "New chat",
    untitled: "New chat",
    turns: "{n} questions",
    renameConv: "Rename chat: {title}",
    deleteConv: "Delete chat: {title}",
    renamePrompt: "New name for the chat:",
    confirmDeleteConv: "Delete the chat “{title}”?",
    error: "Error",
    deleteDoc: "Delete",
    confirmDelete: "Delete “{title}”? The file is moved to the .deleted folder.",
    deleted: "Deleted: {title}",
    uploaded: "Uploaded: {title} ({chunks} chunks)",
    uploading: "Uploading…",
    jobQueued: "Uploaded; waiting to be indexed…",
    jobPages: "Reading page {done} of {total}",
    jobOcr: "Reading scanned page {done} of {total} (OCR)",
    jobEmbedding: "Indexing: {done} of {total} chunks",
    jobIndexing: "Indexing…",
    cannotRead: "Cannot read {name}: {message}",
    page: "page {page}",
    download: "Download the original file",
    chunks: "{chunks} chunks",
    apiKey: "This needs the API key:",
    cite: "Citation {n}: {title}",
    langButton: "中文",
    noDocs: "No documents yet.",
  },
};

const KEY = "zhqa-lang";
let lang = localStorage.getItem(KEY) || autoLanguage();

function autoLanguage() {
  const langs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || "zh"];
  return langs.some((l) => l.toLowerCase().startsWith("zh")) || !langs.some((l) => l.toLowerCase().startsWith("en"))
    ? "zh" : "en";
}

/** The string `key` in the current language, with {name} placeholders filled from `vars`. */
export function t(key, vars = {}) {
  const s = STRINGS[lang][key] ?? STRINGS.zh[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ""));
}

/** Mark `el` as showing `key` (so a language switch updates it) and show it now. */
export function label(el, key, vars) {
  el.dataset.i18n = key;
  if (vars) el.dataset.i18nVars = JSON.stringify(vars);
  el.textContent = t(key, vars);
  return el;
}

export function currentLanguage() {
  return lang;
}

/** Re-label the whole page in the current language. */
export function apply(root = document) {
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  document.title = t("title");
  for (const el of root.querySelectorAll("[data-i18n]")) {
    const vars = el.dataset.i18nVars ? JSON.parse(el.dataset.i18nVars) : {};
    el.textContent = t(el.dataset.i18n, vars);
  }
  for (const el of root.querySelectorAll("[data-i18n-placeholder]")) {
    el.placeholder = t(el.dataset.i18nPlaceholder);
  }
  for (const el of root.querySelectorAll("[data-i18n-label]")) {
    const vars = el.dataset.i18nVars ? JSON.parse(el.dataset.i18nVars) : {};
    el.setAttribute("aria-label", t(el.dataset.i18nLabel, vars));
  }
  const toggle = document.getElementById("lang-toggle");
  toggle.textContent = t("langButton");
  toggle.lang = lang === "zh" ? "en" : "zh-CN";
}

export function toggleLanguage() {
  lang = lang === "zh" ? "en" : "zh";
  localStorage.setItem(KEY, lang);
  apply();
}
