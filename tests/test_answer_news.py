"""Questions over short news items written for these tests (nobody tuned for them): the measure a
question expects (money in any currency, a volume that is never a sum of money) and years side by side."""

from __future__ import annotations

import pytest

from qa.answer.units import MONEY, expected_unit, unit_fit
from qa.text.normalize import extract_quantities, normalize_for_match
from tests.conftest import answerer_over

# short news items written for this test: a volume beside its worth, a price in 美元, two years of one
# university's admissions beside another university's
NEWS = {
    "星河大学2022.txt": "# 星河大学2022年招生工作总结\n\n星河大学2022年共录取本科新生7436名，其中省内生源占六成。\n",
    "星河大学2023.txt": "# 星河大学2023年招生工作总结\n\n2023年，星河大学录取本科新生7286名，录取分数线稳中有升。\n",
    "青山学院2023.txt": "# 青山学院2023年招生情况\n\n青山学院2023年录取本科新生2150名，新增两个本科专业。\n",
    "星河论坛.txt": "# 星河论坛历届回顾\n\n2022年星河论坛在杭州举行，吸引了三千余名学者参会。\n",
    "星河论坛2023.txt": "# 第二届星河论坛开幕\n\n2023年星河论坛于9月在成都开幕，主题为数字经济。\n",
    "青山论坛2023.txt": "# 青山论坛闭幕\n\n2023年青山论坛在西安闭幕，发布了合作倡议。\n",
    "汽车出口.txt": "# 全市汽车出口保持增长\n\n市商务局日前通报，2024年3月全市汽车出口额达2.15亿美元，"
                  "出口量达12.6万辆，同比增长31%。其中新能源汽车占出口总量的四成。\n",
    "芯片收购.txt": "# 星河科技完成收购\n\n星河科技周一宣布，公司以45亿美元完成对一家芯片设计企业的收购，"
                  "这是该公司成立以来规模最大的一笔交易。\n",
    # two shires described alike (names the place tagger does not know): the other one's figure is no disagreement
    "奥斯兰郡.txt": "# 奥斯兰郡\n\n奥斯兰郡是传统农业郡，实际下辖6个行政区，郡治设在港口小城。\n",
    "维尔顿郡.txt": "# 维尔顿郡\n\n维尔顿郡是传统农业郡，实际下辖4个行政区，郡治设在内陆小城。\n",
    "婚礼.txt": "# 演员婚礼\n\n2007年，两人在东京举办豪华婚礼，耗资5亿日圆。\n",
    "剧院.txt": "# 星河大剧院\n\n星河大剧院于2019年9月28日正式落成开放，共有座位1600个。\n",
    # two people's studios in one sentence, and two named programmes: the figure of one is not the other's
    "委员工作室.txt": "# 委员工作室风采\n\n经济界委员工作室负责人陈志强多方协调，帮助处理消费者投诉386起，挽回经济损失"
                   "150多万元；文化界委员林晓峰工作室依托新媒体推介本地文旅资源，持续提升城市知名度。\n",
    "基层协商.txt": "# 青峰县政协基层协商\n\n青峰县政协“板凳议事会”等创新做法不断涌现。\n\n"
                  "全县已挂牌运行“议事小院”平台86个，收集社情民意信息143条。\n",
    # a quoted programme said once; a figure in its measure three sentences on is someone else's
    "晨读.txt": "# 青峰县政协学习活动\n\n青峰县政协创新开展“晨读一刻钟”活动。委员们积极参与各类学习交流。"
              "全年组织专题培训4期。首批智库专家参加各类会议56人次。\n",
    "夜读.txt": "# 石桥镇政协学习活动\n\n石桥镇政协坚持开展“夜读半小时”活动。一年来，参与委员累计达380余人次。\n",
    # one sentence, two figures in one measure, each clause saying whose it is
    "邻里帮.txt": "# 红枫街道“邻里帮”平台\n\n截至目前，红枫街道通过“邻里帮”平台开展便民服务活动86场次，"
                "参与志愿者2300余人次，受益居民近万人次。\n",
    # two figures of one measure, the second's noun named by the question too, the first's the one it counts
    "对口联系.txt": "# 雪峰州政协对口联系\n\n雪峰州政协扎实推进专门委员会与州直单位对口联系和协商制度落实，"
                  "64个州直党政、企事业单位全部纳入六个专委会联系范围。\n",
    # the noun counted follows the other year's figure; the year asked has its figure ending the sentence
    "数学竞赛.txt": "# 青峰数学竞赛\n\n青峰数学竞赛分为两轮，参赛者主要是高中生。2006年有2192人参赛，2007年有2742人。\n",
    # a film: parts of one question asking what kind and who directed, and a cast whose second name
    # jieba tags an adjective (成毅)
    "山海.txt": "# 电影《山海》定档\n\n《山海》是一部由导演林晓执导的喜剧电影，由杨帆和成毅主演，将于明年春节上映。\n",
    "长河.txt": "# 电视剧《长河》开机\n\n电视剧《长河》昨日开机，该剧由李远执导，王海燕担任编剧，陈佳怡担任制片人。\n",
    "远方.txt": "# 电影《远方》首映\n\n电影《远方》由周涛、林晓峰、陈明主演，昨日在星河市首映。\n",
    "访问.txt": "# 星河国总理访华\n\n应国务院邀请，星河国总理林德于4月5日至7日对我国进行正式访问。\n",
    "电影节.txt": "# 星河电影节颁奖\n\n第五届星河电影节颁奖典礼昨晚举行，最佳影片奖由《山海》获得，最佳导演奖授予林晓，"
               "评委会大奖则颁给了纪录片《归途》。\n",
    # one sentence of figures whose first clause says 全年 for all of them
    "云岭学习.txt": "# 云岭县政协学习情况\n\n全年开展理论学习中心组学习20次，专委会学习座谈14次，机关支部学习33次，"
                  "读书分享活动9次。\n",
}


def test_money_is_money_in_any_currency():
    assert expected_unit("微软花了多少钱收购动视暴雪", {}) == "元"
    assert expected_unit(normalize_for_match("How many batches of delegations came?"), {}) == "批"  # as 多少批
    assert expected_unit(normalize_for_match("How many tonnes of grain were sold?"), {}) == "吨"
    # questions arrive normalised, without their spaces: "how big" is howbig
    assert expected_unit(normalize_for_match("How big is the mediation room at the workstation?"), {"工作站": "个"}) == "area"
    assert expected_unit(normalize_for_match("How much money did it raise?"), {}) == "元"
    assert unit_fit("元", "美元") > 0.5 and unit_fit("元", "万元") == 1.0
    assert unit_fit("元", "辆") == 0.0
    assert [(q.value, q.unit) for q in extract_quantities("近700亿美金")] == [(7e10, "美金")]
    assert "美金" in MONEY


def test_a_volume_is_counted_never_paid():
    assert expected_unit("2024年3月全市汽车出口量是多少？", {}) == "volume"
    assert unit_fit("volume", "美元") == 0.0 and unit_fit("volume", "辆") > 0.0
    assert expected_unit("汽车出口量是多少辆？", {}) == "辆"  # a measure the question names wins
    assert expected_unit("汽车出口额是多少？", {}) != "volume"


@pytest.fixture(scope="module")
def news(e5, tmp_path_factory):
    return answerer_over(NEWS, tmp_path_factory.mktemp("news"), e5)


@pytest.mark.parametrize("question, expected", [
    ("2024年3月全市汽车出口量是多少？", "12.6万辆"),
    ("2024年3月全市汽车出口量", "12.6万辆"),  # a keyword query
    ("星河科技花了多少钱完成收购？", "45亿美元"),
    ("两人的婚礼耗资多少日圆？", "5亿日圆"),  # 日圆 is how 日元 is also written
])
def test_the_figure_in_the_measure_asked_is_the_answer(news, question, expected):
    a = news.ask(question)
    assert not a.abstained and expected in a.answer, a.answer


def test_two_years_side_by_side_are_asked_of_the_same_subject(news):
    a = news.ask("星河大学2022年和2023年分别录取了多少名本科生？")
    assert not a.abstained and "7436名" in a.answer and "7286名" in a.answer, a.answer
    assert "2150" not in a.answer  # the second year is still 星河大学's
    a = news.ask("星河论坛2022和2023年的举办地")  # keywords; a forum is no organisation of the index
    assert not a.abstained and "杭州" in a.answer and "成都" in a.answer and "西安" not in a.answer, a.answer


def test_a_figure_about_another_thing_is_no_disagreement(news):
    # before: 文档说法不一：6个（奥斯兰郡）；4个（维尔顿郡）
    a = news.ask("奥斯兰郡是传统农业郡，实际下辖几个行政区？")
    assert not a.abstained and a.answer == "6个行政区" and not a.conflict, a.answer
    a = news.ask("维尔顿郡实际下辖几个行政区？")
    assert not a.abstained and a.answer == "4个行政区" and not a.conflict, a.answer


def test_asked_which_year_a_full_date_answers_with_its_year(news):
    a = news.ask("星河大剧院是哪一年落成的？")  # before: 2019年9月28日
    assert not a.abstained and a.answer == "2019年", a.answer
    a = news.ask("星河大剧院是什么时候落成的？")  # when: the whole date
    assert not a.abstained and a.answer == "2019年9月28日", a.answer


@pytest.mark.parametrize("question", [
    "林晓峰委员工作室帮助处理了多少起投诉？",  # 386起 is 陈志强's studio's, in the clause before
    "青峰县政协的“板凳议事会”一共建了多少个？",  # 86个 are the “议事小院” platforms
    "青峰县政协的“晨读一刻钟”活动累计有多少人次参加？",  # 56人次 are the think tank experts' meetings
])
def test_another_persons_or_programmes_figure_is_never_the_answer(news, question):
    a = news.ask(question)
    assert a.abstained, a.answer


@pytest.mark.parametrize("question, expected", [
    ("陈志强帮助处理了多少起消费者投诉？", "386起"),
    ("青峰县“议事小院”平台挂牌运行了多少个？", "86个"),
    ("石桥镇政协的“夜读半小时”活动累计有多少人次参与？", "380余人次"),  # said in the sentence after the name
])
def test_the_named_persons_and_programmes_own_figures_are_answered(news, question, expected):
    a = news.ask(question)
    assert not a.abstained and expected in a.answer, a.answer


@pytest.mark.parametrize("question, expected", [
    ("红枫街道“邻里帮”平台的活动受益居民大概有多少人次？", "近万人次"),
    ("“邻里帮”平台上参与的志愿者有多少人次？", "2300余人次"),
    # the figure touching the noun counted (州直单位), not the one before another noun the question names
    ("雪峰州政协推行专委会和州直单位对口联系，覆盖了多少个州直单位？", "64个"),
    # …but not over a figure that ends its clause: it may count the same thing (CMRC 2018 dev had 2192人 for 2007)
    ("青峰数学竞赛在2007年有多少人参赛？", "2742人"),
    # 全年 of the question is when, not what: the first clause saying it does not make its 20次 the answer
    ("云岭县政协各个专委会搞的学习座谈，全年有几次？", "14次"),
])
def test_of_two_figures_in_one_measure_the_clause_that_says_what_is_asked(news, question, expected):
    a = news.ask(question)
    assert not a.abstained and a.answer == expected, a.answer


def test_the_parts_of_a_question_asking_what_and_who_are_each_answered(news):
    a = news.ask("《山海》是什么类型的电影？它的导演是谁？")  # before: one part, 林晓 alone
    assert not a.abstained and "喜剧" in a.answer and "林晓" in a.answer, a.answer
    a = news.ask("电视剧《长河》的导演和编剧是谁？")  # a person part goes to the fused scores, as the user's would
    assert "李远" in a.answer and "王海燕" in a.answer, a.answer
    a = news.ask("第五届星河电影节最佳影片奖和最佳导演奖分别是什么？")  # names: read by the reader too
    assert "《山海》" in a.answer and "林晓" in a.answer, a.answer
    a = news.ask("《山海》的主演")  # a keyword query asking who: the cast, both of it
    assert "杨帆和成毅" in a.answer, a.answer


def test_a_cast_and_a_stay_are_answered_whole(news):
    a = news.ask("电影《远方》的主演是谁？")
    assert "周涛、林晓峰、陈明" in a.answer, a.answer  # all three, whichever the reader read
    a = news.ask("星河国总理林德访华时间")
    assert "4月5日至7日" in a.answer, a.answer  # before: 4月5日, the first day alone
