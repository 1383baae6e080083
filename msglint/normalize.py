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
from collections.abc import Callable, Iterable, Iterator, Sequence
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
    return rewrite_spans(text, ((match.start(), match.end(), pieces(match)) for match in pattern.finditer(text)))


def rewrite_spans(text: str, spans: Iterable[tuple[int, int, Iterable[Piece]]]) -> tuple[str, OffsetMap | None]:
    """Rewrite each span ``text[a:b]`` (in order, not overlapping) as its pieces, as :func:`rewrite` does."""
    out: list[str] = []
    edits: list[tuple[int, int, int, int]] = []
    pos = 0
    t = 0
    for a, b, span_pieces in spans:
        out.append(text[pos:a])
        t += a - pos
        cursor = a
        for piece, s0, s1 in span_pieces:
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

# Two letters standing alone side by side, the seed of a spaced or dotted run: "r e v i e w", "s.h.i.t",
# "f-r-e-e", and a word cut by its accented letters ("lín e a", "r.e.s.eña" folded "lin e a", "r.e.s.ena").
# The run around it holds one separator throughout ("e.g. u.s.a" is two runs).
_SPACED_SEED = re.compile(r"(?<![a-z0-9])[a-z](?P<sep>[ .\-_·•]{1,2})[a-z](?![a-z0-9])")
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")
_JOINING_MARKS = frozenset(".-_·•")  # the separators of a run but the space, which parts words too
# What a piece of several letters may not touch at the run's edge: it belongs to a link, a number, a
# hyphenated or elided word ("e-mail", "l'a", "shop.com").
_GLUED_TO = frozenset("0123456789'’-_@/&#.")
_MAX_JOINED = 24  # the longest word a run is read as ("unverschämteste", "reconsideraría")
# What reading a run costs, in the word lists' units (9 - Zipf frequency):
_STRAY_COST = 8.0  # keeping a letter alone that is no word of the language, or a piece that is no word
_WORD_PIECE_COST = 2.0  # more for a spaced join that swallows a piece which is a word by itself ("si e s ta")
_BLIND_JOIN_COST = 12.0  # letters joined though they spell no known word ("c o s y h o m e")
_ARTICLE_COST = 1.0  # more for a join that takes a run article at its start
_AMBIGUOUS_COST = 2.0  # more for keeping alone a one-letter word that is as often a letter ("S h o p e e")
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
        # One-letter words as often letters of a longer word ("e", "o" in Portuguese): kept alone, they cost more.
        self._ambiguous = frozenset(words.ambiguous_one_letter_words)
        self._lang = language(lang)
        self._vocabulary: tuple[dict[str, float], Callable[[str], float | None]] | None = None
        self.steps: tuple[Callable[[str], tuple[str, OffsetMap | None]], ...] = (
            lambda text: rewrite(text, _LEET_WORD, self._leet_pieces),
            self._join_spaced,
            lambda text: rewrite(text, _SPACES, _one_space),  # after joining: "F R E E  G I F T" is two words
            lambda text: rewrite(text, _SQUEEZE, _squeeze_pieces),
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

    # --- spaced and dotted runs -----------------------------------------------------------------

    def _join_spaced(self, text: str) -> tuple[str, OffsetMap | None]:
        """Join the letters of each spaced or dotted run back into the words they spell."""
        if _SPACED_SEED.search(text) is None:
            return text, None
        return rewrite_spans(text, self._spaced_runs(text))

    def _spaced_runs(self, text: str) -> Iterator[tuple[int, int, list[Piece]]]:
        done = 0
        while (seed := _SPACED_SEED.search(text, done)) is not None:
            sep = seed.group("sep")
            a, b = seed.span()
            if _in_other_run(text, a, b, sep):
                done = a + 1  # its second letter may seed the other run ("o v.o.cê")
                continue
            tokens = _run_tokens(text, a, b, sep, done)
            done = tokens[-1][1]
            if _masked(text, *tokens[0]) or _masked(text, *tokens[-1]):
                # The rest of a masked word ("f***i n g", "y*u a c*upon"): its letters are no words to look
                # up; they are joined blind, as always.
                pieces = self._read_blind(text, tokens, sep)
            else:
                pieces = self._read_run(text, tokens, sep, _contraction(text, done))
            if pieces is not None:
                yield tokens[0][0], tokens[-1][1], pieces

    def _words(self) -> tuple[dict[str, float], Callable[[str], float | None]]:
        """The language's words with what each costs to read (msglint.segment's word lists, read on the first
        spaced run: most messages hold none); a language without word lists knows its run articles only."""
        if self._vocabulary is None:
            if self._lang.settings.word_frequencies is None:
                self._vocabulary = dict.fromkeys(self._articles, 1.0), lambda word: None
            else:
                from msglint.segment import frequency_words  # segment folds its words with this module

                costs, rare = frequency_words(self._lang)
                self._vocabulary = costs, rare.cost
        return self._vocabulary

    def _read_run(self, text: str, tokens: list[tuple[int, int]], sep: str, tail: str) -> list[Piece] | None:
        """The pieces a run reads as: the cheapest sequence of kept pieces, words joined from pieces and
        letters joined blind, by the costs above; None when the run reads as written. ``tail`` is the
        contraction glued to its end ("a.r.e.n't"), read with its last word.

        A join holds a letter standing alone, and two letters at least where it takes a piece of several
        letters (only a run with one separator character does); two joins of lone letters never meet (they
        split at one-letter words of the language only: "e s t r e l l a s y" is "estrellas y", but "f r e e g i f t"
        is not read as two words). Letters joined blind are the run's whole stretch of lone letters, three at
        least, less a run article that opens it ("a r e v i e w"): how runs were read before word lists were.
        """
        costs = self._words()[0]
        words = [text[a:b] for a, b in tokens]
        n = len(words)
        if (
            n >= 3
            and not (sep == " " and words[0] in self._articles)
            and all(len(word) == 1 for word in words)
            and "".join(words) + tail in costs
        ):
            # Most runs: lone letters that spell a word ("r e v i e w"); no other reading is cheaper.
            return [(text[a], a, b) for a, b in tokens]
        keep = [costs.get(word, _STRAY_COST) + (_AMBIGUOUS_COST if word in self._ambiguous else 0.0) for word in words]
        if tail:
            keep[-1] = costs.get(words[-1] + tail, _STRAY_COST)
        blind = self._blind_joins(words, sep)
        inf = float("inf")
        # best[i][state]: cheapest reading of words[:i] whose last group is kept (0), lone letters joined (1)
        # or a join that takes a piece of several letters (2).
        best = [[inf, inf, inf] for _ in range(n + 1)]
        back: list[list[tuple[int, int] | None]] = [[None, None, None] for _ in range(n + 1)]
        best[0][0] = 0.0
        for i in range(n):
            joins = list(self._joins(words, i, sep, blind, tail))
            for state in (0, 1, 2):
                here = best[i][state]
                if here == inf:
                    continue
                if here + keep[i] < best[i + 1][0]:
                    best[i + 1][0], back[i + 1][0] = here + keep[i], (i, state)
                for k, cost, letters_only in joins:
                    joined = 1 if letters_only else 2
                    if (state == 1 and letters_only) or here + cost >= best[k][joined]:
                        continue
                    best[k][joined], back[k][joined] = here + cost, (i, state)
        state = min((0, 1, 2), key=lambda s: best[n][s])
        groups: list[tuple[int, int, bool]] = []
        k = n
        while k > 0:
            step = back[k][state]
            assert step is not None  # every reached position was reached by a step
            i, previous = step
            groups.append((i, k, state != 0))
            k, state = i, previous
        groups.reverse()
        if not any(joined for _, _, joined in groups):
            return None
        # A join that spells a word stands apart from its neighbours; letters joined blind keep their
        # separator to them, as they always did ("P.O.S.I.T.I.V.Ef33dback" stays "positiv.efeedback").
        apart = [joined and (blind.get(i) != k or "".join(words[i:k]) in costs) for i, k, joined in groups]
        pieces: list[Piece] = []
        for g, (i, k, joined) in enumerate(groups):
            if g:
                a, b = tokens[i - 1][1], tokens[i][0]
                pieces.append((" " if apart[g] or apart[g - 1] else text[a:b], a, b))
            if joined:
                pieces.extend((char, a + c, a + c + 1) for a, b in tokens[i:k] for c, char in enumerate(text[a:b]))
            else:
                a, b = tokens[i]
                pieces.append((text[a:b], a, b))
        return pieces

    def _read_blind(self, text: str, tokens: list[tuple[int, int]], sep: str) -> list[Piece] | None:
        """The pieces of a run whose every stretch of three lone letters or more is joined blind."""
        words = [text[a:b] for a, b in tokens]
        blind = self._blind_joins(words, sep, all_stray=True)
        if not blind:
            return None
        pieces: list[Piece] = []
        i = 0
        while i < len(tokens):
            if i:
                a, b = tokens[i - 1][1], tokens[i][0]
                pieces.append((text[a:b], a, b))
            end = blind.get(i)
            if end is None:
                a, b = tokens[i]
                pieces.append((text[a:b], a, b))
                i += 1
            else:
                pieces.extend((text[a], a, b) for a, b in tokens[i:end])
                i = end
        return pieces

    def _blind_joins(self, words: list[str], sep: str, *, all_stray: bool = False) -> dict[int, int]:
        """Where letters are joined blind: each stretch of three lone letters or more, from its start (or
        from its second letter, where the first is a run article and a space parts them) to its end, when
        half its letters at least are no words of the language ("a e i o u" and "a o b" stay apart)."""
        costs = self._words()[0]
        blind: dict[int, int] = {}
        i, n = 0, len(words)
        while i < n:
            if len(words[i]) != 1:
                i += 1
                continue
            k = i
            while k < n and len(words[k]) == 1:
                k += 1
            if k - i >= 3:
                start = i + 1 if words[i] in self._articles and sep == " " and k - i > 3 else i
                strays = sum(word not in costs for word in words[start:k])
                if all_stray or 2 * strays >= k - start:
                    blind[start] = k
            i = k
        return blind

    def _joins(
        self, words: list[str], i: int, sep: str, blind: dict[int, int], tail: str
    ) -> Iterator[tuple[int, float, bool]]:
        """The joins that start at ``words[i]``: where each ends, what it costs, and whether it joins lone
        letters only."""
        costs, rare_cost = self._words()
        # A run article that opens a stretch of lone letters is as likely the article ("a p a t h e t i c").
        article = (
            _ARTICLE_COST if sep == " " and words[i] in self._articles and (i == 0 or len(words[i - 1]) > 1) else 0.0
        )
        last = len(words) - 1
        # A stretch of lone letters starts here, or after the run article that opens it ("a t o p").
        opens = i == 0 or len(words[i - 1]) > 1
        opens = opens or (sep == " " and words[i - 1] in self._articles and (i == 1 or len(words[i - 2]) > 1))
        joined = ""
        letters = 0
        long_pieces = 0
        swallowed = 0.0
        for k in range(i, len(words)):
            word = words[k]
            if len(word) == 1:
                letters += 1
            elif len(sep) > 1:
                break  # "J. R. R. Tolkien": pieces of several letters join across one character only
            else:
                long_pieces += 1
                # Only a space parts words as well as letters: "sh1t.h.e.a.d" is one word, "si e s ta" two.
                swallowed += _WORD_PIECE_COST if sep == " " and word in costs else 0.0
            joined += word
            if len(joined) > _MAX_JOINED:
                break
            if k == i or letters == 0:
                continue
            if long_pieces and (letters < 2 or len(joined) < 4):
                continue
            if len(joined) < 3:
                continue
            if len(joined) < 4 and not (opens and (k == last or len(words[k + 1]) > 1)):
                continue  # a short word is read only as a whole stretch ("E t s y" is not "ets y", "a t o p" "a top")
            word = joined + tail if k == last else joined
            cost = costs.get(word)
            if cost is None and len(word) >= 5:
                cost = rare_cost(word)
            if cost is not None:
                yield k + 1, cost + swallowed + (article if long_pieces == 0 else 0.0), long_pieces == 0
        end = blind.get(i)
        if end is not None:
            yield end, _BLIND_JOIN_COST, True


def _run_tokens(text: str, start: int, end: int, sep: str, floor: int) -> list[tuple[int, int]]:
    """The pieces of the run around the seed ``text[start:end]`` (two letters parted by ``sep``): the
    letters and words before and after it parted by the same separator, back to ``floor`` at most."""
    tokens = [(start, start + 1), (end - 1, end)]
    width = len(sep)
    # Leftwards.
    a = start
    while a - width >= floor and text[a - width : a] == sep:
        k = j = a - width
        while k > floor and text[k - 1] in _LETTERS:
            k -= 1
        if k == j or not _clean_edge(text, k, j, sep):
            break
        tokens.insert(0, (k, j))
        a = k
    # Rightwards.
    b = end
    n = len(text)
    while b + width < n and text[b : b + width] == sep:
        k = j = b + width
        while k < n and text[k] in _LETTERS:
            k += 1
        if k == j or not _clean_edge(text, j, k, sep):
            break
        tokens.append((j, k))
        b = k
    return tokens


def _in_other_run(text: str, a: int, b: int, sep: str) -> bool:
    """Whether ``text[a:b]`` is glued by another separator than ``sep`` (but a space) to a letter: the "c" of
    "e o c.u.p.o.m" starts the dotted run, it does not end the spaced one."""
    for gap, letter, step in ((a - 1, a - 2, -1), (b, b + 1, 1)):
        mark = text[gap] if 0 <= letter < len(text) else sep[0]
        # The other run goes on past its lone letter with the same mark ("c.u.p"; not "y.o.u.t.u.b.e-k.a.n.a.l").
        beyond = letter + step
        if (
            mark in _JOINING_MARKS
            and mark != sep[0]
            and text[letter] in _LETTERS
            and 0 <= beyond < len(text)
            and text[beyond] == mark
        ):
            return True
    return False


def _clean_edge(text: str, a: int, b: int, sep: str) -> bool:
    """Whether ``text[a:b]`` may be a piece of a run: a lone letter not glued to a digit (as before), a
    piece of several letters standing apart (not in "e-mail", "it's", "shop.com") where one character parts
    the run."""
    before = text[a - 1] if a else " "
    after = text[b] if b < len(text) else " "
    if before.isalnum() or after.isalnum() or _in_other_run(text, a, b, sep):
        return False
    if b - a == 1:
        return True
    if len(sep) > 1 or _masked(text, a, b):
        return False
    return (before == sep[0] or before not in _GLUED_TO or _elided(text, a)) and (
        after == sep[0] or _ends_clause(text, b, after)
    )


_MASK_SIGNS = frozenset("*@$|!")
_ELISION = re.compile(r"(?<![a-z])[a-z]{1,2}['’]$")
_CONTRACTION = re.compile(r"['’][a-z]{1,2}(?![a-z0-9])")


def _masked(text: str, a: int, b: int) -> bool:
    """Whether ``text[a:b]`` is part of a masked word ("y*u", "a d*mb", "l!@r"): a mask sign touches it, and
    a '!' only where a letter follows it (else it ends a sentence)."""
    if a and text[a - 1] in _MASK_SIGNS:
        return True
    if b < len(text) and text[b] in _MASK_SIGNS:
        return text[b] != "!" or (b + 1 < len(text) and (text[b + 1].isalnum() or text[b + 1] in _MASK_SIGNS))
    return False


def _elided(text: str, a: int) -> bool:
    """Whether an elided word stands before ``text[a:]`` ("n'êt e s" folded "n'et e s" reads "n'etes"; the
    "re" of "you're" is no piece of a run)."""
    return _ELISION.search(text, max(0, a - 4), a) is not None


def _contraction(text: str, end: int) -> str:
    """The contraction glued to a run's end ("a.r.e.n't"), with a straight apostrophe; '' for none."""
    match = _CONTRACTION.match(text, end)
    return "'" + match.group()[1:] if match else ""


def _ends_clause(text: str, b: int, after: str) -> bool:
    """Whether the character after a run's last piece ends it: not a joiner, and a full stop only before a
    space or the end ("r.e.s.eña." but not "shop.com")."""
    if after not in _GLUED_TO:
        return True
    return after == "." and (b + 1 >= len(text) or not text[b + 1].isalnum())


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
    for step in _word_folding(lang).steps:
        view = view.then(*step(view.text))
    return view


def normalize(text: str, lang: str = DEFAULT_LANGUAGE) -> tuple[FoldedText, FoldedText]:
    """Both views of ``text``: ``(plain, folded)``; the folded one by the rules of language ``lang``."""
    plain_view = plain(text)
    return plain_view, fold_words(plain_view, lang)
