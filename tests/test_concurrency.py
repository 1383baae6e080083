"""One Linter shared by many threads gives exactly the results of one thread, in any order."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from msglint import Linter

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


def test_eight_threads_give_exactly_the_sequential_results(linter: Linter) -> None:
    pool = messages()
    work = [[pool[(t * 7919 + i) % len(pool)] for i in range(PER_THREAD)] for t in range(THREADS)]
    expected = [[linter.lint(text) for text in chunk] for chunk in work]
    with ThreadPoolExecutor(THREADS) as executor:
        got = list(executor.map(lambda chunk: [linter.lint(text) for text in chunk], work))
    assert got == expected


def test_threads_mixing_lint_and_lint_many_agree(linter: Linter) -> None:
    pool = messages()[:500]
    expected = [linter.lint(text) for text in pool]
    with ThreadPoolExecutor(4) as executor:
        singles = executor.submit(lambda: [linter.lint(t) for t in pool])
        batched = executor.submit(lambda: list(linter.lint_many(pool, batch_size=64)))
        assert singles.result() == expected
        assert batched.result() == expected
