"""Loading the project's labelled corpora (corpora/*.jsonl) and scoring msglint on them."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from msglint import Category, Linter, Severity

CORPORA = Path(__file__).resolve().parent.parent / "corpora"
FLAGGING = {Severity.ERROR, Severity.WARNING}
ALLOWED_KEYS = {"id", "text", "labels", "lang", "note", "tags"}


@dataclass(frozen=True)
class Sample:
    id: str
    text: str
    labels: frozenset[str]
    lang: str
    note: str
    tags: frozenset[str]


def load(path: Path) -> list[Sample]:
    samples = []
    categories = {c.value for c in Category}
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        row = json.loads(line)
        unknown = set(row) - ALLOWED_KEYS
        assert not unknown, f"{path.name}:{number}: unknown keys {unknown}"
        labels = frozenset(row["labels"])
        assert labels <= categories, f"{path.name}:{number}: unknown labels {labels - categories}"
        samples.append(
            Sample(
                row["id"],
                row["text"],
                labels,
                row.get("lang", "en"),
                row.get("note", ""),
                frozenset(row.get("tags", ())),
            )
        )
    return samples


@dataclass
class Score:
    category: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def describe(self) -> str:
        head = (
            f"{self.category}: precision {self.precision:.3f} recall {self.recall:.3f} "
            f"(tp {self.tp}, fp {self.fp}, fn {self.fn}, tn {self.tn})"
        )
        return "\n".join([head, *self.misses])


def flagged(linter: Linter, sample: Sample, category: str) -> list[str]:
    """The rule codes of ``category`` that fire (error or warning) on the sample."""
    report = linter.lint(sample.text if sample.lang == "en" else {"text": sample.text, "language": sample.lang})
    return [
        f"{f.rule} {f.text!r}"
        for f in report.findings
        if f.category is not None and f.category.value == category and f.severity in FLAGGING
    ]


def score(linter: Linter, samples: list[Sample], category: str) -> Score:
    result = Score(category)
    for sample in samples:
        hits = flagged(linter, sample, category)
        expected = category in sample.labels
        if expected and hits:
            result.tp += 1
        elif expected:
            result.fn += 1
            result.misses.append(f"  MISSED   {sample.id}: {sample.text!r}")
        elif hits:
            result.fp += 1
            result.misses.append(f"  FALSE+   {sample.id}: {sample.text!r} -> {hits}")
        else:
            result.tn += 1
    return result
