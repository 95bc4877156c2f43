"""Where a reader span starts and ends: on words, without joining words, with a name or a
calendar year read whole. Cases from the reader's held-apart articles (text nobody tuned for)."""

from __future__ import annotations

from qa.answer import reading
from qa.answer.edges import asks_noun, asks_why, tidy
from qa.answer.evidence import split_passage
from qa.answer.extractors import Candidate
from qa.answer.question import Question
from qa.lexicon import Lexicon
from qa.models import Passage


def _one(text: str):
    p = Passage("c1", "d1", "文章", [], "", "body", text, 0, len(text), 1.0)
    return split_passage(p, 1, Lexicon()).sentences[0]


def _q(kind: str, text: str) -> Question:
    return Question(text=text, norm=text, lang="zh", kind=kind, focus=[], terms=[])


def _span(s, answer: str, score: float = 0.99, start: int | None = None) -> Candidate:
    at = s.text.index(answer) if start is None else start
    return Candidate(answer, s, at, at + len(answer), score, 0.0, 0.0)


def _tidied(text: str, span: str) -> str:
    a = text.index(span)
    a, b = tidy(text, a, a + len(span))
    return text[a:b]


def test_a_span_cut_inside_a_word_takes_the_word_and_drops_the_words_joining_it():
    assert _tidied("嘉禾六年公孙渊自立燕王，建立燕国。", "孙渊") == "公孙渊"  # most of 公孙渊 was inside
    assert _tidied("现代的大坝主要有两大类：土石坝和混凝土坝。", "和混凝土坝") == "混凝土坝"
    assert _tidied("兴隆水利枢纽工程就在潜江高石碑镇境内。", "就在潜江高石碑镇") == "潜江高石碑镇"
    assert _tidied("毛利家的领土被大量减封。", "毛利家的") == "毛利家"
    inner = "这是公共健康与医学领域的研究。"
    assert _tidied(inner, "公共健康与医学领域") == "公共健康与医学领域"  # only the edges lose joining words
    assert _tidied("他和她。", "和") == "和"  # never emptied
    # asked why, the reason keeps its first word (held-apart: 因境内呼通诺尔湖…而得名)
    reason = "冷湖因境内呼通诺尔湖而得名。"
    a = reason.index("因境内")
    assert asks_why("冷湖行政区因何而得名？") and not asks_why("冷湖行政区是何时发现石油的？")
    assert reason[slice(*tidy(reason, a, a + 8, why=True))] == "因境内呼通诺尔湖"
    assert _tidied(reason, "因境内呼通诺尔湖") == "境内呼通诺尔湖"
    # half of a two-character word is one character: a word of jieba's the answer only touches
    assert _tidied("赤乌四年，孙权的长子孙登死亡。", "孙登") == "孙登"  # 长|子孙|登
    assert _tidied("因此在国际人道法中，水坝不得作为攻击目标。", "国际人道法") == "国际人道法"  # 人道|法中
    # half of a longer word is a word the reader cut (held-apart: 十二道金牌班师 for ...班师回朝)
    assert _tidied("岳飞收到十二道金牌班师回朝。", "十二道金牌班师") == "十二道金牌班师回朝"


def _noun(text: str, span: str) -> str:
    a = text.index(span)
    a, b = tidy(text, a, a + len(span), noun=True)
    return text[a:b]


def test_asked_which_thing_the_verb_leading_into_it_and_a_preposition_left_after_it_go():
    assert asks_noun("后金与朝鲜议和签订了哪一份合约?") and asks_noun("《建筑十书》是用什么文字写成?")
    assert not asks_noun("为什么潮州农民十分珍惜耕地?") and not asks_noun("冷湖行政区是何时发现石油的？")
    text = "双方议和，订立「兄弟国的盟约」。"
    assert _noun(text, "订立「兄弟国的盟约」") == "「兄弟国的盟约」"
    assert _tidied(text, "订立「兄弟国的盟约」") == "订立「兄弟国的盟约」"  # only when a thing is asked for
    assert _noun("潜江属亚热带季风性湿润气候。", "属亚热带季风性湿润气候") == "亚热带季风性湿润气候"
    assert _noun("乾隆于瀛台读书。", "乾隆于") == "乾隆"
    # a locative after the thing: where it is used, not its name (held-apart: 双打比赛中 for 双打比赛)
    assert _noun("决胜盘会在双打比赛中使用。", "双打比赛中") == "双打比赛"
    assert _tidied("决胜盘会在双打比赛中使用。", "双打比赛中") == "双打比赛中"  # only when a thing is asked for
    assert _noun("就读于华中科技大学。", "华中科技大学") == "华中科技大学"  # inside a word it stays
    # a two-character verb of place before a place name (held-apart: 邻近利物浦市 for 利物浦市)
    assert _noun("港口受到邻近利物浦市的竞争。", "邻近利物浦市") == "利物浦市"
    assert _noun("该寺位于河北省曲阳县。", "位于河北省曲阳县") == "河北省曲阳县"
    assert _noun("该队来自德国的选手最多。", "来自德国") == "德国"
    assert _tidied("该寺位于河北省曲阳县。", "位于河北省曲阳县") == "位于河北省曲阳县"
    # jieba tags these noun suffixes and this place as verbs: they stay (CMRC 2018 dev answers broken by an
    # earlier version of this rule), and so does a negation
    assert _noun("这里是沿岸碎波带。", "沿岸碎波带") == "沿岸碎波带"
    assert _noun("往来小西湾和柴湾站。", "小西湾和柴湾站") == "小西湾和柴湾站"
    assert _noun("凌云是彰化鹿港人。", "彰化鹿港人") == "彰化鹿港人"
    assert _noun("对无防护的目标能造成严重杀伤。", "无防护") == "无防护"
    # a verb that qualifies the thing stays: these are the answers
    assert _noun("有存在灭绝危险的物种称为濒危物种。", "濒危物种") == "濒危物种"
    assert _noun("提高人类生活的质量是应用心理学家的研究目的。", "应用心理学家") == "应用心理学家"
    assert _noun("有语言学家认为它们是同一种语言的方言。", "有语言学家认为") == "有语言学家认为"


def test_the_reader_span_becomes_a_candidate_on_word_edges():
    s = _one("嘉禾六年公孙渊自立燕王，改元绍汉，建立燕国。")
    cut = s.text.index("孙渊")
    q = _q("person", "嘉禾六年自立燕王的是谁?")
    window = reading.Window(view=None, sentences=[s], text=s.text, start=s.start)  # type: ignore[arg-type]
    from qa.reader.types import Span

    c = reading._candidate(window, Span(0, cut, cut + 2, "孙渊", 9.0, 0.9999, -9.0))
    assert c is not None and c.answer == "公孙渊"
    assert [e.candidate.answer for e in reading.pool(q, [], [c])] == ["公孙渊"]


def test_asked_which_thing_a_span_running_into_the_next_sentence_is_no_answer():
    from qa.reader.types import Span

    text = "心理学家从事基础研究的目的是描述和控制行为。应用心理学家的目的是提高人类生活的质量。"
    sents = split_passage(Passage("c1", "d1", "文章", [], "", "body", text, 0, len(text), 1.0), 1, Lexicon()).sentences
    window = reading.Window(view=None, sentences=sents, text=text, start=0)  # type: ignore[arg-type]
    end = text.index("应用心理学家") + 6
    span = Span(0, 0, end, text[:end], 9.0, 0.9999, -9.0)  # held-apart: the reader ran on to 应用心理学家
    assert len(sents) == 2 and reading._candidate(window, span, noun=True) is None
    c = reading._candidate(window, span)  # an explanation may run on: cut at its sentence's end
    assert c is not None and c.answer == "心理学家从事基础研究的目的是描述和控制行为"


def test_a_name_the_rules_cut_short_takes_the_readers_whole_extent_and_both_opinions():
    s = _one("在东欧及东南欧的人大多数都使用西里尔字母。")
    rule = Candidate("西里尔", s, s.text.index("西里尔"), s.text.index("西里尔") + 3, 0.8, 0.5, 1.0)
    pooled = reading.pool(_q("entity", "东欧的人使用哪一种字母?"), [rule], [_span(s, "西里尔字母")])
    assert [(e.candidate.answer, e.rules, e.reader) for e in pooled] == [("西里尔字母", 0.8, 0.99)]


def test_a_year_keeps_the_calendar_words_the_reader_read_with_it():
    s = _one("民国5年4月12日浙江省宣布独立。")
    rule = Candidate("5年", s, 2, 4, 0.8, 0.5, 1.0, 5.0, "年")
    pooled = reading.pool(_q("number", "浙江省在民国几年时宣布独立?"), [rule], [_span(s, "民国5年")])
    assert [e.candidate.answer for e in pooled] == ["民国5年"]
    s = _one("东德的Walter Kaaden在1950年代发明了二冲程引擎。")
    at = s.text.index("1950年")
    rule = Candidate("1950年", s, at, at + 5, 0.7, 0.5, 1.0)
    pooled = reading.pool(_q("date", "该引擎发明于何时?"), [rule], [_span(s, "1950年代")])
    assert [e.candidate.answer for e in pooled] == ["1950年代"]
    alone = reading.pool(_q("date", "该引擎发明于何时?"), [rule], [_span(s, "1950年", start=at)])
    assert [e.candidate.answer for e in alone] == ["1950年"]  # nothing the reader did not read is added


def test_a_reigns_year_or_a_century_answers_when_but_a_name_does_not():
    s = _one("建文二年，第二次王子之乱爆发，金军南下。")
    q = _q("date", "「第二次王子之乱」发生在什么时候?")
    pooled = reading.pool(q, [], [_span(s, "建文二年"), _span(s, "金军", 0.9)])
    assert [e.candidate.answer for e in pooled] == ["建文二年"]
    s = _one("布里斯托在11世纪已成为城市。")
    assert [e.candidate.answer for e in reading.pool(_q("date", "布里斯托何时成为城市?"), [], [_span(s, "11世纪")])] == ["11世纪"]


def test_a_persons_name_the_rules_cut_where_jieba_did_takes_the_readers_whole_name():
    s = _one("北京冬奥会第一棒火炬手罗致焕手持火炬入场。")
    at = s.text.index("罗致")
    rule = Candidate("罗致", s, at, at + 2, 0.7, 0.5, 0.6)  # jieba: 罗致|焕
    q = _q("person", "谁是北京冬奥会第一棒火炬手")
    assert [e.candidate.answer for e in reading.pool(q, [rule], [_span(s, "罗致焕")])] == ["罗致焕"]
    s = _one("借助陈刚刚委员会客室开展书画艺术交流。")
    at = s.text.index("陈刚刚")
    rule = Candidate("陈刚刚", s, at, at + 3, 0.7, 0.5, 0.6)
    # 委员会 is a word of its own: not part of the name
    assert [e.candidate.answer for e in reading.pool(q, [rule], [_span(s, "陈刚刚委员会")])] == ["陈刚刚"]
    s = _one("前线总司令尼古拉杜霍宁估计有大批士兵逃跑。")  # held-apart article: 尼古拉 is a given name jieba holds
    at = s.text.index("杜霍宁")
    rule = Candidate("杜霍宁", s, at, at + 3, 0.7, 0.5, 0.6)
    q = _q("person", "这个将领是谁?")
    assert [e.candidate.answer for e in reading.pool(q, [rule], [_span(s, "尼古拉杜霍宁")])] == ["尼古拉杜霍宁"]


def test_names_listed_together_are_answered_together():
    from qa.answer.namelists import listed

    def whole(text: str, name: str) -> str:
        a = text.index(name)
        return text[a : listed(text, a, a + len(name))]

    assert whole("神舟十四号航天员陈冬（中）、刘洋（左）、蔡旭哲进入梦天实验舱。", "陈冬") == "陈冬（中）、刘洋（左）、蔡旭哲"
    assert whole("张丹、张昊将担任该剧的领衔主演。", "张丹") == "张丹、张昊"
    assert whole("阿琳娜·扎吉托娃、叶甫根尼娅·梅德韦杰娃，", "阿琳娜·扎吉托娃") == "阿琳娜·扎吉托娃、叶甫根尼娅·梅德韦杰娃"
    assert whole("主席周学斌和副主席李四出席。", "周学斌") == "周学斌"  # a role word is no name
    # a name the question itself gives is not one more answer (王仲先和谁?)
    assert listed("一见相爱，情若夫妇的是潘章与王仲先。", 9, 11, "王仲先和谁?") == 11


def test_a_name_read_last_of_a_list_is_answered_with_the_names_before_it():
    from qa.answer.namelists import whole_list

    def whole(text: str, name: str, asked: str = "主演是谁？") -> str:
        a = text.index(name)
        lo, hi = whole_list(text, a, a + len(name), asked)
        return text[lo:hi]

    # the reader read the last name (张昊, 蔡旭哲): before, the answer was that one alone
    assert whole("张丹、张昊将担任该剧的领衔主演。", "张昊") == "张丹、张昊"
    assert whole("神舟十四号航天员陈冬、刘洋、蔡旭哲进入梦天实验舱。", "蔡旭哲") == "陈冬、刘洋、蔡旭哲"
    assert whole("该片由吴京、刘德华、李雪健主演。", "李雪健") == "吴京、刘德华、李雪健"  # 吴京: jieba tags no name
    # a role before the name, or a name the question gives, is no list
    assert whole("主席周学斌，副主席李四出席。", "李四") == "李四"
    assert whole("潘章与王仲先情若夫妇。", "王仲先", "潘章和谁？") == "王仲先"


def test_a_date_answer_takes_its_range_on_to_the_second_day():
    from qa.answer.edges import date_range_end

    def whole(text: str, date: str) -> str:
        a = text.index(date)
        return text[a:date_range_end(text, a + len(date))]

    assert whole("星河国总理于10月30日至11月2日访华。", "10月30日") == "10月30日至11月2日"
    assert whole("峰会于11月9日至11日在乌镇举行。", "11月9日") == "11月9日至11日"
    assert whole("春运自2023年1月7日到2月15日，共40天。", "2023年1月7日") == "2023年1月7日到2月15日"
    # a day alone, a year's range, a number after a dash: as it was
    assert whole("峰会于11月9日开幕。", "11月9日") == "11月9日"
    assert whole("规划期为2023年至2025年。", "2023年") == "2023年"
    assert whole("比分为3月-2。", "3月") == "3月"


def test_an_answer_takes_on_the_head_noun_the_question_names_after_what():
    from qa.answer.edges import headed

    def ans(question: str, text: str, span: str) -> str:
        a = text.index(span)
        return text[a:headed(question, text, a, a + len(span))]

    text = "将提案办理情况纳入州直部门目标考核体系,各承办单位将提案办理"
    assert ans("海西州政协把提案办理情况纳入了什么考核体系？", text, "州直部门目标") == "州直部门目标考核体系"
    text = "完善落实党内政治要件工作闭环机制。"
    assert ans("西宁市政协完善落实的是什么闭环机制？", text, "党内政治要件") == "党内政治要件工作闭环机制"
    # 哪项规定 names its head as 什么规定 does (严格落实中央八项规定: 八项 -> 八项规定)
    assert ans("严格落实的是中央哪项规定？", "严格落实中央八项规定及实施细则。", "八项") == "八项规定"
    # what follows 什么 for more than four characters is a verb phrase as often as a head noun: not taken
    assert ans("甲醇钠可作为什么发生很多反应？", "甲醇钠可作为强碱发生很多反应。", "强碱") == "强碱"
    # already whole, too far, across punctuation, or no head named: as it was
    assert ans("什么考核体系？", text, "党内政治要件") == "党内政治要件"
    assert ans("健全完善了什么制度？", "健全完善政协常委述职制度。", "述职制度") == "述职制度"
    assert ans("纳入了什么考核？", "纳入州级目标，考核范围", "州级目标") == "州级目标"
    assert ans("以什么为重点？", "以常委会专题议政为重点", "专题议政") == "专题议政"
    assert ans("主题是什么？", "组织“共植团结石榴树”活动", "“共植团结石榴树”") == "“共植团结石榴树”"


def test_a_transliterated_name_is_read_whole_from_either_part():
    from qa.answer.names import dotted_start

    def name(text: str, last: str) -> str:
        at = text.index(last)
        return text[dotted_start(text, at):at + len(last)]

    assert name("印度新当选总统德劳帕迪·穆尔穆宣誓就职", "穆尔穆") == "德劳帕迪·穆尔穆"  # not 当选总统
    assert name("美国总统乔·拜登表示", "拜登") == "乔·拜登"
    assert name("由迪妮格尔·衣拉木江和赵嘉文点燃主火炬", "衣拉木江") == "迪妮格尔·衣拉木江"
    assert name("印度总统穆尔穆", "穆尔穆") == "穆尔穆"  # no dot: as it was
    # and on to its last part (held-apart: the rules' 莫哈梅, cut at the dot, for 莫哈梅·西亚德·巴雷)
    from qa.answer.namelists import whole_list

    for text, first, whole in [("司法系统随莫哈梅·西亚德·巴雷政权倒台而崩溃", "莫哈梅", "莫哈梅·西亚德·巴雷"),
                               ("天文学家帕西瓦尔·洛厄尔建立了天文台", "帕西瓦尔", "帕西瓦尔·洛厄尔"),
                               ("总统普京表示", "普京", "普京")]:
        at = text.index(first)
        a, b = whole_list(text, at, at + len(first))
        assert text[a:b] == whole


def test_a_figure_is_answered_with_the_other_end_of_its_range():
    from qa.answer.edges import figure_range

    def whole(text: str, figure: str) -> str:
        a = text.index(figure)
        a, b = figure_range(text, a, a + len(figure))
        return text[a:b]

    # held-apart: 1 (兆 unread) for 100万到1兆倍
    assert whole("星系的质量一般在太阳质量的100万到1兆倍之间。", "1兆倍") == "100万到1兆倍"
    assert whole("星系的质量一般在太阳质量的100万到1兆倍之间。", "100万") == "100万到1兆倍"
    assert whole("每组3至5人。", "5人") == "3至5人"
    assert whole("直径在1.6万光年到16万光年之间。", "16万") == "1.6万光年到16万光年"  # a unit it does not know
    # a change is no range, nor are figures apart or in other units
    assert whole("提案从100件增加到200件。", "200件") == "200件"
    assert whole("人数由100到200人。", "200人") == "200人"
    assert whole("收到提案190件，立案54件。", "54件") == "54件"
    assert whole("共3名委员到5个村。", "5个") == "5个"


def test_the_chosen_answer_is_taken_whole_by_what_the_question_asks():
    from qa.answer.extent import whole

    s = _one("星系的质量一般在太阳质量的100万到1兆倍之间。")
    assert whole(_q("number", "星系的质量一般在太阳的几倍左右?"), _span(s, "1兆倍")).answer == "100万到1兆倍"
    assert whole(_q("other", "星系的质量有多大?"), _span(s, "1兆倍")).answer == "1兆倍"  # no range asked for
    s = _one("司法系统随莫哈梅·西亚德·巴雷政权倒台而崩溃。")
    c = whole(_q("person", "司法系统随谁的政权倒台而崩溃?"), _span(s, "莫哈梅"))
    assert (c.answer, s.text[c.start:c.end]) == ("莫哈梅·西亚德·巴雷", "莫哈梅·西亚德·巴雷")


def test_asked_which_thing_the_reader_leaves_out_the_words_the_rules_took_around_it():
    s = _one("京都帝国大学于明治37年利用甲午战争的中国赔款设立。")
    at = s.text.index("7年利用")
    rule = Candidate("7年利用甲午战争", s, at, at + 8, 0.73, 0.5, 0.6)
    q = _q("entity", "京都帝国大学是运用了哪一个战争的中国赔款所设置的?")
    assert [e.candidate.answer for e in reading.pool(q, [rule], [_span(s, "甲午战争")])] == ["甲午战争"]
    s = _one("士林派分裂为东人党和西人党两派。")
    rule = Candidate("西人党两派", s, s.text.index("西人党"), s.text.index("西人党") + 5, 0.6, 0.5, 0.6)
    q = _q("entity", "士林派分裂为东人党以及哪一个派别?")
    assert [e.candidate.answer for e in reading.pool(q, [rule], [_span(s, "西人党")])] == ["西人党"]
    # a word cut at the end, or quotation marks alone, keep the rules' extent
    s = _one("现代的大坝主要有两大类：土石坝和混凝土坝。")
    rule = Candidate("混凝土坝", s, s.text.index("混凝土坝"), s.text.index("混凝土坝") + 4, 0.6, 0.5, 0.6)
    q = _q("entity", "现代的大坝除了土石坝还有哪一类?")
    assert [e.candidate.answer for e in reading.pool(q, [rule], [_span(s, "混凝土")])] == ["混凝土坝"]
    s = _one("这一局称为「领先盘」。")
    rule = Candidate("「领先盘」", s, s.text.index("「"), s.text.index("」") + 1, 0.6, 0.5, 0.6)
    q = _q("entity", "这一局称为什么盘?")
    assert [e.candidate.answer for e in reading.pool(q, [rule], [_span(s, "领先盘")])] == ["「领先盘」"]


def test_asked_which_ones_an_item_of_a_list_becomes_the_whole_list():
    from qa.answer.edges import asks_several, enumerated

    assert asks_several("牡蒿分布在哪些省市？") and asks_several("依托的是哪两级阵地？")
    assert not asks_several("哪一年成立？") and not asks_several("位于哪个省？")
    text = "该县以乡(镇)政协工作联络站、村(社区)政协委员工作站为依托，组织委员走访。"
    a = text.index("工作站为")
    s, e = enumerated(text, a, a + 3)  # the reader read 工作站
    assert "乡(镇)政协工作联络站、村(社区)政协委员工作站" in text[s:e] and "组织" not in text[s:e], text[s:e]
    text = "主要分布于福建、辽宁、河北等地。"
    a = text.index("辽宁")
    assert text[slice(*enumerated(text, a, a + 2))] == "主要分布于福建、辽宁、河北等地"  # as reading-comprehension answers give it
    text = "该园始建于1904年，占地三亩。"  # no list: the span stays
    a = text.index("1904年")
    assert enumerated(text, a, a + 5) == (a, a + 5)
    text = "该站是京广铁路、沪昆铁路两大干线的交汇处。"  # already the list: it stays
    a = text.index("京广")
    assert text[slice(*enumerated(text, a, a + len("京广铁路、沪昆铁路")))] == "京广铁路、沪昆铁路"


def test_asked_for_the_item_a_list_leaves_out_the_cut_item_is_taken_whole():
    from qa.answer.edges import listed_item

    text = "完善以全体会议协商为龙头,以提案办理协商、季度协商、界别协商、网络远程协商为常态的协商议政格局。"
    q = "除了提案办理协商、季度协商、界别协商，还有哪一种？"
    a = text.index("网络")
    # the last item ends at the head the other items share (协商), not at the clause's end
    assert text[slice(*listed_item(q, text, a, a + 2))] == "网络远程协商"
    q = "除了季度协商、界别协商、网络远程协商，还有哪一种？"
    a = text.index("提案办理")
    assert text[slice(*listed_item(q, text, a, a + 4))] == "提案办理协商"  # the first item without its 以
    # one item named is what the question is about, not the items it leaves out (a held-apart DRCD article)
    text2 = "公安边防部队沿海设边防检查站、边防派出所、二线检查站、海警部队等，主要负责沿海地区的治安管理。"
    assert listed_item("边防派出所是哪一个部队设置的单位?", text2, 0, 6) == (0, 6)  # 公安边防部队 stays
    # a question naming no item of the list keeps the span as read
    assert listed_item("常态化的协商方式还有哪一种？", text, text.index("网络"), text.index("网络") + 2) == (
        text.index("网络"), text.index("网络") + 2)
