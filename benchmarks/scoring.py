"""A binary classifier's score, shared by the benchmark scripts (run them from the repo root)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass
class BinaryScore:
    """Counts of one tool on one labelled data set, and the figures derived from them."""

    name: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    seconds: float = 0.0

    def add(self, expected: bool, flagged: bool) -> None:
        if expected:
            self.tp += flagged
            self.fn += not flagged
        else:
            self.fp += flagged
            self.tn += not flagged

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def specificity(self) -> float:
        """The share of negatives left unflagged."""
        return self.tn / (self.tn + self.fp) if self.tn + self.fp else 0.0

    @property
    def balanced_accuracy(self) -> float:
        return (self.recall + self.specificity) / 2

    def rate(self, count: int) -> str:
        """Messages per second, as a table cell."""
        return f"{count / self.seconds:,.0f}" if self.seconds else "-"


def data_file_arguments(
    description: str, default: Path, what: str, argv: Sequence[str] | None, limit_help: str
) -> argparse.Namespace | None:
    """Parse ``[data] [--limit N]``; None (after saying why on stderr) when the data file is missing."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("data", nargs="?", type=Path, default=default, help=what)
    parser.add_argument("--limit", type=int, default=None, help=limit_help)
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"{args.data}: not found. This benchmark needs {what}; msglint itself does not.", file=sys.stderr)
        return None
    return args
