"""Frames: rules that no single lexicon line spells out, as data over three shared check kinds.

A word list finds "idiot"; it cannot find "you're so incompetent", "next time there will be
consequences" or "a free ebook once your review is up", whose words are each harmless alone. What
makes them break a rule is how cues combine in a sentence: a negative judgement *aimed* at the reader,
a consequence *for* the reader, a benefit *tied* to a review. ``msglint/lexicons/<lang>/frames.toml``
says which cues combine, per language; this module reads them, the same way for every checker:

``sequence``
    cue sets in order, a few words apart at most ("you 're" · "so" · "incompetent").
``co-occurrence``
    roles that must all occur within a window of sentences, in any order (a benefit, a review, the
    words that tie them: "in return for").
``exemption``
    a sequence after which a checker's words are someone else's (the buyer's own words quoted back:
    "you called it 'crap'"); it yields spans, not findings.

Every check may name ``unless`` cue sets (any of them in the same sentences cancels it) and
``unless-before`` ones (standing just before the match cancels it: "not", "never") and ``unless-after``
ones (the word right after it cancels it: "an animal *lover*"). A cue set is a list
of phrases in the cue notation of :func:`msglint.engine.language.cue_pattern`, plus ``word*`` (any
ending), ``<word>`` (any one word), ``<num>`` and ``<amount>``, and ``@set`` to include another
set. The file is validated when a checker prepares a language; an error names the file, the line and
what was expected.
"""

from __future__ import annotations

import re
import threading
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from msglint.checkers.base import LEXICONS, Hit, spelling_forms
from msglint.engine import disguises
from msglint.engine.language import language
from msglint.errors import ConfigError

if TYPE_CHECKING:
    from msglint.document import Document

FILE = "frames.toml"
_KEBAB = ConfigDict(frozen=True, extra="forbid", alias_generator=lambda n: n.replace("_", "-"), populate_by_name=True)
_SET_NAME = r"[a-z][a-z0-9-]*"
_RULE = r"[A-Z]{3}[0-9]{3}"
#: Stand-ins a phrase may hold besides words.
_TOKENS = {
    "<num>": r"\d+(?:[.,]\d+)?",
    "<word>": r"[a-z*#%@$!][a-z*#%@$!'-]*",
    "<amount>": (
        r"(?:[$£€]\s?\d+(?:[.,]\d+)?"
        r"|\d+(?:[.,]\d+)?\s?(?:[$£€]|usd|gbp|eur|dollars?|pounds?|euros?|quid|bucks))"
    ),
}
_WORD = r"[a-z0-9'*#%@$£€&-]+"
_TOKEN_IN_WORD = re.compile("(" + "|".join(map(re.escape, _TOKENS)) + ")")
# What separates two words of a frame; never a sentence end. Quote marks the folded view keeps as they
# are (« », „ “, ‹ ›) separate words as '"' does: "vous avez écrit que c'était « de la merde »".
_BETWEEN = r"[\s,;:\"'()«»„“”‹›‚‘’-]+"


# --- the schema -------------------------------------------------------------------------------


class _Check(BaseModel):
    model_config = _KEBAB

    name: Annotated[str, Field(pattern=_SET_NAME)]
    checker: Annotated[str, Field(pattern=_SET_NAME)]
    rule: Annotated[str, Field(pattern=_RULE)]
    unless: tuple[str, ...] = ()
    unless_before: tuple[str, ...] = ()
    unless_after: tuple[str, ...] = ()
    #: how many words before the match ``unless-before`` looks at
    before: Annotated[int, Field(ge=0, le=5)] = 3
    message: str | None = None
    suggestion: str | None = None
    note: str | None = None

    def sets(self) -> Iterator[str]:
        yield from self.unless
        yield from self.unless_before
        yield from self.unless_after


class SequenceCheck(_Check):
    """Cue sets in order; ``name?`` marks an optional part; at most ``gap`` words between two parts."""

    kind: Literal["sequence"]
    parts: Annotated[tuple[str, ...], Field(min_length=1)]
    gap: Annotated[int, Field(ge=0, le=8)] = 0
    #: the end of a clause follows (a vocative: "read it again, you clown.")
    final: bool = False

    def sets(self) -> Iterator[str]:
        yield from (part.removesuffix("?") for part in self.parts)
        yield from super().sets()


class CooccurrenceCheck(_Check):
    """Every role's cue set within ``window`` consecutive sentences; the finding spans ``report``'s
    match, or all roles' matches when they share a sentence and ``report`` is ``all``."""

    kind: Literal["co-occurrence"]
    roles: Annotated[dict[str, str], Field(min_length=2)]
    window: Annotated[int, Field(ge=1, le=3)] = 1
    ordered: bool = False
    report: str = "all"

    def sets(self) -> Iterator[str]:
        yield from self.roles.values()
        yield from super().sets()


class ExemptionCheck(SequenceCheck):
    """A sequence after which (within ``reach`` words) the listed rules' words are not the seller's own."""

    kind: Literal["exemption"]  # type: ignore[assignment]
    rule: Annotated[str, Field(pattern=_RULE)] = "ABU000"
    exempts: Annotated[tuple[str, ...], Field(min_length=1)]
    reach: Annotated[int, Field(ge=0, le=12)] = 6


Check = Annotated[SequenceCheck | CooccurrenceCheck | ExemptionCheck, Field(discriminator="kind")]
_CHECK = TypeAdapter(Check)


class FramesFile(BaseModel):
    model_config = _KEBAB

    sets: dict[str, Annotated[tuple[str, ...], Field(min_length=1)]]
    check: tuple[dict[str, Any], ...] = ()


# --- loading ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Compiled:
    check: SequenceCheck | CooccurrenceCheck | ExemptionCheck
    patterns: tuple[re.Pattern[str], ...]  # the sequence, or one per role
    #: patterns that must each match somewhere in the text for the check to find anything (see `_gate`)
    gates: tuple[re.Pattern[str], ...]
    #: the gates' ids: gates live as long as the module (`_GATES`), and a pattern's own hash is slow
    gate_keys: tuple[int, ...]
    #: the language's cue index, and the bits of the sets every gate needs (see `_CueIndex`); 0: none
    index: _CueIndex
    needs: int
    unless: re.Pattern[str] | None
    unless_before: re.Pattern[str] | None
    unless_after: re.Pattern[str] | None
    path: str
    line: int | None


@cache
def _letters() -> dict[str, str]:
    """Each letter as a character class of what may stand for it, from the one disguise table: the
    symbols folding leaves ("@" for a, "$" for s); with the masks for longer words ("inc*mpetent")."""
    table = disguises.table()
    stand_ins: dict[str, str] = {}
    for char, letter in table.usual(folded_only=True).items():
        stand_ins[letter] = stand_ins.get(letter, "") + char
    return {c: f"[{re.escape(c + stand_ins.get(c, ''))}]" for c in "abcdefghijklmnopqrstuvwxyz"}


@cache
def _masked_letters() -> dict[str, str]:
    masks = disguises.table().masks.chars
    return {c: f"{chars[:-1]}{re.escape(masks)}]" for c, chars in _letters().items()}


#: A mask may hide a letter of a longer word only: in a short one it reads too much ("s*e y*u" is not "sue you").
MIN_MASKED_WORD = 4


def _word_regex(word: str) -> str:
    letters = _masked_letters() if len(word) >= MIN_MASKED_WORD else _letters()
    return "".join(letters.get(c, re.escape(c)) for c in word)


def _phrase_regex(phrase: str) -> str:
    parts = []
    for index, word in enumerate(phrase.split(" ")):
        if word in _TOKENS:
            piece = _TOKENS[word]
        elif _TOKEN_IN_WORD.search(word):  # "<num>%", "<num>-year-old": a stand-in glued to letters
            piece = "".join(
                _TOKENS[bit] if bit in _TOKENS else _word_regex(bit) for bit in _TOKEN_IN_WORD.split(word) if bit
            )
        elif word.startswith("'"):
            parts.append(r"\s*'?\s*" + "'?".join(map(_word_regex, word[1:].split("'"))))
            continue
        else:
            stem = word.removesuffix("*")
            piece = "'?".join(map(_word_regex, stem.split("'"))) + (r"[a-z]*" if word.endswith("*") else "")
        parts.append((r"\s+" if index else "") + piece)
    return "".join(parts)


# --- the cheap path: a check whose gates do not all match anywhere in the text finds nothing -----
#
# A check searches within sentence windows: ``pattern.search(text, start, end)`` reads the text as if
# it ended at ``end``, so a look-ahead, ``$`` or ``\b`` there can match where it would not in the whole
# text ("great.Thanks": a sentence may end where a letter follows). A gate is the check's pattern
# without its closing look-ahead, and is kept only when nothing in it looks past the end of its own
# match (no look-ahead, anchor, word boundary, atomic group or possessive repeat, checked on the parsed
# pattern at load). Then every match a check finds in a window is also a match of the gate in the
# whole text (look-behinds see the same characters before ``start`` in both), so a gate with no match
# anywhere proves the check finds nothing, and one search of the whole text stands for one per window.

try:
    from re import _constants as _sre  # type: ignore[attr-defined]
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - a Python without them: no gates, every check runs in full
    _sre = _sre_parse = None

_GATES: dict[str, re.Pattern[str]] = {}


def _ends_at_match(items: Any) -> bool:
    """Whether a parsed pattern matches the same way whatever follows its match (see above)."""
    for op, av in items:
        if op in (_sre.LITERAL, _sre.NOT_LITERAL, _sre.IN, _sre.ANY):
            continue
        if op is _sre.SUBPATTERN:
            if not _ends_at_match(av[-1]):
                return False
        elif op is _sre.BRANCH:
            if not all(_ends_at_match(branch) for branch in av[1]):
                return False
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            if not _ends_at_match(av[2]):
                return False
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            if av[0] >= 0 or not _ends_at_match(av[1]):  # a look-behind only
                return False
        else:
            return False
    return True


def _gate(source: str) -> re.Pattern[str] | None:
    """The gate for a pattern source, or None when it may look past its match's end."""
    if source in _GATES:
        return _GATES[source]
    if _sre_parse is None:
        return None
    try:
        sound = _ends_at_match(_sre_parse.parse(source))
    except Exception:  # noqa: BLE001 - an unexpected parse tree: no gate, the check runs in full
        sound = False
    gate = re.compile(source) if sound else None
    if gate is not None:
        _GATES[source] = gate
    return gate


_seen = threading.local()


def _reset(text: str) -> None:
    if getattr(_seen, "text", None) != text:
        _seen.text, _seen.found, _seen.cues = text, {}, {}


def _cues(index: _CueIndex, text: str) -> int:
    """The bits of the sets that may occur in ``text`` (see `_CueIndex`), read once per text and index."""
    _reset(text)
    known: dict[int, int] = _seen.cues
    cues = known.get(id(index))
    if cues is None:
        cues = known[id(index)] = index.present(text)
    return cues


def _open(compiled: _Compiled, text: str) -> bool:
    """Whether every gate of a check matches somewhere in ``text``; each gate is searched once per text,
    whichever checks (of every checker) share it. The caller first rules out, by the cue index, every
    check that needs a set which occurs nowhere (`Frames.hits`), so most gates are never searched."""
    if not compiled.gates:
        return True
    _reset(text)
    found: dict[int, bool] = _seen.found
    keys = compiled.gate_keys
    for key in keys:
        if found.get(key) is False:  # another check already searched it in vain
            return False
    for key, gate in zip(keys, compiled.gates, strict=True):
        hit = found.get(key)
        if hit is None:
            hit = found[key] = gate.search(text) is not None
        if not hit:
            return False
    return True


# --- the cue index: which sets may occur at all, in one pass over the text's words ------------------
#
# A gate searches the whole text for its set's phrases. Before any gate is searched, one pass over the
# folded text tells which sets may occur: every phrase of a set is given one *key*, the longest plain
# word it cannot do without (a word of letters, read by the same letter classes as the phrase's regex:
# "inc*mpetent", "fr33" match their keys as they match the phrase), and a set may occur only if one of
# its phrases' keys starts somewhere a word may start. A gate whose sets do not all have a key present
# cannot match, so it is not searched; one whose sets do is searched as before. The index only ever
# answers "cannot match" where the gate's search would find nothing, so every check runs exactly when
# it ran without it: no finding can change.
#
# Why a key is found wherever its phrase matches. A phrase's words are joined by whitespace; its first
# word follows a character that is not a letter, digit or apostrophe (the gate's look-behind) or a
# separator of `_BETWEEN`; no key is taken from a word glued to the one before ("'re"). So a key starts
# where the text starts or after a character that is not [a-z0-9]. Every character a key can match
# (its letters' classes, the masks, its literal characters) is in the index's alphabet, so a key's
# match lies inside one run of that alphabet, at the run's start or after a character of the run that
# is not [a-z0-9] ("*you"). The pass reads each distinct run once (remembered across messages) by
# walking a trie of the keys, a character taking every letter it may stand for.

_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
#: a run whose readings would walk more trie nodes than this (masks: "****") is taken to hold every key
_MAX_STATES = 20_000
#: distinct runs remembered per language before the memory is cleared (about 2 MB)
_MAX_RUNS = 16384
#: a run with a digit is not remembered: order and tracking numbers are new in every message
_HAS_DIGIT = re.compile(r"[0-9]")


def _key(phrase: str) -> tuple[str, bool] | None:
    """A phrase's key (the longest word it needs that is no stand-in, up to its first apostrophe) and whether
    masks may stand for its letters; None when every word is a stand-in or glued to the one before."""
    best: tuple[str, bool] | None = None
    for word in phrase.split(" "):
        if word in _TOKENS or word.startswith("'") or _TOKEN_IN_WORD.search(word):
            continue
        piece = word.removesuffix("*").split("'")[0]
        if not piece:
            continue
        if best is None or len(piece) > len(best[0]):
            best = (piece, len(piece) >= MIN_MASKED_WORD)
    return best


class _CueIndex:
    """One language's keys as a trie, read over the runs of a text (see above)."""

    def __init__(self) -> None:
        #: a trie node: its children by character, the bits of the sets whose key ends here, and
        #: whether masks may stand for those keys' letters
        self._root: list[Any] = [{}, 0, False]
        self._run: re.Pattern[str] | None = None
        self._plain: dict[str, tuple[str, ...]] = {}
        self._masked: dict[str, tuple[str, ...]] = {}
        self._seen: dict[str, int] = {}
        self.every = 0

    def add(self, key: str, masked: bool, bit: int) -> None:
        node = self._root
        for char in key:
            node = node[0].setdefault(char, [{}, 0, False])
        node[1] |= bit
        node[2] = node[2] or masked
        self.every |= bit

    def build(self) -> None:
        """The alphabet and each character's readings, from the same letter classes as the phrases."""
        letters, masked_letters = _letters(), _masked_letters()
        alphabet = set(_ALNUM) | set(disguises.table().masks.chars)
        alphabet |= set(disguises.table().usual(folded_only=True))
        stack = [self._root]
        while stack:
            node = stack.pop()
            alphabet |= set(node[0])
            stack.extend(node[0].values())
        for char in alphabet:
            plain = [c for c, cls in letters.items() if re.fullmatch(cls, char)]
            if char not in letters:
                plain.append(char)  # a key's character that is no letter matches itself
            self._plain[char] = tuple(plain)
            self._masked[char] = tuple(
                c for c, cls in masked_letters.items() if c not in plain and re.fullmatch(cls, char)
            )
        self._run = re.compile("[" + "".join(sorted(map(re.escape, alphabet))) + "]+")

    def present(self, text: str) -> int:
        """The bits of the sets one of whose keys occurs in ``text`` (more is allowed, never fewer)."""
        assert self._run is not None
        seen = self._seen
        cues = 0
        for run in set(self._run.findall(text)):
            bits = seen.get(run)
            if bits is None:
                bits = self._read(run)
                if not _HAS_DIGIT.search(run):
                    if len(seen) >= _MAX_RUNS:
                        seen.clear()
                    seen[run] = bits
            cues |= bits
        return cues

    def _read(self, run: str) -> int:
        bits = 0
        budget = _MAX_STATES
        plain, masked = self._plain, self._masked
        for start in range(len(run)):
            if start and run[start - 1] in _ALNUM:
                continue
            states: list[tuple[list[Any], bool]] = [(self._root, False)]
            for char in run[start:]:
                following = []
                for node, used in states:
                    children = node[0]
                    for reading in plain.get(char, (char,)):
                        child = children.get(reading)
                        if child is not None:
                            following.append((child, used))
                    for reading in masked.get(char, ()):
                        child = children.get(reading)
                        if child is not None:
                            following.append((child, True))
                if not following:
                    break
                budget -= len(following)
                if budget < 0:
                    return self.every
                for node, used in following:
                    if node[1] and (node[2] or not used):
                        bits |= node[1]
                states = following
        return bits


#: how many first letters a gate's alternatives are grouped on
_TREE_DEPTH = 3


def _atoms(phrase: str) -> list[str]:
    """A phrase's regex as the regexes of its first word's letters, then the rest in one piece; the
    whole regex in one piece when the first word is not plain letters. Joined, they are
    :func:`_phrase_regex`'s regex."""
    regex = _phrase_regex(phrase)
    word = phrase.split(" ", 1)[0]
    if not word.isalpha() or word in _TOKENS:
        return [regex]
    letters = _masked_letters() if len(word) >= MIN_MASKED_WORD else _letters()
    atoms = [letters.get(c, re.escape(c)) for c in word]
    head = "".join(atoms)
    if not regex.startswith(head):
        return [regex]
    return [*atoms, regex[len(head) :]] if len(regex) > len(head) else atoms


def _tree(alternatives: list[list[str]], depth: int) -> str:
    """Alternatives (each a list of atoms) with a common first atom written once: ``a(?:b|c)`` for
    ``ab|ac``, down to ``depth`` atoms."""
    groups: dict[str, list[list[str]]] = {}
    order: list[str | list[str]] = []
    for atoms in alternatives:
        if depth == 0 or len(atoms) < 2:  # a last atom is not split off
            order.append(atoms)
            continue
        if atoms[0] not in groups:
            groups[atoms[0]] = []
            order.append(atoms[0])
        groups[atoms[0]].append(atoms[1:])
    parts = []
    for item in order:
        if isinstance(item, list):
            parts.append("".join(item))
        else:
            parts.append(f"{item}(?:{_tree(groups[item], depth - 1)})")
    return "|".join(parts)


class _Loader:
    def __init__(self, path: str, source: str, sets: dict[str, tuple[str, ...]]) -> None:
        self.path, self.lines, self.sets = path, source.splitlines(), sets
        self._regex: dict[str, str] = {}
        self.index = _CueIndex()
        self._bits: dict[str, int] = {}

    def line_of(self, pattern: str, nth: int = 0) -> int | None:
        seen = 0
        for number, line in enumerate(self.lines, 1):
            if re.match(pattern, line.strip()):
                if seen == nth:
                    return number
                seen += 1
        return None

    def error(self, problem: str, *, line: int | None, key: str | None = None) -> ConfigError:
        return ConfigError(problem, path=self.path, line=line, key=key)

    def set_regex(self, name: str, *, trail: tuple[str, ...] = ()) -> str:
        if name in self._regex:
            return self._regex[name]
        line = self.line_of(rf'"?{re.escape(name)}"?\s*=')
        if name in trail:
            raise self.error(f"set {name!r} includes itself", line=line, key=f"sets.{name}")
        alternatives = []
        for phrase in self.sets[name]:
            if phrase.startswith("@"):
                if phrase[1:] not in self.sets:
                    raise self.error(f"{phrase!r} names no set of [sets]", line=line, key=f"sets.{name}")
                alternatives.append(self.set_regex(phrase[1:], trail=(*trail, name)))
                continue
            if phrase != phrase.strip().lower() or "  " in phrase or not phrase:
                raise self.error(f"{phrase!r}: lower-case words, one space apart", line=line, key=f"sets.{name}")
            alternatives.append(_phrase_regex(phrase))
        alternatives.sort(key=len, reverse=True)
        self._regex[name] = "|".join(alternatives)
        return self._regex[name]

    def gate_regex(self, name: str) -> str:
        """The set's alternatives as a tree on their first letters: the same strings as
        :meth:`set_regex`, in another order (a gate asks only whether a match exists), tried one letter
        class at a time instead of one alternative at a time."""
        self.set_regex(name)  # validates the set
        return _tree([_atoms(phrase) for phrase in self._phrases(name)], depth=_TREE_DEPTH)

    def _phrases(self, name: str) -> list[str]:
        phrases = []
        for phrase in self.sets[name]:
            phrases += self._phrases(phrase[1:]) if phrase.startswith("@") else [phrase]
        return phrases

    def set_bit(self, name: str) -> int:
        """The set's bit in the cue index, its phrases' keys added; 0 when a phrase has no key."""
        if name not in self._bits:
            keys = [_key(phrase) for phrase in self._phrases(name)]
            bit = 0
            if keys and all(key is not None for key in keys):
                bit = 1 << len(self._bits)
                for key in keys:
                    assert key is not None
                    self.index.add(*key, bit)
            self._bits[name] = bit
        return self._bits[name]

    def words(self, name: str) -> re.Pattern[str]:
        return re.compile(rf"(?<![a-z0-9'])(?:{self.set_regex(name)})(?![a-z0-9])")

    def compile(self, check: SequenceCheck | CooccurrenceCheck | ExemptionCheck, line: int | None) -> _Compiled:
        for name in check.sets():
            if name not in self.sets:
                known = ", ".join(sorted(self.sets))
                raise self.error(f"check {check.name!r} names no set {name!r} (known: {known})", line=line)
        if isinstance(check, CooccurrenceCheck):
            if check.report not in ("all", *check.roles):
                raise self.error(f"report {check.report!r} is neither 'all' nor a role", line=line, key="report")
            patterns = tuple(self.words(name) for name in check.roles.values())
            gates = tuple(_gate(rf"(?<![a-z0-9'])(?:{self.gate_regex(name)})") for name in check.roles.values())
            needs = [self.set_bit(name) if gate else 0 for name, gate in zip(check.roles.values(), gates, strict=True)]
        else:
            patterns = (self._sequence(check),)
            gates = (_gate(rf"(?<![a-z0-9']){self._sequence_body(check, self.gate_regex)}"),)
            required = [part for part in check.parts if not part.endswith("?")]
            needs = [self.set_bit(name) for name in required] if gates[0] else []
        unless = re.compile("|".join(self.words(n).pattern for n in check.unless)) if check.unless else None
        before = None
        if check.unless_before:
            cues = "|".join(self.set_regex(n) for n in check.unless_before)
            before = re.compile(rf"(?<![a-z0-9'])(?:{cues})(?:{_BETWEEN}{_WORD}){{0,{check.before}}}(?:{_BETWEEN})?$")
        after = None
        if check.unless_after:
            cues = "|".join(self.set_regex(n) for n in check.unless_after)
            after = re.compile(rf"{_BETWEEN}(?:{cues})(?![a-z0-9])")
        kept = tuple(gate for gate in gates if gate is not None)
        bits = 0
        for bit in needs:
            bits |= bit
        ids = tuple(map(id, kept))
        return _Compiled(check, patterns, kept, ids, self.index, bits, unless, before, after, self.path, line)

    def _sequence(self, check: SequenceCheck) -> re.Pattern[str]:
        end = r"(?=\s*(?:[.!?,;:)\]\n]|$))" if check.final else r"(?![a-z0-9])"
        return re.compile(rf"(?<![a-z0-9']){self._sequence_body(check, self.set_regex)}{end}")

    @staticmethod
    def _sequence_body(check: SequenceCheck, set_regex: Callable[[str], str]) -> str:
        gap = rf"{_BETWEEN}(?:{_WORD}{_BETWEEN}){{0,{check.gap}}}"
        body = ""
        for index, part in enumerate(check.parts):
            name = part.removesuffix("?")
            piece = f"(?:{set_regex(name)})"
            piece = piece if index == 0 else gap + piece
            body += f"(?:{piece})?" if part.endswith("?") else piece
        return body


def _spelt(sets: dict[str, tuple[str, ...]], spellings: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    """The sets with each phrase as the folded view writes it ("tacaño" is read "tacano", „ is read "),
    and with a letter of the language's ``spellings`` read both ways ("blöd": "blod", "bloed"), as
    lexicon lines are read (checkers.base)."""
    spelt = {}
    for name, phrases in sets.items():
        forms: list[str] = []
        for phrase in phrases:
            forms += [phrase] if phrase.startswith("@") else spelling_forms(phrase, spellings)
        spelt[name] = tuple(dict.fromkeys(forms))
    return spelt


@cache
def _load(lang: str, package: str = LEXICONS) -> tuple[_Compiled, ...]:
    resource = resources.files(package).joinpath(lang, FILE)
    if not resource.is_file():  # a language's frames are its own: English ones would misread it
        return ()
    path = str(resource)
    source = resource.read_text("utf-8")
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", path=path) from None
    try:
        parsed = FramesFile.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        key = ".".join(str(p) for p in error["loc"])
        raise ConfigError(error["msg"], path=path, key=key) from None
    loader = _Loader(path, source, _spelt(dict(parsed.sets), language(lang).settings.spellings))
    compiled = []
    for index, raw in enumerate(parsed.check):
        line = loader.line_of(r"\[\[check\]\]", index)
        try:
            check = _CHECK.validate_python(raw)
        except ValidationError as exc:
            error = exc.errors()[0]
            key = ".".join(str(p) for p in error["loc"][1:] or error["loc"])
            problem = "unknown key" if error["type"] == "extra_forbidden" else error["msg"]
            raise loader.error(problem, line=line, key=key) from None
        compiled.append(loader.compile(check, line))
    loader.index.build()
    return tuple(compiled)


# --- reading a message ------------------------------------------------------------------------


class Frames:
    """One checker's frames in one language: findings and exempt spans in the folded view."""

    def __init__(self, lang: str, checker: str, rules: Sequence[str], package: str = LEXICONS) -> None:
        mine = [c for c in _load(lang, package) if c.check.checker == checker]
        known = frozenset(rules)
        for compiled in mine:
            check = compiled.check
            if not isinstance(check, ExemptionCheck) and check.rule not in known:
                problem = f"check {check.name!r}: {checker} has no rule {check.rule}"
                raise ConfigError(problem, path=compiled.path, line=compiled.line, key="rule")
        self._checks = tuple(c for c in mine if not isinstance(c.check, ExemptionCheck))
        self._exemptions = tuple(c for c in mine if isinstance(c.check, ExemptionCheck))
        #: every check of a language shares its cue index
        self._index = mine[0].index if mine else None

    def hits(self, document: Document) -> list[Hit]:
        """Findings of the sequence and co-occurrence checks (view ``folded``)."""
        if not self._checks:
            return []
        text = document.folded.text
        sentences = _sentences(document)
        hits = []
        assert self._index is not None
        cues = _cues(self._index, text)
        for compiled in self._checks:
            needs = compiled.needs
            if needs & cues != needs or not _open(compiled, text):
                continue
            check = compiled.check
            if isinstance(check, CooccurrenceCheck):
                found = _cooccurrences(compiled, text, sentences)
            else:
                found = _sequences(compiled, text, sentences)
            hits += [Hit(check.rule, start, end, "folded", check.message, check.suggestion) for start, end in found]
        return hits

    def exempt(self, document: Document, rule: str) -> list[tuple[int, int]]:
        """Spans of the folded view where ``rule``'s words are someone else's (quoted back)."""
        spans = []
        text = document.folded.text
        for compiled in self._exemptions:
            check = compiled.check
            assert isinstance(check, ExemptionCheck)
            if rule not in check.exempts:
                continue
            needs = compiled.needs
            if needs & _cues(compiled.index, text) != needs or not _open(compiled, text):
                continue
            for start, end in _sequences(compiled, text, _sentences(document)):
                reach = re.compile(rf"(?:{_BETWEEN}{_WORD}){{0,{check.reach}}}")
                stop = reach.match(text, end)
                spans.append((start, stop.end() if stop else end))
        return spans


def _original(document: Document, hit: Hit) -> tuple[int, int] | None:
    try:
        return document.to_original(hit.view, hit.start, hit.end)
    except (ValueError, IndexError):
        return None


def _sentences(document: Document) -> list[tuple[int, int]]:
    """The folded text's sentence spans (read-only: the list is shared by every check of the document)."""
    if getattr(_seen, "document", None) is document:
        return _seen.sentences  # type: ignore[no-any-return]
    text = document.folded.text
    # an empty message has no sentences to read
    sentences = (document.sentence_spans or [(0, len(text))]) if text.strip() else []
    _seen.document, _seen.sentences = document, sentences
    return sentences


def _cancelled(compiled: _Compiled, text: str, scope: tuple[int, int], start: int, end: int) -> bool:
    if compiled.unless is not None and compiled.unless.search(text, *scope):
        return True
    if compiled.unless_after is not None and compiled.unless_after.match(text, end, scope[1]):
        return True
    return compiled.unless_before is not None and compiled.unless_before.search(text, scope[0], start) is not None


def _sequences(compiled: _Compiled, text: str, sentences: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    (pattern,) = compiled.patterns
    for scope in sentences:
        for match in pattern.finditer(text, *scope):
            if not _cancelled(compiled, text, scope, match.start(), match.end()):
                yield match.span()


def _cooccurrences(compiled: _Compiled, text: str, sentences: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    check = compiled.check
    assert isinstance(check, CooccurrenceCheck)
    roles = list(check.roles)
    window = check.window
    reported: set[tuple[int, int]] = set()
    for first in range(len(sentences)):
        scope = (sentences[first][0], sentences[min(first + window, len(sentences)) - 1][1])
        found: list[re.Match[str]] = []
        for pattern in compiled.patterns:  # a role missing from the window ends it: the others are not searched
            match = pattern.search(text, *scope)
            if match is None:
                break
            found.append(match)
        if len(found) < len(compiled.patterns):
            continue
        starts = [m.start() for m in found if m]
        if check.ordered and starts != sorted(starts):
            continue
        if check.report == "all":
            span = (min(starts), max(m.end() for m in found if m))
        else:
            match = found[roles.index(check.report)]
            assert match is not None
            span = match.span()
        if _cancelled(compiled, text, scope, min(starts), span[1]):
            continue
        if span not in reported:
            reported.add(span)
            yield span


class FrameReader:
    """What a checker holds: its frames per language, and the one step that adds their findings to the
    checker's own and drops the checker's findings inside an exemption (the buyer's words quoted back).

    A frame's finding that overlaps one of the checker's own findings adds nothing and is dropped, so
    the lexicon keeps its exact spans and the frames only reach what it missed.
    """

    def __init__(self, checker: str, rules: Sequence[str]) -> None:
        self._checker, self._rules = checker, tuple(rules)
        self._frames: dict[str, Frames] = {}

    def prepare(self, lang: str) -> None:
        self._frames[lang] = Frames(lang, self._checker, self._rules)

    def apply(self, document: Document, hits: Iterable[Hit]) -> list[Hit]:
        frames = self._frames.get(document.lang)
        own = list(hits)
        if frames is None:
            return own
        exempt: dict[str, list[tuple[int, int]]] = {}
        kept = []
        taken: list[tuple[str, int, int]] = []
        for hit in own:
            span = _original(document, hit)
            if span is None:  # the engine reports a checker's invalid hit; it is not ours to judge
                kept.append(hit)
                continue
            if hit.rule not in exempt:
                exempt[hit.rule] = [document.to_original("folded", *s) for s in frames.exempt(document, hit.rule)]
            if not any(s <= span[0] and span[1] <= e for s, e in exempt[hit.rule]):
                kept.append(hit)
                taken.append((hit.rule, *span))
        sentences = _sentences(document)
        for hit in frames.hits(document):
            start, end = document.to_original(hit.view, hit.start, hit.end)
            # The sentences it stands in: one finding of a rule per sentence is enough.
            first = min((s for s, e in sentences if e > hit.start), default=hit.start)
            last = max((e for s, e in sentences if s < hit.end), default=hit.end)
            around = document.to_original("folded", first, max(last, first))
            if not any(
                (start < e and s < end) or (rule == hit.rule and around[0] < e and s < around[1])
                for rule, s, e in taken
            ):
                kept.append(hit)
                taken.append((hit.rule, start, end))
        return kept


__all__ = ["CooccurrenceCheck", "ExemptionCheck", "FrameReader", "Frames", "FramesFile", "SequenceCheck"]
