"""`qa index --ray`: embedding as Ray tasks gives the very index a local build gives."""

from __future__ import annotations

import json

import numpy as np
import pytest

from zhqa.cli import main

try:
    import ray
except ImportError:  # the test command installs the extra: a missing Ray is a broken setup, not a skip
    pytest.fail("Ray is not installed: pip install 'zhqa[ray]' (make test installs it)", pytrace=False)


@pytest.mark.slow
def test_ray_build_is_identical_to_the_local_build(small_corpus, tmp_path):
    local, remote = tmp_path / "local", tmp_path / "ray"
    assert main(["index", str(small_corpus), "--index", str(local), "--batch-size", "4"]) == 0
    try:
        assert main(["index", str(small_corpus), "--index", str(remote), "--batch-size", "4", "--ray"]) == 0
    finally:
        ray.shutdown()
    a, b = np.load(local / "vectors.npy"), np.load(remote / "vectors.npy")
    assert a.shape == b.shape and a.shape[0] > 4  # several batches, so several tasks
    assert np.array_equal(a, b)  # bit for bit
    ma, mb = (json.loads((d / "manifest.json").read_text(encoding="utf-8")) for d in (local, remote))
    assert ma["fingerprint"] == mb["fingerprint"] and ma["files"] == mb["files"]
