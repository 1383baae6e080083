"""Abusive language: profanity, insults, threats, hostility, slurs, demeaning words. See
msglint/rules/abusive.toml for the rules and msglint/lexicons/en/abusive*.jsonl for the words.

A clean message must cost almost nothing, so nothing here scans it with a big regex. Every listed
word, with the variants folding cannot undo (a letter doubled, ``fuuck``; a root repeated,
``shitshitshit``; a root and a tail, ``fuckwit``), is looked up by the hash of each token's lower-case
form, which spaCy already computed; so is one rare "anchor" word of each phrase rule ("regret",
"else", "shut"). Longer spellings and two-word anchors ("be sorry") go to the shared PhraseMatcher,
whose cost does not grow with the number of phrases. A phrase rule's compiled regex runs only when its
anchor occurs, and masked words (``f*ck``, ``a**hole``) are looked for only when a mask touches a
letter. Whether a word is aimed at the buyer ("you idiot", "your damn order", "fuck off") is read from
the words around it, only when a word matched.

Disguises folding leaves behind are undone into words this checker knows, never into unknown ones:
masked ordinary words ("Go to h*ll", "y*u're an id!ot"), leetspeak with more digits than folding
undoes ("b3773r"), letters spaced or dotted out that folding joined by halves ("a bsolute", "bit.c.h"),
and phrases written without spaces, looked up whole ("gotohell", "areyoustupid"). The rare message
that needs it is tokenised and matched again.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from spacy.attrs import LOWER
from spacy.strings import hash_string

from msglint.checkers.base import (
    Checker,
    CheckerContext,
    Hit,
    LexiconEntries,
    LexiconEntry,
    LexiconLanguages,
    RulesFile,
)
from msglint.engine import disguises
from msglint.engine.frames import FrameReader
from msglint.engine.language import Language, alternation, cue_alternation, language
from msglint.engine.patterns import Reads, pattern_problem
from msglint.engine.tags import NAME, TagVocabulary, Values, values_of
from msglint.nlp import pattern_as_phrases
from msglint.normalize import LEET, FoldedText, Match, Piece, rewrite
from msglint.segment import frequency_words

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from msglint.document import Document
    from msglint.nlp import Pipeline, TokenMatch

PHRASE_LEXICON = "abusive"
WORD_LEXICONS = ("abusive_profanity", "abusive_insults", "abusive_slurs")

MILD, STRONG, AIMED_PROFANITY, INSULT, SLUR = "ABU001", "ABU002", "ABU003", "ABU004", "ABU007"
PROFANITY = frozenset({MILD, STRONG, AIMED_PROFANITY})
# When one spelling fits two words ("f**k": fuck or feck), the worse one wins.
PREFERENCE = (STRONG, AIMED_PROFANITY, SLUR, INSULT, MILD)
MAX_REPEATS = 4  # "shitshitshitshit"

# --- the tags of the lexicons' lines (see each lexicon's header) ------------------------------------

_CONTEXT_NAME = Values(shape=NAME, means="a context's name", shaped="a name: a-z, 0-9, '-' or '_'")
#: Words that steer matching in abusive.jsonl; a line carries one and nothing else.
STEERING_TAGS = ("softener", "function-word", "common-word", "aim-word")
#: abusive.jsonl: phrase rules and their conditions, exceptions, contexts and the words that steer matching.
PHRASE_TAGS = TagVocabulary(
    flags=frozenset({"initial", "final", "exempt", *STEERING_TAGS}),
    word_keys=frozenset({"next-not", "prev-not"}),
    value_keys={"context": _CONTEXT_NAME},
)
#: Tags that put a line's words into one of the word lists' own lists.
LIST_TAGS = (
    "root",
    "tail",
    "tail-noun",
    "modifier",
    "intensifier",
    "buyer-noun",
    "person-noun",
    "compound-first",
    "compound-not",
)
#: Tags that say how a listed word (tag ``word``) is aimed; they need ``word``.
WORD_REFINEMENTS = ("noun", "adj", "ambiguous", "name", "imprecation", "aimed-only", "mask-all", "compound-head")
#: abusive_profanity/insults/slurs.jsonl: listed words, and the roots, tails and aim words around them.
WORD_TAGS = TagVocabulary(
    flags=frozenset({"word", *WORD_REFINEMENTS, *LIST_TAGS}),
    word_keys=frozenset({"next-not"}),
    value_keys={"unless-context": _CONTEXT_NAME},
)

# Characters that stand in for letters a seller hid: "f*ck", "sh#t", "a%%hole".
MASKS = disguises.table().masks.chars
_MASK = f"[{re.escape(MASKS)}]"
_MASKED_TOKEN = rf"[a-z]*{_MASK}[a-z{re.escape(MASKS)}]*"
_WORD_START = r"(?<![a-z0-9])"
_WORD_END = r"(?![a-z0-9])"
_MASK_RUN = re.compile(f"{_MASK}+")
_MASKED_WORD = re.compile(rf"{_WORD_START}[a-z][a-z{re.escape(MASKS)}]*{_MASK}[a-z{re.escape(MASKS)}]*")
_HYPHENATED = re.compile(r"-[a-z]")  # "idiot-proof" is a compound, not an insult

MAX_ANCHOR_PAIRS = 60
_FINAL = re.compile(r"\s*(?:[.!?;:)\]\n]|$)")
_NEXT_WORD = re.compile(r"\s*([a-z']+)")
_PREVIOUS_WORD = re.compile(r"([a-z']+)\W*$")
_QUOTED = re.compile(r"\"[^\"\n]{1,80}\"|'[^'\n]{1,60}'(?![a-z])")  # typographic quotes fold to these


@dataclass(frozen=True, slots=True)
class WordKind:
    """What a listed word is: its rule and how its aim at the buyer is judged."""

    rule: str
    noun: bool = False
    adj: bool = False
    ambiguous: bool = False
    name: bool = False
    imprecation: bool = False
    aimed_only: bool = False
    unless_context: str | None = None
    next_not: frozenset[str] = frozenset()

    @property
    def insult(self) -> bool:
        return self.noun or self.adj


@cache
def _compiled(source: str) -> re.Pattern[str]:
    return re.compile(source)


@dataclass(frozen=True, slots=True)
class PhraseRule:
    """A phrase entry: its regex (compiled the first time its anchor occurs) and the conditions its
    tags put on where it stands."""

    rule: str
    source: str | None
    initial: bool = False
    final: bool = False
    next_not: frozenset[str] = frozenset()
    prev_not: frozenset[str] = frozenset()
    message: str | None = None
    suggestion: str | None = None

    @property
    def regex(self) -> re.Pattern[str] | None:
        # Compiled on first use: compiling ~100 large alternations up front cost 0.2 s of start-up.
        return None if self.source is None else _compiled(self.source)

    def stands_right(self, text: str, start: int, end: int, initial: re.Pattern[str]) -> bool:
        """Whether a match meets its tags: initial (``initial`` matches before it), final, next-not, prev-not."""
        if self.final and not _FINAL.match(text, end):
            return False
        if self.initial and not initial.search(text, max(0, start - 60), start):
            return False
        if self.next_not and (word := _NEXT_WORD.match(text, end)) and word.group(1) in self.next_not:
            return False
        return not (
            self.prev_not
            and (word := _PREVIOUS_WORD.search(text, max(0, start - 30), start))
            and word.group(1) in self.prev_not
        )


def _repeated_key(tags: Sequence[str]) -> str | None:
    keys = [tag.split(":", 1)[0] for tag in tags if ":" in tag]
    repeated = next((key for key in keys if keys.count(key) > 1), None)
    return None if repeated is None else f"'{repeated}:' is given twice: list its words in one tag ('{repeated}:a|b')"


def _phrase_line_problem(entry: LexiconEntry) -> str | None:
    """What is wrong with a line of abusive.jsonl, or None."""
    tags = entry.tags
    problem = PHRASE_TAGS.problem(tags) or _repeated_key(tags)
    if problem is not None:
        return problem
    alone = [t for t in tags if t in STEERING_TAGS or t == "exempt" or t.startswith("context:")]
    if alone:
        if len(tags) > 1:
            return f"a line tagged {alone[0]!r} carries no other tag (found {', '.join(tags)})"
        if entry.pattern is not None:
            return f"a line tagged {alone[0]!r} lists its words as phrases, not as a token pattern"
        return None
    return None if entry.pattern is None else _pattern_problem(entry.pattern)


#: What the regex compiler of phrase patterns (:func:`pattern_regex`) matches of the one pattern dialect.
READS = Reads(
    "the abusive checker's phrase compiler",
    frozenset({"LOWER", "ORTH"}),
    predicates=frozenset({"IN", "REGEX"}),
    ops=frozenset({"?"}),
    several_word_keys=False,
)


def _pattern_problem(pattern: Sequence[dict[str, Any]]) -> str | None:
    """What the regex compiler of phrase patterns cannot read (see :func:`pattern_regex`), or None."""
    problem = pattern_problem(pattern, READS)
    if problem is not None:
        return problem
    for number, spec in enumerate(pattern, start=1):
        for key, value in spec.items():
            if isinstance(value, dict) and len(value) > 1:
                return f"token {number} of the pattern: {key} gives IN or REGEX, not both"
    if not any(_token_alternatives(spec) and "OP" not in spec for spec in pattern):
        return "a pattern needs a word it must contain, to be looked for where that word occurs"
    return None


def _word_line_problem(entry: LexiconEntry) -> str | None:
    """What is wrong with a line of a word list (abusive_profanity/insults/slurs.jsonl), or None."""
    tags = entry.tags
    problem = WORD_TAGS.problem(tags) or _repeated_key(tags)
    if problem is not None:
        return problem
    if entry.pattern is not None:
        return "a word list lists its words as phrases, not as a token pattern"
    refinements = [t for t in tags if t in WORD_REFINEMENTS or t.split(":", 1)[0] in ("next-not", "unless-context")]
    if "word" not in tags:
        if refinements:
            return f"{refinements[0]!r} describes a listed word: the line needs the tag 'word'"
        if not any(t in LIST_TAGS for t in tags):
            return f"the line does nothing: expected the tag 'word' or one of {', '.join(LIST_TAGS)}"
    elif entry.rule not in PREFERENCE:
        return (
            f"a listed word (tag 'word') is reported under {', '.join(sorted(PREFERENCE))}; "
            f"{entry.rule} is a rule of phrases (abusive.jsonl)"
        )
    return None


def _tag_value(tags: Sequence[str], key: str) -> str | None:
    prefix = f"{key}:"
    return next((t[len(prefix) :] for t in tags if t.startswith(prefix)), None)


def _word_set(tags: Sequence[str], key: str) -> frozenset[str]:
    value = _tag_value(tags, key)
    return frozenset(value.split("|")) if value else frozenset()


def _alternation(words: Iterable[str], *, masked_token: bool = False) -> str:
    alternatives = sorted({re.escape(w) for w in words}, key=len, reverse=True)
    if masked_token:
        alternatives.append(_MASKED_TOKEN)
    return "(?:" + "|".join(alternatives) + ")"


# --- phrase rules: token patterns compiled to regexes -----------------------------------------


def _token_alternatives(spec: dict[str, Any]) -> list[str] | None:
    """The words one token of a pattern allows, or None for a REGEX token."""
    value = spec.get("LOWER", spec.get("ORTH"))
    if isinstance(value, str):
        return [value.lower()]
    if isinstance(value, dict) and "IN" in value:
        return [v.lower() for v in value["IN"]]
    return None


def _token_regex(spec: dict[str, Any]) -> str:
    if not spec.get("LOWER") and not spec.get("ORTH"):
        return r"[^\s.!?]+"  # {}: any one word
    words = _token_alternatives(spec)
    if words is not None:
        # "you'll" may be written "you ' ll" once spaced-out letters are joined
        return _alternation(words).replace("'", "\\s*'\\s*")
    expression = spec.get("LOWER", spec.get("ORTH", {})).get("REGEX", "")
    return "(?:" + expression.removeprefix("^").removesuffix("$") + ")"


def pattern_regex(pattern: Sequence[dict[str, Any]], clitic: str) -> str:
    """A regex for a spaCy token pattern (LOWER/ORTH, IN, REGEX, {}, OP '?') over running text. A word
    starting with ``clitic`` (the negation clitic, "n't") is written on the word before, like "'ll"."""
    parts = []
    for index, spec in enumerate(pattern):
        words = _token_alternatives(spec) or ["x"]
        # "you" + "'ll" and "do" + "n't" are written together; other tokens stand apart.
        glued = any(not w[:1].isalnum() or w.startswith(clitic) for w in words)
        separator = r"\s*" if glued else r"\s+"
        token = _token_regex(spec)
        optional = spec.get("OP") == "?"
        if index == 0:
            parts.append(f"(?:{token}\\s+)?" if optional else token)
        elif index == 1 and pattern[0].get("OP") == "?":
            parts.append(token)  # the optional first word took the space with it
        else:
            parts.append(f"(?:{separator}{token})?" if optional else separator + token)
    return _WORD_START + "".join(parts) + _WORD_END


def _anchor(entry: LexiconEntry, function_words: frozenset[str], common: frozenset[str]) -> tuple[str, ...]:
    """Where to look for a phrase entry: its rarest required word, or else its pair of words with the
    fewest function words ("be sorry")."""
    if entry.pattern is None:
        return tuple(p.split()[0] for p in entry.all_phrases)
    required = [
        (i, words)
        for i, spec in enumerate(entry.pattern)
        if spec.get("OP") != "?" and (words := _token_alternatives(spec))
    ]
    rare = [words for _, words in required if not common.intersection(words)]
    if rare:
        return tuple(min(rare, key=len))
    pairs = [
        (
            len(function_words.intersection(first)) + len(function_words.intersection(second)),
            [f"{a} {b}" for a in first for b in second],
        )
        for (i, first), (j, second) in itertools.pairwise(required)
        if j == i + 1 and len(first) * len(second) <= MAX_ANCHOR_PAIRS
    ]
    if pairs:
        return tuple(min(pairs, key=lambda pair: (pair[0], len(pair[1])))[1])
    return tuple(required[0][1])


# --- listed words: variants for the phrase matcher, a regex for masked ones -------------------


def _doubled(form: str, lang: Language) -> Iterator[str]:
    """The form with a vowel or its last letter written twice ("fuuck", "shitt"): folding squeezes
    three or more of a letter, never two. Not where that makes a real word ("mong" -> "moong")."""
    last = len(form) - 1
    vowels, real_words = lang.settings.vowels, lang.words.doubled_words
    for i, char in enumerate(form):
        if char in vowels or (i == last and char.isalpha()):
            variant = form[: i + 1] + char + form[i + 1 :]
            if variant not in real_words:
                yield variant


def fits_mask(token: str, form: str, mask_all: bool) -> bool:
    """Whether a masked token can be ``form``: each mask hides exactly one inner letter.

    The first letter always stays ("f*ck", "a**hole"); the last may go only for a word tagged
    mask-all, and then every other letter is a mask ("f***"). One mask per letter keeps ordinary
    words out: "f*r" is "fur" or "for", never "fucker".
    """
    if len(token) != len(form):
        return False
    literals = _MASK_RUN.split(token)
    head, tail = literals[0], literals[-1]
    if not head or not form.startswith(head):
        return False
    if not tail:
        return mask_all and len(literals) == 2 and len(token) == len(form)
    if not form.endswith(tail) or len(form) < len(head) + len(tail) + len(literals) - 1:
        return False
    position, limit = len(head), len(form) - len(tail)
    for literal in literals[1:-1]:
        found = form.find(literal, position + 1, limit - 1)
        if found == -1:
            return False
        position = found + len(literal)
    return limit - position >= 1


class WordLists:
    """The word lists of one language: every spelling to look up, and the regex for masked ones."""

    def __init__(self, entries: Sequence[LexiconEntry], lang: Language) -> None:
        self.lang = lang
        vowel = re.compile(f"[{re.escape(lang.settings.vowels)}]")
        forms: dict[WordKind, list[str]] = {}
        roots: list[str] = []
        tails: list[str] = []
        person_tails: list[str] = []
        mask_all: list[str] = []
        modifiers: list[str] = []
        intensifiers: list[str] = []
        self.buyer_nouns: list[str] = []
        self.person_nouns: list[str] = []
        for entry in entries:
            tags = entry.tags
            words = [p.lower() for p in entry.all_phrases]
            for tag, words_of_tag in (
                ("root", roots),
                ("tail", tails),
                ("tail-noun", person_tails),
                ("modifier", modifiers),
                ("intensifier", intensifiers),
                ("buyer-noun", self.buyer_nouns),
                ("person-noun", self.person_nouns),
            ):
                if tag in tags:
                    words_of_tag.extend(words)
            if "word" not in tags:
                continue
            kind = WordKind(
                rule=entry.rule,
                noun="noun" in tags,
                adj="adj" in tags,
                ambiguous="ambiguous" in tags,
                name="name" in tags,
                imprecation="imprecation" in tags,
                aimed_only="aimed-only" in tags,
                unless_context=_tag_value(tags, "unless-context"),
                next_not=_word_set(tags, "next-not"),
            )
            forms.setdefault(kind, []).extend(words)
            if "mask-all" in tags:
                mask_all += words
        ordered = sorted(forms.items(), key=lambda item: PREFERENCE.index(item[0].rule))
        self.kinds = [kind for kind, _ in ordered]
        #: spelling -> kind: the listed forms first, then the variants folding cannot undo.
        self.spellings: dict[str, WordKind] = {}
        for kind, words in ordered:
            for word in words:
                self.spellings.setdefault(word, kind)
        listed = dict(self.spellings)
        self.listed = listed
        self.intensifiers = tuple(intensifiers)  # the listed ones: insult words are added below
        for word, kind in listed.items():
            if kind.rule in PROFANITY or (kind.noun and not kind.ambiguous and kind.rule == INSULT):
                for variant in _doubled(word, lang):
                    self.spellings.setdefault(variant, kind)
        person_kind, thing_kind = WordKind(rule=STRONG, noun=True), WordKind(rule=STRONG)
        #: names for a person made of a root and a tail: "dickhead", "fuckwit"
        self.compounds: dict[str, WordKind] = {}
        for root in roots:
            kind = listed.get(root, thing_kind)
            for times in range(2, MAX_REPEATS + 1):
                self.spellings.setdefault(root * times, kind)
            for tail in person_tails:
                self.spellings.setdefault(root + tail, person_kind)
                self.compounds[root + tail] = person_kind
            for tail in tails:
                self.spellings.setdefault(root + tail, thing_kind)
        self.kinds += [person_kind, thing_kind]
        # Masked spellings are fitted against the listed words and compounds with the same first letter.
        self._mask_all = frozenset(mask_all)
        self._by_first: dict[str, list[tuple[str, WordKind]]] = {}
        for spelling, kind in self.spellings.items():
            if not vowel.search(spelling):
                continue  # "s*t" hides a letter of "sit" or "set", not one of the short form "sht"
            if spelling in listed or kind in (person_kind, thing_kind) or any(spelling == r * 2 for r in roots):
                self._by_first.setdefault(spelling[0], []).append((spelling, kind))
        for candidates in self._by_first.values():
            candidates.sort(key=lambda item: PREFERENCE.index(item[1].rule))
        # Insult adjectives and swear words intensify too: "you stupid cow", "you f*cking muppet".
        intensifiers += [w for kind, words in ordered if kind.adj or kind.rule in PROFANITY for w in words]
        #: the words that steer aim: "absolute", "entitled", "buyers", "people"
        self.steering_words = frozenset([*modifiers, *intensifiers, *self.buyer_nouns, *self.person_nouns])
        self.modifier = _alternation(modifiers + intensifiers, masked_token=True)
        self.intensifier = _alternation(intensifiers, masked_token=True)
        self._read_compound_parts(entries, listed)

    def _read_compound_parts(self, entries: Sequence[LexiconEntry], listed: dict[str, WordKind]) -> None:
        #: first parts that make a compound abusive ("Drecksladen"), with the kind the compound is
        self.compound_firsts: dict[str, WordKind] = {}
        #: heads that make a compound the insult they are ("Riesenidiot"), with their listed kind
        self.compound_heads: dict[str, WordKind] = {}
        #: words never read as such compounds
        self.compound_not: list[str] = []
        for entry in entries:
            words = [p.lower() for p in entry.all_phrases]
            if "compound-first" in entry.tags:
                self.compound_firsts.update(dict.fromkeys(words, WordKind(rule=entry.rule)))
            if "compound-head" in entry.tags:
                self.compound_heads.update((head, listed[head]) for head in words)
            if "compound-not" in entry.tags:
                self.compound_not += words

    def glued_insults(self) -> Iterator[tuple[str, str]]:
        """Insults aimed at the buyer written without spaces, with their rule: "youidiot",
        "youabsolutemuppet", "yourestupid", "whatapillock", "entitledbuyerslikeyou", "yourbloody"."""
        words = {**self.compounds, **self.listed}
        targets = [
            (word, SLUR if kind.rule == SLUR else INSULT)
            for word, kind in words.items()
            if (kind.insult or kind.rule == SLUR) and not kind.ambiguous and not kind.name and word.isalpha()
        ]
        adjectives = [word for word, _ in targets if words[word].adj]
        glued = self.lang.glued
        articles = ("", *glued.articles)  # nothing between the copula and the insult first
        for word, rule in targets:
            kind = words[word]
            if kind.noun:
                yield from ((cue + word, rule) for cue in glued.vocative)
            if word not in self.listed:
                continue  # a compound ("dickhead") only after "you": the other forms would be thousands
            if kind.noun:
                yield from (
                    (cue + modifier + word, rule)
                    for cue in glued.intensified_vocative
                    for modifier in (*self.intensifiers, *adjectives)
                )
            for cue in glued.copula:
                for article in articles:
                    yield cue + article + word, rule
            for cue in glued.what:
                yield cue + word, rule
            for people in ("", *self.buyer_nouns, *self.person_nouns):
                for cue in glued.like_you:
                    yield word + people + cue, rule
            if kind.adj:
                for buyer in self.buyer_nouns:
                    yield word + buyer, rule
        for word, kind in self.listed.items():
            if kind.rule in PROFANITY and not kind.noun and word.isalpha():
                for cue in glued.possessive:
                    yield cue + word, AIMED_PROFANITY

    def by_kind(self) -> dict[int, list[str]]:
        """Every spelling, grouped by the index of its kind in :attr:`kinds`."""
        index_of = {kind: i for i, kind in enumerate(self.kinds)}
        grouped: dict[int, list[str]] = {}
        for spelling, kind in self.spellings.items():
            grouped.setdefault(index_of[kind], []).append(spelling)
        return grouped

    def masked_words(self, text: str) -> Iterator[tuple[int, int, WordKind]]:
        """Masked words in ``text``: "f*ck", "sh#t", "a**hole", "f***", "sh*thead"."""
        for match in _MASKED_WORD.finditer(text):
            token = match.group()
            kind = self._fit(token)
            if kind is None and token[-1] in MASKS:  # "f*ck*": a trailing mark of emphasis
                token = token.rstrip(MASKS)
                kind = self._fit(token) if _MASK_RUN.search(token) else None
            if kind is not None:
                yield match.start(), match.start() + len(token), kind

    def fits(self, token: str) -> bool:
        """Whether a masked token can be a listed word ("sh*t"), unlike an ordinary masked word ("b*x")."""
        return self._fit(token.replace("#", "*").replace("%", "*")) is not None

    def _fit(self, token: str) -> WordKind | None:
        for form, kind in self._by_first.get(token[0], ()):
            if fits_mask(token, form, form in self._mask_all):
                return kind
        return None


MIN_COMPOUND_PART = 3  # "Drecksau" is listed; a part shorter than this is no word to read a compound by


class Compounds:
    """Compounds read by their parts, where a language writes them as one word (German).

    An abusive first part ("Drecks-", "Scheiß-") makes any compound abusive ("Drecksladen",
    "Scheißkundin"), and an insult head makes the compound that insult ("Riesenidiot", "Oberlügner"),
    but only when the other part is a word of the language: "Dreckschutz" is "Dreck" and "Schutz",
    not "Drecks" and "chutz". An insult word as the first part names no one ("Idiotentest", "Idiotenhügel"),
    so it is not read. The language's word frequencies are loaded with the language (``prepare``), not
    on a message: under load, reading them took longer than a checker's time budget.
    Lines tagged ``compound-not`` are whole words that are never read as such compounds.
    """

    def __init__(self, words: WordLists, lang: Language) -> None:
        self._firsts = words.compound_firsts
        self._heads = words.compound_heads
        self._not = frozenset(words.compound_not)
        self._first_lengths = sorted({len(w) for w in self._firsts}, reverse=True)
        self._head_lengths = sorted({len(w) for w in self._heads}, reverse=True)
        self._shortest = MIN_COMPOUND_PART + min(self._first_lengths + self._head_lengths, default=0)
        self._costs, self._rare = frequency_words(lang) if self else ({}, None)

    def __bool__(self) -> bool:
        return bool(self._firsts or self._heads)

    def read(self, token: str) -> WordKind | None:
        """What ``token`` is as a compound of a listed part and a word of the language, or None."""
        if len(token) < self._shortest or not token.isalpha() or token in self._not:
            return None
        for n in self._first_lengths:
            kind = self._firsts.get(token[:n])
            if kind is not None and len(token) - n >= MIN_COMPOUND_PART and self._is_word(token[n:]):
                return kind
        for n in self._head_lengths:
            kind = self._heads.get(token[-n:])
            if kind is not None and len(token) - n >= MIN_COMPOUND_PART and self._is_first_part(token[:-n]):
                return kind
        return None

    def _is_first_part(self, part: str) -> bool:
        # a linking "s" joins many first parts: "Arbeitsverweigerer"
        return self._is_word(part) or (part.endswith("s") and self._is_word(part[:-1]))

    def _is_word(self, part: str) -> bool:
        return part in self._costs or part in self._rare


def _has_masked_word(text: str) -> bool:
    """Whether a mask character touches a letter ("f*ck", not "20% off" or "#4455"); masks are rare."""
    for mask in MASKS:
        i = text.find(mask)
        while i != -1:
            if (i > 0 and "a" <= text[i - 1] <= "z") or (i + 1 < len(text) and "a" <= text[i + 1] <= "z"):
                return True
            i = text.find(mask, i + 1)
    return False


# --- reading the aim of a word ----------------------------------------------------------------


#: What stands between an aim cue and the words after it: a space, or nothing after an elided word
#: ("vous n'êtes qu'un idiot", "espèce d'abruti": the French elision is written on the word after it).
_AFTER_CUE = r"(?:\s+|(?<='))"


class Aim:
    """Reads from the words around a match whether it is aimed at the buyer.

    Each method returns the span of the aimed phrase, or None when nothing aims the word.
    """

    def __init__(self, words: WordLists, lang: Language) -> None:
        aim = lang.aim
        mods = rf"(?P<mods>(?:{words.modifier}\s+){{0,3}})"
        ints = rf"(?P<mods>(?:{words.intensifier}\s+){{0,3}})"
        edge = r"(?:^|(?<=[^a-z0-9'*#%]))"
        # "you idiot", "you absolute muppet", "you stupid cow"
        self.vocative = re.compile(rf"{edge}(?P<cue>{cue_alternation(aim.vocative)}){_AFTER_CUE}{ints}$")
        # "you're an idiot", "are you stupid", "don't be such a prat", "acting like a spoilt brat"
        self.copula = re.compile(rf"{edge}(?P<cue>{cue_alternation(aim.copula)}){_AFTER_CUE}{mods}$")
        # "what an idiot", "what such a prat"
        what = cue_alternation(aim.what)
        self.what = re.compile(rf"{edge}(?P<cue>{what}){_AFTER_CUE}(?:{words.intensifier}\s+){{0,2}}$")
        # "your stupid question", "your an idiot" (a common slip for "you're")
        self.possessive = re.compile(rf"{edge}(?P<cue>{cue_alternation(aim.possessive)}){_AFTER_CUE}{mods}$")
        # "Read it again, idiot." - name-calling at the start of a sentence or after a comma
        self.position = re.compile(rf"(?:^|[.!?,;:\n]|\b(?:{cue_alternation(aim.interjections)}))\s*{ints}$")
        # "entitled buyers like you", "idiots like you"
        people = _alternation([*words.buyer_nouns, *words.person_nouns])
        self.like_you = re.compile(rf"\s+(?:{people}\s+)?(?:{cue_alternation(aim.like_you)})\b")
        self.at_buyers = re.compile(rf"\s+{_alternation(words.buyer_nouns)}{_WORD_END}")
        # "fuck you", "piss off", "damn your review"
        self.imprecation = re.compile(rf"\s*(?:{cue_alternation(aim.imprecation_objects)})\b")
        # "your bloody order", "you f*cking did this"
        self.at_you = re.compile(rf"{edge}(?P<cue>{cue_alternation(aim.at_you)})\s+(?:{words.intensifier}\s+){{0,2}}$")
        self._articles = re.compile(rf"\b(?:{cue_alternation(aim.articles)})\b")
        # The end of the sentence, or what stands for it ("are you stupid or something").
        self._after_end = re.compile(rf"\s*(?:[.!?,;:)\]]|$|(?:{cue_alternation(aim.end_tails)})\b)")
        # Words that go on with the clause, not with a compound noun: "you're such a muppet about it",
        # but "are you a pig farmer" (the insult word is part of a noun).
        self._clause_goes_on = re.compile(rf"\s+(?:{alternation(lang.words.clause_goes_on)})\b")
        self._plural_endings = tuple(lang.words.plural_endings)
        self._singular_endings = tuple(lang.words.singular_endings)

    def insult(  # noqa: PLR0911
        self, text: str, start: int, end: int, kind: WordKind, *, strict: bool = False
    ) -> tuple[int, int] | None:
        """The span of an insult aimed at the buyer, or None. ``strict``: only said of the reader
        ("you're a", "you …", "… like you"), for a word the message's context makes an ordinary one
        ("Menudo chorizo, ibérico de bellota" is a sausage)."""
        if _HYPHENATED.match(text, end):
            return None
        if kind.next_not and (word := _NEXT_WORD.match(text, end)) and word.group(1) in kind.next_not:
            return None
        window = max(0, start - 80)
        after_end = self._after_end.match(text, end) is not None
        if like := self.like_you.match(text, end):
            return start, like.end()
        if kind.adj and not kind.ambiguous and (at := self.at_buyers.match(text, end)):
            return start, at.end()
        clear = after_end or not kind.ambiguous
        if (match := self.copula.search(text, window, start)) and (clear or self._clause_goes_on.match(text, end)):
            return match.start("cue"), end
        if match := self.vocative.search(text, window, start):
            intensified = bool(match.group("mods"))
            if (intensified or (clear and not kind.name)) and (kind.noun or not kind.ambiguous):
                return match.start("cue"), end
        if strict:
            return None
        if kind.noun and clear and (match := self.what.search(text, window, start)):
            return match.start("cue"), end
        if match := self.possessive.search(text, window, start):
            article = self._articles.search(match.group("mods"))
            if (kind.noun and article and clear) or (kind.adj and not kind.ambiguous):
                return match.start("cue"), end
        word = text[start:end]
        singular = not word.endswith(self._plural_endings) or word.endswith(self._singular_endings)
        if kind.noun and not kind.ambiguous and singular and after_end and self.position.search(text, window, start):
            return start, end
        return None

    def profanity(self, text: str, start: int, end: int, kind: WordKind) -> tuple[int, int] | None:
        """The span of swearing aimed at the buyer ("fuck off", "your bloody order"), or None."""
        if kind.imprecation and (match := self.imprecation.match(text, end)):
            return start, match.end()
        if match := self.at_you.search(text, max(0, start - 40), start):
            return match.start("cue"), end
        return None


# --- disguises folding leaves: masks, long leetspeak, letters joined by halves -----------------

# Leet digits back to letters, for words with more digits than folding undoes ("b3773r", "p1553d").
_DIGIT_LETTERS = str.maketrans(LEET)
_ALNUM_RUN = re.compile("[a-z0-9]*")
# Cheap test first: four digits with only letters between them (order numbers match too).
_FOUR_DIGITS = re.compile(r"[0-9][a-z]*[0-9][a-z]*[0-9][a-z]*[0-9]")
_DIGIT_BY_LETTER = re.compile(r"[0-9](?:(?<=[^\W\d_][0-9])|(?=[^\W\d_]))")  # what every such word has
# Symbols folding keeps where they touch another symbol ("l!@r", "th!$"), read as the letter they hide.
_INNER_BANG = re.compile(r"[a-z]![a-z]")
_LONE_AT = re.compile(r"(?<= )@(?= [a-z])")  # not "2 @ £5" or "@ 20°c"
_SYMBOL_LETTERS = str.maketrans(
    {c: letter for c, letter in disguises.table().usual(folded_only=True).items() if not c.isdigit()}
    | dict.fromkeys(MASKS.replace("*", ""), "*")
)
# A word with masks or symbols inside: "y*u", "h*ll", "ag@!n", "l!@r" (not "thanks!" or "20%").
_DISGUISED_WORD = re.compile(r"(?<![a-z0-9*#%])[a-z][a-z*#%!$@]*[*#%!$@][a-z*#%!$@]*(?<=[a-z*#%])(?![a-z0-9])")
# Letters spaced or dotted out: joined by folding (the text got shorter) or left so ("bit.c.h").
_SPACED_GATE = re.compile(r"[ .·•_-][a-zA-Z][ .·•_-]{1,3}[a-zA-Z][ .·•_-]")
# What folding leaves of letters spaced out with a word before them, or after an article it guessed:
# "bit c h", "stop l y i n g", "you d u m b a s s"; "a bsolute", "i diot"; "shit.head", "stoop.i.d".
_LETTER_RUN = re.compile(r"(?<![a-z0-9'])(?:(?P<head>[a-z]{1,8}) )?(?P<letters>[a-z](?: [a-z])+)(?![a-z0-9'])")
# A word and the space after it, with the next word: "a cting", "ret ard" (matches cannot overlap).
_HALVES = re.compile(r"(?<![a-z0-9'])(?P<first>[a-z]+) (?=(?P<rest>[a-z]+)(?![a-z0-9']))")
_DOTTED_RUN = re.compile(r"(?<![a-z0-9.])[a-z]+(?:\.[a-z]+)+(?![a-z0-9])")
_APOSTROPHE = re.compile("'")
MIN_GLUED = 5  # a phrase written without spaces is looked for when longer than this
MIN_JOINED = 4  # "u r" may stay two words; a joined word is longer


def _long_leet_words(text: str) -> Iterator[tuple[int, int]]:
    """Words in which four digits or more stand among letters ("1d107", "b3773r"), not numbers."""
    if not _DIGIT_BY_LETTER.search(text):
        return  # order numbers and references: digits, but none touching a letter
    done = 0  # the end of the last word yielded: a word is yielded once, and scanned once
    for match in _FOUR_DIGITS.finditer(text):
        start, end = match.span()
        if end <= done:
            continue
        if (
            not match.group().isdigit()
            or (start > 0 and text[start - 1].isalpha())
            or (end < len(text) and text[end].isalpha())
        ):
            while start > done and text[start - 1].isalnum():
                start -= 1
            done = _ALNUM_RUN.match(text, end).end()  # type: ignore[union-attr]
            yield start, done


def _maybe_masked(text: str) -> bool:
    """Whether a mask, or a '!' folding kept before another symbol ("l!@r", "p!$$ed"), may hide a letter."""
    return "*" in text or "#" in text or "%" in text or ("!" in text and _INNER_BANG.search(text) is not None)


class Disguises:
    """Undoes what folding cannot, into words this checker knows.

    Every guess must land on a word of the checker's own vocabulary (the words of its phrases,
    word lists, intensifiers and exceptions), so an unknown word is never rewritten and a
    compliant message keeps its meaning. A masked word that fits an abusive and an ordinary word
    ("sh*t": shit or shut) is read as the ordinary one only when the message masks ordinary words
    too, as a careful reader would; otherwise the masked-word fitting reads it.
    """

    def __init__(
        self,
        vocabulary: Iterable[str],
        abusive: Iterable[str],
        usual: Iterable[str],
        fits_abusive: Callable[[str], bool],
        lang: Language,
    ) -> None:
        self.fits_abusive = fits_abusive
        self._article = lang.settings.at_sign_article  # what a lone '@' stands for
        # "don't" and "you're" are masked as "d*n't" and "y*u're": the part before the apostrophe.
        words = {_APOSTROPHE.split(w, 1)[0] for w in vocabulary}
        self.vocabulary = frozenset(w for w in words if w.isalpha())
        self.abusive = frozenset(abusive)
        #: the most common words, the likelier reading of a mask: "st*p" is stop, not step
        self.usual = frozenset(usual)
        # Words by length, first and last letter, which a mask leaves: a handful to compare a masked
        # word with (an index of every masking cost 13,000 entries and 0.02-0.07 s of start-up).
        by_ends: dict[tuple[int, str, str], list[str]] = {}
        vowel = re.compile(f"[{re.escape(lang.settings.vowels)}]")
        for word in sorted(w for w in self.vocabulary if vowel.search(w)):
            by_ends.setdefault((len(word), word[0], word[-1]), []).append(word)
        self._by_ends = {key: tuple(words) for key, words in by_ends.items()}

    def one_mask(self, token: str) -> tuple[str, ...]:
        """The words a token with one inner letter hidden ("y*u"; the first and last letters stay, not
        "ass*") can be, in alphabetical order."""
        i = token.find("*")
        if not 0 < i < len(token) - 1:
            return ()
        head, tail = token[:i], token[i + 1 :]
        candidates = self._by_ends.get((len(token), token[0], token[-1]), ())
        return tuple(word for word in candidates if word.startswith(head) and word.endswith(tail))

    def undo(self, plain: FoldedText, view: FoldedText) -> tuple[FoldedText, str]:
        """``view`` with disguised words rewritten as the known words they hide (itself when none),
        and the text masked words are fitted in: the same, but for a mask read both ways ("g*t a
        life" is "get a life" to the phrases, and may still be "git" to the word lists)."""
        text = view.text
        for start, end in _long_leet_words(view.text):
            letters = text[start:end].translate(_DIGIT_LETTERS)
            if letters.isalpha() and letters in self.vocabulary:
                text = text[:start] + letters + text[end:]  # one letter for one digit: offsets stay
        if text != view.text:
            view = view.then(text, None)
        joined = len(view.text) < len(plain.text) and _SPACED_GATE.search(plain.text)
        if joined or _SPACED_GATE.search(view.text):
            view = view.then(*rewrite(view.text, _DOTTED_RUN, self._dotted_pieces))
            view = view.then(*rewrite(view.text, _LETTER_RUN, self._letter_run_pieces))
            view = view.then(*rewrite(view.text, _HALVES, self._halves_pieces(view)))
        if " @ " in view.text:  # "you're @ complete idiot": '@' alone is the article
            view = view.then(*rewrite(view.text, _LONE_AT, self._article_pieces))
        if _maybe_masked(view.text):
            return self._unmask(view)
        return view, view.text

    def _unmask(self, view: FoldedText) -> tuple[FoldedText, str]:
        readings: dict[str, tuple[str, ...]] = {}
        glued: dict[str, int] = {}
        for match in _DISGUISED_WORD.finditer(view.text):
            token = match.group().translate(_SYMBOL_LETTERS)
            masks = token.count("*")
            if masks == 0:
                readings[match.group()] = (token,) if token in self.vocabulary else ()
            elif masks == 1:
                readings[match.group()] = self.one_mask(token)
                if not readings[match.group()] and (cut := self._glued_cut(view, match, token)):
                    # "y*u d u m b a s s" folds to "y*udumbass": the spaced word joined the masked one.
                    glued[match.group()] = cut
                    readings[match.group()[:cut]] = self.one_mask(token[:cut])
        # Masking ordinary words ("y*ur b*x") is a style, not a hidden swear word.
        masks_ordinary = any(
            "*" in token and self.abusive.isdisjoint(words) and not self.fits_abusive(token)
            for token, words in readings.items()
        )
        chosen: dict[str, str] = {}
        both_ways: set[str] = set()
        for token, words in readings.items():
            if len(words) == 1:
                chosen[token] = words[0]
                continue
            ordinary = [w for w in words if w not in self.abusive]
            usual = [w for w in ordinary if w in self.usual]
            if len(ordinary) == 1 or len(usual) == 1:
                chosen[token] = ordinary[0] if len(ordinary) == 1 else usual[0]
                if len(ordinary) < len(words) and not masks_ordinary:
                    both_ways.add(token)  # "sh*t" among unmasked words may well be the swear word
        if not chosen:
            return view, view.text

        def pieces(match: Match, *, fitting: bool = False) -> Iterable[Piece]:
            token, start, end = match.group(), match.start(), match.end()
            if cut := glued.get(token):
                yield from pieces_of(token[:cut], start, start + cut, fitting=fitting)
                yield " " + token[cut:], start + cut, end
            else:
                yield from pieces_of(token, start, end, fitting=fitting)

        def pieces_of(token: str, start: int, end: int, *, fitting: bool) -> Iterable[Piece]:
            yield (token if fitting and token in both_ways else chosen.get(token, token)), start, end

        def fit_pieces(match: Match) -> Iterable[Piece]:
            return pieces(match, fitting=True)

        text, _ = rewrite(view.text, _DISGUISED_WORD, fit_pieces)
        return view.then(*rewrite(view.text, _DISGUISED_WORD, pieces)), text

    def _glued_cut(self, view: FoldedText, match: Match, token: str) -> int | None:
        """Where a masked word ends and a word folding joined from spaced letters begins, or None."""
        for cut in range(token.index("*") + 2, len(token) - 1):
            rest = token[cut:]
            if rest in self.vocabulary and self.one_mask(token[:cut]):
                first, last = view.to_original(match.start() + cut, match.end())
                if last - first > len(rest):
                    return cut
        return None

    def _article_pieces(self, match: Match) -> Iterable[Piece]:
        yield self._article, match.start(), match.end()

    def _dotted_pieces(self, match: Match) -> Iterable[Piece]:
        run, base = match.group(), match.start()
        if run.replace(".", "") not in self.vocabulary:
            yield run, base, match.end()
            return
        for i, char in enumerate(run):
            if char != ".":
                yield char, base + i, base + i + 1

    def _letter_run_pieces(self, match: Match) -> Iterable[Piece]:
        head, letters = match.group("head"), match.group("letters")
        joined = letters.replace(" ", "")
        start = match.start("letters")
        if head and head + joined in self.vocabulary:
            start = match.start()
        elif len(joined) < MIN_JOINED or joined not in self.vocabulary:
            yield match.group(), match.start(), match.end()
            return
        if start > match.start():
            yield match.group()[: start - match.start()], match.start(), start
        text = match.string
        for i in range(start, match.end()):
            if text[i] != " ":
                yield text[i], i, i + 1

    def _halves_pieces(self, view: FoldedText) -> Callable[[Match], Iterable[Piece]]:
        def pieces(match: Match) -> Iterable[Piece]:
            first, rest = match.group("first"), match.group("rest")
            word = first + rest
            if word in self.vocabulary and (first not in self.vocabulary or rest not in self.vocabulary):
                # Only a half folding joined from spaced letters: "a b s o l u t e", "r3t a r d".
                first_span = view.to_original(*match.span("first"))
                rest_span = view.to_original(match.end(), match.end() + len(rest))
                if first_span[1] - first_span[0] > len(first) or rest_span[1] - rest_span[0] > len(rest):
                    yield first, match.start(), match.end("first")
                    return
            yield match.group(), match.start(), match.end()

        return pieces


# --- the checker ------------------------------------------------------------------------------


def _entry_words(entries: Iterable[LexiconEntry]) -> Iterator[str]:
    """Every word the phrase entries name: their phrases, pattern words and next-not/prev-not words."""
    for entry in entries:
        for phrase in entry.all_phrases:
            yield from phrase.lower().split()
        for spec in entry.pattern or ():
            yield from _token_alternatives(spec) or ()
        for key in ("next-not", "prev-not"):
            yield from _word_set(entry.tags, key)


def _is_one_token(phrase: str) -> bool:
    return phrase.isalnum()


@dataclass(frozen=True)
class Lexicon:
    """Everything one language's pipeline needs, built once in :meth:`AbusiveChecker.prepare`.

    One-word spellings and anchors are looked up by the hash of the token's lower-case form
    (spaCy's ``LOWER``), which needs no tokenizing at start-up; longer ones are in the PhraseMatcher.
    """

    phrases: tuple[PhraseRule, ...]
    words: WordLists
    aim: Aim
    word_hashes: dict[int, WordKind]
    anchor_hashes: dict[int, tuple[int, ...]]
    context_hashes: dict[int, str]
    initial: re.Pattern[str]
    disguises: Disguises
    pipeline: Pipeline
    #: phrases written without spaces ("gotohell", "youidiot") -> (rule, phrase index or None)
    glued_hashes: dict[int, tuple[str, int | None]]
    #: the small words of a title in title case ("Shit My Dad Says"); None where every noun is capitalised
    title_small_words: frozenset[str] | None
    #: compounds read by their parts ("Drecksladen", "Riesenidiot"); None where the lexicons name no part
    compounds: Compounds | None
    #: every hash above, to test a message's words against in one set operation
    any_hash: frozenset[int] = frozenset()


class AbusiveChecker(Checker):
    """Reports profanity, insults, threats, hostility, slurs and demeaning language."""

    id = "abusive"
    languages = LexiconLanguages(PHRASE_LEXICON, *WORD_LEXICONS)  # msglint/lexicons/<lang>/ with these files
    reads_only_words = True
    rules = RulesFile("abusive")  # type: ignore[assignment]

    def __init__(self, context: CheckerContext | None = None) -> None:
        super().__init__(context)
        self._frames = FrameReader(self.id, [rule.code for rule in self.rules])
        self._lexicons: dict[str, Lexicon] = {}

    def lexicon_problems(self, name: str, entries: Sequence[LexiconEntry]) -> Iterator[tuple[int | None, str]]:
        yield from super().lexicon_problems(name, entries)
        check = _phrase_line_problem if name == PHRASE_LEXICON else _word_line_problem
        for index, entry in enumerate(entries):
            problem = check(entry)
            if problem is not None:
                yield index, problem

    def _word_lexicons(self, lang: str, phrase_entries: Sequence[LexiconEntry]) -> list[LexiconEntries]:
        """The word lists, checked; a word's ``unless-context:`` must name a context of the phrase lexicon."""
        lexicons = [self.checked_lexicon(lang, name) for name in WORD_LEXICONS]
        declared = {context for entry in phrase_entries for context in values_of(entry.tags, "context")}
        reads_words = language(lang).settings.word_frequencies is not None
        for lexicon in lexicons:
            for index, entry in enumerate(lexicon):
                compound_tag = next((t for t in entry.tags if t in ("compound-first", "compound-head")), None)
                if compound_tag and not reads_words:
                    problem = f"{compound_tag!r} reads compounds with word frequencies: lang/{lang}.toml names none"
                    raise lexicon.error(index, problem)
                for context in values_of(entry.tags, "unless-context"):
                    if context not in declared:
                        known = ", ".join(sorted(declared)) or "none"
                        problem = (
                            f"'unless-context:{context}' names no context of {PHRASE_LEXICON}.jsonl (it has: {known})"
                        )
                        raise lexicon.error(index, problem)
        return lexicons

    def prepare(self, pipeline: Pipeline) -> None:
        self._frames.prepare(pipeline.lang)
        lang = pipeline.lang
        words_of_lang = language(lang)
        entries = self.lexicon_entries(lang, PHRASE_LEXICON)
        steering = {
            tag: frozenset(w for e in entries if tag in e.tags for w in e.all_phrases)
            for tag in ("softener", "function-word", "common-word", "aim-word")
        }
        function_words = steering["function-word"]
        common = function_words | steering["common-word"]
        softeners = "|".join(map(re.escape, sorted(steering["softener"], key=len, reverse=True)))
        initial = re.compile(rf"(?:^|[.!?;:\n\"(])\s*(?:(?:{softeners})[\s,]+)*$")
        phrases = []
        glued: dict[int, tuple[str, int | None]] = {}
        anchors: dict[int, list[int]] = {}
        contexts: dict[int, str] = {}
        for index, entry in enumerate(entries):
            if steering.keys() & set(entry.tags):
                phrases.append(PhraseRule(rule=entry.rule, source=None))
                continue
            context = _tag_value(entry.tags, "context")
            source = None
            if context:
                for phrase in entry.all_phrases:
                    if _is_one_token(phrase):
                        contexts[hash_string(phrase.lower())] = context
                    else:
                        pipeline.add_phrases(f"{self.id}:context:{context}", [phrase])
            elif "exempt" in entry.tags:
                pipeline.add_phrases(f"{self.id}:exempt", entry.all_phrases)
            elif "config" in entry.tags:
                pipeline.add_phrases(f"{self.id}:p{index}", entry.all_phrases)
            else:
                anchor = _anchor(entry, function_words, common)
                for word in anchor:
                    if _is_one_token(word):
                        anchors.setdefault(hash_string(word), []).append(index)
                pipeline.add_phrases(f"{self.id}:p{index}", [w for w in anchor if not _is_one_token(w)])
                written = pattern_as_phrases(entry.pattern) if entry.pattern is not None else entry.all_phrases
                for phrase in written or ():
                    if " " in phrase and len(phrase) > MIN_GLUED:  # "f u" glued is "fu", a word of its own
                        glued.setdefault(hash_string(phrase.lower().replace(" ", "")), (entry.rule, index))
                if entry.pattern is not None:
                    source = pattern_regex(entry.pattern, words_of_lang.settings.negation_clitic)
                else:
                    body = "|".join(r"\s+".join(map(re.escape, p.lower().split())) for p in entry.all_phrases)
                    source = f"{_WORD_START}(?:{body}){_WORD_END}"
            phrases.append(
                PhraseRule(
                    rule=entry.rule,
                    source=source,
                    initial="initial" in entry.tags,
                    final="final" in entry.tags,
                    next_not=_word_set(entry.tags, "next-not"),
                    prev_not=_word_set(entry.tags, "prev-not"),
                    message=entry.message,
                    suggestion=entry.suggestion,
                )
            )
        words = WordLists([e for lexicon in self._word_lexicons(lang, entries) for e in lexicon], words_of_lang)
        word_hashes: dict[int, WordKind] = {}
        for index, spellings in words.by_kind().items():
            pipeline.add_phrases(f"{self.id}:w{index}", [s for s in spellings if not _is_one_token(s)])
            word_hashes.update((hash_string(s), words.kinds[index]) for s in spellings if _is_one_token(s))
        unphrased = {rule: (rule, None) for rule in PREFERENCE}  # one tuple per rule for 29,000 forms
        for form, rule in words.glued_insults():
            glued.setdefault(hash_string(form), unphrased[rule])
        vocabulary = {*words.spellings, *words.steering_words, *_entry_words(entries)}
        self._lexicons[lang] = Lexicon(
            tuple(phrases),
            words,
            Aim(words, words_of_lang),
            word_hashes,
            {h: tuple(indexes) for h, indexes in anchors.items()},
            contexts,
            initial,
            Disguises(
                vocabulary,
                words.spellings,
                usual=common | steering["softener"],
                fits_abusive=words.fits,
                lang=words_of_lang,
            ),
            pipeline,
            glued,
            frozenset(words_of_lang.words.title_small_words) if words_of_lang.settings.title_case_names else None,
            compounds if (compounds := Compounds(words, words_of_lang)) else None,
            frozenset(word_hashes) | frozenset(anchors) | frozenset(contexts) | frozenset(glued),
        )

    def check(self, document: Document) -> Iterable[Hit]:
        return self._frames.apply(document, self._lexicon_hits(document))

    def _lexicon_hits(self, document: Document) -> Iterable[Hit]:
        lexicon = self._lexicons[document.lang]
        view, fit_text = lexicon.disguises.undo(document.plain, document.folded)
        if view.text == document.folded.text:
            view = document.folded
            doc, matches = document.doc, document.matches(self.id)
            return self._check(document, lexicon, view, doc, matches, fit_text)
        # Rare: words rewritten, so the rewritten text is tokenised and matched again, and the
        # hits mapped to the original text here.
        doc = lexicon.pipeline.make_doc(view.text)
        matches = lexicon.pipeline.match(doc).get(self.id, [])
        hits = self._check(document, lexicon, view, doc, matches, fit_text)
        return [
            Hit(h.rule, *view.to_original(h.start, h.end), "original", h.message, h.suggestion, h.confidence)
            for h in hits
        ]

    def _check(  # noqa: PLR0917 - the views of one message, passed on together
        self,
        document: Document,
        lexicon: Lexicon,
        view: FoldedText,
        doc: Doc,
        matches: list[TokenMatch],
        fit_text: str,
    ) -> list[Hit]:
        lowers = doc.to_array(LOWER).tolist()
        present = lexicon.any_hash.intersection(lowers)
        text = view.text
        masked = _has_masked_word(fit_text)
        found_words: list[tuple[int, int, WordKind]] = []
        if lexicon.compounds is not None:
            found_words += self._compound_words(lexicon.compounds, doc, lowers, lexicon.word_hashes)
        if not matches and not masked and not present and not found_words:
            return []
        phrase_hits: list[Hit] = []
        exempt: list[tuple[int, int]] = []
        contexts: set[str] = {lexicon.context_hashes[h] for h in present.intersection(lexicon.context_hashes)}
        looked: set[int] = set()
        for index in {i for h in present.intersection(lexicon.anchor_hashes) for i in lexicon.anchor_hashes[h]}:
            looked.add(index)
            phrase_hits += self._phrase_hits(lexicon.phrases[index], text, lexicon.initial)
        if any(h in lexicon.glued_hashes for h in present):
            phrase_hits += self._glued_hits(lexicon, doc, lowers, text)
        if any(h in lexicon.word_hashes for h in present):
            for i, lower in enumerate(lowers):
                kind = lexicon.word_hashes.get(lower)
                if kind is not None:
                    token = doc[i]
                    found_words.append((token.idx, token.idx + len(token), kind))
        for label, start, end in matches:
            key = label.split(":", 1)[1]
            first, last = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
            if key[0] == "w":
                found_words.append((first, last, lexicon.words.kinds[int(key[1:])]))
            elif key[0] == "p":
                index = int(key[1:])
                phrase = lexicon.phrases[index]
                if phrase.regex is None:
                    phrase_hits.append(Hit(phrase.rule, first, last, "folded", phrase.message, phrase.suggestion))
                elif index not in looked:
                    looked.add(index)
                    phrase_hits += self._phrase_hits(phrase, text, lexicon.initial)
            elif key == "exempt":
                exempt.append((first, last))
            else:
                contexts.add(key.split(":", 1)[1])
        if masked:
            found_words += lexicon.words.masked_words(fit_text)
        word_hits = list(self._word_hits(document, view, found_words, lexicon, exempt=exempt, contexts=contexts))
        # One finding per place: swearing inside a threat or an insult is reported as that.
        covering = [(h.start, h.end) for h in (*phrase_hits, *word_hits) if h.rule not in (MILD, STRONG)]
        kept = [
            h
            for h in word_hits
            if h.rule not in PROFANITY
            or not any(s <= h.start and h.end <= e and (s, e) != (h.start, h.end) for s, e in covering)
        ]
        return phrase_hits + kept

    @staticmethod
    def _compound_words(
        compounds: Compounds, doc: Doc, lowers: list[int], listed: dict[int, WordKind]
    ) -> Iterator[tuple[int, int, WordKind]]:
        """Words abusive by their parts and listed nowhere: "Drecksladen", "Riesenidiot"."""
        for i, lower in enumerate(lowers):
            if lower not in listed:
                token = doc[i]
                kind = compounds.read(token.lower_)
                if kind is not None:
                    yield token.idx, token.idx + len(token), kind

    @staticmethod
    def _glued_hits(lexicon: Lexicon, doc: Doc, lowers: list[int], text: str) -> list[Hit]:
        """Phrases written as one word ("gotohell", "youareanidiot"): only the whole token counts."""
        hits = []
        for i, lower in enumerate(lowers):
            if (glued := lexicon.glued_hashes.get(lower)) is not None:
                rule, index = glued
                start, end = doc[i].idx, doc[i].idx + len(doc[i])
                phrase = None if index is None else lexicon.phrases[index]
                if phrase is None or phrase.stands_right(text, start, end, lexicon.initial):
                    message, suggestion = (phrase.message, phrase.suggestion) if phrase else (None, None)
                    hits.append(Hit(rule, start, end, "folded", message, suggestion))
        return hits

    @staticmethod
    def _phrase_hits(phrase: PhraseRule, text: str, initial: re.Pattern[str]) -> list[Hit]:
        assert phrase.regex is not None
        return [
            Hit(phrase.rule, m.start(), m.end(), "folded", phrase.message, phrase.suggestion)
            for m in phrase.regex.finditer(text)
            if phrase.stands_right(text, m.start(), m.end(), initial)
        ]

    @staticmethod
    def _word_hits(
        document: Document,
        view: FoldedText,
        found: list[tuple[int, int, WordKind]],
        lexicon: Lexicon,
        *,
        exempt: list[tuple[int, int]],
        contexts: set[str],
    ) -> Iterator[Hit]:
        text = view.text
        aim = lexicon.aim
        titles: list[tuple[int, int]] | None = None
        for start, end, kind in found:
            if any(s <= start and end <= e for s, e in exempt):
                continue
            if kind.insult:
                strict = kind.unless_context is not None and kind.unless_context in contexts
                span = aim.insult(text, start, end, kind, strict=strict)
                if span:
                    yield Hit(INSULT if kind.rule in PROFANITY else kind.rule, *span)
                    continue
                if kind.rule not in PROFANITY and (kind.rule != SLUR or kind.ambiguous):
                    continue
            if kind.rule in (SLUR, AIMED_PROFANITY):
                yield Hit(kind.rule, start, end)
                continue
            span = None if kind.noun else aim.profanity(text, start, end, kind)
            if span:
                yield Hit(AIMED_PROFANITY, *span)
                continue
            if kind.aimed_only or (kind.unless_context and kind.unless_context in contexts):
                continue
            if titles is None:
                small_words = lexicon.title_small_words
                titles = quoted_titles(document.plain, small_words) if small_words is not None else []
            if titles:
                first, last = view.to_original(start, end)
                if any(s < first and last < e for s, e in titles):
                    continue
            yield Hit(kind.rule, start, end)


# A word of a title; masks and symbols inside it are letters ("D@mn G*od C*ffee").
_TITLE_WORD = re.compile(r"[^\W\d_][\w'*#%@$!-]*")
MAX_TITLE_WORDS = 8


# Letters spelled out inside a title: "S.h.i.t My D.a.d S.a.y.s" reads as "Shit My Dad Says".
_SPELLED_OUT = re.compile(r"(?<=\b[^\W\d_])[ .·•_-]{1,3}(?=[^\W\d_]\b)")


def quoted_titles(plain: FoldedText, small_words: frozenset[str]) -> list[tuple[int, int]]:
    """Quoted titles, as spans of the original text: "Damn Good Coffee", "Shit My Dad Says".

    Swearing in a product's or a book's name is the name, not the seller's language. Only quotes
    in title case count: quoting a sentence ("you called it 'crap'") is still the seller's message.
    Read in the plain view, so a title in full-width letters or HTML entities is still a title.
    """
    spans = []
    for match in _QUOTED.finditer(plain.text):
        words = _TITLE_WORD.findall(_SPELLED_OUT.sub("", match.group()[1:-1]))
        if 0 < len(words) <= MAX_TITLE_WORDS and all(w[0].isupper() or w.lower() in small_words for w in words):
            spans.append(plain.to_original(*match.span()))
    return spans
