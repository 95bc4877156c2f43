"""Chart labels render Chinese: a CJK font is registered with matplotlib (issue 11, item 15).

`make test` installs fonts-wqy-microhei; the charts must use it (or any installed font with
Chinese glyphs) instead of drawing boxes.
"""

from __future__ import annotations

import warnings

from eval.charts import draw_recall_curves
from eval.plotting import cjk_font


def test_a_font_with_chinese_glyphs_is_registered():
    from matplotlib import font_manager

    name = cjk_font()
    assert name, "no font with Chinese glyphs found (make setup-test installs fonts-wqy-microhei)"
    assert name in {f.name for f in font_manager.fontManager.ttflist}


def test_chinese_chart_labels_have_no_missing_glyphs(tmp_path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")  # also undoes any filter that would hide missing glyphs
        path = draw_recall_curves({"混合检索": [0.9, 0.97, 1.0], "向量检索": [0.8, 0.9, 0.95]},
                                  tmp_path / "recall.png", "大武口区政协 检索召回率")
    assert path is not None and path.stat().st_size > 0
    missing = [str(w.message) for w in caught if "missing from" in str(w.message)]
    assert missing == [], missing[:3]
    # the font the charts' text resolves to has the glyphs (was: DejaVu Sans, boxes, warnings hidden)
    from matplotlib import font_manager, ft2font

    used = font_manager.findfont(font_manager.FontProperties(family=["sans-serif"]), fallback_to_default=False)
    assert all(ft2font.FT2Font(used).get_char_index(ord(ch)) for ch in "大武口区政协检索"), used
