"""Precision and recall per category on the held-out sets (benchmarks/heldout/*.jsonl).

The held-out sets were written by people who saw neither msglint's code nor its corpora, from a
description of the policy alone (benchmarks/heldout/README.md). They measure how msglint does on
phrasing nobody here wrote. They are never folded into the corpora and never tuned on: this script
prints figures only, never the messages it gets wrong.

    python benchmarks/bench_heldout.py                     # every set
    python benchmarks/bench_heldout.py benchmarks/heldout/de-heldout.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from msglint import Linter

HELDOUT = Path(__file__).resolve().parent / "heldout"
CATEGORIES = ("promotional", "external-contact", "review-manipulation", "abusive")
FLAGGING = {"error", "warning"}


def score_file(linter: Linter, path: Path) -> dict[str, Counter[str]]:
    """tp/fp/fn/tn per category, plus how many verdicts were not 'allow' among compliant messages."""
    counts: dict[str, Counter[str]] = {c: Counter() for c in (*CATEGORIES, "any")}
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        row = json.loads(line)
        report = linter.lint({"text": row["text"], "language": row.get("lang", "en")})
        found = {f.category.value for f in report.findings if f.category is not None and f.severity.value in FLAGGING}
        labels = set(row["labels"])
        if not labels <= set(CATEGORIES):
            sys.exit(f"{path}:{number}: unknown labels {sorted(labels - set(CATEGORIES))}")
        for category in CATEGORIES:
            expected, flagged = category in labels, category in found
            counts[category]["tp" if expected and flagged else "fn" if expected else "fp" if flagged else "tn"] += 1
        expected, flagged = bool(labels), report.verdict != "allow"
        counts["any"]["tp" if expected and flagged else "fn" if expected else "fp" if flagged else "tn"] += 1
    return counts


def ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="held-out JSON Lines files (default: every set)")
    args = parser.parse_args(argv)
    files = args.files or sorted(HELDOUT.glob("*.jsonl"))
    linter = Linter()
    print("| set | category | precision | recall | tp | fp | fn | tn |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for path in files:
        for category, c in score_file(linter, path).items():
            shown = "any (verdict not allow)" if category == "any" else category
            print(
                f"| {path.stem} | {shown} | {ratio(c['tp'], c['tp'] + c['fp'])} | {ratio(c['tp'], c['tp'] + c['fn'])} "
                f"| {c['tp']} | {c['fp']} | {c['fn']} | {c['tn']} |"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
