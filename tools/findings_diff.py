"""Findings before and after a change to the engine, over the corpora and every disguise of them.

The safety net of a refactoring that must not change what msglint finds:

    python tools/findings_diff.py texts  /tmp/texts.jsonl        # once, with the code before the change
    python tools/findings_diff.py lint   /tmp/texts.jsonl /tmp/before.jsonl
    ... change the code ...
    python tools/findings_diff.py lint   /tmp/texts.jsonl /tmp/after.jsonl
    python tools/findings_diff.py diff   /tmp/before.jsonl /tmp/after.jsonl

``texts`` writes the texts to compare on: every corpus message, and for every category and every
transformation of tests/evasion.py, each positive with the words a rule flagged disguised and each
negative disguised whole but its links (as the evasion suite does), plus long messages made of many
corpus messages. The disguised words depend on what the code finds, so the texts are written once,
with the code before the change, and both runs lint the same file.

``diff`` says, per category, which texts lost every finding of a category they are labelled with
(a true positive lost) and which gained one they are not labelled with (a new false positive), then
counts the other changes (spans, codes) and lists a sample of them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from msglint import Linter  # noqa: E402
from tests.corpus import CORPORA, CORPUS_CATEGORIES, _flagged_spans, _outside_links, load  # noqa: E402
from tests.evasion import TRANSFORMATIONS  # noqa: E402

CATEGORIES = CORPUS_CATEGORIES


def write_texts(out: Path) -> int:
    linter = Linter()
    rows: dict[str, dict[str, object]] = {}

    def add(text: str, labels: frozenset[str], lang: str, origin: str) -> None:
        key = hashlib.sha1(f"{lang}\0{text}".encode()).hexdigest()[:16]
        row = rows.setdefault(key, {"key": key, "text": text, "lang": lang, "labels": sorted(labels), "origin": origin})
        row["labels"] = sorted(set(row["labels"]) | labels)  # type: ignore[arg-type]

    samples = [s for path in sorted(CORPORA.rglob("*.jsonl")) for s in load(path)]
    for sample in samples:
        add(sample.text, sample.labels, sample.lang, sample.id)
    for category in CATEGORIES:
        for sample in (s for s in samples if s.lang == "en"):
            positive = category in sample.labels
            spans = _flagged_spans(linter, sample.text, category) if positive else _outside_links(sample.text)
            if positive and not spans:
                continue
            for name, transform in TRANSFORMATIONS.items():
                add(transform(sample.text, spans), sample.labels, "en", f"{sample.id}/{category}/{name}")
    english = [s for s in samples if s.lang == "en"]
    for start in range(0, len(english), 5):
        group = english[start : start + 5]
        labels = frozenset().union(*(s.labels for s in group))
        add("\n\n".join(s.text for s in group), labels, "en", f"long/{start}")
    with out.open("w", encoding="utf-8") as stream:
        for row in rows.values():
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
    return len(rows)


def lint_texts(texts: Path, out: Path) -> int:
    linter = Linter()
    count = 0
    with out.open("w", encoding="utf-8") as stream:
        for line in texts.read_text("utf-8").splitlines():
            row = json.loads(line)
            report = linter.lint({"text": row["text"], "language": row["lang"]})
            findings = [
                [f.rule, f.category.value if f.category else None, f.severity.value, f.span.start, f.span.end]
                for f in report.findings
            ]
            stream.write(json.dumps({"key": row["key"], "labels": row["labels"], "findings": findings}) + "\n")
            count += 1
    return count


def _read(path: Path) -> dict[str, dict[str, object]]:
    return {row["key"]: row for row in map(json.loads, path.read_text("utf-8").splitlines())}


def _flagging(findings: list[list[object]], category: str) -> bool:
    return any(f[1] == category and f[2] in ("error", "warning") for f in findings)


def diff(before_path: Path, after_path: Path, texts_path: Path | None, show: int) -> int:
    before, after = _read(before_path), _read(after_path)
    texts = _read(texts_path) if texts_path else {}
    if before.keys() != after.keys():
        print(f"the runs linted different texts: {len(before.keys() ^ after.keys())} keys differ")
        return 2
    lost: Counter[str] = Counter()
    gained: Counter[str] = Counter()
    examples: list[str] = []
    changed = 0
    for key, old in before.items():
        new = after[key]
        labels = set(old["labels"])  # type: ignore[arg-type]
        for category in CATEGORIES:
            was, now = _flagging(old["findings"], category), _flagging(new["findings"], category)  # type: ignore[arg-type]
            if category in labels and was and not now:
                lost[category] += 1
                examples.append(f"LOST TP {category}: {texts.get(key, {}).get('text', key)!r}")
            if category not in labels and now and not was:
                gained[category] += 1
                examples.append(f"NEW FP  {category}: {texts.get(key, {}).get('text', key)!r} -> {new['findings']}")
        if old["findings"] != new["findings"]:
            changed += 1
            if len(examples) < show and not any(key in e for e in examples):
                examples.append(
                    f"changed {texts.get(key, {}).get('text', key)!r}: {old['findings']} -> {new['findings']}"
                )
    print(f"texts: {len(before):,}; texts whose findings changed at all: {changed:,}")
    for category in CATEGORIES:
        print(f"  {category}: true positives lost {lost[category]}, new false positives {gained[category]}")
    for line in examples[:show]:
        print("  " + line[:400])
    return 1 if lost or gained else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    texts = commands.add_parser("texts", help="write the texts to compare on")
    texts.add_argument("out", type=Path)
    lint = commands.add_parser("lint", help="lint every text, write its findings")
    lint.add_argument("texts", type=Path)
    lint.add_argument("out", type=Path)
    compare = commands.add_parser("diff", help="compare two runs")
    compare.add_argument("before", type=Path)
    compare.add_argument("after", type=Path)
    compare.add_argument("--texts", type=Path, help="the texts file, to show the texts that changed")
    compare.add_argument("--show", type=int, default=40)
    args = parser.parse_args()
    if args.command == "texts":
        print(f"{write_texts(args.out):,} texts written to {args.out}")
        return 0
    if args.command == "lint":
        print(f"{lint_texts(args.texts, args.out):,} texts linted")
        return 0
    return diff(args.before, args.after, args.texts, args.show)


if __name__ == "__main__":
    raise SystemExit(main())
