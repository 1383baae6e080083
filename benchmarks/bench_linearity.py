"""Growth in seconds on crafted input: each of the test suite's crafted units at 10k and 100k characters.

The test suite checks linearity by counting function calls (tests/test_hostile.py), which does not
depend on how busy the machine is; this measures the same inputs in time, best of three, with the
garbage collector kept off the heap that existed before each call.

    python benchmarks/bench_linearity.py
"""

from __future__ import annotations

import gc
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from msglint import Linter
from tests.test_hostile import CRAFTED


def seconds(linter: Linter, text: str) -> float:
    gc.collect()
    gc.freeze()
    try:
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            linter.lint(text)
            best = min(best, time.perf_counter() - start)
        return best
    finally:
        gc.unfreeze()


def main() -> int:
    linter = Linter(config={"max-message-chars": 200_000})
    print("| crafted unit | 10k chars | 100k chars | growth (10x input) |")
    print("| --- | ---: | ---: | ---: |")
    for name, unit in CRAFTED.items():
        short = (unit * (10_000 // len(unit) + 1))[:10_000]
        long = (unit * (100_000 // len(unit) + 1))[:100_000]
        linter.lint(short)
        a, b = seconds(linter, short), seconds(linter, long)
        print(f"| {name} | {a * 1000:.1f} ms | {b * 1000:.1f} ms | {b / a:.1f}x |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
