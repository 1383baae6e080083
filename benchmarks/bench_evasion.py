"""Recall and precision per disguise and category on the project's corpora.

    python benchmarks/bench_evasion.py

Uses the same scoring as tests/test_evasion.py (which enforces the bounds) and prints the table.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from msglint import Linter  # noqa: E402
from tests.corpus import CORPORA, CORPUS_CATEGORIES, load, score_evasion  # noqa: E402
from tests.evasion import TRANSFORMATIONS  # noqa: E402


def main() -> None:
    linter = Linter()
    categories = CORPUS_CATEGORIES
    corpora = {c: load(CORPORA / f"{c}.jsonl") for c in categories}
    print("recall (precision) per disguise; first row undisguised\n")
    print("| disguise | " + " | ".join(categories) + " |")
    print("| --- |" + " ---: |" * len(categories))
    rows = {name: [score_evasion(linter, corpora[c], c, name) for c in categories] for name in sorted(TRANSFORMATIONS)}
    first = next(iter(rows.values()))
    print("| (none) | " + " | ".join(f"{s.base_recall:.3f} ({s.base_precision:.3f})" for s in first) + " |")
    for name, scores in rows.items():
        print(f"| {name} | " + " | ".join(f"{s.recall:.3f} ({s.precision:.3f})" for s in scores) + " |")


if __name__ == "__main__":
    main()
