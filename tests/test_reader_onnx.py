"""The int8 onnxruntime reader (qa/reader/onnx_engine.py) against the fp32 torch reader it is exported from.

Real shipped weights, real export and quantisation, real Chinese windows. The CMRC 2018 sample
floor (tests/test_reader_cmrc.py) runs the same int8 reader, as shipped.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from qa.errors import ReaderConfigError
from qa.reader.trained import TrainedReader
from tests.conftest import ROOT

WINDOWS = [
    "大武口区政协全年共收到提案190件，经审查立案54件，转为意见建议30件，办复率100%。",
    "城北区政协组织委员开展委员讲堂活动12场，参与委员300余人次。",
    "2023年10月13日，首届甘肃庆阳岐黄文化论坛在庆阳开幕，来自全国的200多名专家参加。",
]
QUESTIONS = ["大武口区政协审查立案了多少件提案？", "委员讲堂开展了多少场？", "岐黄文化论坛哪天开幕？"]


@pytest.fixture(scope="module")
def readers(tmp_path_factory):
    cache = tmp_path_factory.mktemp("reader-cache")
    fp32 = TrainedReader(quantise=False)
    int8 = TrainedReader()
    from qa.reader import onnx_engine

    model = fp32._load()[0].model  # the torch module behind the fp32 reader
    int8._model, int8._runtime = onnx_engine.onnx_int8(fp32.weights, lambda: model, cache_dir=cache), fp32._runtime
    return fp32, int8, cache


def test_the_int8_reader_finds_the_same_answers_as_fp32(readers):
    fp32, int8, _ = readers
    for question, window in zip(QUESTIONS, WINDOWS):
        a, b = fp32.read(question, [window])[0], int8.read(question, [window])[0]
        assert a.text == b.text, (question, a.text, b.text)
        assert abs(a.score - b.score) < 1.5  # the margin the fusion reads moves a little, not wholesale
    assert "54件" in int8.read(QUESTIONS[0], WINDOWS[:1])[0].text


def test_the_export_is_cached_and_reused(readers):
    fp32, _, cache = readers
    from qa.reader import onnx_engine

    files = list(cache.glob("*.onnx"))
    assert len(files) == 1 and files[0].name.startswith("reader-v3-") and not list(cache.glob("tmp*"))
    stamp = files[0].stat().st_mtime_ns
    model = fp32._load()[0].model  # the torch module behind the fp32 reader
    again = onnx_engine.onnx_int8(fp32.weights, lambda: model, cache_dir=cache)
    assert again.path == files[0] and files[0].stat().st_mtime_ns == stamp


def test_a_cached_export_is_read_without_building_the_torch_model(readers, monkeypatch):
    """A later process (the server, each `qa ask`) reads the cached graph: the fp32 torch model, about
    160 MiB it would only export from, is never loaded; the answers are the exported reader's."""
    fp32, int8, cache = readers
    from qa.reader import weights

    def refuse(*args, **kwargs):
        raise AssertionError("the fp32 weights were loaded although the export is cached")

    monkeypatch.setattr(weights, "load_weights", refuse)
    later = TrainedReader(cache_dir=cache)
    for question, window in zip(QUESTIONS, WINDOWS):
        assert later.read(question, [window])[0].text == int8.read(question, [window])[0].text
    assert later.info and later.info == fp32.info  # the training record, read from the header alone


def test_an_unknown_engine_is_refused_with_the_valid_ones():
    with pytest.raises(ReaderConfigError, match="onnx, torch"):
        TrainedReader(engine="tensorrt")


def test_reading_from_a_cached_export_never_imports_torch(readers):
    """The server reads through onnxruntime and numpy alone: torch (~140 MiB resident, ~1.3 s to
    import) stays out of a process that only reads. A fresh interpreter, the real reader."""
    _, _, cache = readers
    script = (
        "import sys\n"
        "from qa.reader import get_reader\n"
        f"reader = get_reader('trained', cache_dir={str(cache)!r})\n"
        f"span = reader.read({QUESTIONS[0]!r}, [{WINDOWS[0]!r}])[0]\n"
        "print(span.text, 'torch' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=600,
                          check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["54件", "False"], done.stdout
