"""Frequent words of a language, linted one by one: none may be abusive.

Every word of wordfreq's list of a language (the most frequent ``--top`` ones) is linted alone with that
language; a word of the language is never an insult by being cut into pieces ("débité" read "de" +
"bite"). Words that are themselves rude are in the list too, so the output is read by hand: it lists
every word with an abusive finding, and which piece was found.

    python benchmarks/bench_frequent_words.py --lang fr --top 30000
"""

from __future__ import annotations

import argparse
import time

from msglint import Linter


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="fr")
    parser.add_argument("--top", type=int, default=30000)
    args = parser.parse_args()
    from wordfreq import top_n_list  # a dependency of msglint's glued-word reader

    words = [w for w in top_n_list(args.lang, args.top) if w.isalpha()]
    linter = Linter()
    started = time.perf_counter()
    flagged = []
    for word in words:
        report = linter.lint({"text": word, "language": args.lang})
        hits = [f"{f.rule} {f.text!r}" for f in report.findings if f.category and f.category.value == "abusive"]
        if hits and not any(f.text.lower() == word.lower() for f in report.findings):
            flagged.append(f"{word}: {', '.join(hits)}")  # a piece of the word, not the word itself
    elapsed = time.perf_counter() - started
    print(f"{args.lang}: {len(words)} words in {elapsed:.1f} s; found inside a word: {len(flagged)}")
    for line in flagged:
        print("  " + line)


if __name__ == "__main__":
    main()
