"""The messages the speed benchmarks run on: the project's corpora, and unique messages made from them."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def corpus_rows() -> list[dict[str, object]]:
    """Every English corpus row (corpora/*.jsonl), in a stable order: the speed figures stay comparable
    from run to run as other languages' corpora (corpora/<lang>/) are added."""
    rows = [
        json.loads(line)
        for path in sorted((ROOT / "corpora").glob("*.jsonl"))
        for line in path.read_text("utf-8").splitlines()
        if line.strip()
    ]
    if not rows:
        sys.exit("no corpora found under corpora/*.jsonl")
    return rows


def corpus_messages(*, compliant_only: bool = False) -> list[str]:
    """Every corpus message's text, in a stable order; with ``compliant_only``, those labelled with no
    category (the corpora's ordinary order talk and hard negatives)."""
    return [str(row["text"]) for row in corpus_rows() if not (compliant_only and row.get("labels"))]


def unique_messages(count: int, start: int = 0, *, compliant_only: bool = False) -> list[str]:
    """``count`` corpus texts, each with an order number of its own in front: no two alike, as real
    traffic is, so no cache answers twice."""
    texts = corpus_messages(compliant_only=compliant_only)
    return [
        f"Order 1{i % 100:02d}-{i:07d}-{(i * 7919) % 10**7:07d}: {texts[i % len(texts)]}"
        for i in range(start, start + count)
    ]
