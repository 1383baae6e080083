"""Precision and recall of each marketplace pack on its own corpus (corpora/packs/<pack>.jsonl).

    python benchmarks/bench_packs.py [-v]

Each message is linted with its pack; a category counts as flagged when a finding of it is an error
(a warning, such as Etsy's on a link to the shop's own site, is allowed through), and "any" compares the
verdict ``block`` with having a label. These corpora were written beside the code: they guard against
regressions and measure nothing about generalisation. ``-v`` lists every miss.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from msglint import Linter  # noqa: E402
from tests.corpus import CORPUS_CATEGORIES  # noqa: E402

PACKS = ("ebay", "etsy", "walmart", "mercadolibre")


def _figures(counts: list[int]) -> str:
    tp, fp, fn, _ = counts
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return f"P {precision:.3f} R {recall:.3f} (tp {tp}, fp {fp}, fn {fn})"


def _cell(labelled: bool, flagged: bool) -> int:
    """Index of tp, fp, fn, tn."""
    return (0 if flagged else 2) if labelled else (1 if flagged else 3)


def main(verbose: bool) -> None:
    categories = CORPUS_CATEGORIES
    for name in PACKS:
        linter = Linter(name)
        rows = [json.loads(line) for line in (ROOT / "corpora" / "packs" / f"{name}.jsonl").open() if line.strip()]
        counts = {category: [0, 0, 0, 0] for category in categories}
        blocked = [0, 0, 0, 0]
        for row in rows:
            report = linter.lint({"text": row["text"], "language": row.get("lang", "en")})
            errors = {f.category.value for f in report.findings if f.category is not None and f.severity == "error"}
            for category in categories:
                labelled, flagged = category in row["labels"], category in errors
                counts[category][_cell(labelled, flagged)] += 1
                if verbose and labelled != flagged:
                    print(f"  {name} {'missed' if labelled else 'false alarm'} {category}: {row['id']} {row['text']!r}")
            blocked[_cell(bool(row["labels"]), report.verdict == "block")] += 1
        negatives = sum(not row["labels"] for row in rows)
        print(f"{name}: {len(rows)} messages, {negatives} without a label; any: {_figures(blocked)}")
        for category in categories:
            if counts[category][0] + counts[category][2]:
                print(f"  {category}: {_figures(counts[category])}")


if __name__ == "__main__":
    main("-v" in sys.argv[1:])
