"""Reading back words a seller glued together: "leaveus5starsforafreegift", "shopexampledotcom".

Without spaces no matcher sees a word, so the engine reads such a run the way a person does: as the
cheapest sequence of known words that spells it, where a word costs less the more often it is written
(the language's word frequencies from ``wordfreq``, bundled with that package, never fetched; a language
reads glued words when its file in msglint/lang/ names them). Leetspeak and a
masked letter are read inside the run ("y0urn3xt0rder", "c*de"), numbers and prices are words of their
own ("20%discount", "£5off").

A run is re-spaced only when

* it is not a word by itself (rare words included: "retardant", "Scunthorpe"), a number, a code, a
  name in mid-sentence, an acronym or part of a link, and every character of it is part of a word, a
  number, a hyphen or an apostrophe (so nothing is cut into pieces that only look like words);
* it falls apart into three pieces or more, or two of which one is a word some checker matches (so
  the extra reading is paid for only where it can matter).

The result is the stretch of the message around each such run, its sentence and the sentences either
side, with spaces inserted where the words meet and a map from that text back to the original; the
engine lints each stretch as a second reading of the message (see :mod:`msglint.api`).
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import itertools
import marshal
import math
import os
import re
import sys
import tempfile
import threading
import zlib
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy

from msglint.engine import disguises
from msglint.engine.language import Language, alternation, language
from msglint.normalize import FoldedText, OffsetMap, fold_word

# A run of word characters in the plain view lower-cased: letters, digits, leet symbols, masks,
# prices and the joiners of "1-star" and "don't". Shorter than 4 characters it hides no two words
# worth reading.
# (A '!' or '|' at the end is punctuation; a decimal point or a thousands comma is part of a number.)
_RUN = re.compile(r"(?:[a-z0-9*$@!|%£€'’-]|(?<=[0-9])[.,](?=[0-9])){4,}")
# A capitalised word (not CamelCase) after a word of the same sentence is a name.
_NAME = re.compile(r"[A-Z][a-z'’]+\b")
_MID_SENTENCE = re.compile(r"[a-z0-9,] {0,3}$")
_MAX_ACRONYM = 5  # "IBAN", "ASIN", "UPS" are no glued words
_HAS_LETTERS = re.compile(r"[a-z][^a-z]*[a-z]")
_JOINERS = "-'’"
# Where a sentence or a line ends in the original text (a stretch is read sentence by sentence).
# (Anchored at the first mark of a run and possessive, so "....." is scanned once: linear.)
_SENTENCE_END = re.compile(r"(?<![.!?…])[.!?…]++[\"')\]»”’]*+\s+|\n")
_LINK_CHARS = frozenset("/@_#=&~+\\")
# Punctuation that ends a clause, between letters; a full stop only before a capital ("shop.com" stays).
_GLUED_PUNCTUATION = re.compile(r"(?<=[A-Za-z])(?:[;,!?]|\.(?=[A-Z]))(?=[A-Za-z])")

# Leetspeak inside a run, as the folded view reads it where it can be sure; '1' is tried as its second
# letter ('l') too.
_LEET = str.maketrans(disguises.table().usual(folded_only=True))
_LEET_L = str.maketrans({"1": disguises.table().second()["1"]})
_MASK = "*"
_HANDLE_SIGNS = frozenset("@$!|")

#: The longest word tried; longer words are rare and costly to look for at every position.
MAX_WORD = 20
#: Runs whose reading is remembered, per Linter and language.
_MAX_VERDICTS = 20_000
#: The longest run read; a longer one is not a sentence glued together but data.
MAX_RUN = 120

# Costs are -log10 of a word's frequency (9 - its Zipf value): a run is read as its most likely words.
_UNKNOWN_FREQUENCY_COST = 6.5  # a checker's phrase word that the frequency list lacks ("wechat")
_NUMBER_COST = 2.5
_JOINER_COST = 0.3
_LEET_COST = 2.0  # per character read as another: "a5star" is "a 5 star" before it is "as star"
_MASK_COST = 1.0  # per masked letter guessed
# A number glued to words is a price or a count ("£5off", "20%discount"); a longer one is part of a
# code ("TBA304956782000"), whose letters are no words either.
_MAX_NUMBER_DIGITS = 4
_LONG_NUMBER = re.compile(rf"[0-9]{{{_MAX_NUMBER_DIGITS + 1}}}")
# What a one-letter word glued inside a run costs more when it is as often a piece of a longer word
# ("themishit": "i" and "u" in English) as a word.
_LONE_LETTER_COST = 2.0
_COMMON_COST = 5.0  # Zipf 4 and more: "dot", "com", "gift", "card"
_MIN_TWO_LETTER_ZIPF = 4.5  # "am", "us", "on"; not the rarer two-letter tokens of web text
_MIN_RARE_LENGTH = 5  # shorter rare words are mostly abbreviations and fragments ("mis", "tho")
_RARE_CENTIBELS = 750  # rarer words known down to Zipf 1.5 ("mishit"), below that mostly typos and names


@dataclass(frozen=True, slots=True)
class Segment:
    """One piece of a run: ``kind`` is "word", "number" or "joiner"; ``word`` the word it reads as."""

    start: int
    end: int
    kind: str
    word: str


# A candidate piece of a run while segmenting: start, end, kind, word, cost (a Segment once chosen).
_Piece = tuple[int, int, str, str, float]


class Vocabulary:
    """Word costs for segmenting one language: its frequency list plus the phrase words of the checkers."""

    def __init__(
        self,
        costs: Mapping[str, float],
        phrase_words: Collection[str],
        lang: Language,
        rare: RareWords | None = None,
    ) -> None:
        self.costs = costs  # shared by every Linter of the process: never written to
        self.rare = rare if rare is not None else RareWords(())
        words = lang.words
        # A number glued to words, a price or an ordinal: "20%discount", "£5off", "the2nd".
        self._number = re.compile(rf"[£$€]?[0-9]+(?:[.,][0-9]+)*(?:%|{alternation(words.ordinal_suffixes)})?")
        self._letters = lang.settings.alphabet  # what a masked letter may be
        self._lone_letter_cost = dict.fromkeys(words.ambiguous_one_letter_words, _LONE_LETTER_COST)
        # A checker's word the frequency list lacks ("wechat") is read with a middling cost; not a
        # glued variant a checker matches ("messageuson"): that is three words to read apart.
        # (Judged against the frequency lists alone, so the result does not depend on set order.)
        self.extra: dict[str, float] = {}  # empty while the checkers' words are judged
        unknown = [w for w in phrase_words if len(w) >= 3 and w not in costs and w not in self.rare]
        self.extra = dict.fromkeys([w for w in unknown if self.segments(w) is None], _UNKNOWN_FREQUENCY_COST)
        self.phrase_words = frozenset(w for w in phrase_words if w in costs or w in self.extra)
        self._verdicts: dict[str, tuple[Segment, ...]] = {}

    def glued(self, run: str) -> tuple[Segment, ...]:
        """The words ``run`` glues together, when it is worth reading apart; () otherwise.

        Not a number, a code or a word by itself (rare ones included), and at least three pieces, or
        two of which one is a checker's word. Remembered per run: names and slang come back often.
        """
        verdict = self._verdicts.get(run)
        if verdict is None:
            verdict = ()
            if _HAS_LETTERS.search(run) and not self.is_code(run) and not self.is_word(run):
                segments = self.segments(run)
                pieces = [s for s in segments or () if s.kind != "joiner"]
                if len(pieces) >= 3 or (len(pieces) == 2 and any(s.word in self.phrase_words for s in pieces)):
                    verdict = tuple(segments or ())
            if len(self._verdicts) >= _MAX_VERDICTS:
                self._verdicts.clear()  # bounded: a stream of unique runs must not grow memory
            self._verdicts[run] = verdict
        return verdict

    def segments(self, run: str) -> list[Segment] | None:
        """The cheapest reading of ``run`` as words, numbers and joiners, or None when there is none."""
        n = len(run)
        leet = run.translate(_LEET)
        leet_l = leet.translate(_LEET_L) if "1" in run else None  # "1" read as "l", not "i"
        best: list[float] = [math.inf] * (n + 1)
        back: list[_Piece | None] = [None] * (n + 1)
        best[0] = 0.0
        pieces = self._letter_pieces if run.isalpha() else self._pieces
        for i in range(n):
            here = best[i]
            if here == math.inf:
                continue
            for piece in pieces(run, leet, leet_l, i):
                end = piece[1]
                total = here + piece[4]
                if total < best[end]:
                    best[end] = total
                    back[end] = piece
        if best[n] == math.inf:
            return None
        out: list[Segment] = []
        end = n
        while end > 0:
            piece = back[end]
            assert piece is not None  # every reached position was reached by a piece
            out.append(Segment(*piece[:4]))
            end = piece[0]
        out.reverse()
        return out

    def _letter_pieces(self, run: str, leet: str, leet_l: str | None, i: int) -> Iterator[_Piece]:
        """The words starting at ``i`` of a run of letters only (most runs): plain lookups."""
        costs, extra, lone = self.costs, self.extra, self._lone_letter_cost
        for end in range(i + 1, min(i + MAX_WORD, len(run)) + 1):
            piece = run[i:end]
            cost = costs.get(piece)
            if cost is None:
                cost = extra.get(piece)  # a checker's word, else a rare one
                if cost is None and (end - i < _MIN_RARE_LENGTH or (cost := self._rare_cost(piece)) is None):
                    continue
            yield i, end, "word", piece, cost + lone.get(piece, 0.0)

    def _pieces(self, run: str, leet: str, leet_l: str | None, i: int) -> Iterator[_Piece]:
        char = run[i]
        if char in _JOINERS:
            yield i, i + 1, "joiner", char, _JOINER_COST
        number = self._number.match(run, i)
        if number is not None and sum(c.isdigit() for c in number.group()) <= _MAX_NUMBER_DIGITS:
            yield i, number.end(), "number", number.group(), _NUMBER_COST
        if char.isdigit() and (i == 0 or run[i - 1].isdigit()):
            return  # a word may start with a leet digit ("0rder"), not inside a number
        for end in range(i + 1, min(i + MAX_WORD, len(run)) + 1):
            piece = run[i:end]
            if piece[-1] in _JOINERS and piece[-1] != "'":
                break  # a hyphen ends the word
            reading = self._reading(piece, leet[i:end], leet_l[i:end] if leet_l else None, i)
            if reading is not None:
                yield i, end, "word", reading[0], reading[1]

    def _reading(self, piece: str, leet: str, leet_l: str | None, i: int) -> tuple[str, float] | None:
        """The word ``piece`` spells, leetspeak and a masked letter read, and what reading it costs."""
        if piece.isalpha() or ("'" in piece and piece.replace("'", "").isalpha()):
            cost = self.cost(piece)
            return None if cost is None else (piece, cost + self._lone_letter_cost.get(piece, 0.0))
        if piece[0] in _JOINERS or not any(c.isalpha() for c in piece):
            return None
        if piece[0] == _MASK or piece[-1] == _MASK or (i > 0 and piece[0] in _HANDLE_SIGNS):
            return None  # a masked letter is inside a word; "@re" after a space would read as a handle
        extra = sum(a != b for a, b in zip(piece, leet, strict=True)) * _LEET_COST
        for candidate in (leet, leet_l):
            if candidate is None:
                continue
            masks = candidate.count(_MASK)
            if masks == 0:
                cost = self.cost(candidate)
                if cost is not None:
                    return candidate, cost + extra
            elif masks == 1:  # the common words only: 26 guesses each
                options = [w for w in (candidate.replace(_MASK, c) for c in self._letters) if w in self.costs]
                if options:
                    word = min(options, key=self.costs.__getitem__)
                    return word, self.costs[word] + extra + _MASK_COST
        return None

    def is_word(self, run: str) -> bool:
        """Whether ``run`` is a word as it stands: itself, read as leetspeak, or words joined by hyphens
        ("mix-up", "5-star")."""
        word = run.strip(_JOINERS)
        if word in self.rare:
            return True
        leet = word.translate(_LEET)
        if self._reading(word, leet, leet.translate(_LEET_L) if "1" in word else None, 0) is not None:
            return True  # "off*r", "d!dn't", "r3v13w"
        return "-" in word and all(part in self.costs or part.isdigit() for part in word.split("-"))

    @staticmethod
    def is_code(run: str) -> bool:
        """A handle ("@cosyhomeuk") or a code with a long number ("1z999aa10123456784")."""
        return run[0] == "@" or _LONG_NUMBER.search(run) is not None

    def cost(self, word: str) -> float | None:
        """What reading ``word`` costs, or None when it is no word.

        A rare compound of two common words ("dotcom", "giftcard") is read as the two: glued text is
        what makes it look like one.
        """
        cost = self.costs.get(word)
        if cost is not None:
            return cost
        cost = self.extra.get(word)
        if cost is not None or len(word) < _MIN_RARE_LENGTH:
            return cost
        return self._rare_cost(word)

    def _rare_cost(self, word: str) -> float | None:
        cost = self.rare.cost(word)
        if cost is None or self._two_common_words(word):
            return None
        return cost

    def _two_common_words(self, word: str) -> bool:
        costs = self.costs
        return any(
            costs.get(word[:k], math.inf) <= _COMMON_COST and costs.get(word[k:], math.inf) <= _COMMON_COST
            for k in range(2, len(word) - 1)
        )


@dataclass(frozen=True)
class Respaced:
    """A stretch of a message, ``original[start:end]``, with spaces inserted between glued words, and
    the way back from its text to that stretch."""

    start: int
    end: int
    text: str
    to_original: OffsetMap


class Segmenter:
    """Finds glued runs in a message and re-spaces the stretches around them; shared, thread-safe."""

    def __init__(self, phrase_words: Collection[str], lang: Language) -> None:
        self._phrase_words = frozenset(w for w in phrase_words if _HAS_LETTERS.search(w))
        self._lang = lang
        self._lock = threading.Lock()
        self._vocabulary: Vocabulary | None = None

    @property
    def vocabulary(self) -> Vocabulary:
        """Built on the first run that needs it: loading the word lists takes ~0.2 s, once per process."""
        if self._vocabulary is None:
            with self._lock:
                if self._vocabulary is None:
                    costs, rare = frequency_words(self._lang)
                    self._vocabulary = Vocabulary(costs, self._phrase_words, self._lang, rare)
        return self._vocabulary

    def respace(self, original: str, plain: FoldedText) -> list[Respaced]:
        """The stretches of ``original`` around its glued runs, re-spaced; none when nothing is glued.

        A stretch is the sentence of a run with the sentences either side of it (what the checkers
        weigh a match against), so a long message pays for the sentences it glued, not for all of it.
        Runs are read in the plain view, lower-cased: the folded view would already have read the
        "5" of "5dollardiscount" as an "s".
        """
        text = plain.text.lower()
        if len(text) != len(plain.text):  # a letter that lower-cases to two ("İ"): offsets would drift
            return []
        # Most messages glue nothing: every run is a known word, too short or long to read, or holds
        # fewer than two letters (an order number: ``Vocabulary.glued`` never reads such a run apart).
        # That is told from the runs' strings alone, before any run is located and read.
        found = _RUN.findall(text)
        if not found:
            return []
        known = self.vocabulary.costs
        if all(
            (run := each.rstrip("!|")) in known or not 4 <= len(run) <= MAX_RUN or not _HAS_LETTERS.search(run)
            for each in found
        ):
            return []
        points: list[int] = []
        runs: list[tuple[int, int]] = []
        vocabulary: Vocabulary | None = None
        costs: Mapping[str, float] = {}
        cased = plain.text
        for match in _RUN.finditer(text):
            run = match.group().rstrip("!|")
            if vocabulary is None:
                vocabulary = self.vocabulary
                costs = vocabulary.costs
            if run in costs or len(run) > MAX_RUN or len(run) < 4:  # most runs are words
                continue
            start = match.start()
            end = start + len(run)
            if (
                _in_link(text, cased, start, end)
                or (_NAME.match(cased, start) and _MID_SENTENCE.search(cased, max(0, start - 4), start))
                or (end - start <= _MAX_ACRONYM and cased[start:end].isupper())
            ):
                continue  # a link, a name ("classic Cockburn's"), an acronym ("IBAN")
            segments = vocabulary.glued(run)
            if segments:
                points.extend(
                    plain.to_original(start + b.start, start + b.end)[0]
                    for a, b in itertools.pairwise(segments)
                    if a.kind != "joiner" and b.kind != "joiner"
                )
                runs.append(plain.to_original(start, end))
        if not points:
            return []
        # Glued words come with glued sentences: "work;we've", "price.You" read as two clauses.
        points.extend(plain.to_original(m.end(), m.end() + 1)[0] for m in _GLUED_PUNCTUATION.finditer(plain.text))
        points = sorted(set(points))
        return [
            _insert_spaces(original, start, end, points[bisect_left(points, start) : bisect_left(points, end)])
            for start, end in _stretches(original, runs)
        ]


def _in_link(text: str, cased: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is part of a link, an email address, a handle or a path: its words
    are the checkers' to read whole ("royalmail.com" is no "royal mail")."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if before in _LINK_CHARS or after in _LINK_CHARS:
        return True
    if before == "." and not (start >= 2 and text[start - 2].isalpha() and cased[start].isupper()):
        return True  # "www.shop", not "arrived.Thanks"
    # "shop.com", "v1.2", "mailto:orders"; not "declined.Please"
    return after in ".:" and end + 1 < len(text) and (cased[end + 1].islower() or cased[end + 1].isdigit())


def _stretches(original: str, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """For each run, its sentence and the sentences either side, overlapping stretches merged."""
    starts = [0, *(m.end() for m in _SENTENCE_END.finditer(original))]
    stretches: list[tuple[int, int]] = []
    for run_start, run_end in runs:
        first = bisect_right(starts, run_start) - 1
        last = bisect_right(starts, max(run_end - 1, run_start)) - 1
        start = starts[max(first - 1, 0)]
        end = starts[last + 2] if last + 2 < len(starts) else len(original)
        if stretches and start <= stretches[-1][1]:
            stretches[-1] = (stretches[-1][0], max(end, stretches[-1][1]))
        else:
            stretches.append((start, end))
    return stretches


def _insert_spaces(original: str, start: int, end: int, points: list[int]) -> Respaced:
    parts: list[str] = []
    edits: list[tuple[int, int, int, int]] = []
    last = start
    for k, point in enumerate(points):
        parts.append(original[last:point])
        parts.append(" ")
        local = point - start
        edits.append((local + k, local + k + 1, local, local))
        last = point
    parts.append(original[last:end])
    return Respaced(start, end, "".join(parts), OffsetMap(edits))


class RareWords:
    """Words too rare to read a glued run with by themselves, but too real to cut into pieces
    ("retardant", "mishit", "Scunthorpe"), with their costs, in little memory.

    Per length, the sorted words are one string and their costs one ``bytes``: 145,000 words take
    about 2 MB, against 15 MB as a dict. A Bloom filter answers most lookups of a non-word at once;
    the others are a binary search of a dozen slices.
    """

    _BITS = 1 << 21
    _COST_STEP = 5  # costs are kept in steps of 5 centibels (0.05 of a Zipf unit)

    def __init__(self, words: Iterable[tuple[str, int]]) -> None:
        cost_of: dict[str, int] = {}
        for word, cost in words:
            cost_of.setdefault(word, cost)  # two spellings folded alike: the more frequent one's cost
        by_length: dict[int, list[str]] = {}
        for word in cost_of:
            by_length.setdefault(len(word), []).append(word)
        self._rows: dict[int, str] = {}
        self._costs: dict[int, bytes] = {}
        for n, group in by_length.items():
            group.sort()
            self._rows[n] = "".join(group)
            self._costs[n] = bytes(min(255, cost_of[w] // self._COST_STEP) for w in group)
        hashes = numpy.fromiter(map(_stable_hash, cost_of), dtype=numpy.int64, count=len(cost_of))
        bits = numpy.zeros(self._BITS, dtype=bool)
        bits[hashes & (self._BITS - 1)] = True
        bits[(hashes >> 21) & (self._BITS - 1)] = True
        self._bloom = numpy.packbits(bits, bitorder="little").tobytes()
        self.size = len(cost_of)

    def state(self) -> tuple[dict[int, str], dict[int, bytes], bytes, int]:
        """What :meth:`from_state` rebuilds these words from: strings, bytes and numbers only."""
        return self._rows, self._costs, self._bloom, self.size

    @classmethod
    def from_state(cls, state: tuple[dict[int, str], dict[int, bytes], bytes, int]) -> RareWords:
        words = cls.__new__(cls)
        words._rows, words._costs, words._bloom, words.size = state
        return words

    def _bits(self, word: str) -> tuple[int, int]:
        h = _stable_hash(word)
        return h & (self._BITS - 1), (h >> 21) & (self._BITS - 1)

    def cost(self, word: str) -> float | None:
        """What reading ``word`` costs (see :class:`Vocabulary`), or None when it is not a word."""
        for bit in self._bits(word):
            if not self._bloom[bit >> 3] & (1 << (bit & 7)):
                return None
        n = len(word)
        row = self._rows.get(n)
        if row is None:
            return None
        count = len(row) // n
        k = bisect_left(range(count), word, key=lambda i: row[i * n : i * n + n])
        if k < count and row[k * n : k * n + n] == word:
            return self._costs[n][k] * self._COST_STEP / 100
        return None

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.cost(word) is not None


def _stable_hash(word: str) -> int:
    """42 bits of ``word`` that are the same in every process (``hash`` is salted per process), so a
    Bloom filter built once can be kept on disk (see :func:`_cached_words`)."""
    data = word.encode()
    return zlib.crc32(data) | (zlib.adler32(data) & 0x3FF) << 32


_frequencies: dict[str, tuple[dict[str, float], RareWords]] = {}
_frequencies_lock = threading.Lock()


def frequency_words(lang: Language) -> tuple[dict[str, float], RareWords]:
    """The words of ``lang`` with what each costs to read (9 - Zipf frequency), and the rarer words that
    are never cut; loaded once per process from wordfreq's bundled lists the language file names."""
    code = lang.settings.word_frequencies
    if code is None:
        raise ValueError(f"the language file of {lang.code!r} names no word frequencies to read glued words with")
    found = _frequencies.get(code)
    if found is None:
        with _frequencies_lock:
            found = _frequencies.get(code)
            if found is None:
                found = _frequencies[code] = _cached_words(code, frozenset(lang.words.one_letter_words))
    return found


def english_words() -> tuple[dict[str, float], RareWords]:
    """English words with their costs, and the rare ones (see :func:`frequency_words`)."""
    return frequency_words(language("en"))


#: The folder that keeps built word lists between processes; unset or empty, none is kept. Off by default:
#: msglint writes no file a user did not ask for.
CACHE_DIR_VARIABLE = "MSGLINT_CACHE_DIR"


def _cached_words(code: str, one_letter_words: frozenset[str]) -> tuple[dict[str, float], RareWords]:
    """:func:`_load_words`, kept on disk between processes when a folder is named (``MSGLINT_CACHE_DIR``):
    building the lists from wordfreq's takes ~0.7 s of a cold start, reading them back ~0.05 s.

    The file is named by a hash of everything the lists are built from (wordfreq's two files, this
    module's source, the language's one-letter words, the Python version), so a change to any of them
    builds afresh; it holds strings, bytes and numbers only (``marshal``, which runs no code), is
    written whole or not at all, and a file that cannot be read or written is built around, never an
    error.
    """
    folder = _cache_dir()
    if folder is None:
        return _load_words(code, one_letter_words)
    key = hashlib.sha256(repr((sys.version, code, sorted(one_letter_words))).encode())
    for source in (Path(__file__), _word_list_path(f"small_{code}"), _word_list_path(f"large_{code}")):
        key.update(source.read_bytes())
    path = folder / f"words-{code}-{key.hexdigest()[:24]}.marshal"
    try:
        costs, rare = marshal.loads(path.read_bytes())
        return costs, RareWords.from_state(rare)
    except (OSError, EOFError, ValueError, TypeError):
        pass  # not built yet, or unreadable: build it
    costs, words = _load_words(code, one_letter_words)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=path.name, delete=False) as stream:
            written = Path(stream.name)
            stream.write(marshal.dumps((costs, words.state())))
        os.replace(written, path)
    except OSError:  # a read-only folder, a full disk: every process builds its own
        if "written" in locals():
            written.unlink(missing_ok=True)
    return costs, words


def _cache_dir() -> Path | None:
    configured = os.environ.get(CACHE_DIR_VARIABLE)
    return Path(configured) if configured else None


def _word_list_path(name: str) -> Path:
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("msglint needs the 'wordfreq' package to read glued words")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / f"{name}.msgpack.gz"


def _load_words(code: str, one_letter_words: frozenset[str]) -> tuple[dict[str, float], RareWords]:
    # Words are kept as the folded view writes them ("débité" is read "debite"): a word written with
    # accents is as much a word of the language without them, and is never cut into two ("de" + "bite").
    # Folded forms that meet ("été", "ete") keep the cost of the more frequent: buckets come most frequent first.
    costs: dict[str, float] = {}
    for centibels, words in enumerate(_read_buckets(f"small_{code}")):
        cost = centibels / 100  # bucket i holds the words of frequency 10 ** (-i / 100)
        for word in map(fold_word, words):
            # One letter alone is a word only when the language says so; other letters are initials or units.
            if word in costs or not _usable(word):
                continue
            if len(word) > 2 or (word in one_letter_words if len(word) == 1 else 9 - cost >= _MIN_TWO_LETTER_ZIPF):
                costs[word] = cost
    rare = RareWords(
        (w, centibels)
        for centibels, words in enumerate(_read_buckets(f"large_{code}", _RARE_CENTIBELS + 1))
        for w in map(fold_word, words)
        if len(w) >= _MIN_RARE_LENGTH and w not in costs and _usable(w)
    )
    return costs, rare


def _read_buckets(name: str, limit: int | None = None) -> Iterator[list[str]]:
    """The word buckets of one of wordfreq's bundled lists, most frequent first, up to ``limit``.

    Read as wordfreq's ``read_cBpack`` documents the format (a gzipped msgpack list: a header, then
    bucket i = the words of -i centibels), but streamed: importing wordfreq costs 0.14 s, its
    accessors keep every list cached for good, and the rarest buckets of the large list (150,000
    words) are never needed.
    """
    import msgpack  # a dependency of wordfreq's, imported on first need like the lists

    path = _word_list_path(name)
    with gzip.open(path, "rb") as stream:
        unpacker = msgpack.Unpacker(stream, raw=False)
        size = unpacker.read_array_header()
        header = unpacker.unpack()
        if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
            raise ValueError(f"{path}: not a wordfreq word list (header {header!r})")
        for _ in range(min(size - 1, limit if limit is not None else size)):
            yield unpacker.unpack()


def _usable(word: str) -> bool:
    return word.isascii() and word.replace("'", "").isalpha()


__all__ = ["RareWords", "Respaced", "Segment", "Segmenter", "Vocabulary", "english_words", "frequency_words"]
