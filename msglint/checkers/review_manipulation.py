"""Review manipulation: asking for good reviews, paying for them, gating them, changing them.

The words and token patterns live in ``msglint/lexicons/<lang>/review_manipulation.jsonl``; each line
has a role (its first tag). The shared PhraseMatcher finds each pattern's anchor word once per message,
the pattern is matched outward from it, and this module decides, sentence by sentence, what data cannot
say: whether a sentence *asks* for the rating it names, whether a refund is tied to a review, whether a
condition gates a request, who is asked to change a review.

Words the folded view leaves disguised ("p05171v3", "y*ur", "🎁", "a m e n d" split into "a mend") are read
as the one lexicon word they can stand for before matching (see ``_Disguises``); the findings still cover
exactly what the seller wrote.
Rules and their documentation: ``msglint/rules/review_manipulation.toml``.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import regex

from msglint.checkers.base import (
    Checker,
    CheckerContext,
    Hit,
    LexiconEntry,
    LexiconLanguages,
    LineProblem,
    RulesFile,
    load_lexicon,
)
from msglint.document import Document
from msglint.engine import disguises
from msglint.engine.frames import FrameReader
from msglint.engine.language import Language, alternation, language
from msglint.engine.patterns import Reads, expand, pattern_problem
from msglint.engine.tags import TagVocabulary
from msglint.normalize import FoldedText, OffsetMap

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

    from msglint.nlp import Pipeline

POSITIVE_REVIEW_REQUEST = "REV001"
INCENTIVIZED_REVIEW = "REV002"
REVIEW_GATING = "REV003"
REVIEW_CHANGE_REQUEST = "REV004"
THIRD_PARTY_REVIEW_REQUEST = "REV005"

# Roles: the first tag of a lexicon line (see the lexicon's header).
VOCABULARY = "vocabulary"
POSITIVE_RATING = "positive-rating"
PRAISE_REQUEST = "praise-request"
REVIEW_REQUEST = "review-request"
OFFER = "offer"
NOT_OFFER = "not-offer"
TIE = "tie"
SATISFIED_CONDITION = "satisfied-condition"
NEGATIVE_DIVERSION = "negative-diversion"
CONTACT_FIRST = "contact-first"
CHANGE_REQUEST = "change-request"
THIRD_PARTY = "third-party"
DIRECT = "direct"  # configured extra terms: report wherever they match

# --- what a line's tags may be (see the lexicon's header) ------------------------------------------

#: The rule each reporting role reports under; the other roles are context and may name any rule of
#: the checker (the rule that uses them most).
ROLE_RULES = {
    POSITIVE_RATING: POSITIVE_REVIEW_REQUEST,
    PRAISE_REQUEST: POSITIVE_REVIEW_REQUEST,
    OFFER: INCENTIVIZED_REVIEW,
    SATISFIED_CONDITION: REVIEW_GATING,
    NEGATIVE_DIVERSION: REVIEW_GATING,
    CONTACT_FIRST: REVIEW_GATING,
    CHANGE_REQUEST: REVIEW_CHANGE_REQUEST,
    THIRD_PARTY: THIRD_PARTY_REVIEW_REQUEST,
}
#: Every role, with the tags that refine it ("head-noun": the match is dropped before an offer compound).
REFINEMENTS: dict[str, frozenset[str]] = {
    VOCABULARY: frozenset(),
    POSITIVE_RATING: frozenset({"bare-star", "head-noun"}),
    PRAISE_REQUEST: frozenset({"head-noun"}),
    REVIEW_REQUEST: frozenset({"head-noun"}),
    OFFER: frozenset({"incentive", "resolution", "head-noun"}),
    NOT_OFFER: frozenset({"head-noun"}),
    TIE: frozenset({"names-review", "after-request", "rewarded", "head-noun"}),
    SATISFIED_CONDITION: frozenset({"if-so", "otherwise", "question", "head-noun"}),
    NEGATIVE_DIVERSION: frozenset({"always", "needs-negative", "head-noun"}),
    CONTACT_FIRST: frozenset({"head-noun"}),
    CHANGE_REQUEST: frozenset({"pronoun", "head-noun"}),
    THIRD_PARTY: frozenset({"pronoun", "account", "head-noun"}),
}
#: Refinements of which a line has one (offer: exactly one), since the checker reads only the first.
EXCLUSIVE = {
    OFFER: ("incentive", "resolution"),
    SATISFIED_CONDITION: ("if-so", "otherwise", "question"),
    NEGATIVE_DIVERSION: ("always", "needs-negative"),
    THIRD_PARTY: ("account", "pronoun"),
}
ROLES = TagVocabulary(flags=frozenset(REFINEMENTS))
#: The word lists the checker reads by name, besides those the patterns name ("$rating_noun").
READ_LISTS = (
    "compound_head",
    "contact_word",
    "good_state",
    "high_count",
    "like_verb",
    "liking_verb",
    "modal_word",
    "neg_adj",
    "next_ok",
    "offer_compound",
    "rating_noun",
    "request_word",
    "review_word",
    "sat_adj",
    "statement_word",
    "subject_word",
    "subordinator",
    "thanks_word",
    "third_party",
    "unsatisfied_word",
)
_LIST_NAME = regex.compile(r"[a-z_]+")
#: What the checker's own matcher (:class:`_TokenPattern`, from an anchor word) matches of the one
#: pattern dialect: the folded view is lower case, so ORTH and TEXT read as LOWER.
READS = Reads(
    "the review checker's matcher",
    frozenset({"LOWER", "ORTH", "TEXT", "IS_ALPHA", "IS_PUNCT", "LIKE_NUM", "IS_SPACE"}),
    predicates=frozenset({"IN", "NOT_IN"}),
    unread_ops=frozenset({"!"}),
)

# Roles that may report on their own; the others need a review request beside them.
_TRIGGERS = frozenset({POSITIVE_RATING, PRAISE_REQUEST, NEGATIVE_DIVERSION, CHANGE_REQUEST, THIRD_PARTY, DIRECT})
_WORD_LIST = regex.compile(r"\$[a-z_]+")  # "$rating_noun" in a pattern; "$" alone is a dollar sign
_CONTEXT = frozenset({TIE, REVIEW_REQUEST, NOT_OFFER})
_QUOTES = frozenset({'"', "“", "”", "«", "»", "„"})
# Punctuation that ends a clause, besides the language's clause-break words.
_CLAUSE_MARKS = frozenset({",", ";", ":", "—", "–", "(", ")"})
# Signs read with the quantity words before a rating: "2,000+ five-star reviews".
_QUANTITY_SIGNS = frozenset({"+"})
_THIRD_PARTY_WINDOW = 12  # tokens after "ask your friends" in which the review must be asked for
_CLAUSE_WINDOW = 40  # tokens either side of a match that its clause may span; keeps hostile input linear
_SHORT_CONDITION = 12  # a condition sentence this short may govern the request in the next sentence


@dataclass(frozen=True, slots=True)
class _Match:
    """One lexicon match: its role, entry, token range and sentence."""

    role: str
    entry: LexiconEntry
    start: int
    end: int
    sent: int

    @property
    def tags(self) -> tuple[str, ...]:
        return self.entry.tags


@dataclass(frozen=True)
class _Lexicon:
    """One language's lexicon: entries, their roles, named word lists and the patterns by anchor word."""

    entries: tuple[LexiconEntry, ...]
    roles: tuple[str, ...]
    words: Mapping[str, frozenset[str]]
    by_anchor: Mapping[str, tuple[_TokenPattern, ...]]
    anchor_roles: Mapping[str, frozenset[str]]  # the roles of each anchor word's patterns
    disguises: _Disguises
    grammar: _Grammar

    def find(
        self, tokens: _Tokens, found: Iterable[tuple[str, int, int]], anchor_label: str
    ) -> list[tuple[int, int, int]]:
        """(entry, start, end) of every pattern matching from an anchor the PhraseMatcher found, or from
        a disguised word ("r3v13w", "y*ur") read as the lexicon word it stands for; none when the roles
        these anchors could match could not break a rule together (many messages: "thank you", "if")."""
        unmasked = [(anchor_label, i, i + 1) for i, word in tokens.disguised.items() if word in self.by_anchor]
        found = (*found, *unmasked)
        roles: set[str] = set()
        for label, start, _ in found:
            if label == anchor_label:
                roles |= self.anchor_roles.get(tokens.lowers[start], frozenset())
            else:
                roles.add(self.roles[int(label.rsplit(":", 1)[1])])
        if not _may_break_a_rule(roles):
            return []
        matches: set[tuple[int, int, int]] = set()
        for label, start, end in found:
            if label != anchor_label:
                matches.add((int(label.rsplit(":", 1)[1]), start, end))  # a phrase, or a configured extra term
                continue
            for pattern in self.by_anchor.get(tokens.lowers[start], ()):
                span = pattern.match_at(tokens, start)
                if span is not None:
                    matches.add((pattern.entry, *span))
        return sorted(matches, key=lambda m: (m[1], m[2], m[0]))


def _line_problem(entry: LexiconEntry) -> str | None:
    """What the checker cannot read in one line's tags, or None (see the lexicon's header)."""
    tags = entry.tags
    if not tags or tags[0] not in REFINEMENTS:
        found = ROLES.problem(tags[:1]) if tags else "the line has no tags"
        return f"a line's first tag is its role: {found}"
    role = tags[0]
    if role == VOCABULARY:
        if len(tags) != 2 or not _LIST_NAME.fullmatch(tags[1]):
            return (
                "a vocabulary line has two tags, 'vocabulary' and the list's name (a-z and '_': patterns say '$name')"
            )
        return "a vocabulary line lists its words as phrases, not as a token pattern" if entry.pattern else None
    problem = _refinement_problem(role, tags[1:])
    rule = ROLE_RULES.get(role)
    if problem is None and rule is not None and entry.rule != rule:
        problem = f"a {role} line reports under {rule}, not {entry.rule}"
    return problem


def _refinement_problem(role: str, refinements: Sequence[str]) -> str | None:
    for tag in refinements:
        if tag not in REFINEMENTS[role]:
            return f"{tag!r} does not refine the role {role!r}: " + (
                TagVocabulary(flags=REFINEMENTS[role]).problem([tag]) or ""
            )
    chosen = [tag for tag in EXCLUSIVE.get(role, ()) if tag in refinements]
    if len(chosen) > 1:
        return f"a {role} line is one of {', '.join(EXCLUSIVE[role])}; this one says {' and '.join(chosen)}"
    if role == OFFER and not chosen:
        return (
            "an offer line says 'incentive' (forbidden beside a review request) or 'resolution' (only when tied to it)"
        )
    return None


def _named_lists(entry: LexiconEntry) -> Iterator[str]:
    """The word lists a line names: "$name" among a vocabulary line's words or a pattern's values."""
    values: list[object] = []
    if entry.tags[:1] == (VOCABULARY,):
        values += entry.all_phrases
    for spec in entry.pattern or ():
        for value in spec.values():
            values += value.values() if isinstance(value, dict) else [value]
    for value in values:
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and item[:1] == "$" and _WORD_LIST.fullmatch(item):
                yield item[1:]


def _role(entry: LexiconEntry) -> str:
    return entry.tags[0] if entry.tags and entry.tags[0] != "config" else DIRECT


def _spellings(words: Iterable[str]) -> set[str]:
    """The words as the folded view spells them."""
    return {word.lower() for word in words}


def _word_lists(entries: Iterable[LexiconEntry]) -> dict[str, frozenset[str]]:
    """The lexicon's named word lists; a list may include another by naming it ("$glued_negative_rating")."""
    vocabulary = [(i, e) for i, e in enumerate(entries) if e.tags[:1] == (VOCABULARY,) and len(e.tags) > 1]
    raw = {e.tags[1]: e.all_phrases for _, e in vocabulary}
    line_of = {e.tags[1]: i for i, e in vocabulary}
    resolved: dict[str, frozenset[str]] = {}

    def resolve(name: str, seen: tuple[str, ...] = ()) -> frozenset[str]:
        if name in seen:
            cycle = " -> ".join((*seen[seen.index(name) :], name))
            raise LineProblem(line_of[name], f"word list {name!r} includes itself ({cycle}): expected a list of words")
        if name not in resolved:
            own = [word for word in raw[name] if not _WORD_LIST.fullmatch(word)]
            words = _spellings(own)
            for word in raw[name]:
                if _WORD_LIST.fullmatch(word):
                    if word[1:] not in raw:
                        raise LineProblem(line_of[name], f"{word!r} names no word list of the lexicon")
                    words |= resolve(word[1:], (*seen, name))  # already with its own spellings
            resolved[name] = frozenset(words)
        return resolved[name]

    for name in raw:
        resolve(name)
    return resolved


# --- token patterns, matched from an anchor word --------------------------------------------------
#
# spaCy's Matcher evaluates every IN list in Python for every token of every message, which costs
# milliseconds for this lexicon. So only each pattern's most selective word set (its anchor) goes to
# the shared PhraseMatcher; the rest of the pattern is matched here, outward from each anchor found.

# An open-ended repetition ('+', '*', '{2,}') stops here: no phrase repeats a word more, and a cap
# keeps matching linear on hostile input (thousands of star emoji in a row).
_UNBOUNDED = 12
_QUANTIFIER = regex.compile(r"\{(\d*)(,?)(\d*)\}")
# How often a word occurs in order talk: a pattern anchors on its required word set of the lowest tier
# (the language's commonest words and punctuation, then its frequent words, then the rest).
_PUNCTUATION = frozenset({",", ".", "-", ":", ";", "!", "?", "(", ")", "'", '"', "&", "/", "=", "->", "%", "$", "*"})


def _frequency_tier(words: frozenset[str], tiers: tuple[frozenset[str], frozenset[str]]) -> int:
    commonest, frequent = tiers
    return 2 if words & commonest else 1 if words & frequent else 0


def _quantity(op: str | None) -> tuple[int, int]:
    """spaCy's OP as (fewest, most) repetitions."""
    if op is None:
        return 1, 1
    simple = {"?": (0, 1), "*": (0, _UNBOUNDED), "+": (1, _UNBOUNDED)}
    if op in simple:
        return simple[op]
    found = _QUANTIFIER.fullmatch(op) if isinstance(op, str) else None
    if found is None:
        raise ValueError(f"unsupported OP {op!r} (expected '?', '*', '+', '{{n}}', '{{n,m}}', '{{n,}}' or '{{,m}}')")
    low, comma, high = found.groups()
    fewest = int(low) if low else 0
    most = (int(high) if high else _UNBOUNDED) if comma else fewest
    if most < fewest or most == 0:
        raise ValueError(f"OP {op!r} repeats a token between {fewest} and {most} times")
    return fewest, most


@dataclass(frozen=True, slots=True)
class _Step:
    """One token of a pattern (spaCy Matcher syntax): the tokens it accepts, and how many in a row."""

    words: frozenset[str] | None = None
    not_words: frozenset[str] = frozenset()
    flags: tuple[tuple[str, bool], ...] = ()  # ("is_alpha", True), ("is_punct", False), ("like_num", True)
    fewest: int = 1
    most: int = 1

    def accepts(self, tokens: _Tokens, i: int) -> bool:
        word = tokens.lowers[i]
        if (self.words is not None and word not in self.words) or word in self.not_words:
            return False
        if not self.flags:
            return True
        token = tokens.doc[i]
        return all(
            (tokens.is_alpha(i) if flag == "is_alpha" else getattr(token, flag)) is value for flag, value in self.flags
        )

    @classmethod
    def compile(cls, spec: Mapping[str, Any]) -> _Step:
        def resolve(values: str | Sequence[str]) -> frozenset[str]:
            # "$name" macros were expanded when the lexicon was loaded (msglint.engine.patterns.expand)
            return frozenset(_spellings([values] if isinstance(values, str) else values))

        accepted: frozenset[str] | None = None
        rejected: frozenset[str] = frozenset()
        flags = []
        for attr, value in spec.items():
            if attr in ("LOWER", "ORTH", "TEXT"):  # the folded view is lower case: ORTH is LOWER
                if isinstance(value, str):
                    accepted = resolve(value)
                elif not isinstance(value, dict) or not value or set(value) - {"IN", "NOT_IN"}:
                    raise ValueError(
                        f"unsupported {attr} predicate {value!r} (expected a word, or IN and NOT_IN lists)"
                    )
                else:
                    accepted = resolve(value["IN"]) if "IN" in value else accepted
                    rejected = resolve(value.get("NOT_IN", ()))
            elif attr in ("IS_ALPHA", "IS_PUNCT", "LIKE_NUM", "IS_SPACE"):
                if not isinstance(value, bool):
                    raise ValueError(f"{attr} is true or false, not {value!r}")
                flags.append((attr.lower(), value))
            elif attr != "OP":
                raise ValueError(
                    f"unsupported token attribute {attr!r} "
                    "(expected LOWER, ORTH, TEXT, IS_ALPHA, IS_PUNCT, LIKE_NUM, IS_SPACE or OP)"
                )
        fewest, most = _quantity(spec.get("OP"))
        return cls(accepted, rejected, tuple(flags), fewest, most)


@dataclass(frozen=True, slots=True)
class _TokenPattern:
    """A lexicon pattern, anchored on its required word set that is rarest in order talk.

    ``before``/``after``: every word that may stand right before/after the anchor in a match (None when
    anything may), so that most attempts are rejected by one set lookup. ``forward``: the steps after the
    anchor word (a repeated anchor's own repeats first); ``backward``: the steps before it, nearest first.
    """

    entry: int
    steps: tuple[_Step, ...]
    anchor: int
    before: frozenset[str] | None
    after: frozenset[str] | None
    forward: tuple[_Step, ...]
    backward: tuple[_Step, ...]
    # The first required word either side past optional steps ("leave (us) (a) (good) review"): how many
    # words away it may stand at most, and its words; None when it stands next to the anchor (``before``,
    # ``after``) or may be any word.
    required_before: tuple[int, frozenset[str]] | None
    required_after: tuple[int, frozenset[str]] | None

    @classmethod
    def compile(
        cls,
        entry: int,
        pattern: Sequence[Mapping[str, Any]],
        words: Mapping[str, frozenset[str]],
        tiers: tuple[frozenset[str], frozenset[str]],
    ) -> _TokenPattern:
        steps = tuple(_Step.compile(spec) for spec in expand(pattern, words))
        anchors = [k for k, s in enumerate(steps) if s.fewest >= 1 and s.words is not None and not s.flags]
        if not anchors:
            raise ValueError("the pattern has no required word to anchor on (expected a token of words, not optional)")
        anchor = min(
            anchors, key=lambda k: (_frequency_tier(steps[k].words or frozenset(), tiers), len(steps[k].words or ()))
        )
        step = steps[anchor]
        after = steps[anchor + 1 :]
        forward = after
        if step.most > 1:
            after = (replace(step, fewest=0), *after)
            forward = (replace(step, fewest=step.fewest - 1, most=step.most - 1), *forward)
        backward = steps[:anchor][::-1]
        return cls(
            entry,
            steps,
            anchor,
            _neighbours(backward),
            _neighbours(after),
            forward,
            backward,
            _required_word(backward),
            _required_word(forward),
        )

    @property
    def anchor_words(self) -> frozenset[str]:
        return self.steps[self.anchor].words or frozenset()

    def match_at(self, tokens: _Tokens, i: int) -> tuple[int, int] | None:
        """The longest match whose anchor step starts at token ``i``, as (start, end) token indices."""
        if not self._may_match_at(tokens, i):
            return None
        ends = _advance(self.forward, i + 1, tokens, forward=True)
        starts = _advance(self.backward, i, tokens, forward=False) if ends else set()
        return (min(starts), max(ends)) if starts else None

    def _may_match_at(self, tokens: _Tokens, i: int) -> bool:
        """Cheap tests first: the anchor word itself, the words next to it, and the first required word
        either side within reach."""
        not_words = self.steps[self.anchor].not_words  # token i is one of its words: the PhraseMatcher found it
        if not_words and tokens.lowers[i] in not_words:
            return False
        if self.before is not None:
            j = tokens.previous_word(i)
            if j is None or tokens.lowers[j] not in self.before:
                return False
        if self.after is not None:
            j = tokens.next_word(i + 1)
            if j is None or tokens.lowers[j] not in self.after:
                return False
        if self.required_after is not None and not _within_reach(tokens, i + 1, *self.required_after, forward=True):
            return False
        return self.required_before is None or _within_reach(tokens, i, *self.required_before, forward=False)


def _neighbours(steps: Sequence[_Step]) -> frozenset[str] | None:
    """Words that may come first in ``steps`` (None: anything, or nothing, may)."""
    words: set[str] = set()
    for step in steps:
        if step.words is None or step.flags:
            return None
        words |= step.words - step.not_words
        if step.fewest >= 1:
            return frozenset(words)
    return None


def _required_word(steps: Sequence[_Step]) -> tuple[int, frozenset[str]] | None:
    """How many words away the first required step of ``steps`` may match at most, and the words it takes;
    None when that is the next word or any word may do."""
    reach = 0
    for step in steps:
        if step.fewest >= 1:
            return (reach + 1, step.words - step.not_words) if step.words is not None and reach else None
        reach += step.most
    return None


def _within_reach(tokens: _Tokens, position: int, reach: int, words: frozenset[str], *, forward: bool) -> bool:
    """Whether one of ``words`` is among the ``reach`` words after (or before) ``position``: a cheap test
    before :func:`_advance` tries every way the optional steps in between can go."""
    move = tokens.next_word if forward else tokens.previous_word
    for _ in range(reach):
        i = move(position)
        if i is None:
            return False
        if tokens.lowers[i] in words:
            return True
        position = i + 1 if forward else i
    return False


def _advance(steps: Sequence[_Step], position: int, tokens: _Tokens, *, forward: bool) -> set[int]:
    """Where a match can reach from ``position`` after ``steps``: exclusive ends going forward, starts
    going backward.

    Whitespace tokens (a double space, a line break) are skipped between words. (The loops of
    :meth:`_Tokens.next_word` and :meth:`_Step.accepts` are written out: this runs for every anchor found.)
    """
    lowers, size = tokens.lowers, tokens.size
    direction = 1 if forward else -1
    positions = {position}
    for step in steps:
        words, not_words, flags = step.words, step.not_words, step.flags
        reached: set[int] = set()
        for start in positions:
            if step.fewest == 0:
                reached.add(start)
            count, here = 0, start
            while count < step.most:
                i = here if forward else here - 1
                while 0 <= i < size:
                    word = lowers[i]
                    if word.strip():
                        break
                    i += direction
                else:
                    break  # no word left that way
                if (words is not None and word not in words) or word in not_words:
                    break
                if flags and not step.accepts(tokens, i):
                    break
                count += 1
                here = i + 1 if forward else i
                if count >= step.fewest:
                    reached.add(here)
        if not reached:
            return reached
        positions = reached
    return positions


class _Words(dict[int, str]):
    """Token index -> lower-case word, read from the Doc on first use: most messages need a handful.

    Disguised words come pre-filled with the word they stand for.
    """

    __slots__ = ("doc",)

    def __init__(self, doc: Doc, disguised: Mapping[int, str]) -> None:
        super().__init__(disguised)
        self.doc = doc

    def __missing__(self, i: int) -> str:
        word = self[i] = self.doc[i].lower_
        return word


class _Tokens:
    """One message's Doc as the patterns read it: lower-case words, whitespace skipped between them."""

    __slots__ = ("alpha", "disguised", "doc", "lowers", "size")

    def __init__(self, doc: Doc, disguised: Mapping[int, str], alpha: frozenset[int] = frozenset()) -> None:
        self.doc = doc
        self.disguised = disguised
        self.alpha = alpha
        self.lowers = _Words(doc, disguised)
        self.size = len(doc)

    def is_alpha(self, i: int) -> bool:
        """A word: letters, or a disguised word ("k377l3") a reader sees as one."""
        return i in self.alpha or self.doc[i].is_alpha

    def next_word(self, i: int) -> int | None:
        """``i`` or the first token after it that is not whitespace."""
        while i < self.size and not self.lowers[i].strip():
            i += 1
        return i if i < self.size else None

    def previous_word(self, i: int) -> int | None:
        """The last token before ``i`` that is not whitespace."""
        i -= 1
        while i >= 0 and not self.lowers[i].strip():
            i -= 1
        return i if i >= 0 else None


# --- disguised words --------------------------------------------------------------------------
#
# The folded view undoes the leetspeak it can be sure of; a word still disguised after it ("p05171v3" has
# too many digits to fold blindly, "y*ur" masks a letter, "s@t!$f!ed" leaves a '!' before a symbol) is
# read here as the lexicon word it can only stand for: both are reduced to a skeleton in which each
# letter is replaced by the digit or symbol that stands for it, and '*' stands for any one letter.
# Only a word of this lexicon is ever read, and only when exactly one fits.

# Where a word is disguised: a letter before a digit, a symbol between letters, a masked letter. The
# word is the token around it ("24h" and "10am" do not match: a measure starts with its digits).
# (The symbol first, then a look back: about six times faster than starting at the letter; one branch, so
# the search skips to the next symbol without trying every character.)
_DISGUISE_SIGNAL = re.compile(r"[0-9*!|@$.](?:(?<=[a-z].)(?=[a-z0-9*])|(?<=\*)(?=[a-z]))")
_SKELETON = str.maketrans(disguises.table().skeleton() | {".": None})  # '.' from "f33d.b.a.c.k" is dropped
_LEXICON_WORD = re.compile(r"[a-z0-9][a-z0-9'’-]*[a-z]")  # "5star" too: "5s.t.a.r" is one
_MASK = "*"
_MAX_MASKS = 2  # more masked letters than this and a word can be read as too many others
_APOSTROPHES = "'’"
# Emoji that stand for a word of this lexicon ("a free 🎁", "a 🆓 bottle").
_EMOJI_WORDS = disguises.table().emoji
_EMOJI = re.compile("|".join(_EMOJI_WORDS))
# Letters spaced out in the plain view: two in a row, one or more spaces apart.
_SPACED_OUT = re.compile(r"(?<![^\W\d_])[^\W\d_] +[^\W\d_](?![^\W\d_])")
_MAX_JOINED = 16  # pieces of one spaced-out word: "p o s i t i v e r e v i e w" is fourteen
# Words run together without their spaces ("deleteyourreview"): runs this long only, as few ordinary
# words are, and cut into words of this lexicon no longer than the longest it has.
# A run begins with a letter; it may hold a count and a contraction ("deleteyour1", "ifyou'rehappy").
_LONG_RUN = re.compile(r"(?<![a-z0-9'’])[a-z][a-z0-9'’]{8,}(?![a-z0-9'’])")
_LONGEST_PIECE = 16
_MIN_PAIR = 10  # two words run together, "starreview"; "goodwill" and "backorder" are words of their own
_LONGEST_RUN = 64  # no phrase of the lexicon is longer; a longer run is not cut (and cutting stays linear)
_MIN_DISGUISED = 3  # "m3" is a screw size, "b4" is "before" only to some: shorter words are left alone


def _fits_masks(masked: str, skeleton: str) -> bool:
    """Whether ``skeleton`` is ``masked`` with a letter for each mask (both as long)."""
    return all(c in (_MASK, s) for c, s in zip(masked, skeleton, strict=True))


def _thirds(size: int) -> tuple[tuple[int, int], ...]:
    """Three non-empty stretches that cover ``size`` (at least 3) characters."""
    return (0, size // 3), (size // 3, 2 * size // 3), (2 * size // 3, size)


def _run_together(words: list[str]) -> bool:
    """Whether a cut reads as words run together, not one ordinary word in pieces: "post code",
    "after no on" and "they 're" are words of their own; "star review" and "delete your review" are not."""
    if sum(not word[0].isalpha() for word in words) > len(words) - 2:
        return False  # a word and its contraction: the tokenizer splits them anyway
    if len(words) == 2:
        return min(map(len, words)) >= _MIN_DISGUISED + 1 and sum(map(len, words)) >= _MIN_PAIR
    return 2 * sum(len(word) <= 2 for word in words) <= len(words) and max(map(len, words)) > _MIN_DISGUISED


class _Disguises:
    """Reads disguised words of one message as the lexicon words they stand for."""

    def __init__(
        self, vocabulary: Iterable[frozenset[str]], lang: Language, glued: frozenset[str] = frozenset()
    ) -> None:
        settings = lang.settings
        # "d*n't": the negation is what the patterns read.
        clitic = re.escape(settings.negation_clitic).replace("'", f"[{_APOSTROPHES}]")
        self._negated = re.compile(f"(.+?){clitic}")
        self._negation = settings.negation
        # "5-⭐": the tokenizer keeps the hyphen on the count; the count is what the patterns read.
        counts = alternation(lang.words.star_counts)
        self._count_before_emoji = re.compile(rf"(?<![a-z0-9.])([0-9]|{counts})-(?=[^\x00-\x7f])")
        one_letter = frozenset(lang.words.glued_one_letter_words)
        # Words in exactly the same lists and pattern steps are one word to the checker ("mum", "mom").
        where: dict[str, list[int]] = defaultdict(list)
        for index, words in enumerate(vocabulary):
            for word in words:
                where[word].append(index)
        self._same = {word: tuple(lists) for word, lists in where.items()}
        exact: dict[str, set[str]] = defaultdict(set)
        self._readable = [w for w in where if len(w) >= _MIN_DISGUISED and _LEXICON_WORD.fullmatch(w)]
        for word in self._readable:
            exact[word.translate(_SKELETON)].add(word)
        self._words = frozenset(word for word in where if len(word) >= _MIN_DISGUISED and word.isalnum())
        self._longest = max(map(len, (*self._words, *self._readable)), default=0)
        self._vocabulary = frozenset(where)
        # Cut into the words a seller writes: "you'reastar" is "a star", never the "astar" a folded "4star" is.
        self._pieces = frozenset(
            word
            for word in where
            if word.replace("'", "").replace("’", "").isalnum()
            and word not in glued
            and (len(word) > 1 or word in one_letter)
        )
        self._piece_starts = frozenset(p[:k] for p in self._pieces for k in range(1, min(len(p), _LONGEST_PIECE)))
        self._piece_ends = frozenset(p[-k:] for p in self._pieces for k in range(1, min(len(p), _LONGEST_PIECE)))
        self._exact = self._unambiguous(exact)
        by_third: dict[tuple[int, int, str], list[tuple[str, str]]] = defaultdict(list)
        for word in self._readable:
            skeleton = word.translate(_SKELETON)
            for third, (start, end) in enumerate(_thirds(len(skeleton))):
                by_third[len(skeleton), third, skeleton[start:end]].append((word, skeleton))
        self._by_third = {key: tuple(found) for key, found in by_third.items()}

    def _unambiguous(self, readings: Mapping[str, set[str]]) -> dict[str, str]:
        """Skeleton -> word, where every word it can be read as means the same to the checker."""
        return {skeleton: word for skeleton, words in readings.items() if (word := self._one_meaning(words))}

    def _one_meaning(self, words: set[str]) -> str | None:
        """The first of ``words`` when they all mean the same to the checker, else None."""
        return min(words) if words and len({self._same[word] for word in words}) == 1 else None

    def _masked(self, skeleton: str) -> str | None:
        """The one word a skeleton with one or two letters masked can be. Two masks leave one of its
        thirds whole, and the words of that third are few to compare (a table of every masking cost
        0.04-0.15 s to build)."""
        size = len(skeleton)
        thirds = _thirds(size)
        third = next(k for k, (start, end) in enumerate(thirds) if _MASK not in skeleton[start:end])
        start, end = thirds[third]
        candidates = self._by_third.get((size, third, skeleton[start:end]), ())
        fitting = {word for word, spelled in candidates if _fits_masks(skeleton, spelled)}
        return self._one_meaning(fitting)

    def word(self, disguised: str) -> str | None:
        """The one lexicon word ``disguised`` can stand for, or None."""
        skeleton = disguised.translate(_SKELETON)
        masks = skeleton.count(_MASK)
        if masks > _MAX_MASKS or len(skeleton) < _MIN_DISGUISED:
            return None
        return self._masked(skeleton) if masks else self._exact.get(skeleton)

    def glued(self, document: Document) -> list[tuple[int, int, list[str]]]:
        """Long runs of letters that are words of the lexicon written without their spaces, cut into
        those words: (start, end, words) in the folded view."""
        found = []
        for run in _LONG_RUN.finditer(document.folded.text):
            letters = run.group()
            if len(letters) > _LONGEST_RUN or letters in self._vocabulary or not self._may_cut(letters):
                continue
            words = self.cut(letters)
            if words is not None and _run_together(words):
                found.append((*run.span(), words))
        return found

    def _may_cut(self, letters: str) -> bool:
        """A cheap test before cutting: the run begins and ends with a word of the lexicon. Each end is
        read letter by letter only while a word of the lexicon can still begin (or end) so."""
        longest = min(len(letters), _LONGEST_PIECE)
        pieces = self._pieces
        for k in range(1, longest):
            if letters[:k] in pieces:
                break
            if letters[:k] not in self._piece_starts:
                return False
        else:
            return False
        for k in range(1, longest):
            if letters[-k:] in pieces:
                return True
            if letters[-k:] not in self._piece_ends:
                return False
        return False

    def cut(self, letters: str) -> list[str] | None:
        """``letters`` cut into the fewest words of the lexicon, or None (of two cuts as short, the one with
        the longer first word)."""
        pieces, starts = self._pieces, self._piece_starts
        size = len(letters)
        best: dict[int, list[str] | None] = {size: []}
        for i in range(size - 1, -1, -1):
            found: list[str] | None = None
            for j in range(i + 1, min(size, i + _LONGEST_PIECE) + 1):
                piece = letters[i:j]
                if piece in pieces and (rest := best[j]) is not None and (found is None or len(rest) < len(found)):
                    found = [piece, *rest]
                if piece not in starts:
                    break  # no word of the lexicon goes on from here
            best[i] = found
        return best[0]

    def read(self, document: Document) -> tuple[dict[int, str], frozenset[int]]:
        """Token index -> the word it stands for; and every token that is a disguised word."""
        text = document.folded.text
        words: dict[int, str] = {}
        disguised: set[int] = set()
        for found in _DISGUISE_SIGNAL.finditer(text):
            span = document.doc.char_span(found.start(), found.start() + 1, alignment_mode="expand")
            if span is None or not len(span) or span.start in disguised:
                continue  # (a space the tokenizer put into a run of 64 characters)
            chunk = span[0].lower_
            if chunk[:1].isdigit() and "." not in chunk:
                continue  # "1z999aa1012", "4x4": codes and measures; "5s.t.a.r" is dotted out
            negated = self._negated.fullmatch(chunk)
            word = self._negation if negated else self.word(chunk.split("'")[0].split("’")[0])
            disguised.add(span.start)
            if word is not None:
                words[span.start] = word
        if not text.isascii():
            stand_ins = [(m, _EMOJI_WORDS[m.group()]) for m in _EMOJI.finditer(text)]
            stand_ins += [(m, m.group(1)) for m in self._count_before_emoji.finditer(text)]
            for found, word in stand_ins:
                span = document.doc.char_span(*found.span())
                if span is not None and len(span) == 1:
                    words[span.start] = word
                    disguised.add(span.start)
        # Joining letters shortens the folded view: only then can a spaced-out word be left in pieces.
        if len(text) < len(document.plain.text) and _SPACED_OUT.search(document.plain.text):
            self._join_spaced(document, words)
        return words, frozenset(disguised)

    def _join_spaced(self, document: Document, words: dict[int, str]) -> None:
        """Join pieces of a spaced-out word the folding could not ("a m e n d" folds to "a mend", letters
        three spaces apart stay apart): the first piece reads as the lexicon word, the rest as glue ("").
        The longest words are read first: "t h e n e g a t i v e" is "the negative", not "then ...".
        """
        doc = document.doc
        # A number stays a number: "5 s t a r s" is "5 stars".
        pieces = [
            words.get(t.i, t.lower_) if t.i in words or (t.lower_.isalnum() and not t.lower_.isdigit()) else ""
            for t in doc
        ]
        size = len(pieces)
        # How many pieces in a row from each token are not empty (a join never crosses an empty one).
        ahead = [0] * (size + 1)
        for i in range(size - 1, -1, -1):
            ahead[i] = ahead[i + 1] + 1 if pieces[i] else 0
        longest = self._longest
        joins: list[tuple[int, int, str]] = []
        for i in range(size - 1):
            most = min(_MAX_JOINED, ahead[i])
            if most < 2:
                continue
            ends = list(itertools.accumulate(len(piece) for piece in pieces[i : i + most]))
            whole = "".join(pieces[i : i + most])
            for n in range(most, 1, -1):
                if ends[n - 1] > longest:
                    continue  # longer than any word it could be read as
                joined = whole[: ends[n - 1]]
                word = joined if joined in self._words else None if joined.isalpha() else self.word(joined)
                if word is not None and self._spaced(document, doc[i : i + n]):
                    joins.append((i, n, word))
                    break
        taken: set[int] = set()
        for i, n, word in sorted(joins, key=lambda j: (-len(j[2]), j[0])):
            if taken.isdisjoint(range(i, i + n)):
                taken.update(range(i, i + n))
                words[i] = word
                words.update(dict.fromkeys(range(i + 1, i + n), ""))

    def _spaced(self, document: Document, tokens: SpacySpan) -> bool:
        """Whether these tokens are letters spaced out by the seller, not words that happen to join up."""
        if all(t.lower_ in self._vocabulary for t in tokens):
            return False  # "for get", "a star": words already
        if any(len(t) == 1 for t in tokens):
            return True
        for token in tokens:
            start, end = document.to_original("folded", token.idx, token.idx + len(token))
            if len(token) > 1 and end - start > len(token) and " " in document.text[start:end]:
                return True
        return False


@dataclass(frozen=True, slots=True)
class _Grammar:
    """The words of a message's language the checker reads outside its patterns (msglint/lang/<lang>.toml),
    bound once per language."""

    clause_breaks: frozenset[str]  # with the punctuation that ends a clause
    determiners: frozenset[str]
    adverbs: frozenset[str]
    quantity: frozenset[str]  # with '+'
    negations: frozenset[str]
    question_leads: frozenset[str]
    condition_tail: frozenset[str]  # the determiners and the rest a condition does not end on
    them: frozenset[str]
    generic_people: frozenset[str]
    addressee: frozenset[str]
    addressee_forms: frozenset[str]
    thanked_for: frozenset[str]
    weak_contact: frozenset[str]
    star_words: frozenset[str]
    title_case_names: bool  # "Five Star notebook": capitals make a name (not in German)
    carry_ons: tuple[tuple[str, ...], ...]  # "then", "if so"
    tiers: tuple[frozenset[str], frozenset[str]]  # commonest (with punctuation) and frequent words

    @classmethod
    def of(cls, lang: Language) -> _Grammar:
        words = lang.words
        determiners = frozenset(words.determiners)
        return cls(
            clause_breaks=_CLAUSE_MARKS | frozenset(words.clause_breaks),
            determiners=determiners,
            adverbs=frozenset(words.degree_adverbs),
            quantity=frozenset(words.quantity_words) | _QUANTITY_SIGNS,
            negations=frozenset(words.negations),
            question_leads=frozenset(words.question_leads),
            condition_tail=determiners | frozenset(words.condition_tail_words),
            them=frozenset(words.plural_pronouns),
            generic_people=frozenset(words.generic_people),
            addressee=frozenset(words.addressee),
            addressee_forms=frozenset(words.addressee_forms),
            thanked_for=frozenset(words.thanked_for),
            weak_contact=frozenset(words.weak_contact_words),
            star_words=frozenset(words.star_words),
            title_case_names=lang.settings.title_case_names,
            carry_ons=tuple(tuple(phrase.split(" ")) for phrase in words.condition_carry_ons),
            tiers=(frozenset(words.commonest_words) | _PUNCTUATION, frozenset(words.frequent_words)),
        )

    @property
    def context(self) -> tuple[frozenset[str], ...]:
        """Context words the checker reads outside any pattern: a disguised one is read too."""
        return (
            self.clause_breaks,
            self.determiners,
            self.adverbs,
            self.quantity,
            self.negations,
            self.question_leads,
            self.them,
        )


def _longest(matches: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Overlapping (entry, start, end) matches of one role reduced to the longest, earliest ones, in text order."""
    kept: list[tuple[int, int, int]] = []
    taken: set[int] = set()
    for match in sorted(matches, key=lambda m: (m[1] - m[2], m[1])):
        if taken.isdisjoint(range(match[1], match[2])):
            kept.append(match)
            taken.update(range(match[1], match[2]))
    return sorted(kept, key=lambda m: m[1])


class ReviewManipulationChecker(Checker):
    """Flags review requests that are positive, paid for, gated, third-party or ask for a change."""

    id = "review-manipulation"
    languages = LexiconLanguages("review_manipulation")  # msglint/lexicons/<lang>/ with these files
    reads_only_words = True
    rules = RulesFile("review_manipulation")  # type: ignore[assignment]
    lexicon = "review_manipulation"

    def __init__(self, context: CheckerContext | None = None) -> None:
        super().__init__(context)
        self._frames = FrameReader(self.id, [rule.code for rule in self.rules])
        self._lexicons: dict[str, _Lexicon] = {}
        self._pipelines: dict[str, Pipeline] = {}

    def lexicon_problems(self, name: str, entries: Sequence[LexiconEntry]) -> Iterator[tuple[int | None, str]]:
        """The base's problems; every line's role, refinements and rule; the word lists it names."""
        yield from super().lexicon_problems(name, entries)
        lists = [e.tags[1] for e in entries if e.tags[:1] == (VOCABULARY,) and len(e.tags) > 1]
        seen: set[str] = set()
        for index, entry in enumerate(entries):
            problem = _line_problem(entry)
            if problem is None and entry.tags[:1] == (VOCABULARY,):
                name_of = entry.tags[1]
                problem = f"the word list {name_of!r} is named twice" if name_of in seen else None
                seen.add(name_of)
            if problem is None and entry.pattern is not None:
                problem = pattern_problem(entry.pattern, READS, dict.fromkeys(lists))
            unknown = [f"${n}" for n in _named_lists(entry) if n not in lists]
            if problem is None and unknown:
                problem = (
                    f"{', '.join(unknown)} names no word list of the lexicon (expected a 'vocabulary' line's name)"
                )
            if problem is not None:
                yield index, problem
        for required in READ_LISTS:
            if required not in seen:
                yield None, f"no vocabulary line names the word list {required!r}, which the checker reads"

    def prepare(self, pipeline: Pipeline) -> None:
        self._frames.prepare(pipeline.lang)
        entries = self.lexicon_entries(pipeline.lang, self.lexicon)
        located = load_lexicon(pipeline.lang, self.lexicon, self.lexicon_package)
        lang = language(pipeline.lang)
        grammar = _Grammar.of(lang)
        try:
            words = _word_lists(entries)
        except LineProblem as problem:
            raise located.error(problem.index, problem.problem) from None
        roles = tuple(_role(e) for e in entries)
        by_anchor: dict[str, list[_TokenPattern]] = defaultdict(list)
        vocabulary: list[frozenset[str]] = [*words.values(), *grammar.context]
        for index, (entry, role) in enumerate(zip(entries, roles, strict=True)):
            if role == VOCABULARY:
                continue
            if entry.pattern is None:
                pipeline.add_phrases(f"{self.id}:{index}", entry.all_phrases)
                continue
            try:
                pattern = _TokenPattern.compile(index, entry.pattern, words, grammar.tiers)
            except ValueError as exc:  # what the pattern dialect cannot read: an attribute, an OP
                raise located.error(index, str(exc)) from None
            for word in pattern.anchor_words:
                by_anchor[word].append(pattern)
            vocabulary += [w for step in pattern.steps for w in (step.words, step.not_words) if w]
        # A word the tokenizer splits can never be one token of a message: it cannot anchor.
        anchors = {w: tuple(p) for w, p in by_anchor.items() if len(pipeline.make_doc(w)) == 1}
        pipeline.add_phrases(self._anchor_label, sorted(anchors))
        role_sets: dict[frozenset[str], frozenset[str]] = {}
        anchor_roles = {
            word: role_sets.setdefault(found, found)  # a few sets shared by every anchor word
            for word, patterns in anchors.items()
            for found in [frozenset(roles[pattern.entry] for pattern in patterns)]
        }
        glued = frozenset().union(*(w for name, w in words.items() if name.startswith("glued_")))
        disguises = _Disguises(vocabulary, lang, glued)
        self._lexicons[pipeline.lang] = _Lexicon(
            tuple(entries), roles, words, anchors, anchor_roles, disguises, grammar
        )
        self._pipelines[pipeline.lang] = pipeline

    @property
    def _anchor_label(self) -> str:
        return f"{self.id}:anchor"

    def check(self, document: Document) -> Iterable[Hit]:
        return self._frames.apply(document, self._lexicon_hits(document))

    def _lexicon_hits(self, document: Document) -> Iterable[Hit]:
        lexicon = self._lexicons[document.lang]
        glued = lexicon.disguises.glued(document)
        if glued:
            # "deleteyourreview": the message is read again with the words of the lexicon spaced apart.
            spaced = Document(
                document.message,
                self._pipelines[document.lang],
                views=(document.plain, _spaced_apart(document.folded, glued)),
                template=document.template,
                source=document.source,
            )
            return [
                replace(hit, start=start, end=end, view="original")
                for hit in self._check(spaced, lexicon)
                for start, end in [spaced.to_original(hit.view, hit.start, hit.end)]
            ]
        return self._check(document, lexicon)

    def _check(self, document: Document, lexicon: _Lexicon) -> list[Hit]:
        found = document.matches(self.id)
        disguised, alpha = lexicon.disguises.read(document)
        if not found and not disguised:
            return []
        tokens = _Tokens(document.doc, disguised, alpha)
        matches = lexicon.find(tokens, found, self._anchor_label)
        if not _may_break_a_rule({lexicon.roles[entry] for entry, _, _ in matches}):
            return []
        return list(_Message(document, lexicon, tokens, matches).hits())


def _spaced_apart(folded: FoldedText, glued: Sequence[tuple[int, int, list[str]]]) -> FoldedText:
    """The folded view with each glued run's words spaced apart; a space maps to the letter before it."""
    text = folded.text
    out: list[str] = []
    edits: list[tuple[int, int, int, int]] = []
    position = 0
    for start, end, words in glued:
        out.append(text[position:start])
        at = start
        for word in words[:-1]:
            at += len(word)
            target = at - 1 + len(edits)
            edits.append((target, target + 2, at - 1, at))
        out.append(" ".join(words))
        position = end
    out.append(text[position:])
    return folded.then("".join(out), OffsetMap(edits))


def _may_break_a_rule(roles: set[str]) -> bool:
    """Cheap test before sentence splitting: offers and conditions need a review request beside them."""
    if roles & _TRIGGERS:
        return True
    asks = roles & {REVIEW_REQUEST, PRAISE_REQUEST, POSITIVE_RATING}
    if SATISFIED_CONDITION in roles and asks:
        return True
    return bool(roles & {OFFER, CONTACT_FIRST} and (asks or roles & {TIE, CHANGE_REQUEST}))


class _Message:
    """One message's matches grouped by role and sentence, and the rules that combine them."""

    def __init__(
        self, document: Document, lexicon: _Lexicon, tokens: _Tokens, found: list[tuple[int, int, int]]
    ) -> None:
        self.doc: Doc = document.doc
        self.tokens = tokens
        self.lowers = tokens.lowers
        self.document = document
        self.words = lexicon.words
        self.grammar = lexicon.grammar
        self.sents: list[SpacySpan] = document.sents
        starts = self._sent_starts = [s.start for s in self.sents]
        grouped: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
        for index, start, end in found:
            role = lexicon.roles[index]
            if "head-noun" in lexicon.entries[index].tags and self._next_word(end) in self.words["offer_compound"]:
                continue  # "send a gift card": the gift card is the offer
            grouped[role].append((index, start, end))
        # Findings come from the longest match; context (ties, requests) keeps every match. (A _Match is made
        # for the kept ones only: a run of 10,000 stars matches 10,000 times and keeps a tenth.)
        self.by_role = {
            role: [
                _Match(role, lexicon.entries[index], start, end, bisect_right(starts, start) - 1)
                for index, start, end in (matches if role in _CONTEXT else _longest(matches))
            ]
            for role, matches in grouped.items()
        }
        text = document.folded.text
        has_quotes = any(quote in text for quote in _QUOTES)
        self._quotes = [t.i for t in self.doc if t.text in _QUOTES] if has_quotes else []
        requests = [m for m in self.by_role.get(REVIEW_REQUEST, ()) if not self._compound(m)]
        praise = [m for m in self.by_role.get(PRAISE_REQUEST, ()) if not self._quoted(m)]
        ratings = [m for m in self.by_role.get(POSITIVE_RATING, ()) if self._names_a_rating(m)]
        # Anything that asks for (or rewards) a review, by sentence: the context of REV002, REV003, REV005.
        self.asks = sorted([*requests, *praise, *ratings], key=lambda m: m.start)
        self.changes = [m for m in self.by_role.get(CHANGE_REQUEST, ()) if self._asks_buyer_to_change(m)]
        review_ties = [m for m in self.by_role.get(TIE, ()) if "names-review" in m.tags and self._real_tie(m)]
        self.review_sents = {m.sent for m in (*self.asks, *self.changes, *review_ties)}

    # --- the rules --------------------------------------------------------------------------

    def hits(self) -> Iterator[Hit]:
        for match in self.by_role.get(DIRECT, ()):
            yield self._hit(match, match.entry.rule)
        yield from self._positive_review_requests()
        yield from self._incentives()
        yield from self._gating()
        for match in self.changes:
            yield self._hit(match, REVIEW_CHANGE_REQUEST)
        yield from self._third_party()

    def _positive_review_requests(self) -> Iterator[Hit]:
        """REV001: a favourable or specific rating, or praise, in a sentence that asks for it."""
        for match in (*self.by_role.get(POSITIVE_RATING, ()), *self.by_role.get(PRAISE_REQUEST, ())):
            if match.role == POSITIVE_RATING and not self._names_a_rating(match):
                continue
            if self._quoted(match) or self._thanks_for(match) or self._statement(match):
                continue
            if self._is_request(match) or (match.role == PRAISE_REQUEST and self._opens_clause(match)):
                yield self._hit(match, POSITIVE_REVIEW_REQUEST)

    def _incentives(self) -> Iterator[Hit]:
        """REV002: an offer in a message that asks for a review; refunds and replacements only when tied."""
        offers = self.by_role.get(OFFER)
        if not offers or not self.review_sents:
            return
        excluded = self.by_role.get(NOT_OFFER, ())
        ties = [m for m in self.by_role.get(TIE, ()) if self._real_tie(m)]
        for offer in offers:
            if any(m.start < offer.end and offer.start < m.end for m in excluded):
                continue
            if "incentive" in offer.tags or self._tied(offer, ties):
                yield self._hit(offer, INCENTIVIZED_REVIEW)

    def _tied(self, offer: _Match, ties: list[_Match]) -> bool:
        for tie in ties:
            if tie.sent != offer.sent or "rewarded" in tie.tags:
                continue  # a review thanked for is context for a gift, not a tie for a refund
            if "names-review" in tie.tags or {offer.sent, offer.sent - 1} & self.review_sents:
                return True
        return False

    def _gating(self) -> Iterator[Hit]:
        """REV003: a review request only for the satisfied, or unhappy buyers steered away from feedback."""
        for match in self.by_role.get(SATISFIED_CONDITION, ()):
            if self._gates_a_request(match):
                end = match.end
                while end - 1 > match.start and self.lowers[end - 1] in self.grammar.condition_tail:
                    end -= 1  # "if you like our (product)": the condition, not the determiner
                yield self._hit(replace(match, end=end), REVIEW_GATING)
        for match in self.by_role.get(NEGATIVE_DIVERSION, ()):
            if self._diverts(match):
                yield self._hit(match, REVIEW_GATING)
        if self.review_sents:
            for match in self.by_role.get(CONTACT_FIRST, ()):
                yield self._hit(match, REVIEW_GATING, confidence=0.8)

    def _third_party(self) -> Iterator[Hit]:
        """REV005: friends, family or another account asked to review."""
        review_words = self.words["review_word"]
        people = self.words["third_party"]
        asked_in: set[int] = set()
        matches = self.by_role.get(THIRD_PARTY, ())
        for match in sorted(matches, key=lambda m: "pronoun" in m.tags):
            sent = self.sents[match.sent]
            if "account" in match.tags:
                if any(self.lowers[i] in review_words for i in range(sent.start, sent.end)):
                    yield self._hit(match, THIRD_PARTY_REVIEW_REQUEST)
                continue
            if "pronoun" in match.tags and (match.sent in asked_in or not self._named_third_party(match)):
                continue
            after = range(match.start, min(sent.end, match.end + _THIRD_PARTY_WINDOW))
            asked = any(self.lowers[i] in review_words for i in after)
            if not asked and match.sent + 1 < len(self.sents):
                following = set(self._words_of(self.sents[match.sent + 1]))
                asked = bool(following & self.grammar.them and following & review_words)
            if asked:
                asked_in.add(match.sent)
                # "Your wife can also leave ...": the finding ends at the person asked.
                named = [i for i in range(match.start, match.end) if self.lowers[i] in people]
                end = named[-1] + 1 if named and "pronoun" not in match.tags else match.end
                yield self._hit(replace(match, end=end), THIRD_PARTY_REVIEW_REQUEST)

    def _named_third_party(self, match: _Match) -> bool:
        """'If your colleagues liked it, ask them ...': someone other than the buyer named just before."""
        start = self.sents[max(match.sent - 1, 0)].start
        named = self.words["third_party"] - self.grammar.generic_people
        return any(self.lowers[i] in named for i in range(start, match.start))

    # --- context ----------------------------------------------------------------------------

    def _gates_a_request(self, match: _Match) -> bool:
        """Whether a satisfaction condition governs a review request."""
        asks_after = any(a.sent == match.sent and a.start >= match.end for a in self.asks)
        if "if-so" in match.tags:
            # "We hope you're happy with it! If so, ...": the satisfaction was named just before.
            pleased = self.words["sat_adj"] | self.words["like_verb"] | self.words["good_state"]
            return asks_after and self._said_before(match, pleased)
        if "otherwise" in match.tags:
            # "Contact us if anything is wrong, otherwise please leave a review."
            return asks_after and self._said_before(match, self.words["unsatisfied_word"])
        if "question" in match.tags:
            return asks_after or self._question_gates_next_sentence(match)
        if self._previous_word(match.start) in self.grammar.negations:
            return False
        if self._sent_asks(match.sent):
            return True
        sent = self.sents[match.sent]
        short = len(sent) <= _SHORT_CONDITION or sent.text.rstrip().endswith("?")
        return short and self._sent_asks(match.sent + 1)

    def _said_before(self, match: _Match, words: frozenset[str]) -> bool:
        """Whether one of ``words`` occurs in the previous sentence or this one, before the match."""
        before = range(self.sents[max(match.sent - 1, 0)].start, match.start)
        return any(self.lowers[i] in words for i in before)

    def _question_gates_next_sentence(self, match: _Match) -> bool:
        """'Happy with it? Leave a review' / 'Was everything perfect? Then please leave a review'."""
        negations = self.grammar.negations
        if any(self.lowers[i] in negations for i in range(match.start, match.end)):
            return False
        if match.sent + 1 >= len(self.sents):
            return False
        following = self.sents[match.sent + 1]
        opening = self._words_between(following.start, following.end)
        lead = self._words_between(self.sents[match.sent].start, match.start)
        carried_on = any(tuple(opening[: len(words)]) == words for words in self.grammar.carry_ons)
        if any(word not in self.grammar.question_leads for word in lead) and not carried_on:
            return False  # "Did you like it? ..." is a question, not a condition
        return self._sent_asks(match.sent + 1)

    def _diverts(self, match: _Match) -> bool:
        if "always" in match.tags:
            return True
        tokens = {self.lowers[i] for i in range(match.start, match.end)}
        if tokens & self.words["neg_adj"]:
            return True
        if "needs-negative" in match.tags:
            return False
        sent = set(self._words_of(self.sents[match.sent]))
        return bool(sent & self.words["contact_word"] - self.grammar.weak_contact)

    def _asks_buyer_to_change(self, match: _Match) -> bool:
        """Whether a change-request is addressed to the buyer: not 'we cannot remove reviews'."""
        if self._compound(match) or self._thanks_for(match) or self._quoted(match):
            return False
        if "pronoun" in match.tags and not self._said_before(match, self.words["rating_noun"]):
            return False  # "please remove it from the box": no review named
        subjects = self.words["subject_word"]
        sent_start = self.sents[match.sent].start
        for i in range(match.start - 1, sent_start - 1, -1):
            word = self.lowers[i]
            if word in self.grammar.addressee_forms or word in self.grammar.clause_breaks:
                return True
            if word in subjects:
                return False
        return True

    def _real_tie(self, tie: _Match) -> bool:
        """A tie that names a review only counts when that review is asked for, not thanked for."""
        if self._thanks_for(tie):
            return False
        if "after-request" in tie.tags:
            asked = (*self.by_role.get(REVIEW_REQUEST, ()), *self.by_role.get(CHANGE_REQUEST, ()))
            return any(a.start < tie.end and tie.start < a.end for a in asked)
        return not self._compound(tie)

    def _names_a_rating(self, match: _Match) -> bool:
        """A star count that is not a product name ('Five Star notebook', '5 Stars Hotel Collection')."""
        if self._compound(match):
            return False
        previous = self._previous_index(match.start)
        if previous >= 0 and self.doc[previous].like_num and self.lowers[previous] not in self.words["high_count"]:
            return False  # "rated 4.5 ⭐⭐⭐⭐⭐ on average": the stars show a score, they do not ask for one
        following = self._next_word(match.end)
        if "bare-star" in match.tags and following.isalpha() and following not in self.words["next_ok"]:
            return False
        last = self.doc[match.end - 1]
        if self.grammar.title_case_names and self.lowers[last.i] in self.grammar.star_words and following.isalpha():
            star_text = self._original(last)
            next_token = self._next_token(match.end)
            if next_token is not None and star_text.istitle() and self._original(next_token).istitle():
                return False
        return True

    def _is_request(self, match: _Match) -> bool:
        request_words = self.words["request_word"]
        sent = self.sents[match.sent]
        before = range(max(sent.start, match.start - _CLAUSE_WINDOW), match.start)
        after = range(match.end, min(sent.end, match.end + _CLAUSE_WINDOW))
        return any(self.lowers[i] in request_words for i in (*before, *after))

    def _opens_clause(self, match: _Match) -> bool:
        """An imperative: 'Say something nice about us!', '..., tell the world'."""
        index = self._previous_index(match.start)
        return index < self.sents[match.sent].start or self.lowers[index] in self.grammar.clause_breaks

    def _statement(self, match: _Match) -> bool:
        """'our 5-star reviews', 'we received your positive feedback', 'we appreciate your good review'."""
        determiners, quantity = self.grammar.determiners, self.grammar.quantity
        index = self._previous_index(match.start, determiners)
        while index >= 0 and (self.doc[index].like_num or self.lowers[index] in quantity):
            index = self._previous_index(index, determiners)  # "has over 2,000 five-star reviews"
        if index < 0:
            return False
        word = self.lowers[index]
        if word in self.words["statement_word"]:
            # "if you left 5 stars" asks; "customers left 5 stars" tells.
            return self._previous_word(index) not in self.grammar.addressee or not self._conditional(index)
        if word in self.words["liking_verb"]:
            before = self._previous_index(index, self.grammar.adverbs)
            return before < 0 or self.lowers[before] not in self.words["modal_word"]
        return False

    def _conditional(self, index: int) -> bool:
        """Whether a subordinator ('if', 'once', 'when' ...) opens the clause of token ``index``."""
        subordinators = self.words["subordinator"]
        start = max(self.sents[self._sent_of(index)].start, index - _CLAUSE_WINDOW)
        for i in range(index - 1, start - 1, -1):
            if self.lowers[i] in subordinators:
                return True
            if self.lowers[i] in self.grammar.clause_breaks:
                return False
        return False

    def _sent_of(self, index: int) -> int:
        return bisect_right(self._sent_starts, index) - 1

    def _thanks_for(self, match: _Match) -> bool:
        """A 'thank you for ...' governing the match, not 'thanks in advance for ...'."""
        thanks = self.words["thanks_word"]
        request_words = self.words["request_word"] - self.grammar.addressee
        sent_start = max(self.sents[match.sent].start, match.start - _CLAUSE_WINDOW)
        for index in range(match.start - 1, sent_start - 1, -1):
            word = self.lowers[index]
            if word in thanks:
                between = {self.lowers[i] for i in range(index + 1, match.start + 1)}
                return bool(between & self.grammar.thanked_for) and not between & request_words
            if word in request_words:
                return False
        return False

    def _quoted(self, match: _Match) -> bool:
        """Inside double quotes: a buyer's words quoted back, not a request."""
        before = bisect_right(self._quotes, match.start - 1)
        return before % 2 == 1 and before < len(self._quotes)

    def _compound(self, match: _Match) -> bool:
        """'review the product listing', 'update the feedback section': a different noun."""
        return self._next_word(match.end) in self.words["compound_head"]

    def _sent_asks(self, index: int) -> bool:
        return any(a.sent == index for a in self.asks)

    # --- tokens -----------------------------------------------------------------------------

    def _next_token(self, index: int) -> Any:
        index = self.tokens.next_word(index)
        return self.doc[index] if index is not None else None

    def _next_word(self, index: int) -> str:
        index = self.tokens.next_word(index)
        return self.lowers[index] if index is not None else ""

    def _previous_index(self, index: int, skip: frozenset[str] = frozenset()) -> int:
        """Index of the last word before ``index`` that is not whitespace or in ``skip`` (-1 if none)."""
        index -= 1
        while index >= 0 and (not self.lowers[index].strip() or self.lowers[index] in skip):
            index -= 1
        return index

    def _previous_word(self, index: int) -> str:
        index -= 1
        while index >= 0 and not self.lowers[index].strip():
            index -= 1
        return self.lowers[index] if index >= 0 else ""

    def _words_between(self, start: int, end: int) -> list[str]:
        return [self.lowers[i] for i in range(start, end) if self.tokens.is_alpha(i) and self.lowers[i]]

    def _words_of(self, sent: SpacySpan) -> Iterator[str]:
        """The lower-case words of a sentence, read by index: no Token objects are made."""
        return (self.lowers[i] for i in range(sent.start, sent.end))

    def _original(self, token: Any) -> str:
        start, end = self.document.to_original("folded", token.idx, token.idx + len(token.text))
        return self.document.text[start:end]

    def _hit(self, match: _Match, rule: str, confidence: float = 1.0) -> Hit:
        end = match.end
        while end < len(self.doc) and self.lowers[end] == "":
            end += 1  # the rest of a spaced-out word read as one
        span = self.doc[match.start : end]
        return Hit(
            rule,
            span.start_char,
            span.end_char,
            "folded",
            message=match.entry.message,
            suggestion=match.entry.suggestion,
            confidence=confidence,
        )
