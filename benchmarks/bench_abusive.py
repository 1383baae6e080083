"""Score msglint's abusive checker and profanity peers on the Davidson et al. (2017) tweets.

    python benchmarks/bench_abusive.py [path/to/labeled_data.csv] [--limit N]

Positive = class 0 (hate speech) or 1 (offensive language), negative = class 2 (neither), as the
data set's README suggests. Every tool sees the same rows, in the same run. Peers (the ``bench``
extra): better-profanity, alt-profanity-check, and glin-profanity when it is installed.
msglint counts a tweet as flagged when its abusive checker reports a finding of severity error or
warning (``msglint (errors only)`` counts errors alone, what a seller tool would block).
"""

from __future__ import annotations

import csv
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from scoring import BinaryScore, data_file_arguments

DEFAULT_DATA = (
    Path(__file__).resolve().parents[2] / "shared" / "datasets" / "davidson_hate_offensive" / "labeled_data.csv"
)
POSITIVE_CLASSES = {"0", "1"}

NOTES = """
Notes
- These are 2013-era tweets, not seller messages: slang, reclaimed slurs, song lyrics and casual
  swearing among friends. msglint is built for seller->buyer messages, so this is a check of its word
  lists and evasion handling on hard, foreign text, not of its target precision.
- The labels differ from msglint's design: the data set calls any swearing "offensive", while
  msglint reports insults and insult words only when aimed at the buyer ("you idiot", not "what an
  idiot he is"), ignores swearing inside a quoted Title Case name ("Shit My Dad Says"), and reads
  "hoe" (a garden tool) and "bitch" beside dog words only when aimed at someone. Those tweets count
  as misses.
- Mild swearing aimed at no one is a msglint warning; the main row counts warnings as flags.
- alt-profanity-check was TRAINED on this data set: its scores here are flattering, not comparable.
- "class 2 unflagged" is the share of clean tweets a tool leaves alone (specificity): 83% of rows
  are positive, so a tool that flags everything would score F1 0.91 and 0% here.
"""


@dataclass
class Score(BinaryScore):
    def row(self, count: int) -> str:
        rate = count / self.seconds if self.seconds else float("inf")
        return (
            f"| {self.name} | {self.precision:.3f} | {self.recall:.3f} | {self.f1:.3f} | "
            f"{self.balanced_accuracy:.3f} | {self.specificity:.1%} | {rate:,.0f} |"
        )


def load(path: Path, limit: int | None) -> tuple[list[str], list[bool]]:
    texts: list[str] = []
    labels: list[bool] = []
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            texts.append(row["tweet"])
            labels.append(row["class"] in POSITIVE_CLASSES)
            if limit and len(texts) >= limit:
                break
    return texts, labels


def score(name: str, predictions: Sequence[bool], labels: Sequence[bool], seconds: float) -> Score:
    result = Score(name, seconds=seconds)
    for predicted, expected in zip(predictions, labels, strict=True):
        result.add(expected, predicted)
    return result


def timed(run: Callable[[list[str]], list[bool]], texts: list[str]) -> tuple[list[bool], float]:
    start = time.perf_counter()
    predictions = run(texts)
    return predictions, time.perf_counter() - start


def msglint_runs() -> tuple[Callable[[list[str]], list[bool]], Callable[[list[str]], list[bool]]]:
    from msglint import Category, Linter, Severity
    from msglint.checkers.abusive import AbusiveChecker
    from msglint.registry import Registry

    linter = Linter(registry=Registry([AbusiveChecker]))
    flagging = {Severity.ERROR, Severity.WARNING}
    severities: list[set[Severity]] = []

    def run(texts: list[str]) -> list[bool]:
        severities.clear()
        for report in linter.lint_many(texts):
            severities.append({f.severity for f in report.findings if f.category is Category.ABUSIVE})
        return [bool(found & flagging) for found in severities]

    def errors_only(texts: list[str]) -> list[bool]:
        return [Severity.ERROR in found for found in severities]

    return run, errors_only


def peers() -> list[tuple[str, Callable[[list[str]], list[bool]]]]:
    found: list[tuple[str, Callable[[list[str]], list[bool]]]] = []
    try:
        from better_profanity import profanity

        profanity.load_censor_words()
        found.append(("better-profanity 0.7", lambda texts: [profanity.contains_profanity(t) for t in texts]))
    except ImportError:
        print("better-profanity is not installed (pip install -e '.[bench]')", file=sys.stderr)
    try:
        from profanity_check import predict

        found.append(("alt-profanity-check (trained on this data)", lambda texts: [bool(p) for p in predict(texts)]))
    except ImportError:
        print("alt-profanity-check is not installed (pip install -e '.[bench]')", file=sys.stderr)
    try:
        from glin_profanity import Filter

        glin = Filter()
        found.append(("glin-profanity", lambda texts: [bool(glin.is_profane(t)) for t in texts]))
    except ImportError:
        print("glin-profanity is not installed; skipped", file=sys.stderr)
    return found


def main(argv: Sequence[str] | None = None) -> int:
    what = "the Davidson et al. labeled_data.csv (shared/datasets/davidson_hate_offensive)"
    args = data_file_arguments(__doc__.split("\n\n")[0], DEFAULT_DATA, what, argv, "score only the first N rows")
    if args is None:
        return 2
    texts, labels = load(args.data, args.limit)
    positives = sum(labels)
    negatives = len(texts) - positives
    print(f"{len(texts):,} tweets from {args.data.name}: {positives:,} positive (class 0/1), {negatives:,} class 2\n")
    run, errors_only = msglint_runs()
    scores = []
    predictions, seconds = timed(run, texts)
    scores.append(score("msglint (error or warning)", predictions, labels, seconds))
    scores.append(score("msglint (errors only)", errors_only(texts), labels, seconds))
    for name, peer in peers():
        predictions, seconds = timed(peer, texts)
        scores.append(score(name, predictions, labels, seconds))
    print("| tool | precision | recall | F1 | balanced accuracy | class 2 unflagged | messages/s |")
    print("|---|---|---|---|---|---|---|")
    for result in scores:
        print(result.row(len(texts)))
    print(NOTES)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
