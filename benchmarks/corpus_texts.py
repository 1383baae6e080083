"""The messages the speed benchmarks run on: the project's corpora, and unique messages made from them."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def corpus_messages() -> list[str]:
    """Every English corpus message's text (corpora/*.jsonl), in a stable order: the speed figures stay
    comparable from run to run as other languages' corpora (corpora/<lang>/) are added."""
    texts = [
        json.loads(line)["text"]
        for path in sorted((ROOT / "corpora").glob("*.jsonl"))
        for line in path.read_text("utf-8").splitlines()
        if line.strip()
    ]
    if not texts:
        sys.exit("no corpora found under corpora/*.jsonl")
    return texts


def unique_messages(count: int, start: int = 0) -> list[str]:
    """``count`` corpus texts, each with an order number of its own in front: no two alike, as real
    traffic is, so no cache answers twice."""
    texts = corpus_messages()
    return [
        f"Order 1{i % 100:02d}-{i:07d}-{(i * 7919) % 10**7:07d}: {texts[i % len(texts)]}"
        for i in range(start, start + count)
    ]
