"""Candidates for the English aim grammar's evaluative vocabulary, from the VADER sentiment lexicon.

VADER (Hutto & Gilbert, 2014; ``vaderSentiment`` 3.3.2, MIT License, Copyright (c) 2016 C.J. Hutto)
ships ``vader_lexicon.txt``: about 7,500 English words and emoticons, each with the mean valence
(-4 .. +4) ten people gave it. A word with a negative rating is not an insult unless it is aimed, so
this script only *proposes*: it prints the single words rated at or below ``--max`` that could
describe a person (adverbs and abstract nouns left out), marks the ones English data already holds,
and the reviewer copies the person words by hand, with their rating, into the
``vader-*`` sets of ``msglint/lexicons/en/frames.toml``. Emotional states the buyer may be in
("frustrated", "upset"), situation words ("late", "damaged") and words about things ("broken",
"faulty") are left out there by idea.

Run it with the package installed (the ``tools`` extra, never a runtime dependency):

    pip install -e '.[tools]'
    python tools/build_evaluative.py [--max -1.5] [--new-only]
    python tools/build_evaluative.py --verify     # the ratings written in frames.toml match VADER's

Output, one candidate a line: rating, word, a hint of its form (adj / person-noun / other), and
``known`` when an English lexicon or frame set already lists the word.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from importlib import metadata, resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EN = ROOT / "msglint" / "lexicons" / "en"
FRAMES = EN / "frames.toml"
# Word forms that name no person and describe none: adverbs and abstract nouns.
_NOT_A_PERSON = re.compile(r"(?:ly|ness|nesses|ity|ities|elty|alty|ties|tion|tions|ment|ments|ism|isms|ance|ances)$")
_ADJECTIVE = re.compile(r"(?:ous|ful|less|ish|ive|ic|ical|ant|ent|able|ible|al|y|ed|id)$")
_PERSON_NOUN = re.compile(r"(?:er|ers|ist|ists|ard|ards|ee|ees|ot|ots|on|ons)$")
# A rated word in frames.toml: `"word",  # -2.3`
_RATED = re.compile(r'^\s*"([^"]+)",\s*#\s*(-?\d+(?:\.\d+)?)\s*$')


def vader() -> dict[str, float]:
    text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text("utf-8")
    ratings: dict[str, float] = {}
    for line in text.splitlines():
        fields = line.split("\t")
        if len(fields) >= 2:
            ratings[fields[0]] = float(fields[1])
    return ratings


def known_words() -> set[str]:
    """Every single word English lexicons and frame sets already list."""
    words: set[str] = set()
    for path in EN.glob("*.jsonl"):
        for line in path.read_text("utf-8").splitlines():
            if line.startswith("{"):
                words.update(p for p in json.loads(line).get("phrases", ()) if " " not in p)
    words.update(re.findall(r'"([a-z-]+)"', FRAMES.read_text("utf-8")))
    return words


def form(word: str) -> str:
    if _PERSON_NOUN.search(word):
        return "person-noun"
    if _ADJECTIVE.search(word):
        return "adj"
    return "other"


def candidates(ratings: dict[str, float], ceiling: float) -> list[tuple[float, str]]:
    return sorted(
        (rating, word)
        for word, rating in ratings.items()
        if rating <= ceiling and re.fullmatch(r"[a-z][a-z-]+", word) and not _NOT_A_PERSON.search(word)
    )


def verify(ratings: dict[str, float]) -> int:
    """Every `"word",  # rating` line of frames.toml carries VADER's rating of the word."""
    wrong = 0
    for number, line in enumerate(FRAMES.read_text("utf-8").splitlines(), 1):
        match = _RATED.match(line)
        if not match:
            continue
        word, written = match.group(1), float(match.group(2))
        if ratings.get(word) != written:
            wrong += 1
            print(f"{FRAMES.name}:{number}: {word!r} is rated {written}, VADER says {ratings.get(word)}")
    return 1 if wrong else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--max", type=float, default=-1.5, help="highest (least negative) rating to print")
    parser.add_argument("--new-only", action="store_true", help="leave out words English data already lists")
    parser.add_argument("--verify", action="store_true", help="check the ratings written in frames.toml")
    args = parser.parse_args(argv)
    try:
        ratings = vader()
    except ModuleNotFoundError:
        print("vaderSentiment is not installed: pip install -e '.[tools]'", file=sys.stderr)
        return 2
    if args.verify:
        return verify(ratings)
    known = known_words()
    print(f"# vaderSentiment {metadata.version('vaderSentiment')}, MIT License, Copyright (c) 2016 C.J. Hutto")
    for rating, word in candidates(ratings, args.max):
        if args.new_only and word in known:
            continue
        print(f"{rating:+.1f}\t{word}\t{form(word)}\t{'known' if word in known else ''}".rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
