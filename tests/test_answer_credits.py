"""Who did what: all the people a list names, each described alike (法国科学家阿兰·阿斯佩、美国科学家约翰·克劳泽和
奥地利科学家安东·蔡林格), and not the name of another credit (由张艺谋执导，沈腾、易烊千玺主演: the stars are not the
director). The texts and questions are written for these tests; none is from an evaluation set."""

from __future__ import annotations

import pytest

from qa.answer.namelists import described_list, whole_list
from tests.conftest import wire_fixture

_NOBEL = ("瑞典皇家科学院10月4日宣布，将2022年诺贝尔物理学奖授予法国科学家阿兰·阿斯佩、美国科学家约翰·克劳泽和奥地利科学家"
          "安东·蔡林格，以表彰他们在量子信息科学研究方面作出的贡献。")


def _list(text: str, name: str, asked: str = "谁") -> str:
    a = text.index(name)
    lo, hi = whole_list(text, a, a + len(name), asked)
    return text[slice(*described_list(text, lo, hi, asked))]


@pytest.mark.parametrize("name", ["阿兰·阿斯佩", "约翰·克劳泽", "蔡林格"])
def test_every_name_of_a_list_described_alike(name):
    assert _list(_NOBEL, name) == "阿兰·阿斯佩、美国科学家约翰·克劳泽和奥地利科学家安东·蔡林格"


@pytest.mark.parametrize("text, name, listed", [
    # each holds another post: only the one asked
    ("主席张三、副主席李四和秘书长王五出席会议。", "张三", "张三"),
    ("主席张三、副主席李四和秘书长王五出席会议。", "李四", "李四"),
    # the same post twice: both
    ("副市长张三、副市长李四出席会议。", "李四", "张三、副市长李四"),
    # a name the question names is not its own answer
    ("美国科学家约翰·克劳泽和奥地利科学家安东·蔡林格分享了该奖。", "安东·蔡林格", "安东·蔡林格"),
])
def test_a_list_of_other_posts_or_of_the_name_asked_is_not_widened(text, name, listed):
    asked = "约翰·克劳泽和谁分享了该奖？" if "分享" in text else "谁"
    assert _list(text, name, asked) == listed


_TEXTS = {
    "nobel.txt": "科技新闻\n\n" + _NOBEL + "\n",
    "film.txt": "影视新闻\n\n电影《满江红》由张艺谋执导，沈腾、易烊千玺主演，于2023年1月22日上映。影片讲述了南宋绍兴年间的故事。\n",
}
wire = wire_fixture(_TEXTS)


def test_who_won_names_all_the_winners(wire):
    a = wire.ask("2022年诺贝尔物理学奖得主是谁？")
    assert not a.abstained
    assert all(n in a.answer for n in ("阿兰·阿斯佩", "约翰·克劳泽", "安东·蔡林格"))


@pytest.mark.parametrize("question, wanted, not_wanted", [
    ("《满江红》的主演是谁？", ["沈腾", "易烊千玺"], ["张艺谋"]),
    ("《满江红》的导演是谁？", ["张艺谋"], ["沈腾"]),
])
def test_a_credit_asked_is_not_another_credits_name(wire, question, wanted, not_wanted):
    a = wire.ask(question)
    assert not a.abstained
    assert all(w in a.answer for w in wanted) and not any(w in a.answer for w in not_wanted)
