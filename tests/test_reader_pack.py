"""The GPU-lease training path: a pre-featurised pack (`python -m qa.reader.pack`) trains the same
model as `qa reader train` (same e5 start, same frozen word rows), from it weights the reader
loads come out, and `--soup` combines runs. Real e5 file, real tokenizer, tiny slice of
../shared/train, 2 layers on the CPU."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch

ROOT = Path(__file__).resolve().parents[1]
TRAIN = ROOT.parent / "shared" / "train"


def _py(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], capture_output=True, text=True, cwd=ROOT, timeout=1800)


@pytest.fixture(scope="module")
def pack(tmp_path_factory) -> Path:
    if not TRAIN.is_dir():
        pytest.fail(f"{TRAIN} is missing: the training data sits in ../shared/train beside the repository")
    out = tmp_path_factory.mktemp("pack")
    done = _py("qa.reader.pack", "--data", str(TRAIN), "--out", str(out), "--epochs", "2", "--limit", "40",
               "--held-limit", "12", "--variant", "A", "64", "30", "60", "0.4")  # fmt: skip
    assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
    return out


@pytest.mark.slow
def test_pack_starts_from_the_same_model_and_word_rows_as_the_runtime(pack):
    from qa.reader import train_packed as tp
    from qa.reader.runtime import ReaderRuntime

    runtime = ReaderRuntime.create("cpu")
    torch.manual_seed(0)
    direct = runtime.fresh_model(2, 0).state_dict()
    torch.manual_seed(0)
    packed = tp.fresh_model(pack, torch.device("cpu"), layers=2).state_dict()
    assert direct.keys() == packed.keys()
    assert all(torch.equal(direct[k], packed[k]) for k in direct)

    items = tp.load_epoch(pack, "A", 1)
    assert items and all(0 <= first <= last < len(f.ids) for f, first, last in items)
    ids = torch.from_numpy(np.concatenate([f.ids for f, _, _ in items]))
    assert torch.equal(tp.PackWords(pack, torch.device("cpu"))(ids), runtime.words(ids))


@pytest.mark.slow
def test_packed_runs_train_soup_and_load_as_the_reader(pack, tmp_path):
    common = ("--pack", str(pack), "--layers", "2", "--batch", "8", "--threads", "2")
    for name, lr in (("one", "1e-4"), ("two", "5e-5")):
        done = _py("qa.reader.train_packed", *common, "--out", str(tmp_path / name), "--epochs", "2", "--lr", lr)
        log = done.stdout + done.stderr
        assert done.returncode == 0, log[-3000:]
        assert "epoch 2" in log and "F1" in log
        assert (tmp_path / name / "reader.safetensors").is_file()
    mixed = _py("qa.reader.train_packed", "--pack", str(pack), "--soup", str(tmp_path / "one"),
                str(tmp_path / "two"), "--out", str(tmp_path / "best"))  # fmt: skip
    assert mixed.returncode == 0, (mixed.stdout + mixed.stderr)[-3000:]
    assert "kept:" in mixed.stdout + mixed.stderr

    from qa.reader import get_reader

    reader = get_reader("trained", weights=tmp_path / "best" / "reader.safetensors", quantise=False)
    spans = reader.read("城北区政协立案了多少件提案？", ["城北区政协共收到提案120件，立案98件。", "另一段。"])
    assert len(spans) == 2 and all(0 <= s.start <= s.end for s in spans)


@pytest.mark.slow
def test_regularised_and_distilled_runs_record_what_they_used(pack, tmp_path):
    from qa.reader.weights import read_info

    common = ("--pack", str(pack), "--layers", "2", "--batch", "8", "--threads", "2", "--epochs", "1")
    for name, extra in (("fgm", ("--dropout", "0.1", "--fgm", "1.0")), ("plain", ("--seed", "21"))):
        done = _py("qa.reader.train_packed", *common, "--out", str(tmp_path / name), *extra)
        assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
    teachers = (str(tmp_path / "fgm"), str(tmp_path / "plain"))
    done = _py("qa.reader.train_packed", *common, "--out", str(tmp_path / "student"), "--teachers", *teachers)
    assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
    assert read_info(tmp_path / "fgm" / "reader.safetensors")["regularise"]["fgm"] == 1.0
    student = read_info(tmp_path / "student" / "reader.safetensors")["regularise"]
    assert student["teachers"] == ["fgm", "plain"] and student["alpha"] == 0.5
    scored = _py("qa.reader.train_packed", "--pack", str(pack), "--ensemble", *teachers)
    assert scored.returncode == 0 and "ensemble of ['fgm', 'plain']: F1" in scored.stdout + scored.stderr
    missing = _py("qa.reader.train_packed", *common, "--out", str(tmp_path / "x"), "--teachers", str(tmp_path / "none"))
    assert missing.returncode != 0 and "train those runs first" in missing.stdout + missing.stderr
