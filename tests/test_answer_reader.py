"""The trained reader inside the extractive composer (qa/answer/reading.py, eval/fit_fusion.py).

Real reader weights, real embedder and index of the bundled reports; the pooling and fitting
helpers are also checked on hand-made inputs where the real run cannot reach a case.
"""

from __future__ import annotations

import json

import pytest

from eval.fit_fusion import Asked, fit_coef, fit_thresholds, outcome
from qa.answer import reading
from qa.answer.evidence import split_passage
from qa.answer.extractors import Candidate
from qa.answer.fusion import FEATURES, Fusion
from qa.answer.pipeline import Answerer
from qa.answer.question import Question
from qa.config import Settings
from qa.errors import UnknownBackendError
from qa.lexicon import Lexicon
from qa.models import Passage


@pytest.fixture(scope="module")
def with_reader(retriever) -> Answerer:
    return Answerer(retriever, Settings(reader="trained"))


def test_the_fitted_fusion_is_recorded_with_what_it_was_fitted_on():
    f = Fusion.load()
    assert len(f.coef) == len(FEATURES) and any(f.coef)
    assert 0.0 <= f.threshold <= 1.0 and 0.0 <= f.threshold_reader_alone <= 1.0
    assert f.fitted["by"] == "python -m eval.fit_fusion"
    assert f.fitted["features"] == list(FEATURES)
    fitted_on = set(f.fitted["sets"])
    assert fitted_on and not fitted_on & {"test", "fresh", "absent", "cmrc2018", "rgb-zh"}  # those measure it


def test_the_reader_answers_with_the_whole_figure_and_cites_it(with_reader):
    a = with_reader.ask("大武口区政协2023年审查立案的提案有几件？")
    assert not a.abstained and "54" in a.answer and "件" in a.answer
    assert any("审查立案54件" in c.text for c in a.citations)
    doc = with_reader.retriever.index.document(a.citations[0].doc_id)
    c = a.citations[0]
    assert doc.text[c.start:c.end] == c.text  # offsets point at the document's own text


def test_the_reader_does_not_answer_for_an_organisation_the_documents_lack(with_reader):
    for q in ("固原市政协2023年收到多少件提案？", "银川市兴庆区政协主席是谁？"):
        a = with_reader.ask(q)
        assert a.abstained, (q, a.answer)


def test_an_english_question_gets_english_around_the_figure(with_reader):
    a = with_reader.ask("How many proposals did the Dawukou District CPPCC receive in 2023?")
    assert not a.abstained and "190" in a.answer and a.answer.isascii() is False
    assert any(w in a.answer.lower() for w in ("proposal", "190"))


def test_the_reader_is_chosen_by_name_and_an_unknown_name_lists_the_valid_ones(retriever):
    assert Answerer(retriever, Settings(reader="none")).composer.reader is None
    with pytest.raises(UnknownBackendError) as err:
        Answerer(retriever, Settings(reader="bogus"))
    assert "trained" in str(err.value) and "none" in str(err.value)


def _sentences():
    text = "全年共收到提案190件，审查立案54件，意见建议30件。委员讲堂开展了12场。"
    p = Passage("c1", "d1", "报告", [], "某区政协", "body", text, 0, len(text), 1.0)
    return split_passage(p, 1, Lexicon()).sentences


def _q(kind: str, text: str = "审查立案了多少件提案？"):
    from qa.answer.question import Question

    return Question(text=text, norm=text, lang="zh", kind=kind, focus=["立案"], terms=["立案", "提案"])


def test_a_span_that_is_a_rule_candidate_lends_it_its_probability_and_keeps_the_unit():
    s = _sentences()[0]
    rule = Candidate("54件", s, s.text.index("54件"), s.text.index("54件") + 3, 0.8, 0.5, 1.0, 54.0, "件")
    span = Candidate("54", s, rule.start, rule.start + 2, 0.97, 0.0, 0.0)
    pooled = reading.pool(_q("number"), [rule], [span])
    assert len(pooled) == 1 and pooled[0].candidate.answer == "54件"
    assert pooled[0].rules == 0.8 and pooled[0].reader == 0.97


def test_a_clause_read_around_a_figure_snaps_to_the_figure_and_a_span_without_one_is_no_answer():
    s = _sentences()[0]
    at = s.text.index("审查立案54件")
    rule = Candidate("54件", s, at + 4, at + 7, 0.3, 0.5, 1.0, 54.0, "件")
    clause = Candidate("审查立案54件", s, at, at + 7, 0.9, 0.0, 0.0)
    words = Candidate("审查立案", s, at, at + 4, 0.9, 0.0, 0.0)
    pooled = reading.pool(_q("number"), [rule], [clause, words])
    answers = {e.candidate.answer: e for e in pooled}
    assert answers["54件"].reader == 0.9  # the clause became the figure
    assert "审查立案" not in answers  # no figure: never the answer to "how many"
    who = {e.candidate.answer: e for e in reading.pool(_q("person", "谁审查立案？"), [], [words])}
    assert who["审查立案"].kind_fit == 0.0  # a name the rules do not know is only less likely


def _one(text: str):
    p = Passage("c2", "d1", "报告", [], "某区政协", "body", text, 0, len(text), 1.0)
    return split_passage(p, 1, Lexicon()).sentences[0]


def test_a_figure_counted_in_another_measure_than_the_one_asked_is_never_the_answer():
    s = _one("全区8名委员获得市级以上荣誉20余项。")
    q = _q("number", "委员一共拿了多少项荣誉？")
    q.measure = "项"
    rule = Candidate("20余项", s, s.text.index("20余项"), s.text.index("20余项") + 4, 0.6, 0.5, 1.0, 20.0, "项")
    bare = Candidate("8", s, s.text.index("8名"), s.text.index("8名") + 1, 0.99, 0.0, 0.0)  # the 8 of 8名
    assert [e.candidate.answer for e in reading.pool(q, [rule], [bare])] == ["20余项"]
    q.measure = None  # a measure guessed from the question's nouns is no ground to drop it
    assert len(reading.pool(q, [rule], [bare])) == 2


def test_a_clause_that_snaps_to_a_figure_not_asked_is_dropped_like_the_figure():
    """The reader read 2023财年营收将增长10%至12% for revenue; it snaps to the rules' 10%, a growth the rules
    themselves drop. Kept, it took the reader's confidence from the revenue figure (news-int: "not found")."""
    import jieba

    from qa.answer.question import analyse

    q = analyse("晨星咖啡2023财年第三财季的营收是多少？", [], lambda t: [w for w in jieba.cut(t) if w.strip()], Lexicon())
    s = _one("展望未来，晨星咖啡预计2023财年营收将增长10%至12%，并预计调整后每股收益增长16%至17%。")
    at, clause = s.text.index("10%至12%"), s.text.index("2023财年营收")
    growth = Candidate("10%", s, at, at + 3, 0.42, 0.5, 1.0, 10.0, "%")
    read = Candidate(s.text[clause:at + 7], s, clause, at + 7, 0.99, 0.0, 0.0)
    assert reading.pool(q, [growth], [read]) == []


def test_a_rate_named_otherwise_than_the_one_asked_is_never_the_answer():
    s = _one("建立提案办理协商机制，提案办复率100%，委员满意率90%以上。")
    q = _q("number", "某区政协提案的立案率是多少？")
    done = Candidate("100%", s, s.text.index("100%"), s.text.index("100%") + 4, 0.43, 0.5, 1.0, 100.0, "%")
    liked = Candidate("90%", s, s.text.index("90%"), s.text.index("90%") + 3, 0.99, 0.0, 0.0)
    labelled = Candidate("提案办复率100%", s, s.text.index("提案办复率"), done.end, 0.9, 0.0, 0.0)
    assert reading.pool(q, [done], [liked, labelled]) == []  # 办复率, 满意率: neither is the 立案率 asked
    q = _q("number", "委员满意率是多少？")
    assert [e.candidate.answer for e in reading.pool(q, [done], [liked])] == ["90%"]
    q = _q("number", "提案办复了多少？")  # no rate named: nothing to check
    assert len(reading.pool(q, [done], [liked])) == 2


def test_a_span_cut_inside_quotation_marks_is_widened_to_the_whole_name():
    s = _one("在探索建立“提案网上直通车”的基础上，编印《学习参考》12期。")
    cut = Candidate("提案网上", s, s.text.index("提案网上"), s.text.index("提案网上") + 4, 0.9, 0.0, 0.0)
    title = Candidate("学习参考", s, s.text.index("学习参考"), s.text.index("学习参考") + 4, 0.8, 0.0, 0.0)
    rule = Candidate("提案网上", s, cut.start, cut.end, 0.7, 0.5, 0.5)  # the rules cut it too
    pooled = reading.pool(_q("entity", "在探索建立什么的基础上？"), [rule], [cut, title])
    assert sorted(e.candidate.answer for e in pooled) == ["《学习参考》", "提案网上直通车"]  # a title keeps its marks
    whole = next(e for e in pooled if e.candidate.answer == "提案网上直通车")
    assert whole.rules == 0.7 and whole.reader == 0.9  # one answer, both opinions


def test_a_year_is_not_the_answer_to_which_day():
    s = _one("2023年12月1日，区长参加调研视察活动。")
    q = _q("date", "区长参加了哪天的调研视察活动？")
    q.date_part = "day"
    year = Candidate("2023年", s, 0, 5, 0.99, 0.0, 0.0)
    day = Candidate("12月1日", s, 5, 10, 0.5, 0.0, 0.0)
    assert [e.candidate.answer for e in reading.pool(q, [], [year, day])] == ["12月1日"]
    ruled = Candidate("2023年", s, 0, 5, 0.31, 0.5, 0.0)  # the rules' year, fit 0 for a day
    bare = Candidate("2023", s, 0, 4, 0.9, 0.0, 0.0)  # snaps to that year: no day either
    assert [e.candidate.answer for e in reading.pool(q, [ruled], [bare, day])] == ["12月1日"]
    q.date_part = "year"
    assert len(reading.pool(q, [], [year, day])) == 2


def test_keywords_naming_several_things_keep_the_statement_the_reader_points_into():
    s = _sentences()[0]
    statement = Candidate(s.text, s, 0, len(s.text), 0.5, 0.5, 0.5)
    one = Candidate("54件", s, s.text.index("54件"), s.text.index("54件") + 3, 0.99, 0.0, 0.0)
    q = _q("other", "某区政协收到提案和审查立案的数量")
    pooled = reading.pool(q, [statement], [one])
    assert len(pooled) == 1 and pooled[0].candidate is statement and pooled[0].reader == 0.99
    for question in ("某区政协审查立案的是什么？", "某区政协立案的提案被称之为?", "某区政协审查立案的数量"):
        asked = reading.pool(_q("other", question), [statement], [one])
        assert len(asked) == 2, question  # a question, or keywords for one thing: the span is an answer of its own


def test_a_span_that_snaps_to_a_rule_candidate_is_that_candidate_not_a_rival():
    s = _sentences()[0]
    at = s.text.index("提案190件")
    rule = Candidate("190件", s, at + 2, at + 6, 0.6, 0.5, 1.0, 190.0, "件")
    span = Candidate("收到提案190", s, at - 2, at + 5, 0.4, 0.0, 0.0)  # overlaps 190件 by less than half
    pooled = reading.pool(_q("number"), [rule], [span])
    assert len(pooled) == 1 and pooled[0].rules == 0.6 and pooled[0].reader == 0.4


def test_saturated_reader_probabilities_still_differ_by_margin_and_share():
    # two spans the reader is all but sure of (probability ~1.0): the margin still tells them apart
    s = _sentences()[0]
    a = Candidate("190件", s, s.text.index("190件"), s.text.index("190件") + 4, 1 - 1e-8, 0.0, 0.0)
    b = Candidate("30件", s, s.text.index("30件"), s.text.index("30件") + 3, 1 - 1e-3, 0.0, 0.0)
    pooled = {e.candidate.answer: e for e in reading.pool(_q("entity"), [], [a, b])}
    assert pooled["190件"].margin == pytest.approx(1.842, abs=1e-3)  # logit 18.4 over 10
    assert pooled["30件"].margin == pytest.approx(0.691, abs=1e-3)
    assert pooled["190件"].share > 0.99 > pooled["30件"].share > 0
    # spans the reader itself rejects (margins far below "no answer") do not stand out among each other
    low = [Candidate("190件", s, a.start, a.end, 0.01, 0.0, 0.0), Candidate("30件", s, b.start, b.end, 1e-4, 0.0, 0.0)]
    shares = {e.candidate.answer: e.share for e in reading.pool(_q("entity"), [], low)}
    assert shares["190件"] < 0.02 and shares["30件"] < 0.001
    rule_only = reading.pool(_q("number"), [Candidate("54件", s, 0, 3, 0.8, 0.5, 1.0, 54.0, "件")], [])[0]
    assert rule_only.margin == rule_only.share == 0.0


def test_an_english_question_reaches_the_reader_as_the_chinese_words_found_for_it():
    from qa.answer.question import Question

    en = Question(text="How many proposals did the Dawukou CPPCC register in 2023?", norm="", lang="en",
                  kind="number", unit="件", orgs=["大武口区政协"], years=[2023], terms=["提案", "立案"])
    assert reading.reader_question(en) == "大武口区政协2023年提案立案多少件？"
    zh = _q("number")
    assert reading.reader_question(zh) == zh.text  # a Chinese question is read as asked


def test_a_fusion_fitted_on_other_features_is_refused_with_the_command_that_refits_it(tmp_path):
    from qa.errors import ReaderConfigError

    path = tmp_path / "fusion.json"
    path.write_text(json.dumps({"coef": [0.5, 1.0], "threshold": 0.4}), encoding="utf-8")
    with pytest.raises(ReaderConfigError, match="eval.fit_fusion"):
        Fusion.load(path)
    assert Fusion.load(path, check=False).threshold == 0.4


def test_the_bounds_hold_over_the_gold_sets_together_not_one_question_per_set():
    # "a" has one unanswerable question the reader is sure of; per set, catching it would silence
    # every answerable reader-only answer of "b"; over both sets' unanswerable questions it is one miss in ten
    x = [0.0] * len(FEATURES)
    sure, right = list(x), list(x)
    sure[:5] = [1.0, 0.9, 0.0, 0.0, 1.0]
    right[:5] = [1.0, 0.8, 0.0, 0.0, 1.0]
    low = [1.0] + [0.0] * (len(x) - 1)
    sets = {"a": [Asked(False, [(sure, False)])] + [Asked(True, [(right, True)])] * 20,
            "b": [Asked(False, [(low, False)])] * 9 + [Asked(True, [(right, True)])] * 20}
    coef = [-4.0, 7.0] + [0.0] * (len(x) - 2)  # confidence: sure 0.92, right 0.83, low 0.02
    thresholds = fit_thresholds(sets, coef, ["a", "b"])
    both = outcome(sets["a"] + sets["b"], coef, thresholds)
    assert both.abstained_unanswerable == 0.9 and both.false_abstention == 0.0


def test_the_fit_separates_right_from_wrong_and_keeps_the_bounds():
    # right answers: both opinions high; wrong ones: the reader alone, weakly
    good = [0.0] * len(FEATURES)
    sets = {"gold": [], "other": []}
    for i in range(40):
        right = list(good)
        right[:4] = [1.0, 0.95, 0.8, 0.76]
        wrong = list(good)
        wrong[:5] = [1.0, 0.3, 0.0, 0.0, 1.0]
        sets["gold"].append(Asked(True, [(right, True), (wrong, False)]))
        sets["other"].append(Asked(i % 4 != 0, [(wrong, False)] if i % 4 == 0 else [(right, True)]))
    coef = fit_coef(sets)
    thresholds = fit_thresholds(sets, coef, ["gold", "other"])
    o = outcome(sets["other"], coef, thresholds)
    assert o.accuracy == 1.0 and o.abstained_unanswerable == 1.0 and o.false_abstention == 0.0


def test_the_cli_answers_with_the_reader_and_refuses_an_unknown_one(corpus_index_dir):
    from tests.test_cli import qa

    ok = qa("ask", "大武口区政协2023年审查立案的提案有几件？", "--reader", "trained", "--json", "--index", str(corpus_index_dir))
    assert ok.returncode == 0, ok.stderr
    assert "54" in json.loads(ok.stdout)["answer"]
    bad = qa("ask", "x", "--reader", "bogus", "--index", str(corpus_index_dir))
    assert bad.returncode == 2 and "valid names: none, trained" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_a_title_asked_for_by_what_it_says_is_the_title_that_says_it(with_reader):
    # two titles in one sentence each time; the reader alone took the first of the list
    cases = {
        "大武口区政协得到领导批示的社情民意信息中，讲阳光价码的那条题目是什么？": "关于推行阳光价码激发消费活力的建议",
        "大武口区政协得到领导批示的社情民意信息中，讲管网改造的那条叫什么？": "关于市政管网改造提升的建议",
        "海西州政协修订的规章制度里，管机关公文的那份叫什么？": "海西州政协机关公文制发流程",
    }
    for question, title in cases.items():
        a = with_reader.ask(question)
        assert not a.abstained and title in a.answer, (question, a.answer)
        assert any(title in c.text for c in a.citations)


def test_a_title_leads_only_when_it_holds_more_of_what_the_question_describes():
    from qa.answer.scoring import TermWeights
    from qa.answer.titles import described, title_lead

    text = "常态化开展“访百企进万户”“千名委员联系万名界别群众”等活动。"
    s = _sentence(text)
    terms = ["联系", "群众", "活动", "走访", "企业", "深入", "千家万户", "叫什么"]
    q = Question(text="张掖市政协联系群众的活动里，那个走访企业、深入千家万户的叫什么？", norm="", lang="zh",
                 kind="entity", terms=terms)
    tw = TermWeights(terms, [1 / len(terms)] * len(terms))
    nearest = {t for t, _ in described(q)[0]}  # the clause of the ask first
    assert {"千家万户", "走访"} <= nearest and "群众" not in nearest and "叫什么" not in nearest

    def title(t: str, score: float) -> Candidate:
        at = text.index(t)
        return Candidate(t, s, at, at + len(t), score, 0.0, 1.0)

    right, other = title("“访百企进万户”", 0.6), title("“千名委员联系万名界别群众”", 0.5)
    # the category said before (联系群众) is in the other title: the nearest clause decides (万户, as written)
    assert title_lead(q, [right, other], tw) and not title_lead(q, [other, right], tw)
    q.terms = ["活动", "叫什么"]  # nothing the titles say: no lead, the reader decides
    assert not title_lead(q, [right, other], tw)
    q.kind = "number"
    assert not described(q)


def test_a_title_that_only_names_the_kind_of_thing_asked_about_is_not_it():
    from qa.answer.scoring import TermWeights
    from qa.answer.titles import hits

    terms = ["关于", "假日经济", "社情民意", "信息", "采用", "标题"]
    q = Question(text="有条关于假日经济的社情民意信息被采用了，标题是什么？", norm="", lang="zh", kind="entity",
                 terms=terms)
    tw = TermWeights(terms, [0.1, 0.1, 0.3, 0.3, 0.1, 0.1])  # the kind's words weigh more: still not it
    kind, right = hits(q, ["“优秀社情民意信息”", "《关于促进假日经济持续健康发展的建议》"], tw)
    assert kind == 0.0 and right > 0


def test_a_name_is_found_by_the_kind_its_sentence_says_it_names(with_reader):
    # “建功新时代,政协新作为”理论研究成果评比活动: the kind asked for comes right after the name; before, the
    # reader's 《政协委员之窗》 (the platform of the same sentence) and 加强学习教育 (a verb phrase) were given
    cases = {
        "张掖市政协组织的理论研究成果评比活动叫什么？": "“建功新时代,政协新作为”",
        "海东市政协各专委会开展的主题实践活动叫什么？": "“学习领袖思想,争做责任委员”",
    }
    for question, name in cases.items():
        a = with_reader.ask(question)
        assert not a.abstained and a.answer == name, (question, a.answer)


def test_the_kind_after_a_name_belongs_to_a_list_not_its_last_item():
    from qa.answer.titles import _with_kind

    text = "开展“学习领袖思想,争做责任委员”等主题实践活动,修订《甲规则》《乙流程》等规章制度。"
    s = _sentence(text)

    def kind(name: str) -> str:
        at = text.index(name)
        return _with_kind(Candidate(name, s, at, at + len(name), 1.0, 0.0, 0.0))

    assert kind("“学习领袖思想,争做责任委员”") == "“学习领袖思想,争做责任委员”主题实践活动"
    assert kind("《乙流程》") == "《乙流程》" and kind("《甲规则》") == "《甲规则》"


def test_a_figure_the_question_gives_is_dropped_but_not_its_year():
    from qa.answer.subject import stated

    def c(text: str, answer: str) -> Candidate:
        at = text.index(answer)
        return Candidate(answer, _sentence(text), at, at + len(answer), 1.0, 0.0, 0.0)

    q = Question(text="编发的一百多篇信息当中，被采用的有多少篇？", norm="", lang="zh", kind="number")
    assert stated(q, c("编发信息100余篇,各类媒体采用40余篇。", "100余篇"))
    assert not stated(q, c("编发信息100余篇,各类媒体采用40余篇。", "40余篇"))
    q = Question(text="石山麟在2001年福布斯富豪榜上排名多少？", norm="", lang="zh", kind="number")
    assert not stated(q, c("2001年福布斯富豪榜排名第51。", "2001年福布斯富豪榜排名第51"))  # a year names when
    q = Question(text="学习贯彻二十大精神的会议开了多少次？", norm="", lang="zh", kind="number")
    assert not stated(q, c("专委会功能型支部会议20余次。", "20余次"))  # 二十大 gives no figure


def _sentence(text: str):
    p = Passage("c1", "d1", "文章", [], "", "body", text, 0, len(text), 1.0)
    return split_passage(p, 1, Lexicon()).sentences[0]


def test_an_area_is_answered_by_an_area_and_never_by_a_figure_of_another_measure(with_reader):
    a = with_reader.ask("星光村周边抛荒地的面积有多大？")
    assert not a.abstained and "1800亩" in a.answer
    a = with_reader.ask("南佐遗址的占地面积有多大？")  # the report dates it (5000多年前), it never measures it
    assert a.abstained, a.answer


def test_a_bare_name_question_is_no_title_question():
    from qa.answer.titles import asks_title

    def q(text: str) -> Question:
        return Question(text=text, norm="", lang="zh", kind="entity")

    assert not asks_title(q("2022年世界杯吉祥物叫什么"))  # a name: 拉伊卜, not a quoted phrase sharing 世界
    assert asks_title(q("海西州政协关于督办重点提案的文件叫什么？")) and asks_title(q("那份调研报告的标题是什么？"))
    assert asks_title(q("那个走访企业、深入千家万户的叫什么？"))


def test_an_answer_several_documents_give_outranks_one_that_a_single_document_gives():
    from qa.answer.fusion import agreed

    def said(doc: str, text: str, answer: str, score: float) -> Candidate:
        p = Passage(f"{doc}-c", doc, "新闻", [], None, "body", text, 0, len(text), 1.0)
        s = split_passage(p, 1, Lexicon()).sentences[0]
        at = s.text.index(answer)
        return Candidate(answer, s, at, at + len(answer), score, 0.0, 1.0)

    found = agreed([said("a", "澳大利亚派出23名运动员。", "23名", 0.40),
                    said("b", "澳大利亚代表团共44名运动员。", "44名", 0.35),
                    said("c", "本届冬奥会澳大利亚有44名运动员参赛。", "44名", 0.16),
                    said("c", "其中44名运动员来自各州。", "44名", 0.15)])  # one document counts once
    best = max(found, key=lambda c: c.score)
    assert best.answer == "44名" and best.score == pytest.approx(1 - 0.65 * 0.84)
    assert {c.answer: c.score for c in found if c.answer == "23名"} == {"23名": 0.40}


def test_a_side_whose_sentence_holds_two_figures_scored_alike_is_read_by_the_reader(with_reader):
    # 共提交提案167件，立案143件: the rules score both figures of the side asking 立案 alike (0.71), and
    # answered with 167 (提交) for 城北区政协 and 190 (收到) for 大武口区政协; the reader tells the clauses apart
    a = with_reader.ask("城北区政协立案的提案比大武口区政协多多少件？")
    assert a.answer == "城北区政协比大武口区政协多89件（143件，54件）", a


def test_the_item_a_list_leaves_out_is_answered_whole(with_reader):
    a = with_reader.ask("海西州政协常态化的协商方式里，除了提案办理协商、季度协商、界别协商，还有哪一种？")
    assert a.answer == "网络远程协商", a


def test_asked_who_the_titles_read_before_a_name_are_no_answer():
    s = _one("听着双方争执，峨堡镇副镇长兼政协委员联络室主任的周占海在随身携带的本子上记录着。")
    at = s.text.index("峨堡镇")
    titles = Candidate("峨堡镇副镇长兼政协委员", s, at, at + 11, 0.9, 0.0, 0.0)
    name = s.text.index("周占海")
    rule = Candidate("周占海", s, name, name + 3, 0.3, 0.5, 1.0)
    who = reading.pool(_q("person", "拿本子做记录的副镇长叫啥？"), [rule], [titles])
    assert [e.candidate.answer for e in who] == ["周占海"]  # before: the titles, read by the reader, won
    # a role with no name after it in its clause stays (it may be what is asked)
    alone = _one("负责调解的是峨堡镇副镇长，他随身带着本子。")
    at = alone.text.index("峨堡镇")
    role = Candidate("峨堡镇副镇长", alone, at, at + 6, 0.9, 0.0, 0.0)
    assert [e.candidate.answer for e in reading.pool(_q("person", "谁负责调解？"), [], [role])] == ["峨堡镇副镇长"]


def test_asked_who_a_span_followed_by_a_title_and_a_name_is_that_name():
    # 经济界委员工作室负责人王新…处理投诉471起: the reader read the workroom, the person is its 负责人
    s = _one("经济界委员工作室负责人王新多方协调、奔走呼吁，帮助处理消费者投诉471起。")
    at = s.text.index("经济界")
    room = Candidate("经济界委员工作室", s, at, at + 8, 0.9, 0.0, 0.0)
    who = reading.pool(_q("person", "帮着处理了471起投诉的委员叫什么？"), [], [room])
    assert [e.candidate.answer for e in who] == ["王新"]  # before: 经济界委员工作室
    # the titles before a name snap to it too (峨堡镇副镇长兼政协委员|联络室主任的|周占海), with no rule
    # candidate to meet (the rules know no 副镇长 right before a name here)
    titles = _one("听着双方争执，峨堡镇副镇长兼政协委员联络室主任的周占海在本子上记录着。")
    at = titles.text.index("峨堡镇")
    read = Candidate("峨堡镇副镇长兼政协委员", titles, at, at + 11, 0.9, 0.0, 0.0)
    assert [e.candidate.answer for e in reading.pool(_q("person", "做记录的副镇长叫啥？"), [], [read])] == ["周占海"]
    # not asked who, or no name after the title: as read
    assert [e.candidate.answer for e in reading.pool(_q("entity", "哪个工作室处理了投诉？"), [], [room])] \
        == ["经济界委员工作室"]
    alone = _one("经济界委员工作室负责人多方协调。")
    room = Candidate("经济界委员工作室", alone, 0, 8, 0.9, 0.0, 0.0)
    assert [e.candidate.answer for e in reading.pool(_q("person", "谁协调的？"), [], [room])] == ["经济界委员工作室"]


def test_asked_for_a_date_a_number_of_years_is_no_answer():
    s = _one("今年，城东区政协被评为2019—2021年青海省精神文明建设先进单位，背后是3年、5年甚至更久的坚持。")
    q = _q("date", "城东区政协的先进单位是哪几个年度的？")
    def span(t: str) -> Candidate:
        return Candidate(t, s, s.text.index(t), s.text.index(t) + len(t), 0.9, 0.0, 0.0)

    pooled = reading.pool(q, [], [span("3年"), span("2019—2021年")])
    assert [e.candidate.answer for e in pooled] == ["2019—2021年"]  # before: 3年 too (read first)


def test_asked_who_takes_notes_the_name_after_the_titles_is_the_answer(with_reader):
    a = with_reader.ask("祁连峨堡镇那场草场纠纷调解，拿本子做记录的副镇长叫啥？")
    assert a.answer == "周占海", a  # before: 峨堡镇副镇长兼政协委员


def test_a_span_starting_in_a_heading_set_out_letter_by_letter_is_no_answer():
    """A letter's heading 贺 信 glued to its first line: the reader read 贺 for who won (news-int)."""
    s = _one("贺 信中国中学生体育代表团：欣悉在世界中学生足球锦标赛上，历城二中女足勇得冠军。")
    q = _q("person", "世界中学生足球锦标赛女足谁夺冠？")
    at = s.text.index("历城二中女足")
    spans = [Candidate("贺", s, 0, 1, 0.77, 0.0, 0.0), Candidate(s.text[:13], s, 0, 13, 0.41, 0.0, 0.0),
             Candidate("历城二中女足", s, at, at + 6, 0.14, 0.0, 0.0)]
    assert [e.candidate.answer for e in reading.pool(q, [], spans)] == ["历城二中女足"]
    for text, name in (("本报记者 罗 鸣", "罗 鸣"), ("罗 鸣", "罗 鸣"), ("罗 鸣 摄，历城二中女足夺冠。", "罗 鸣")):
        s = _one(text)  # a byline's name set out letter by letter is no heading: it stands apart
        at = s.text.index(name)
        got = reading.pool(q, [], [Candidate(name, s, at, at + len(name), 0.5, 0.0, 0.0)])
        assert [e.candidate.answer for e in got] == [name], text


def test_a_year_or_a_day_of_the_month_is_never_how_many():
    """世锦赛21日继续进行 answered how many medals China had won (news-int): days are counted in 天."""
    import jieba

    from qa.answer.extractors import numbers
    from qa.answer.question import analyse
    from qa.answer.scoring import TermWeights

    text = "在日本福冈举行的2023年世界游泳锦标赛21日继续进行。目前，中国队共获得13金4银3铜，暂列奖牌榜首位。"
    p = Passage("c3", "d1", "快讯", [], None, "body", text, 0, len(text), 1.0)
    view = split_passage(p, 1, Lexicon())
    q = analyse("中国队在世锦赛上一共获得了多少奖牌？", [], lambda t: [w for w in jieba.cut(t) if w.strip()], Lexicon())
    tw = TermWeights.build(q, lambda _: 1, 10)
    assert [c.answer for c in numbers(q, [view], tw)] == ["13金4银3铜"]
    first = view.sentences[0]
    spans = [Candidate(w, first, first.text.index(w), first.text.index(w) + len(w), 0.9, 0.0, 0.0)
             for w in ("21日", "2023年世界游泳锦标赛")]
    assert reading.pool(q, [], spans) == []
    q = analyse("世锦赛在几日继续进行？", [], lambda t: [w for w in jieba.cut(t) if w.strip()], Lexicon())
    assert q.kind != "number" or [e.candidate.answer for e in reading.pool(q, [], spans[:1])] == ["21日"]
