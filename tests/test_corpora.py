"""Each category's precision and recall on its own labelled corpus (corpora/<category>.jsonl)."""

from __future__ import annotations

import pytest

from msglint import Category, Linter

from .corpus import CORPORA, load, score

CATEGORIES = [c.value for c in Category]
MIN_MESSAGES = 200
MIN_HARD_NEGATIVE_SHARE = 0.40
MIN_OBFUSCATED_SHARE = 0.25
MIN_PRECISION = 0.97
MIN_RECALL = 0.95


@pytest.mark.parametrize("category", CATEGORIES)
def test_corpus_is_large_and_hard_enough(category: str) -> None:
    samples = load(CORPORA / f"{category}.jsonl")
    ids = [s.id for s in samples]
    assert len(ids) == len(set(ids)), "corpus ids must be unique"
    assert len(samples) >= MIN_MESSAGES
    positives = [s for s in samples if category in s.labels]
    negatives = [s for s in samples if category not in s.labels]
    assert len(negatives) / len(samples) >= MIN_HARD_NEGATIVE_SHARE
    obfuscated = [s for s in positives if "obfuscated" in s.tags]
    assert len(obfuscated) / len(positives) >= MIN_OBFUSCATED_SHARE


@pytest.mark.parametrize("category", CATEGORIES)
def test_precision_and_recall_on_corpus(category: str, linter: Linter) -> None:
    result = score(linter, load(CORPORA / f"{category}.jsonl"), category)
    print(result.describe())
    assert result.precision >= MIN_PRECISION, result.describe()
    assert result.recall >= MIN_RECALL, result.describe()
