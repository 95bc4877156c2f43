"""`qa reader train` end to end on a tiny slice of ../shared/train: trains, reports a held-apart F1,
writes weights the reader loads, and resumes from its checkpoint."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TRAIN = ROOT.parent / "shared" / "train"
TINY = ["--data", str(TRAIN), "--limit", "48", "--held-limit", "16", "--layers", "2", "--freeze", "1",
        "--batch", "8", "--max-len", "64", "--window-chars", "30", "60", "--checkpoint-minutes", "0.01"]


def _train(out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "zhqa.cli", "reader", "train", "--out", str(out), *TINY, *extra],
                          capture_output=True, text=True, cwd=ROOT, timeout=1800)


@pytest.mark.slow
def test_tiny_training_run_writes_weights_and_resumes(tmp_path):
    if not TRAIN.is_dir():
        pytest.fail(f"{TRAIN} is missing: the training data sits in ../shared/train beside the repository")
    first = _train(tmp_path, "--epochs", "1")
    log = first.stdout + first.stderr
    assert first.returncode == 0, log[-3000:]
    assert "epoch 1" in log and "F1" in log
    weights = sorted(tmp_path.glob("*.safetensors"))
    assert weights, f"no weights written in {tmp_path}: {sorted(p.name for p in tmp_path.iterdir())}"

    from qa.reader import get_reader

    spans = get_reader("trained", weights=weights[0]).read("问题是什么？", ["这是一段文字。", "另一段。"])
    assert len(spans) == 2 and all(0 <= s.start <= s.end for s in spans)

    second = _train(tmp_path, "--epochs", "2", "--resume")
    log2 = second.stdout + second.stderr
    assert second.returncode == 0, log2[-3000:]
    assert "epoch 2" in log2 and "epoch 1 batch" not in log2, "resume should continue after epoch 1"
