"""lint_many in one process and in two, side by side, each row beside its floor, on unique messages.

    python benchmarks/bench_parallel.py [--messages 5000 20000]

Messages are the corpora's texts, each made unique by an order number of its own (as real traffic
is: no two sent messages are the same string, so no cache answers twice). For each size, in one run:

* floor: spaCy's bare blank-English tokenizer over the same messages, measured right before the row;
* ``lint_many(batch_size=256)`` in this process;
* ``lint_many(n_process=2)`` on its first call (the workers are forked from the Linter then) and on a
  second call (the same workers, reused).
"""

from __future__ import annotations

import argparse
import gc
import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import spacy
from corpus_texts import unique_messages

import msglint

ROOT = Path(__file__).resolve().parent.parent


def rate(run: Callable[[list[str]], Iterable[object]], messages: list[str]) -> float:
    gc.collect()
    start = time.perf_counter()
    for _ in run(messages):
        pass
    return len(messages) / (time.perf_counter() - start)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, nargs="+", default=[5_000, 20_000])
    args = parser.parse_args()
    print(f"cores available: {len(os.sched_getaffinity(0))}")
    nlp = spacy.blank("en")
    floor = lambda ms: (nlp.make_doc(m) for m in ms)  # noqa: E731
    print("| messages | what | messages/s | floor messages/s | vs floor | vs 1 process |")
    print("| ---: | --- | ---: | ---: | ---: | ---: |")
    for count in args.messages:
        messages = unique_messages(count)
        linter = msglint.Linter()
        list(linter.lint_many(unique_messages(300)))  # warm: lazy word lists, first-message costs
        rows = [
            ("lint_many, 1 process", {"batch_size": 256}),
            ("lint_many, 2 processes, first call (forks)", {"n_process": 2}),
            ("lint_many, 2 processes, workers reused", {"n_process": 2}),
        ]
        one = None
        for name, options in rows:
            base = rate(floor, messages)
            measured = rate(lambda ms, linter=linter, options=options: linter.lint_many(ms, **options), messages)
            one = one or measured
            ratios = f"{measured / base:.2f}x | {measured / one:.2f}x"
            print(f"| {count:,} | {name} | {measured:,.0f} | {base:,.0f} | {ratios} |")
        linter.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
