"""Loading the project's labelled corpora (corpora/*.jsonl, corpora/<lang>/*.jsonl) and scoring msglint on them."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from msglint import Category, Linter, Severity

CORPORA = Path(__file__).resolve().parent.parent / "corpora"


#: The categories corpora are written for. The messaging category judges a message's metadata (type,
#: timing, attachments) more than its words: its rules are tested case by case (tests/test_messaging.py,
#: tests/rules/), not on a corpus.
CORPUS_CATEGORIES = [c.value for c in Category if c is not Category.MESSAGING]


def corpus_files() -> list[tuple[str, str, Path]]:
    """(language, category, file) of every corpus: English at ``corpora/<category>.jsonl``, every other
    language at ``corpora/<lang>/<category>.jsonl``."""
    categories = CORPUS_CATEGORIES
    found = [("en", category, CORPORA / f"{category}.jsonl") for category in categories]
    for folder in sorted(p for p in CORPORA.iterdir() if p.is_dir()):
        found += [(folder.name, c, folder / f"{c}.jsonl") for c in categories if (folder / f"{c}.jsonl").is_file()]
    return found


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
    report = linter.lint({"text": sample.text, "language": sample.lang})
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


@dataclass
class EvasionScore:
    category: str
    transformation: str
    recall: float
    precision: float
    base_recall: float
    base_precision: float
    misses: list[str] = field(default_factory=list)


def _flagged_spans(linter: Linter, text: str, category: str, lang: str = "en") -> list[tuple[int, int]]:
    return [
        (f.span.start, f.span.end)
        for f in linter.lint({"text": text, "language": lang}).findings
        if f.category is not None and f.category.value == category and f.severity in FLAGGING
    ]


# Links and addresses in a compliant message are left as they are when it is disguised: their
# characters are their identity, and "www.аmаzоn.co.uk" with Cyrillic letters is another site.
# The spaces around them stay too, so "no-spaces" does not glue a word onto a marketplace link.
_LINK_LIKE = re.compile(r"\s*(?:\S*(?:://|www\.|@)\S*|[\w-]+(?:\.[\w-]+)+/\S*|[\w-]+\.[a-z]{2,}(?:\.[a-z]{2})?\b)\s*")


def _outside_links(text: str) -> list[tuple[int, int]]:
    spans, position = [], 0
    for match in _LINK_LIKE.finditer(text):
        if match.start() > position:
            spans.append((position, match.start()))
        position = match.end()
    if position < len(text):
        spans.append((position, len(text)))
    return spans


def score_evasion(linter: Linter, samples: list[Sample], category: str, name: str) -> EvasionScore:
    """Recall and precision when the words a rule flagged (positives) or whole messages but their
    links (negatives) are disguised with one transformation from tests/evasion.py."""
    from .evasion import transformations

    base, disguised = Score(category), Score(category)
    misses = []
    for sample in samples:
        transform = transformations(sample.lang)[name]
        spans = _flagged_spans(linter, sample.text, category, sample.lang)
        positive = category in sample.labels
        text = transform(sample.text, (spans or None) if positive else _outside_links(sample.text))
        found = bool(_flagged_spans(linter, text, category, sample.lang))
        for score, hit in ((base, bool(spans)), (disguised, found)):
            if positive:
                score.tp += hit
                score.fn += not hit
            else:
                score.fp += hit
                score.tn += not hit
        if positive and spans and not found:
            misses.append(f"  MISSED {sample.id}: {text!r}")
        if not positive and found and not spans:
            misses.append(f"  FALSE+ {sample.id}: {text!r}")
    return EvasionScore(category, name, disguised.recall, disguised.precision, base.recall, base.precision, misses)
