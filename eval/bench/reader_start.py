"""What the reader costs a fresh process: time to its first answer, reading time, resident memory.

    python -m eval.bench.reader_start [--questions 20] [--rounds 3]

Each reader (``trained``: int8 onnxruntime, the default; ``trained-fp32``: torch fp32, the
baseline that always builds the torch model) is loaded in a process of its own, ``--rounds``
times, interleaved, so a busy machine affects both alike. The default reader's export is made
once before measuring (a cached export is what every process after the first one finds). Per
reader: seconds from the first call to its answer (imports and loading included), the median
and p95 of the later reads (3 windows each), the peak resident memory (``VmHWM``) and the
anonymous / file-backed split at the end. Prints one JSON object; the figures are in
docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
from eval.bench.memory import status_mib
from qa.reader import get_reader
windows = ["大武口区政协全年共收到提案190件，经审查立案54件，转为意见建议30件，办复率100%。",
           "城北区政协组织委员开展委员讲堂活动12场，参与委员300余人次。",
           "2023年10月13日，首届甘肃庆阳岐黄文化论坛在庆阳开幕，来自全国的200多名专家参加。"]
asks = ["审查立案了多少件提案？", "委员讲堂开展了多少场？", "岐黄文化论坛哪天开幕？", "参与委员多少人次？"]
reader = get_reader(sys.argv[1])
reader.read(asks[0], windows, per_window=3)
first = time.perf_counter() - t0
times = []
for i in range(int(sys.argv[2])):
    t = time.perf_counter()
    reader.read(asks[i % len(asks)], windows, per_window=3)
    times.append(1000 * (time.perf_counter() - t))
print(json.dumps({"first_s": first, "reads_ms": times, "peak_mib": status_mib("VmHWM"),
                  "anon_mib": status_mib("RssAnon"), "file_mib": status_mib("RssFile")}))
"""

READERS = ("trained", "trained-fp32")


def _one(reader: str, questions: int) -> dict:
    done = subprocess.run([sys.executable, "-c", CHILD, reader, str(questions)], capture_output=True, text=True,
                          check=True)  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(questions: int, rounds: int) -> dict[str, dict[str, float]]:
    """Per reader: first-answer seconds, read median/p95 ms, memory figures (medians over rounds)."""
    _one(READERS[0], 1)  # the export, made once here so that every measured process finds it cached
    runs: dict[str, list[dict]] = {r: [] for r in READERS}
    for _ in range(rounds):
        for reader in READERS:
            runs[reader].append(_one(reader, questions))
    out = {}
    for reader, got in runs.items():
        reads = sorted(t for run in got for t in run["reads_ms"])
        out[reader] = {"first_answer_s": round(statistics.median(r["first_s"] for r in got), 2),
                       "read_median_ms": round(statistics.median(reads), 1),
                       "read_p95_ms": round(reads[int(0.95 * (len(reads) - 1))], 1),
                       **{k: statistics.median(r[k] for r in got) for k in ("peak_mib", "anon_mib", "file_mib")}}
    base = out[READERS[1]]
    out["ratio_to_fp32"] = {k: round(out[READERS[0]][k] / base[k], 2) for k in base if base[k]}
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--questions", type=int, default=20, help="reads after the first, per process")
    parser.add_argument("--rounds", type=int, default=3, help="processes per reader, interleaved")
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.questions, args.rounds), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
