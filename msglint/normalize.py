"""Folding a message into the forms checkers match on, with a map back to what the seller wrote.

Two views are built from the original text:

``plain``
    HTML entities decoded, invisible characters (zero-width, soft hyphen, bidi marks, variation
    selectors) removed, compatibility forms folded (full-width, mathematical letters, ligatures),
    accents stripped and homoglyphs from Unicode's confusables data mapped to their ASCII look-alike.
    Case, digits and punctuation are kept: links, emails and phone numbers are found here.

``folded``
    ``plain`` lower-cased, with leetspeak undone inside words (``f4ke``, ``$hop``, ``sh!t``; never in
    pure numbers or long codes), letters that were spaced or dotted out joined (``r e v i e w``,
    ``s.h.i.t``), runs of spaces made one, and runs of three or more of one letter squeezed
    (``stuuupid``). Words are matched here.

Each view carries the :class:`OffsetMap` of every step, so a span found in it maps back to the
exact characters of the original, zero-width characters and Cyrillic letters included.
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from importlib import resources

import regex

from msglint.engine import disguises
from msglint.engine.language import alternation, language
from msglint.models import DEFAULT_LANGUAGE

# A piece of rewritten text and the source range [start, end) it stands for.
Piece = tuple[str, int, int]


class OffsetMap:
    """Maps character positions of a rewritten text back to the text it was rewritten from.

    Stored as the sorted list of places where lengths changed; between them the mapping is a shift.
    Each target character maps to a non-empty source range, and the mapping is monotone.
    """

    __slots__ = ("_s_ends", "_s_starts", "_t_ends", "_t_starts")

    def __init__(self, edits: Sequence[tuple[int, int, int, int]]) -> None:
        self._t_starts = [e[0] for e in edits]
        self._t_ends = [e[1] for e in edits]
        self._s_starts = [e[2] for e in edits]
        self._s_ends = [e[3] for e in edits]

    def __bool__(self) -> bool:
        return bool(self._t_starts)

    def start(self, i: int) -> int:
        """Source offset where target character ``i`` begins."""
        k = bisect_right(self._t_starts, i) - 1
        if k < 0:
            return i
        if i < self._t_ends[k]:
            return self._s_starts[k]
        return i + self._s_ends[k] - self._t_ends[k]

    def end(self, i: int) -> int:
        """Source offset just past target character ``i``."""
        k = bisect_right(self._t_starts, i) - 1
        if k < 0:
            return i + 1
        if i < self._t_ends[k]:
            return self._s_ends[k]
        return i + self._s_ends[k] - self._t_ends[k] + 1


class FoldedText:
    """A view of a message: its text, and how to get from its offsets to the original's."""

    __slots__ = ("_maps", "original", "text")

    def __init__(self, text: str, original: str, maps: tuple[OffsetMap, ...] = ()) -> None:
        self.text = text
        self.original = original
        self._maps = maps

    def __repr__(self) -> str:
        return f"FoldedText({self.text!r})"

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the span ``text[start:end]`` to the span of the original it came from."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span [{start}, {end}) is outside a text of {len(self.text)} characters")
        for offset_map in reversed(self._maps):
            if end > start:
                start, end = offset_map.start(start), offset_map.end(end - 1)
            else:
                start = end = offset_map.start(start)
        return start, end

    def then(self, text: str, offset_map: OffsetMap | None) -> FoldedText:
        """This view rewritten once more."""
        maps = (*self._maps, offset_map) if offset_map else self._maps
        return FoldedText(text, self.original, maps)


Pattern = re.Pattern[str] | regex.Pattern[str]
Match = re.Match[str] | regex.Match[str]


def rewrite(text: str, pattern: Pattern, pieces: Callable[[Match], Iterable[Piece]]) -> tuple[str, OffsetMap | None]:
    """Rewrite every match of ``pattern`` as the pieces ``pieces(match)`` returns.

    Pieces cover the match in order; source characters a piece does not cover are deleted.
    Returns the new text and its offset map (None when no length changed).
    """
    out: list[str] = []
    edits: list[tuple[int, int, int, int]] = []
    pos = 0
    t = 0
    for match in pattern.finditer(text):
        a, b = match.span()
        out.append(text[pos:a])
        t += a - pos
        cursor = a
        for piece, s0, s1 in pieces(match):
            if s0 > cursor:
                edits.append((t, t, cursor, s0))
            out.append(piece)
            if len(piece) != s1 - s0:
                edits.append((t, t + len(piece), s0, s1))
            t += len(piece)
            cursor = s1
        if cursor < b:
            edits.append((t, t, cursor, b))
        pos = b
    if pos == 0:
        return text, None
    out.append(text[pos:])
    return "".join(out), OffsetMap(edits) if edits else None


# --- plain view -------------------------------------------------------------------------------

_ENTITY = regex.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Non-ASCII runs, with the character before them: a combining mark stays with the letter it marks.
_NON_ASCII = regex.compile(r"[\x00-\x7f]?[^\x00-\x7f]+")
_MARKS = frozenset({"Mn", "Me"})


@cache
def _confusables() -> dict[str, str]:
    """Unicode's confusables (generated) and the look-alikes it lacks (curated), char -> ASCII."""
    table: dict[str, str] = {}
    for name in ("confusables.tsv", "lookalikes.tsv"):
        data = resources.files("msglint.data").joinpath(name).read_text("utf-8")
        for line in data.splitlines():
            if line and not line.startswith("#"):
                code, target, _name = line.split("\t", 2)
                table[chr(int(code, 16))] = target
    return table


_char_cache: dict[str, str] = {}


def fold_char(char: str) -> str:
    """The ASCII-leaning form of one character: '' for invisibles and marks, a look-alike for homoglyphs."""
    folded = _char_cache.get(char)
    if folded is None:
        folded = _fold_char_uncached(char)
        _char_cache[char] = folded
    return folded


def _fold_char_uncached(char: str) -> str:
    category = unicodedata.category(char)
    if category == "Cf":
        return ""
    if category == "Cs":  # half of a UTF-16 pair, alone: no text can encode it, the tokenizer included
        return "\ufffd"
    table = _confusables()
    if char in table:
        return table[char]
    decomposed = unicodedata.normalize("NFKD", char)
    stripped = "".join(c for c in decomposed if unicodedata.category(c) not in _MARKS)
    if not stripped:
        return ""
    recomposed = unicodedata.normalize("NFC", stripped)
    return "".join(table.get(c, c) for c in recomposed)


def fold_word(word: str) -> str:
    """A word of a lexicon or language file as the folded view writes it: accents dropped, look-alikes
    folded ("Größe" -> "grosse" once lower-cased); case and ASCII are kept."""
    return word if word.isascii() else "".join(fold_char(char) for char in word)


def _entity_pieces(match: Match) -> Iterable[Piece]:
    yield html.unescape(match.group()), match.start(), match.end()


def _char_pieces(match: Match) -> Iterable[Piece]:
    base = match.start()
    pieces: list[Piece] = []
    for i, char in enumerate(match.group()):
        out = fold_char(char)
        if not out and pieces and unicodedata.category(char) in _MARKS:
            # A dropped accent belongs to its letter: "e\u0301" maps back whole, never split.
            prev, start, _ = pieces[-1]
            pieces[-1] = (prev, start, base + i + 1)
        else:
            pieces.append((out, base + i, base + i + 1))
    return pieces


def plain(text: str) -> FoldedText:
    """The plain view: entities, invisibles, compatibility forms and homoglyphs folded; case kept."""
    view = FoldedText(text, text)
    if "&" in text:
        view = view.then(*rewrite(view.text, _ENTITY, _entity_pieces))
    if not view.text.isascii():
        view = view.then(*rewrite(view.text, _NON_ASCII, _char_pieces))
    return view


# --- folded view ------------------------------------------------------------------------------

# Digits and symbols read as their usual letter (msglint/data/disguises.toml; "8" is not read: in
# "gr8" and "m8" it stands for a sound, not a letter).
_FOLDED_LEET = disguises.table().usual(folded_only=True)
LEET = {char: letter for char, letter in _FOLDED_LEET.items() if char.isdigit()}
_LEET_SYMBOLS = {char: letter for char, letter in _FOLDED_LEET.items() if not char.isdigit()}
# The folded-view patterns are ASCII-only and run on every message: the stdlib engine runs them
# about three times faster than `regex`, and each is linear (anchored by a lookbehind or a class).
# A run of word characters and leet symbols in which a letter touches a digit or symbol.
_LEET_WORD = re.compile(r"(?<![a-z0-9$@!|])[a-z0-9$@!|]*(?:[a-z][0-9$@!|]|[0-9$@|][a-z])[a-z0-9$@!|]*")
_MAX_LEET_DIGITS = 3  # more digits than this is a code (tracking, ASIN, model number), not a word

# One separator, used throughout the run: "r e v i e w", "s.h.i.t", "f-r-e-e" (not "e.g. u.s.a").
_SPACED = re.compile(r"(?<![a-z0-9])[a-z](?P<sep>[ .\-_·•]{1,2})[a-z](?:(?P=sep)[a-z])+(?![a-z0-9])")
_SQUEEZE = re.compile(r"([a-z])\1{2,}")
_SPACES = re.compile(r"[ \t]{2,}")
_NON_ASCII_UPPER = re.compile(r"[^\x00-\x7f]+")


class _WordFolding:
    """What folding the words of a message needs of its language (msglint/lang/<lang>.toml): which
    numbers are measurements and dates, and which one-letter words may open a run of spaced letters."""

    def __init__(self, lang: str) -> None:
        words, settings = language(lang).words, language(lang).settings
        # Numbers with a unit or ordinal suffix are measurements and dates, not leetspeak.
        suffixes = alternation([*words.ordinal_suffixes, *words.unit_suffixes])
        self._number_with_unit = re.compile(rf"[0-9]+(?:{suffixes})")
        self._articles = frozenset(settings.spaced_run_articles)
        self.steps: tuple[tuple[Pattern, Callable[[Match], Iterable[Piece]]], ...] = (
            (_LEET_WORD, self._leet_pieces),
            (_SPACED, self._spaced_pieces),
            (_SPACES, _one_space),  # after joining: "F R E E  G I F T" is two words
            (_SQUEEZE, _squeeze_pieces),
        )

    def _leet_pieces(self, match: Match) -> Iterable[Piece]:
        word = match.group()
        if self._number_with_unit.fullmatch(word):
            yield word, match.start(), match.end()
            return
        digits = sum(c.isdigit() for c in word)
        fold_digits = digits <= _MAX_LEET_DIGITS
        if not fold_digits and word.isalnum():  # a code: nothing to fold
            yield word, match.start(), match.end()
            return
        base = match.start()
        last = len(word) - 1
        for i, char in enumerate(word):
            out = char
            if char in LEET:
                if fold_digits:
                    out = LEET[char]
            elif char in _LEET_SYMBOLS:
                # '!' and '|' only stand for a letter before another letter ("sh!t"), never at a word's end.
                if char in "!|" and (i == last or not word[i + 1].isalpha()):
                    out = char
                elif char == "@" and i == 0:
                    out = char  # "@shop" is a handle
                else:
                    out = _LEET_SYMBOLS[char]
            yield out, base + i, base + i + 1

    def _spaced_pieces(self, match: Match) -> Iterable[Piece]:
        base = match.start()
        letters = match.group()
        sep = match.group("sep")
        skip = 0
        # "leave a r e v i e w": the article is a word of its own, not the first spaced letter.
        if letters[0] in self._articles and sep == " " and (len(letters) + len(sep)) // (1 + len(sep)) > 3:
            yield letters[: 1 + len(sep)], base, base + 1 + len(sep)
            skip = 1 + len(sep)
        for i in range(skip, len(letters)):
            if letters[i].isalpha():
                yield letters[i], base + i, base + i + 1


@cache
def _word_folding(lang: str) -> _WordFolding:
    return _WordFolding(lang)


def _squeeze_pieces(match: Match) -> Iterable[Piece]:
    yield match.group(1), match.start(), match.end()


def _one_space(match: Match) -> Iterable[Piece]:
    yield " ", match.start(), match.end()


def _lower_pieces(match: Match) -> Iterable[Piece]:
    base = match.start()
    for i, char in enumerate(match.group()):
        yield char.lower(), base + i, base + i + 1


def fold_words(view: FoldedText, lang: str = DEFAULT_LANGUAGE) -> FoldedText:
    """The folded view of a plain view: lower case, leetspeak, spaced letters and repeats undone, by the
    rules of language ``lang`` (a base code as spaCy spells it)."""
    text = view.text
    lowered = text.lower()
    if len(lowered) == len(text):
        view = view.then(lowered, None)
    else:  # a few letters lower-case to two characters (İ); keep the map exact for them
        view = view.then(*rewrite(text, _NON_ASCII_UPPER, _lower_pieces))
    for pattern, pieces in _word_folding(lang).steps:
        view = view.then(*rewrite(view.text, pattern, pieces))
    return view


def normalize(text: str, lang: str = DEFAULT_LANGUAGE) -> tuple[FoldedText, FoldedText]:
    """Both views of ``text``: ``(plain, folded)``; the folded one by the rules of language ``lang``."""
    plain_view = plain(text)
    return plain_view, fold_words(plain_view, lang)
