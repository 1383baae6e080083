"""Speed and memory of msglint, side by side with its floor and its peers, in one run.

    pip install -e '.[bench]' && python benchmarks/bench_perf.py [--messages 20000] [--json out.json]

Messages are the project's own corpora (corpora/*.jsonl), repeated to at least --messages.
Everything is measured in this one process run on the same messages, so the ratios hold even on
a shared, noisy machine; absolute figures move with the machine.

* floor: spaCy's bare blank-English tokenizer (``nlp.make_doc``), which any spaCy-based linter pays;
* msglint: ``Linter.lint`` one by one, ``lint_many`` (one process and two), all four categories;
* peers, each covering one category: better-profanity ``contains_profanity``, alt-profanity-check
  ``predict`` (one by one and batched), urlextract ``find_urls``;
* latency p50/p99/max for ~200- and ~2,000-character messages;
* cold start: a fresh interpreter running ``import msglint; msglint.lint("x")`` (median of 7), beside
  one running ``import spacy; spacy.blank("en")``, which any spaCy-based linter pays;
* peak resident memory of a process holding one Linter after linting every message;
* growth: one message of 1 KB, 10 KB, 100 KB and 1 MB.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from corpus_texts import corpus_messages

ROOT = Path(__file__).resolve().parent.parent


def repeated(texts: list[str], count: int) -> list[str]:
    # A counter keeps repeats from being identical strings, as real traffic never is.
    return [f"{texts[i % len(texts)]} (ref {i})" for i in range(count)]


def throughput(fn: Callable[[list[str]], Iterable[object]], messages: list[str]) -> float:
    fn(messages[:500])  # warm-up: caches, lazy imports
    gc.collect()
    start = time.perf_counter()
    for _ in fn(messages):
        pass
    return len(messages) / (time.perf_counter() - start)


def latencies(fn: Callable[[str], object], messages: list[str]) -> dict[str, float]:
    for text in messages[:200]:
        fn(text)
    times = []
    for text in messages:
        start = time.perf_counter()
        fn(text)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {
        "p50_ms": times[len(times) // 2],
        "p99_ms": times[int(len(times) * 0.99) - 1],
        "max_ms": times[-1],
        "mean_chars": statistics.mean(len(t) for t in messages),
    }


def sized(texts: list[str], target: int, count: int) -> list[str]:
    """``count`` messages of about ``target`` characters, each a run of corpus messages."""
    out, i = [], 0
    for _ in range(count):
        parts, length = [], 0
        while length < target:
            parts.append(texts[i % len(texts)])
            length += len(parts[-1]) + 1
            i += 1
        out.append(" ".join(parts)[:target])
    return out


def cold_start(code: str = "import msglint; msglint.lint('x')", runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


# The peak is read from /proc/self/status (VmHWM, this process's own address space) where there is
# one: ru_maxrss is kept across exec on Linux, so a child forked from this benchmark, which holds the
# peers' models, would report the benchmark's own size (it read 256 MB for a 150 MB process).
PEAK_RSS_SCRIPT = """
import json, resource, sys
import msglint
linter = msglint.Linter()
for text in json.load(sys.stdin):
    linter.lint(text)
try:
    with open("/proc/self/status") as status:
        print(next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")))
except OSError:
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def peak_rss_mb(messages: list[str]) -> float:
    done = subprocess.run(
        [sys.executable, "-c", PEAK_RSS_SCRIPT], input=json.dumps(messages), capture_output=True, text=True, check=True
    )
    return int(done.stdout.strip()) / 1024


def growth(linter_factory: Callable[[], object], texts: list[str]) -> list[tuple[int, float]]:
    linter = linter_factory()
    rows = []
    for size in (1_000, 10_000, 100_000, 1_000_000):
        text = sized(texts, size, 1)[0]
        linter.lint(text[:1000])  # type: ignore[attr-defined]
        start = time.perf_counter()
        linter.lint(text)  # type: ignore[attr-defined]
        rows.append((size, time.perf_counter() - start))
    return rows


def peers(messages: list[str]) -> list[tuple[str, str, float | None, str]]:
    """Each peer's throughput on the same messages, or why it was not measured."""
    rows: list[tuple[str, str, float | None, str]] = []
    abusive, links = "abusive", "external-contact (links)"
    try:
        from better_profanity import profanity

        profanity.load_censor_words()
        rate = throughput(lambda ms: map(profanity.contains_profanity, ms), messages)
        rows.append(("better-profanity contains_profanity", abusive, rate, ""))
    except ImportError:
        rows.append(("better-profanity", abusive, None, "not installed"))
    try:
        from profanity_check import predict

        rate = throughput(lambda ms: (predict([m]) for m in ms), messages)
        rows.append(("alt-profanity-check predict, one by one", abusive, rate, ""))
        rows.append(("alt-profanity-check predict, batched", abusive, throughput(predict, messages), ""))
    except ImportError:
        rows.append(("alt-profanity-check", abusive, None, "not installed"))
    try:
        from urlextract import URLExtract

        extractor = URLExtract()
        rows.append(("urlextract find_urls", links, throughput(lambda ms: map(extractor.find_urls, ms), messages), ""))
    except ImportError:
        rows.append(("urlextract", links, None, "not installed"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument(
        "--peer-messages", type=int, default=2_000, help="the first N messages for peers (better-profanity is slow)"
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()

    import spacy

    import msglint

    texts = corpus_messages()
    messages = repeated(texts, args.messages)
    results: dict[str, object] = {"messages": len(messages), "distinct_corpus_messages": len(texts)}

    nlp = spacy.blank("en")
    floor = throughput(lambda ms: map(nlp.make_doc, ms), messages)
    linter = msglint.Linter()
    one_by_one = throughput(lambda ms: map(linter.lint, ms), messages)
    many = throughput(lambda ms: linter.lint_many(ms, batch_size=256), messages)
    many2 = throughput(lambda ms: linter.lint_many(ms, batch_size=256, n_process=2), messages)
    subset = messages[: args.peer_messages]
    rows = [
        ("spaCy blank('en') make_doc (floor)", "tokenising only", floor, ""),
        ("msglint Linter.lint, one by one", "all four", one_by_one, ""),
        ("msglint Linter.lint_many, 1 process", "all four", many, ""),
        ("msglint Linter.lint_many, 2 processes", "all four", many2, ""),
        (
            f"msglint Linter.lint, one by one, first {len(subset):,}",
            "all four",
            throughput(lambda ms: map(linter.lint, ms), subset),
            "",
        ),
        *peers(subset),
    ]
    results["throughput"] = {name: rate for name, _, rate, _ in rows}
    results["ratio_lint_to_floor"] = one_by_one / floor
    results["ratio_lint_many_to_floor"] = many / floor

    short = [t for t in messages if 150 <= len(t) <= 250] or sized(texts, 200, 2000)
    results["latency_200"] = latencies(linter.lint, short[:5000])
    results["latency_2000"] = latencies(linter.lint, sized(texts, 2000, 2000))
    results["cold_start_s"] = cold_start()
    results["cold_start_floor_s"] = cold_start("import spacy; spacy.blank('en')")
    results["peak_rss_mb"] = peak_rss_mb(messages)
    results["growth"] = growth(lambda: msglint.Linter(config={"max-message-chars": 2_000_000}), texts)

    print(f"## msglint performance ({len(messages):,} messages from {len(texts)} corpus messages)\n")
    print(f"Peers run on the first {len(subset):,} messages; msglint's row for that subset is beside them.\n")
    print("| what | covers | messages/s | vs floor |")
    print("| --- | --- | ---: | ---: |")
    for name, covers, rate, note in rows:
        shown = f"{rate:,.0f}" if rate else note
        ratio = f"{rate / floor:.2f}x" if rate else ""
        print(f"| {name} | {covers} | {shown} | {ratio} |")
    print("\n| latency (Linter.lint) | p50 | p99 | max |")
    print("| --- | ---: | ---: | ---: |")
    for key, label in (("latency_200", "~200 characters"), ("latency_2000", "~2,000 characters")):
        lat = results[key]
        assert isinstance(lat, dict)
        cells = " | ".join(f"{lat[k]:.3f} ms" for k in ("p50_ms", "p99_ms", "max_ms"))
        print(f"| {label} (mean {lat['mean_chars']:.0f}) | {cells} |")
    print(
        f"\ncold start (import msglint; msglint.lint('x'), median of 7): {results['cold_start_s']:.3f} s;"
        f" its floor, import spacy; spacy.blank('en'): {results['cold_start_floor_s']:.3f} s"
    )
    print(f"peak resident memory, one Linter after {len(messages):,} messages: {results['peak_rss_mb']:.0f} MB")
    print("\n| one message of | time | per KB |")
    print("| ---: | ---: | ---: |")
    for size, seconds in results["growth"]:  # type: ignore[union-attr]
        print(f"| {size:,} chars | {seconds * 1000:.1f} ms | {seconds * 1000 / (size / 1000):.3f} ms |")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
