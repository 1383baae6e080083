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
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from spacy.attrs import LOWER
from spacy.strings import hash_string

from msglint.checkers.base import Checker, CheckerContext, Hit, LexiconEntry, RulesFile, load_lexicon

if TYPE_CHECKING:
    from msglint.document import Document
    from msglint.nlp import Pipeline

PHRASE_LEXICON = "abusive"
WORD_LEXICONS = ("abusive_profanity", "abusive_insults", "abusive_slurs")

MILD, STRONG, AIMED_PROFANITY, INSULT, SLUR = "ABU001", "ABU002", "ABU003", "ABU004", "ABU007"
PROFANITY = frozenset({MILD, STRONG, AIMED_PROFANITY})
# When one spelling fits two words ("f**k": fuck or feck), the worse one wins.
PREFERENCE = (STRONG, AIMED_PROFANITY, SLUR, INSULT, MILD)
MAX_REPEATS = 4  # "shitshitshitshit"

# Characters that stand in for letters a seller hid: "f*ck", "sh#t", "a%%hole".
MASKS = "*#%"
_MASK = f"[{re.escape(MASKS)}]"
_MASKED_TOKEN = rf"[a-z]*{_MASK}[a-z{re.escape(MASKS)}]*"
_WORD_START = r"(?<![a-z0-9])"
_WORD_END = r"(?![a-z0-9])"
_MASK_RUN = re.compile(f"{_MASK}+")
_MASKED_WORD = re.compile(rf"{_WORD_START}[a-z][a-z{re.escape(MASKS)}]*{_MASK}[a-z{re.escape(MASKS)}]*")
_HYPHENATED = re.compile(r"-[a-z]")  # "idiot-proof" is a compound, not an insult

MAX_ANCHOR_PAIRS = 60
_FINAL = re.compile(r"\s*(?:[.!?;:…)\]\n]|$)")
_AFTER_END = re.compile(r"\s*(?:[.!?,;:)\]…]|$|or\s+(?:something|what)\b)")
# Words that go on with the clause, not with a compound noun: "you're such a muppet about it",
# but "are you a pig farmer" (the insult word is part of a noun).
_CLAUSE_GOES_ON = re.compile(
    r"\s+(?:about|for|to|and|or|but|who|that|with|when|if|because|like|on|in|at|as|of|aren't|are|is|"
    r"innit|eh|mate|honestly|really|seriously|anyway)\b"
)
_NEXT_WORD = re.compile(r"\s*([a-z'’]+)")
_PREVIOUS_WORD = re.compile(r"([a-z'’]+)\W*$")
_QUOTED = re.compile(r"\"[^\"\n]{1,80}\"|“[^”\n]{1,80}”|‘[^’\n]{1,80}’|'[^'\n]{1,60}'(?![a-z])")
# Doubling a letter makes these real words: "mong" -> "moong" (dal).
_NOT_VARIANTS = frozenset({"moong", "coon", "cooon"})


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
        return _alternation(words).replace("'", "\\s*['’]\\s*")
    expression = spec.get("LOWER", spec.get("ORTH", {})).get("REGEX", "")
    return "(?:" + expression.removeprefix("^").removesuffix("$") + ")"


def pattern_regex(pattern: Sequence[dict[str, Any]]) -> str:
    """A regex for a spaCy token pattern (LOWER/ORTH, IN, REGEX, {}, OP '?') over running text."""
    parts = []
    for index, spec in enumerate(pattern):
        words = _token_alternatives(spec) or ["x"]
        # "you" + "'ll" and "do" + "n't" are written together; other tokens stand apart.
        glued = any(not w[:1].isalnum() or w.startswith(("n'", "n’")) for w in words)
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


def _doubled(form: str) -> Iterator[str]:
    """The form with a vowel or its last letter written twice ("fuuck", "shitt"): folding squeezes
    three or more of a letter, never two."""
    last = len(form) - 1
    for i, char in enumerate(form):
        if char in "aeiouy" or (i == last and char.isalpha()):
            yield form[: i + 1] + char + form[i + 1 :]


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

    def __init__(self, entries: Sequence[LexiconEntry]) -> None:
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
        for word, kind in listed.items():
            if kind.rule in PROFANITY or (kind.noun and not kind.ambiguous and kind.rule == INSULT):
                for variant in _doubled(word):
                    if variant not in _NOT_VARIANTS:
                        self.spellings.setdefault(variant, kind)
        person_kind, thing_kind = WordKind(rule=STRONG, noun=True), WordKind(rule=STRONG)
        for root in roots:
            kind = listed.get(root, thing_kind)
            for times in range(2, MAX_REPEATS + 1):
                self.spellings.setdefault(root * times, kind)
            for tail in person_tails:
                self.spellings.setdefault(root + tail, person_kind)
            for tail in tails:
                self.spellings.setdefault(root + tail, thing_kind)
        self.kinds += [person_kind, thing_kind]
        # Masked spellings are fitted against the listed words and compounds with the same first letter.
        self._mask_all = frozenset(mask_all)
        self._by_first: dict[str, list[tuple[str, WordKind]]] = {}
        for spelling, kind in self.spellings.items():
            if spelling in listed or kind in (person_kind, thing_kind) or any(spelling == r * 2 for r in roots):
                self._by_first.setdefault(spelling[0], []).append((spelling, kind))
        for candidates in self._by_first.values():
            candidates.sort(key=lambda item: PREFERENCE.index(item[1].rule))
        # Insult adjectives and swear words intensify too: "you stupid cow", "you f*cking muppet".
        intensifiers += [w for kind, words in ordered if kind.adj or kind.rule in PROFANITY for w in words]
        self.modifier = _alternation(modifiers + intensifiers, masked_token=True)
        self.intensifier = _alternation(intensifiers, masked_token=True)

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

    def _fit(self, token: str) -> WordKind | None:
        for form, kind in self._by_first.get(token[0], ()):
            if fits_mask(token, form, form in self._mask_all):
                return kind
        return None


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


class Aim:
    """Reads from the words around a match whether it is aimed at the buyer.

    Each method returns the span of the aimed phrase, or None when nothing aims the word.
    """

    def __init__(self, words: WordLists) -> None:
        mods = rf"(?P<mods>(?:{words.modifier}\s+){{0,3}})"
        ints = rf"(?P<mods>(?:{words.intensifier}\s+){{0,3}})"
        edge = r"(?:^|(?<=[^a-z0-9'’]))"
        # "you idiot", "you absolute muppet", "you stupid cow"
        self.vocative = re.compile(rf"{edge}(?P<cue>you|u|ya|yah)\s+{ints}$")
        # "you're an idiot", "are you stupid", "don't be such a prat", "acting like a spoilt brat"
        self.copula = re.compile(
            rf"{edge}(?P<cue>you\s*['’]?\s*re|youre|you\s+[a@]re|u\s+(?:are|r)|ur|ura|uran|are\s+(?:you|u|ya)"
            r"|r\s+(?:u|you)|were\s+(?:you|u)|you\s+(?:were|was)|you(?:\s+(?:must|might|may|could|will)"
            r"|\s*['’]?\s*d|\s*['’]?\s*ll)?\s+be|you\s+(?:seem|sound|look|act|behave)(?:\s+like)?"
            r"|you\s*(?:['’]?\s*ve|\s+have)\s+been|(?:don['’]?t|dont|do\s+not|stop|quit)\s+(?:being|be)"
            r"|(?:acting|behaving|act|behave|sound|sounding|talk|talking|acts|behaves)\s+like)"
            rf"\s+{mods}$"
        )
        self.what = re.compile(
            rf"{edge}(?P<cue>what)\s+(?P<mods>(?:an?|such\s+an?)\s+(?:{words.intensifier}\s+){{0,2}})$"
        )
        # "your stupid question", "your an idiot" (a common slip for "you're")
        self.possessive = re.compile(rf"{edge}(?P<cue>your|yer|yr)\s+{mods}$")
        # "Read it again, idiot." - name-calling at the start of a sentence or after a comma
        self.position = re.compile(
            rf"(?:^|[.!?,;:\n]|\b(?:hey|oi|listen|look|ok|okay|well|sorry|thanks|mate|yes|no|right))\s*{ints}$"
        )
        # "entitled buyers like you", "idiots like you"
        people = _alternation([*words.buyer_nouns, *words.person_nouns])
        self.like_you = re.compile(rf"\s+(?:{people}\s+)?like\s+(?:you|u|ya|yourself)\b")
        self.at_buyers = re.compile(rf"\s+{_alternation(words.buyer_nouns)}{_WORD_END}")
        # "fuck you", "piss off", "damn your review"
        self.imprecation = re.compile(r"\s*(?:you|u|ya|yourself|yourselves|urself|off|your|ur|yer)\b")
        # "your bloody order", "you f*cking did this"
        self.at_you = re.compile(rf"{edge}(?P<cue>you|u|your|ur|yer)\s+(?:{words.intensifier}\s+){{0,2}}$")
        self._articles = re.compile(r"\b(?:an?|such|so|the|one|too|really|very|being)\b")

    def insult(self, text: str, start: int, end: int, kind: WordKind) -> tuple[int, int] | None:  # noqa: PLR0911
        """The span of an insult aimed at the buyer, or None."""
        if _HYPHENATED.match(text, end):
            return None
        if kind.next_not and (word := _NEXT_WORD.match(text, end)) and word.group(1) in kind.next_not:
            return None
        window = max(0, start - 80)
        after_end = _AFTER_END.match(text, end) is not None
        if like := self.like_you.match(text, end):
            return start, like.end()
        if kind.adj and not kind.ambiguous and (at := self.at_buyers.match(text, end)):
            return start, at.end()
        clear = after_end or not kind.ambiguous
        if (match := self.copula.search(text, window, start)) and (clear or _CLAUSE_GOES_ON.match(text, end)):
            return match.start("cue"), end
        if match := self.vocative.search(text, window, start):
            intensified = bool(match.group("mods"))
            if (intensified or (clear and not kind.name)) and (kind.noun or not kind.ambiguous):
                return match.start("cue"), end
        if kind.noun and clear and (match := self.what.search(text, window, start)):
            return match.start("cue"), end
        if match := self.possessive.search(text, window, start):
            article = self._articles.search(match.group("mods"))
            if (kind.noun and article and clear) or (kind.adj and not kind.ambiguous):
                return match.start("cue"), end
        word = text[start:end]
        singular = not word.endswith("s") or word.endswith("ss")
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


# --- the checker ------------------------------------------------------------------------------


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
    #: every hash above, to test a message's words against in one set operation
    any_hash: frozenset[int] = frozenset()


class AbusiveChecker(Checker):
    """Reports profanity, insults, threats, hostility, slurs and demeaning language."""

    id = "abusive"
    rules = RulesFile("abusive")  # type: ignore[assignment]

    def __init__(self, context: CheckerContext | None = None) -> None:
        super().__init__(context)
        self._lexicons: dict[str, Lexicon] = {}

    def prepare(self, pipeline: Pipeline) -> None:
        lang = pipeline.lang
        entries = list(load_lexicon(lang, PHRASE_LEXICON))
        own = {rule.code for rule in self.rules}
        for code, terms in self.context.extra_terms.items():
            if code in own and terms:
                entries.append(LexiconEntry(rule=code, phrases=tuple(terms), tags=("config",)))
        steering = {
            tag: frozenset(w for e in entries if tag in e.tags for w in e.all_phrases)
            for tag in ("softener", "function-word", "common-word")
        }
        function_words = steering["function-word"]
        common = function_words | steering["common-word"]
        softeners = "|".join(map(re.escape, sorted(steering["softener"], key=len, reverse=True)))
        initial = re.compile(rf"(?:^|[.!?;:…\n\"“(])\s*(?:(?:{softeners})[\s,]+)*$")
        phrases = []
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
                if entry.pattern is not None:
                    source = pattern_regex(entry.pattern)
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
        words = WordLists([e for name in WORD_LEXICONS for e in load_lexicon(lang, name)])
        word_hashes: dict[int, WordKind] = {}
        for index, spellings in words.by_kind().items():
            pipeline.add_phrases(f"{self.id}:w{index}", [s for s in spellings if not _is_one_token(s)])
            word_hashes.update((hash_string(s), words.kinds[index]) for s in spellings if _is_one_token(s))
        self._lexicons[lang] = Lexicon(
            tuple(phrases),
            words,
            Aim(words),
            word_hashes,
            {h: tuple(indexes) for h, indexes in anchors.items()},
            contexts,
            initial,
            frozenset(word_hashes) | frozenset(anchors) | frozenset(contexts),
        )

    def check(self, document: Document) -> Iterable[Hit]:
        lexicon = self._lexicons[document.lang]
        doc = document.doc
        lowers = doc.to_array(LOWER).tolist()
        present = set(lowers)
        matches = document.matches(self.id)
        text = document.folded.text
        masked = _has_masked_word(text)
        present.intersection_update(lexicon.any_hash)
        if not matches and not masked and not present:
            return ()
        phrase_hits: list[Hit] = []
        found_words: list[tuple[int, int, WordKind]] = []
        exempt: list[tuple[int, int]] = []
        contexts: set[str] = {lexicon.context_hashes[h] for h in present.intersection(lexicon.context_hashes)}
        looked: set[int] = set()
        for index in {i for h in present.intersection(lexicon.anchor_hashes) for i in lexicon.anchor_hashes[h]}:
            looked.add(index)
            phrase_hits += self._phrase_hits(lexicon.phrases[index], text, lexicon.initial)
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
            found_words += lexicon.words.masked_words(text)
        word_hits = list(self._word_hits(document, found_words, lexicon.aim, exempt, contexts))
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
        found: list[tuple[int, int, WordKind]],
        aim: Aim,
        exempt: list[tuple[int, int]],
        contexts: set[str],
    ) -> Iterator[Hit]:
        text = document.folded.text
        titles: list[tuple[int, int]] | None = None
        for start, end, kind in found:
            if any(s <= start and end <= e for s, e in exempt):
                continue
            if kind.insult:
                span = aim.insult(text, start, end, kind)
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
                titles = quoted_titles(document.text)
            if titles:
                first, last = document.folded.to_original(start, end)
                if any(s < first and last < e for s, e in titles):
                    continue
            yield Hit(kind.rule, start, end)


_TITLE_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SMALL_WORDS = frozenset(
    ["a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "with", "my", "your", "at", "by"]
)
MAX_TITLE_WORDS = 8


def quoted_titles(text: str) -> list[tuple[int, int]]:
    """Quoted titles in the original text: "Damn Good Coffee", "Shit My Dad Says".

    Swearing in a product's or a book's name is the name, not the seller's language. Only quotes
    in title case count: quoting a sentence ("you called it 'crap'") is still the seller's message.
    """
    spans = []
    for match in _QUOTED.finditer(text):
        words = _TITLE_WORD.findall(match.group()[1:-1])
        if 0 < len(words) <= MAX_TITLE_WORDS and all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in words):
            spans.append(match.span())
    return spans
