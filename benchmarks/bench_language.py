"""Language detection on the corpora with the language hidden, and what it changes in the verdicts.

Every corpus message (corpora/*.jsonl in English, corpora/<lang>/*.jsonl) is linted three ways: with its
language given, with the language hidden but its marketplace named (a .de message on amazon.de), and with
nothing but the text (any language msglint knows or the policy's marketplaces name). Prints a confusion
table per way and the share of messages whose verdict is the one the given language yields.

    python benchmarks/bench_language.py            # detection and verdicts
    python benchmarks/bench_language.py --cold     # also the first message of each language, cold

Cold start runs one process per language: the Linter is built, then one English message and one message
of the language are timed (spaCy's French tokenizer exceptions alone take seconds to import).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from msglint import Linter

ROOT = Path(__file__).resolve().parent.parent
#: The marketplace a corpus message in each language is sent on.
HOME = {
    "en": "amazon.co.uk",
    "de": "amazon.de",
    "fr": "amazon.fr",
    "es": "amazon.es",
    "it": "amazon.it",
    "pt": "amazon.com.br",
}
COLD = """
import sys, time
t0 = time.perf_counter()
import msglint
t1 = time.perf_counter()
linter = msglint.Linter()
t2 = time.perf_counter()
linter.lint({"text": "Your order has shipped and arrives on Tuesday.", "language": "en"})
t3 = time.perf_counter()
import time as _t; _t.sleep(float(sys.argv[2]))
t4 = time.perf_counter()
linter.lint({"text": sys.argv[3], "language": sys.argv[1]})
t5 = time.perf_counter()
print(f"{t1 - t0:.2f} {t2 - t1:.2f} {t3 - t2:.2f} {t5 - t4:.2f}")
"""
SAMPLE = {
    "en": "Thanks for your order, the kettle left our warehouse today.",
    "de": "Vielen Dank für Ihre Bestellung, der Wasserkocher ist heute losgeschickt worden.",
    "fr": "Merci pour votre commande, la bouilloire est partie de notre entrepôt aujourd'hui.",
    "es": "Gracias por su pedido, el hervidor ha salido hoy de nuestro almacén.",
    "it": "Grazie per il suo ordine, il bollitore è partito oggi dal nostro magazzino.",
}


def corpus_rows() -> list[tuple[str, str]]:
    rows = []
    for path in sorted((ROOT / "corpora").rglob("*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                rows.append((row.get("lang", "en"), row["text"]))
    return rows


def detection(linter: Linter, rows: list[tuple[str, str]]) -> None:
    ways = {"marketplace named": lambda lang: {"marketplace": HOME.get(lang)}, "text only": lambda lang: {}}
    for way, extra in ways.items():
        confusion: Counter[tuple[str, str]] = Counter()
        same = 0
        for lang, text in rows:
            given = linter.lint({"text": text, "language": lang})
            found = linter.lint({"text": text, **extra(lang)})
            confusion[lang, found.language or "?"] += 1
            same += given.verdict == found.verdict
        languages = sorted({lang for lang, _ in confusion})
        detected = sorted({found for _, found in confusion})
        print(f"\n## {way}: rows = language of the corpus, columns = language detected\n")
        print("| corpus | " + " | ".join(detected) + " | accuracy |")
        print("| --- | " + " | ".join("---:" for _ in detected) + " | ---: |")
        for lang in languages:
            total = sum(confusion[lang, d] for d in detected)
            cells = " | ".join(str(confusion[lang, d]) for d in detected)
            print(f"| {lang} | {cells} | {confusion[lang, lang] / total:.3f} |")
        print(f"\nverdict as with the language given: {same}/{len(rows)} = {same / len(rows):.4f}")


def cold_start(languages: list[str]) -> None:
    print("\n## cold start (seconds): import, Linter(), first English message, first message of the language\n")
    print("| language | import | Linter() | first en | first of language, right away | after 15 s |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for lang in languages:
        timings = []
        for wait in ("0", "15"):
            out = subprocess.run(
                [sys.executable, "-c", COLD, lang, wait, SAMPLE[lang]], capture_output=True, text=True, check=True
            )
            timings.append(out.stdout.split())
        (imp, build, first_en, right_away), (*_, later) = timings
        print(f"| {lang} | {imp} | {build} | {first_en} | {right_away} | {later} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cold", action="store_true", help="also time the first message of each language")
    args = parser.parse_args()
    linter = Linter()
    rows = corpus_rows()
    counts = Counter(lang for lang, _ in rows)
    print(f"{len(rows)} corpus messages: " + ", ".join(f"{lang} {n}" for lang, n in sorted(counts.items())))
    detection(linter, rows)
    if args.cold:
        cold_start(sorted(SAMPLE))


if __name__ == "__main__":
    main()
