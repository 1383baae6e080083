"""One Linter shared by many threads gives exactly the results of one thread, in any order."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from msglint import Linter, Report

CORPORA = Path(__file__).resolve().parent.parent / "corpora"
THREADS = 8
PER_THREAD = 2_000


def messages() -> list[str]:
    texts = [
        json.loads(line)["text"]
        for path in sorted(CORPORA.glob("*.jsonl"))
        for line in path.read_text("utf-8").splitlines()
        if line.strip()
    ]
    texts += [f"Order 123-4567890-{i:07d} ships today, tracking 1Z999AA1{i:09d}." for i in range(200)]
    return texts


@pytest.fixture(scope="module")
def patient() -> Linter:
    """A Linter whose time budget no loaded test machine reaches: eight threads on two busy cores may
    take a checker past the default 5 s (correctly reported as MSG001), which is not what these tests
    are about."""
    return Linter(config={"checker-timeout-seconds": 600})


def _differences(texts: list[str], got: list[Report], expected: list[Report]) -> list[str]:
    return [
        f"{text[:80]!r}: threaded {[(f.rule, f.span.start, f.span.end) for f in a.findings]} "
        f"vs sequential {[(f.rule, f.span.start, f.span.end) for f in b.findings]}"
        for text, a, b in zip(texts, got, expected, strict=True)
        if a != b
    ]


def test_eight_threads_give_exactly_the_sequential_results(patient: Linter) -> None:
    pool = messages()
    work = [[pool[(t * 7919 + i) % len(pool)] for i in range(PER_THREAD)] for t in range(THREADS)]
    expected = [[patient.lint(text) for text in chunk] for chunk in work]
    with ThreadPoolExecutor(THREADS) as executor:
        got = list(executor.map(lambda chunk: [patient.lint(text) for text in chunk], work))
    differences = [d for t in range(THREADS) for d in _differences(work[t], got[t], expected[t])]
    assert differences == []


def test_threads_mixing_lint_and_lint_many_agree(patient: Linter) -> None:
    pool = messages()[:500]
    expected = [patient.lint(text) for text in pool]
    with ThreadPoolExecutor(4) as executor:
        singles = executor.submit(lambda: [patient.lint(t) for t in pool])
        batched = executor.submit(lambda: list(patient.lint_many(pool, batch_size=64)))
        assert _differences(pool, singles.result(), expected) == []
        assert _differences(pool, batched.result(), expected) == []
