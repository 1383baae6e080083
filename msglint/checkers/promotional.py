"""Promotional content: marketing that has no place in a message about an order.

Rules: ``msglint/rules/promotional.toml``. Words: ``msglint/lexicons/<lang>/promotional.jsonl``.

A lexicon line is either a *trigger* (words that may be marketing, naming a rule) or a *context
cue* (tag ``cue:<kind>``) that is never reported itself. Both run in the shared PhraseMatcher. A
trigger fires only after its sentence has been read: "10% off" is an offer next to "your next
order" and a remedy next to "refunded for the delay"; "the promo code you used was applied" is a
fact about this order; "we don't send newsletters" denies the offer. The cue nearest to the
trigger decides between a future purchase and a fact or remedy, because a message often holds both.

Token patterns made only of words are expanded into phrases when the checker is prepared: a
Matcher pattern costs time at every token of every message, a phrase costs nothing until it is
there. Amounts ("£5", "10%", "5 pounds") are recognised next to their anchor words ("off",
"save") from the ``cue:currency`` and ``cue:percent`` lines and spaCy's ``like_num``.

Disguises the folded text still shows are read back with the lexicon's own words before
matching: a masked letter ("c*de", "n*t"), a symbol or more leet digits than the fold undoes
("l!$t", "d15c0un7"), dots left inside a word ("de.als"), an emoji for a word ("🆓", "🆕"),
letters spaced wider than the fold joins ("F   R   E   E") and phrases of several words written
without their spaces ("10%offyournextorder"). A cheap pre-check keeps ordinary messages on the
folded text; a disguised one is matched again on its reading, which replaces the folded text so
that a hidden negation or order fact ("we do n*t send newsletters") still counts.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import regex
from spacy.tokens import Doc

from msglint.checkers.base import CheckerContext, Hit, LexiconEntry, LexiconLanguages, PatternChecker, RulesFile
from msglint.engine import disguises
from msglint.engine.frames import FrameReader
from msglint.engine.language import alternation, language
from msglint.engine.tags import TagVocabulary, Values, values_of
from msglint.nlp import pattern_as_phrases
from msglint.normalize import FoldedText, OffsetMap, plain

if TYPE_CHECKING:
    from spacy.tokens import Token

    from msglint.document import Document
    from msglint.nlp import Pipeline

# A promotion code as written: letters and digits, with a digit or in capitals ("SAVE10", "WELCOME").
# Leet symbols and masks stay part of it: "TH@NKYOU15", "W*LCOME5".
_CODE_SHAPE = regex.compile(r"[A-Za-z0-9][A-Za-z0-9_\-@$!*]{2,24}")
# Punctuation allowed between "code" and the code itself: code: "SAVE10".
_CODE_LEAD = frozenset(":\"'“”‘’=-")
# Whitespace left between spaced-out words: "free  shipping".
_WORD_GAP = regex.compile(r"[a-z] {2,}[a-z]")
# How far an offer verb may stand before its amount ("Enjoy an extra 10% off").
_OFFER_VERB_REACH = 3
# How far a negation reaches ("we do not send any newsletters").
_NEGATION_REACH = 6
# How many words may stand between an amount off and the "your next order" it takes in.
_FUTURE_SPAN_REACH = 1
# How far back "after:" and "not-after:" words are looked for.
_AFTER_REACH = 3
_NOT_AFTER_REACH = 5

# Emoji that stand for a word the rules look for: "🆓 shipping", "our 🆕 range", "a 🆓 🎁".
_EMOJI_WORDS = disguises.table().emoji
# A word still in disguise after folding: a letter masked ("c*de", one letter a "*"), a symbol the
# fold kept ("l!$t"), leet with more digits than the fold undoes ("d15c0un7"), dots left between
# letters ("de.als"); or an emoji standing for a word. Rare in ordinary messages: a cheap pre-check.
_DISGUISED = re.compile(
    rf"[{''.join(_EMOJI_WORDS)}]|(?<![a-z0-9*!|$@.])(?=[a-z0-9*!|$@.]*?(?:\*|[a-z][0-9!|$@.]-?[a-z0-9*]|[0-9!|$@][a-z]))"
    r"[a-z0-9*!|$@]+(?:\.[a-z0-9*!|$@]+)*"
)
# The cheap test run on every message first, with the emoji tested apart (a pattern with them costs
# twice as much): it starts only at the rare digit or symbol (about 1 µs on 200 characters).
_MAYBE_LEET = re.compile(r"[0-9!|$@.](?:(?<=[a-z].)-?[a-z0-9*]|(?<=[0-9!|$@])[a-z])")
# The letter each digit or symbol of a disguised word stands for, and the second guesses ("1" and
# "!" for "l" in "1ucky", "|" for "i").
_LETTER_FOR = disguises.table().usual(folded_only=True)
_LEET_LETTERS = str.maketrans(_LETTER_FOR)
_OTHER_LETTER_FOR = disguises.table().second()
_REPEATS = re.compile(r"([a-z])\1{2,}")
# Shortest word a disguised word is read as: "b4" or "0k" are not words of the rules.
_MIN_REREAD = 3
# Letters spaced out as written, one to eight separators apart: "F R E E", "a l s o", "s.a.l.e".
_SPACED_RUN = re.compile(
    r"(?<![\w*!$@|'’])(?:[A-Za-z0-9]{1,4}[ .\-_·•]{1,8})?[A-Za-z][ .\-_·•]{1,8}[A-Za-z](?![\w*!$@|'’])"
    r"(?:[ .\-_·•]{1,8}[A-Za-z0-9]{1,4}(?![\w*!$@|'’]))*"
)
# The cheap test for it run on every message first: it starts at a separator, far rarer than a letter,
# and looks back for the letter standing alone before it.
_MAYBE_SPACED = re.compile(r"[ .\-_·•](?<=(?<!\w)[A-Za-z][ .\-_·•])[ .\-_·•]{0,7}[A-Za-z]\b")
_SEPARATORS = re.compile(r"[ .\-_·•]+")
_LAST_GAP = re.compile(r"[ .\-_·•]+(?=[A-Za-z0-9]+$)")
# Short words after a run of spaced letters that may be ordinary words ("a w a y a free mug").
_MAX_TRAILING_WORDS = 3
_LONGEST_WORD = 24
# Shortest phrase of the lexicon looked for with its spaces left out: "usecode", "nextorder"
# (not "into", "anyone" or "onsale", which ordinary words hold or are).
_MIN_RUN_TOGETHER = 7  # a run holding one is longer: "usecodesave", "couponcode"
# Words run together, and the code that may end them ("usecodesave10").
_LETTER_RUN = re.compile(r"[a-z]+")
# What may touch a word run together with it and stays a word of its own.
_TOUCHING = frozenset("%£$€" + "".join(_EMOJI_WORDS))
_AMOUNT_RUN = re.compile(r"(?<![a-z0-9])([0-9]{1,4})([a-z]+)")
_LONGEST_CODE = 15
# Longer than most ordinary words ("unfortunately"): a run this long is words run together.
_LONGEST_ORDINARY_WORD = 14
# Readings of one message when disguised words have several ("n*w": new or now).
_MAX_READINGS = 3

# --- the tags of a lexicon line (see the lexicon's header) ---------------------------------------

#: The kinds of context cue this checker reads ("cue:future").
CUE_KINDS = frozenset(
    {
        "currency",
        "percent",
        "future",
        "fact",
        "remedy",
        "review",
        "offer",
        "offer-verb",
        "offer-lead",
        "persuasion",
        "clause-break",
        "negation",
        "problem",
    }
)
#: Where a trigger needs an amount; a trigger has at most one.
AMOUNT_TAGS = ("after-number", "after-amount", "before-amount")
TAGS = TagVocabulary(
    flags=frozenset(
        {"needs-future", "needs-offer", "needs-code", "remedy-sensitive", "problem-sensitive", "code", "glued"}
        | set(AMOUNT_TAGS)
    ),
    word_keys=frozenset({"after", "before", "not-before", "not-after", "unless-after"}),
    value_keys={"cue": Values(CUE_KINDS, means="a kind of cue")},
)


def _tag_combination_problem(tags: Sequence[str]) -> str | None:
    """What this checker cannot do with a line's tags together, or None."""
    cues = values_of(tags, "cue")
    if cues:
        return _cue_problem(tags, cues)
    amounts = [t for t in tags if t in AMOUNT_TAGS]
    if len(amounts) > 1:
        return f"a trigger needs one amount at most: {' or '.join(amounts)}, not both"
    if "needs-code" in tags and "code" not in tags:
        return "'needs-code' needs 'code' (the span takes in the code that follows)"
    if values_of(tags, "unless-after") and not values_of(tags, "not-after"):
        return "'unless-after:' only qualifies a 'not-after:' tag, and this line has none"
    return None


def _cue_problem(tags: Sequence[str], cues: list[str]) -> str | None:
    if len(cues) > 1:
        return f"a cue has one kind, this line has {len(cues)} (cue:{', cue:'.join(cues)})"
    others = [t for t in tags if not t.startswith("cue:") and t != "before-amount"]
    if others:
        return f"a cue line (cue:{cues[0]}) takes no trigger tags, only 'before-amount'; found {', '.join(others)}"
    return None


# (kind, first token, token past the last)
_Cue = tuple[str, int, int]
# (lexicon line, first token, token past the last)
_Match = tuple[int, int, int]
# Where tokens [start, end) of a reading's Doc are in the folded text, as characters.
_Locate = Callable[[Doc, int, int], tuple[int, int]]


@dataclass(frozen=True, slots=True)
class _Trigger:
    """A trigger line of the lexicon, with its tags read once (see the lexicon's header)."""

    rule: str
    needs_future: bool
    needs_offer: bool
    needs_code: bool
    remedy_sensitive: bool
    problem_sensitive: bool
    takes_code: bool
    amount: str | None
    after: frozenset[str]
    before: frozenset[str]
    not_before: frozenset[str]
    not_after: frozenset[str]
    unless_after: frozenset[str]
    message: str | None
    suggestion: str | None

    @classmethod
    def of(cls, entry: LexiconEntry) -> _Trigger:
        tags = set(entry.tags)
        return cls(
            rule=entry.rule,
            needs_future="needs-future" in tags,
            needs_offer="needs-offer" in tags,
            needs_code="needs-code" in tags,
            remedy_sensitive="remedy-sensitive" in tags,
            problem_sensitive="problem-sensitive" in tags,
            takes_code="code" in tags,
            amount=next((t for t in ("after-number", "after-amount", "before-amount") if t in tags), None),
            after=_words_of_tag(tags, "after:"),
            before=_words_of_tag(tags, "before:"),
            not_before=_words_of_tag(tags, "not-before:"),
            not_after=_words_of_tag(tags, "not-after:"),
            unless_after=_words_of_tag(tags, "unless-after:"),
            message=entry.message,
            suggestion=entry.suggestion,
        )


def _words_of_tag(tags: set[str], prefix: str) -> frozenset[str]:
    return frozenset(w for t in tags if t.startswith(prefix) for w in t[len(prefix) :].split("|"))


@dataclass(frozen=True, slots=True)
class _Plan:
    """One language's compiled lexicon: what each matcher label means."""

    pipeline: Pipeline
    entry_of: dict[str, int]  # matcher label -> lexicon line
    triggers: dict[int, _Trigger]
    cues: dict[int, str]
    cues_before_amount: frozenset[int]
    glued: int | None
    #: a percentage glued into one token: "10%off", "1O%" (a letter O for a zero folds to "io%")
    glued_percent: regex.Pattern[str]
    #: what a glued percentage takes in when it ends on "%" ("10%" + "off")
    percent_off_words: frozenset[str]
    words: frozenset[str]
    #: the language's function words, which runs of spaced or run-together letters hold besides the
    #: lexicon's words: "enter to win a", "wehavecancelledthatitem"
    function_words: frozenset[str]
    word_starts: frozenset[str]  # how every word of the lexicon or function word begins, short of the whole
    #: the words a promotion code run together follows ("usecodethankyou"), in the order tried
    code_words: tuple[str, ...]
    masked: dict[str, tuple[str, ...]]
    run_together: _RunTogether | None


@dataclass(frozen=True, slots=True)
class _Context:
    """The cues of one message, and where amounts of money or percent may start and end."""

    cues: list[_Cue]
    unit_end: dict[int, int]
    unit_start: dict[int, int]


class PromotionalChecker(PatternChecker):
    """Flags coupon codes, discounts on future purchases, sales, new products, cross-selling,
    store follows, newsletters, loyalty programmes, giveaways and pushes to buy again.

    ``accept`` sees one match at a time; this checker needs every cue of the sentence, so it
    overrides ``check`` and reads the matches of a message once.
    """

    id = "promotional"
    languages = LexiconLanguages("promotional")  # msglint/lexicons/<lang>/ with these files
    reads_only_words = True
    rules = RulesFile("promotional")  # type: ignore[assignment]
    lexicon = "promotional"

    def __init__(self, context: CheckerContext | None = None) -> None:
        super().__init__(context)
        self._frames = FrameReader(self.id, [rule.code for rule in self.rules])
        self._plans: dict[str, _Plan] = {}

    def lexicon_problems(self, name: str, entries: Sequence[LexiconEntry]) -> Iterator[tuple[int | None, str]]:
        yield from super().lexicon_problems(name, entries)
        glued = []
        for index, entry in enumerate(entries):
            problem = TAGS.problem(entry.tags) or _tag_combination_problem(entry.tags)
            if problem is not None:
                yield index, problem
            if "glued" in entry.tags:
                glued.append(index)
        for index in glued[1:]:
            yield index, "only one line may be tagged 'glued' (the one a percentage glued into a token reports under)"

    def prepare(self, pipeline: Pipeline) -> None:
        self._frames.prepare(pipeline.lang)
        entries = self.lexicon_entries(pipeline.lang, self.lexicon)
        lang = language(pipeline.lang).words
        function_words = frozenset(lang.function_words)
        triggers: dict[int, _Trigger] = {}
        cues: dict[int, str] = {}
        for index, entry in enumerate(entries):
            label = f"{self.id}:{index}"
            kind = next((t[4:] for t in entry.tags if t.startswith("cue:")), None)
            if kind is None:
                triggers[index] = _Trigger.of(entry)
            else:
                cues[index] = kind
            if entry.pattern is None:
                pipeline.add_phrases(label, entry.all_phrases)
            else:
                pipeline.add_patterns(label, [list(entry.pattern)])  # plain-word patterns become phrases
        self._entries[pipeline.lang] = tuple(entries)
        self._plans[pipeline.lang] = _Plan(
            pipeline=pipeline,
            entry_of={f"{self.id}:{index}": index for index in range(len(entries))},
            triggers=triggers,
            cues=cues,
            cues_before_amount=frozenset(i for i in cues if "before-amount" in entries[i].tags),
            glued=next((i for i, t in enumerate(entries) if "glued" in t.tags), None),
            glued_percent=regex.compile(
                rf"(?<![\w%])[0-9oil]{{1,3}}%(?:{alternation(lang.percent_off_words)})?(?![\w%])"
            ),
            percent_off_words=frozenset(lang.percent_off_words),
            words=(words := _lexicon_words(entries)),
            function_words=function_words,
            word_starts=frozenset(w[:k] for w in words | function_words for k in range(1, min(len(w), _LONGEST_WORD))),
            code_words=lang.promo_code_words,
            masked=_masked_index(words),
            run_together=_RunTogether.of(entries, words),
        )

    def check(self, document: Document) -> Iterable[Hit]:
        return self._frames.apply(document, self._lexicon_hits(document))

    def _lexicon_hits(self, document: Document) -> Iterable[Hit]:
        plan = self._plans[document.lang]
        text = document.folded.text
        suspect = _maybe_disguised(text) or _MAYBE_SPACED.search(document.plain.text) or _runs_together(plan, text)
        readings = _rereadings(plan, document) if suspect else []
        hits: list[Hit] = []
        if readings:
            # A disguised word read back may carry the cue ("we do n*t send newsletters") that
            # the folded text hides, so the readings replace the folded text, not add to it.
            for reading in readings:
                doc = plan.pipeline.make_doc(reading.text)
                found = plan.pipeline.match(doc).get(self.id, [])
                matches = [(plan.entry_of[label], start, end) for label, start, end in found]
                hits.extend(
                    self._read(
                        document,
                        plan=plan,
                        doc=doc,
                        text=reading.text,
                        matches=matches,
                        sents=lambda d=doc, t=reading.text: plan.pipeline.sentences(d, t),
                        locate=_through(reading),
                    )
                )
        else:
            matches = [(plan.entry_of[label], start, end) for label, start, end in document.matches(self.id)]
            hits.extend(
                self._read(
                    document,
                    plan=plan,
                    doc=document.doc,
                    text=text,
                    matches=matches,
                    sents=lambda: document.sents,
                    locate=_in_folded,
                )
            )
        return _widest(hits) if len(hits) > 1 else hits

    def _read(
        self,
        document: Document,
        *,
        plan: _Plan,
        doc: Doc,
        text: str,
        matches: list[_Match],
        sents: Callable[[], Sequence[Any]],
        locate: _Locate,
    ) -> list[Hit]:
        """Hits of one reading of the message: ``doc`` of ``text`` and its matches, ``locate``
        mapping its tokens to the folded text."""
        if plan.glued is not None and "%" in text:
            matches.extend(_glued_percents(plan, doc, text, plan.glued))
        hits: list[Hit] = []
        if any(index in plan.triggers for index, _, _ in matches):
            segments = _segments(doc, text, sents())
            hits.extend(self._hits(document, plan, doc=doc, matches=matches, segments=segments, locate=locate))
        if "  " in text and _WORD_GAP.search(text) and plan.pipeline.nlp.vocab is doc.vocab:
            hits.extend(self._hits_across_gaps(document, plan, doc, locate))
        return hits

    # --- deciding -----------------------------------------------------------------------------

    def _hits(
        self,
        document: Document,
        plan: _Plan,
        *,
        doc: Doc,
        matches: Sequence[_Match],
        segments: list[int],
        locate: _Locate,
    ) -> Iterator[Hit]:
        """Hits of the triggers among ``matches`` in ``doc``; ``locate`` maps its tokens to the
        folded text."""
        context = _context(plan, doc, matches)
        problem = any(c[0] == "problem" for c in context.cues)
        cue_starts = [c[1] for c in context.cues]
        for index, start, end in matches:
            trigger = plan.triggers.get(index)
            if trigger is None or (trigger.problem_sensitive and problem):
                continue
            k = bisect_right(segments, start) - 1
            first, last = segments[k], segments[k + 1]
            span = _shape(trigger, doc, (start, end), (first, last), context)
            if span is None:
                continue
            sentence_cues = context.cues[bisect_left(cue_starts, first) : bisect_left(cue_starts, last)]
            near = [c for c in sentence_cues if c[2] <= last]
            if not _fires(trigger, doc, (start, end), first, near):
                continue
            begin, finish = span
            if trigger.needs_future:
                finish = _take_in_future(finish, near)
            if trigger.takes_code:
                coded = _code_end(document, doc, finish, last, locate)
                if coded is None and trigger.needs_code:
                    continue
                finish = coded or finish
            first_char, end_char = locate(doc, begin, finish)
            yield Hit(trigger.rule, first_char, end_char, "folded", trigger.message, trigger.suggestion)

    # --- spaced-out words ---------------------------------------------------------------------

    def _hits_across_gaps(self, document: Document, plan: _Plan, doc: Doc, locate: _Locate) -> Iterator[Hit]:
        """Match again with the whitespace between spaced-out words removed.

        "F R E E  S H I P P I N G" folds to "free  shipping", two words with a whitespace token
        between them that the shared matchers do not skip. Only hits spanning such a gap are new.
        """
        keep = [t.i for t in doc if not _is_gap(doc, t.i)]
        if len(keep) == len(doc):
            return
        words = [doc[i].text for i in keep]
        spaces = [bool(doc[i].whitespace_) or (i + 1 < len(doc) and _is_gap(doc, i + 1)) for i in keep]
        joined = Doc(doc.vocab, words=words, spaces=spaces)
        found = plan.pipeline.match(joined).get(self.id, [])
        matches = [(plan.entry_of[label], start, end) for label, start, end in found]

        def bridges_gap(match: _Match) -> bool:
            return keep[match[2] - 1] - keep[match[1]] != match[2] - match[1] - 1

        if not any(m[0] in plan.triggers and bridges_gap(m) for m in matches):
            return
        joined_text = joined.text
        segments = _segments(joined, joined_text, plan.pipeline.sentences(joined, joined_text))
        kept = [m for m in matches if m[0] in plan.cues or bridges_gap(m)]

        def through_gaps(_joined: Doc, start: int, end: int) -> tuple[int, int]:
            return locate(doc, keep[start], keep[end - 1] + 1)

        yield from self._hits(document, plan, doc=joined, matches=kept, segments=segments, locate=through_gaps)


# --- structure: amounts, words before, codes --------------------------------------------------


def _context(plan: _Plan, doc: Doc, matches: Sequence[_Match]) -> _Context:
    units = [(s, e) for index, s, e in matches if plan.cues.get(index) in ("currency", "percent")]
    unit_end = {s: e for s, e in units}
    unit_start = {e: s for s, e in units}
    cues: list[_Cue] = []
    for index, start, end in matches:
        kind = plan.cues.get(index)
        if kind is None:
            continue
        if index in plan.cues_before_amount:
            amount_end = _amount_after(doc, end, unit_end, unit_start)
            if amount_end is not None:
                cues.append((kind, start, amount_end))
        else:
            cues.append((kind, start, end))
    cues.sort(key=lambda c: c[1])  # by start: a sentence's cues are then one slice (see _hits)
    return _Context(cues, unit_end, unit_start)


def _shape(
    trigger: _Trigger, doc: Doc, span: tuple[int, int], sentence: tuple[int, int], context: _Context
) -> tuple[int, int] | None:
    """The words a trigger stands for, with the lead word, next word or amount it needs; None
    when one is missing. ``sentence`` is the trigger's sentence as (first token, token past the last)."""
    framed = _frame(trigger, doc, span, sentence)
    return None if framed is None else _with_amount(trigger, doc, framed, sentence, context)


def _frame(trigger: _Trigger, doc: Doc, span: tuple[int, int], sentence: tuple[int, int]) -> tuple[int, int] | None:
    start, end = span
    first, last = sentence
    if end < last and doc[end].lower_ in trigger.not_before:
        return None
    if trigger.not_after and _after_word(trigger, doc, start, first):
        return None
    if trigger.after:
        reach = range(start - 1, max(first, start - _AFTER_REACH) - 1, -1)
        lead = next((i for i in reach if doc[i].lower_ in trigger.after), None)
        if lead is None:
            return None
        start = lead
    if trigger.before:
        if end >= last or doc[end].lower_ not in trigger.before:
            return None
        end += 1
    return start, end


def _with_amount(
    trigger: _Trigger, doc: Doc, span: tuple[int, int], sentence: tuple[int, int], context: _Context
) -> tuple[int, int] | None:
    start, end = span
    first, last = sentence
    if trigger.amount is None:
        return span
    if trigger.amount == "before-amount":
        amount_end = _amount_after(doc, end, context.unit_end, context.unit_start)
        return None if amount_end is None or amount_end > last else (start, amount_end)
    if trigger.amount == "after-number" and len(doc[start]) > 1 and "%" in doc[start].text:
        return span  # the number is glued into the token: "10%off"
    amount_start = _amount_before(doc, start, context.unit_start, number_only=trigger.amount == "after-number")
    return None if amount_start is None or amount_start < first else (amount_start, end)


def _amount_after(doc: Doc, i: int, unit_end: dict[int, int], unit_start: dict[int, int]) -> int | None:
    """End of an amount starting at token ``i`` ("£5", "10%", "5 pounds"), or None."""
    lead = unit_end.get(i)
    j = i if lead is None else lead
    if j >= len(doc) or not _is_number(doc[j]):
        return None
    j += 1
    tail = unit_end.get(j)
    if tail is not None:
        return tail
    return j if lead is not None else None


def _amount_before(doc: Doc, i: int, unit_start: dict[int, int], *, number_only: bool) -> int | None:
    """Start of an amount ending just before token ``i``, or None. ``number_only``: the unit is
    part of the trigger ("% off"), so a bare number will do."""
    tail = None if number_only else unit_start.get(i)
    j = i if tail is None else tail
    if j == 0 or not _is_number(doc[j - 1]):
        return None
    j -= 1
    lead = unit_start.get(j)
    if lead is not None:
        return lead
    return j if number_only or tail is not None else None


def _is_number(token: Token) -> bool:
    return token.like_num or token.text[:1].isdigit()


def _glued_percents(plan: _Plan, doc: Doc, text: str, index: int) -> Iterator[_Match]:
    """Matches for percentages the tokenizer keeps in one token: "10%off", "io% off"."""
    for found in plan.glued_percent.finditer(text):
        span = doc.char_span(found.start(), found.end())
        if span is None or len(span) != 1:
            continue  # "10%" is two tokens, and the phrases see it
        after = span.end
        if found.group().endswith("%") and after < len(doc) and doc[after].lower_ in plan.percent_off_words:
            yield index, span.start, after + 1
        elif not found.group().endswith("%"):
            yield index, span.start, after


def _code_end(document: Document, doc: Doc, end: int, last: int, locate: _Locate) -> int | None:
    """End of a promotion code right after ``end`` ("promo code: SAVE10"), or None."""
    i = end
    while i < last and doc[i].text in _CODE_LEAD:
        i += 1
    if i < last and i - end <= 2 and _is_code(document, doc[i], locate(doc, i, i + 1)):
        return i + 1
    return None


def _is_code(document: Document, token: Token, where: tuple[int, int]) -> bool:
    """Whether a token, found at ``where`` in the folded text, looks like a promotion code as the
    seller wrote it."""
    if token.is_stop or (token.like_num and len(token) < 4):
        return False
    start, end = document.to_original("folded", *where)
    written = plain(document.text[start:end]).text
    if not _CODE_SHAPE.fullmatch(written):
        return False
    return any(c.isdigit() for c in written) or written.isupper()


# --- context: future purchase, facts, remedies, negation --------------------------------------


def _fires(trigger: _Trigger, doc: Doc, span: tuple[int, int], first: int, near: list[_Cue]) -> bool:
    """Whether a trigger at ``doc[start:end]`` is marketing, given the cues of its sentence
    (which starts at token ``first``)."""
    start, end = span
    # A cue inside the trigger ("promo" in "promo code") says nothing about its context,
    # except an offer verb that opens it ("save £20").
    near = [c for c in near if not start <= c[1] < c[2] <= end or (c[0] == "offer-verb" and c[1] == start)]
    kinds = {c[0] for c in near}
    against_kinds = ("fact", "remedy") if trigger.remedy_sensitive else ("fact",)
    future = _distance(start, end, [c for c in near if c[0] == "future"])
    against = _distance(start, end, [c for c in near if c[0] in against_kinds])
    if future is None and against is None and "review" not in kinds and _offer_verb_before(doc, start, first, near):
        future = 0
    if trigger.needs_future and future is None:
        return False
    if trigger.needs_offer and future is None and "offer" not in kinds:
        return False
    if against is not None and (future is None or against < future):
        return False
    return not _negated(doc, start, near)


def _take_in_future(end: int, near: list[_Cue]) -> int:
    """Stretch an amount off over the future purchase that follows it: "10% off your next order"."""
    reached = end
    for _, cue_start, cue_end in sorted(c for c in near if c[0] == "future"):
        # the first cue may follow a word later ("on all orders"); the next ones must overlap it
        if end <= cue_start <= reached + (_FUTURE_SPAN_REACH if reached == end else -1) and cue_end > reached:
            reached = cue_end
    return reached


def _distance(start: int, end: int, cues: list[_Cue]) -> int | None:
    """Tokens between ``[start, end)`` and the nearest cue; None without cues."""
    if not cues:
        return None
    return min(max(c[1] - end, start - c[2], 0) for c in cues)


def _after_word(trigger: _Trigger, doc: Doc, start: int, first: int) -> bool:
    """Whether the nearest telling word before the trigger is a not-after word ("we had to reorder")."""
    for token in reversed(doc[max(first, start - _NOT_AFTER_REACH) : start]):
        if token.lower_ in trigger.not_after:
            return True
        if token.lower_ in trigger.unless_after or token.is_punct:
            return False
    return False


def _offer_verb_before(doc: Doc, start: int, first: int, near: list[_Cue]) -> bool:
    """Whether an offer verb in command form leads up to the trigger: "Get 10% off", "and save £20".

    The verb opens the sentence or follows a linking word (cue:offer-lead); "I'll get him a
    voucher" is not an offer.
    """
    leads = {c[2] for c in near if c[0] == "offer-lead"}
    for kind, cue_start, cue_end in near:
        if kind != "offer-verb" or not cue_start <= start <= cue_end + _OFFER_VERB_REACH:
            continue
        if cue_start in leads or all(t.is_punct or t.is_space for t in doc[first:cue_start]):
            return True
    return False


def _negated(doc: Doc, start: int, near: list[_Cue]) -> bool:
    """Whether a statement in the same clause denies the trigger: "we do not send newsletters"."""
    if any(c[0] == "persuasion" for c in near):
        return False
    breaks = {c[1] for c in near if c[0] == "clause-break"}
    for kind, _, cue_end in near:
        if kind != "negation" or not cue_end <= start <= cue_end + _NEGATION_REACH:
            continue
        if not any(doc[i].is_punct or i in breaks for i in range(cue_end, start)):
            return True
    return False


# --- helpers ----------------------------------------------------------------------------------


def _widest(hits: list[Hit]) -> list[Hit]:
    """One finding per stretch of words: "voucher code VIP8" is a code, not also a voucher."""
    kept: list[Hit] = []  # disjoint, in text order: a new hit can only overlap its two neighbours
    starts: list[int] = []
    for hit in sorted(hits, key=lambda h: (h.start - h.end, h.start)):
        at = bisect_left(starts, hit.start)
        if (at > 0 and kept[at - 1].end > hit.start) or (at < len(kept) and kept[at].start < hit.end):
            continue
        kept.insert(at, hit)
        starts.insert(at, hit.start)
    return kept


def _segments(doc: Doc, text: str, sents: Sequence[Any]) -> list[int]:
    """Token indices where sentences and lines start, with ``len(doc)`` last."""
    starts = {s.start for s in sents}
    newline = text.find("\n")
    while newline >= 0:
        span = doc.char_span(newline, newline + 1, alignment_mode="expand")
        if span is not None:
            starts.add(span.end)
        newline = text.find("\n", newline + 1)
    starts.add(0)
    return [*sorted(s for s in starts if s < len(doc)), len(doc)]


def _is_gap(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is whitespace between two words of one line (left by spaced-out letters)."""
    token = doc[i]
    return (
        token.is_space
        and "\n" not in token.text
        and 0 < i < len(doc) - 1
        and doc[i - 1].is_alpha
        and doc[i + 1].is_alpha
    )


def _in_folded(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Characters of tokens [start, end) of the folded text's own Doc."""
    words = doc[start:end]
    return words.start_char, words.end_char


# --- disguised words read back ----------------------------------------------------------------


def _maybe_disguised(text: str) -> bool:
    """Whether a word may still be disguised: a cheap test before :data:`_DISGUISED` is run."""
    return (
        _MAYBE_LEET.search(text) is not None
        or "*" in text
        or (not text.isascii() and any(emoji in text for emoji in _EMOJI_WORDS))
    )


def _lexicon_words(entries: Sequence[LexiconEntry]) -> frozenset[str]:
    """Every word of the lexicon (phrases, pattern words, tag words): what a disguised word may be read as."""
    text: list[str] = []
    for entry in entries:
        text.extend(entry.all_phrases)
        text.extend(t.split(":", 1)[1] for t in entry.tags if ":" in t)
        for token in entry.pattern or ():
            for value in token.values():
                if isinstance(value, str):
                    text.append(value)
                elif isinstance(value, dict):
                    text.extend(str(v) for v in value.get("IN", ()))
    return frozenset(w for w in regex.split(r"[^a-z]+", " ".join(text).lower()) if len(w) >= _MIN_REREAD)


def _masked_index(words: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """Each word with one letter masked, to the words it may be: "c*de" -> code, "n*w" -> new, now."""
    index: dict[str, set[str]] = {}
    for word in words:
        for i in range(len(word)):
            index.setdefault(word[:i] + "*" + word[i + 1 :], set()).add(word)
    return {key: tuple(sorted(found)) for key, found in index.items()}


@dataclass(frozen=True, slots=True)
class _Reading:
    """The folded text with its disguised words read back, and the map to the folded text."""

    text: str
    view: FoldedText


def _through(reading: _Reading) -> _Locate:
    def locate(doc: Doc, start: int, end: int) -> tuple[int, int]:
        words = doc[start:end]
        return reading.view.to_original(words.start_char, words.end_char)

    return locate


def _rereadings(plan: _Plan, document: Document) -> list[_Reading]:
    """The readings of the folded text with each disguised word read as words of the lexicon; none
    when no disguised word reads as one. A word with several readings ("n*w") gives several texts."""
    text = document.folded.text
    # (start, end, readings) in the folded text
    changes: list[tuple[int, int, tuple[str, ...]]] = []
    if _MAYBE_SPACED.search(document.plain.text):
        changes.extend(_respaced(plan, document))
    if _runs_together(plan, text):
        changes.extend(_unglued(plan, document))
    if _maybe_disguised(text):
        taken = [(start, end) for start, end, _ in changes]
        for found in _DISGUISED.finditer(text):
            start, end = found.span()
            read = _read_word(plan, found.group())
            if read and all(end <= a or b <= start for a, b in taken):
                if found.group() in _EMOJI_WORDS:  # an emoji needs no space around it: "our🆕range"
                    read = _spaced_out(text, start, end, list(read))[2]
                changes.append((start, end, read))
    if not changes:
        return []
    changes.sort()
    readings = []
    for k in range(min(_MAX_READINGS, max(len(c[2]) for c in changes))):
        out: list[str] = []
        edits: list[tuple[int, int, int, int]] = []
        position = target = 0  # target: the length of the reading so far
        for start, end, read in changes:
            word = read[min(k, len(read) - 1)]
            out.append(text[position:start])
            target += start - position
            if not _letter_for_letter(word, text[start:end]):  # moved spaces map back whole
                edits.append((target, target + len(word), start, end))
            out.append(word)
            target += len(word)
            position = end
        out.append(text[position:])
        reread = "".join(out)
        readings.append(_Reading(reread, FoldedText(reread, text, (OffsetMap(edits),) if edits else ())))
    return readings


def _letter_for_letter(word: str, written: str) -> bool:
    """Whether ``word`` replaces ``written`` one character for one ("c*de" -> "code")."""
    return len(word) == len(written) and all((a == " ") == (b == " ") for a, b in zip(word, written, strict=True))


def _respaced(plan: _Plan, document: Document) -> Iterator[tuple[int, int, tuple[str, ...]]]:
    """Letters spaced out as written, joined and cut into the lexicon's words.

    The fold joins "a l s o" into "a lso" (an article before "lso") and "l a u n c h e d a" into
    one word, and leaves "F   R   E   E" spaced: the widest gaps of the run as written are where its
    words end, and the lexicon says where the words of one stretch of letters end.
    """
    folded, plain_view = document.folded, document.plain
    for run in _SPACED_RUN.finditer(plain_view.text):
        written = run.group()
        gaps = [(g.start(), g.end()) for g in _SEPARATORS.finditer(written)]
        widths = [written[a:b] for a, b in gaps]
        # A gap unlike the gaps on either side of it ends a word: "F   R   E   E      S   H".
        ends = [
            (i == 0 or widths[i - 1] != w) and (i == len(widths) - 1 or widths[i + 1] != w) and len(widths) > 1
            for i, w in enumerate(widths)
        ]
        bounds = [0, *(gaps[i][0] for i, end in enumerate(ends) if end), len(written)]
        starts = [0, *(gaps[i][1] for i, end in enumerate(ends) if end)]
        for start, bound in zip(starts, bounds[1:], strict=True):
            cut, end = _cut_spaced(plan, written, start, bound)
            if cut is None:
                continue
            first_char, end_char = plain_view.to_original(run.start() + start, run.start() + end)
            first, last = _folded_at(folded, first_char), _folded_at(folded, end_char)
            # the fold may have glued the letters to the word before: "you'd l i k e" -> "you'dlike"
            lead = " " if first > 0 and folded.text[first - 1].isalnum() else ""
            respaced = lead + " ".join(cut)
            if respaced != folded.text[first:last]:
                yield first, last, (respaced,)


def _cut_spaced(plan: _Plan, written: str, start: int, end: int) -> tuple[list[str] | None, int]:
    """The words of ``written[start:end]``, a word of spaced letters and the short words after it,
    and where they end: the short words the run took in after the letters ("a w a y a free mug")
    are let go one by one until the rest reads as words of the lexicon."""
    for _ in range(_MAX_TRAILING_WORDS + 1):
        # leet inside a word ("fr1e n d"), never a number of its own ("2 f o r 1 deal")
        letters = "".join(
            part if part.isdigit() else part.translate(_LEET_LETTERS)
            for part in _SEPARATORS.split(written[start:end].lower())
        )
        cut = _segment(plan, letters) or _segment(plan, _REPEATS.sub(r"\1", letters))
        if cut is not None:
            return cut, end
        gap = _LAST_GAP.search(written, start, end)
        if gap is None or gap.end() >= end - 1:  # a single letter ends it: the letters are the word
            return None, end
        end = gap.start()
    return None, end


def _folded_at(folded: FoldedText, original: int) -> int:
    """The first position of the folded text that comes from ``original`` or after it."""
    low, high = 0, len(folded.text)
    while low < high:
        middle = (low + high) // 2
        if folded.to_original(middle, middle + 1)[0] < original:
            low = middle + 1
        else:
            high = middle
    return low


@dataclass(frozen=True, slots=True)
class _RunTogether:
    """The lexicon's phrases of several words written without their spaces ("10%offyournextorder").

    Phrases of the letters a-z are looked up by their first seven letters at each place of each run of
    seven letters or more: an index costs milliseconds to build where one regex of the 3,000 phrases
    cost 0.13 s to compile, and a message is scanned as fast. Phrases with other letters (configured terms)
    keep a regex, tried from the start of each run of seven letters a-z.
    """

    by_start: dict[str, tuple[str, ...]]
    other: re.Pattern[str] | None

    @classmethod
    def of(cls, entries: Sequence[LexiconEntry], words: frozenset[str]) -> _RunTogether | None:
        """The phrases of two words or more and seven letters or more that are no word of the lexicon."""
        glued: set[str] = set()
        for entry in entries:
            phrases = entry.all_phrases if entry.pattern is None else pattern_as_phrases(list(entry.pattern)) or ()
            for phrase in phrases:
                parts = phrase.lower().split()
                joined = "".join(parts)
                if len(parts) > 1 and joined.isalpha() and len(joined) >= _MIN_RUN_TOGETHER and joined not in words:
                    glued.add(joined)
        if not glued:
            return None
        by_start: dict[str, list[str]] = {}
        trie: dict[str, Any] = {}
        for word in sorted(glued):
            if _PLAIN_LETTERS.fullmatch(word):
                by_start.setdefault(word[:_MIN_RUN_TOGETHER], []).append(word)
                continue
            node = trie
            for char in word:
                node = node.setdefault(char, {})
            node[""] = {}
        other = re.compile(rf"{_RUN_START}[a-z]*?(?:{_trie_pattern(trie)})") if trie else None
        return cls({start: tuple(found) for start, found in by_start.items()}, other)

    def search(self, text: str) -> bool:
        """Whether a run of letters in ``text`` holds one of the phrases."""
        if self.by_start:
            starts = self.by_start
            for run in _LONG_LETTER_RUN.findall(text):
                for i in range(len(run) - _MIN_RUN_TOGETHER + 1):
                    found = starts.get(run[i : i + _MIN_RUN_TOGETHER])
                    if found is not None and any(run.startswith(phrase, i) for phrase in found):
                        return True
        return self.other is not None and self.other.search(text) is not None


# Where a run of seven letters or more starts; a phrase of the letters a-z lies inside one.
_RUN_START = rf"(?<![a-z])(?=[a-z]{{{_MIN_RUN_TOGETHER}}})"
_LONG_LETTER_RUN = re.compile(rf"[a-z]{{{_MIN_RUN_TOGETHER},}}")
_PLAIN_LETTERS = re.compile("[a-z]+")


def _trie_pattern(node: dict[str, Any]) -> str:
    branches = [re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def _runs_together(plan: _Plan, text: str) -> bool:
    """Whether a run of letters holds a phrase of the lexicon without its spaces."""
    return plan.run_together is not None and plan.run_together.search(text)


def _unglued(plan: _Plan, document: Document) -> Iterator[tuple[int, int, tuple[str, ...]]]:
    """Runs of letters holding a phrase of the lexicon without its spaces, cut into words when
    every letter of the run belongs to a word of the lexicon (or to the code after "code")."""
    assert plan.run_together is not None
    text = document.folded.text
    cut_runs: list[tuple[int, int]] = []
    for run in _LETTER_RUN.finditer(text):
        letters = run.group()
        # the phrase shows the message is run together; its other long runs may hold its cues
        if len(letters) < _MIN_RUN_TOGETHER or (
            len(letters) < _LONGEST_ORDINARY_WORD and not plan.run_together.search(letters)
        ):
            continue
        cut = _segment(plan, letters) or _with_code(plan, letters)
        if cut is None or len(cut) < 2:
            continue
        cut_runs.append(run.span())
        yield _spaced_out(text, *run.span(), cut)
    # The fold reads an amount run into words as leet ("£10offyour" -> "£iooffyour"): the plain
    # text still has the number.
    for run in _AMOUNT_RUN.finditer(document.plain.text.lower()):
        letters = run.group(2)
        if len(letters) < _MIN_RUN_TOGETHER or (cut := _segment(plan, letters)) is None:
            continue
        start, end = document.plain.to_original(*run.span())
        first, last = _folded_at(document.folded, start), _folded_at(document.folded, end)
        if all(last <= a or b <= first for a, b in cut_runs):
            yield _spaced_out(text, first, last, [run.group(1), *cut])


def _spaced_out(text: str, start: int, end: int, words: list[str]) -> tuple[int, int, tuple[str, ...]]:
    """``text[start:end]`` replaced by ``words``, kept apart from what touches it."""
    lead = " " if start > 0 and not text[start - 1].isspace() else ""
    tail = " " if end < len(text) and (text[end].isalnum() or text[end] in _TOUCHING) else ""
    return start, end, (lead + " ".join(words) + tail,)


def _with_code(plan: _Plan, letters: str) -> list[str] | None:
    """``letters`` as words that end on "code" and the code itself: "usecodethankyou"."""
    for word in plan.code_words:
        at = letters.rfind(word)
        end = at + len(word)
        code = letters[end:]
        if at >= 0 and 0 < len(code) <= _LONGEST_CODE and (head := _segment(plan, letters[:end])) is not None:
            return [*head, letters[end:]]
    return None


def _segment(plan: _Plan, letters: str) -> list[str] | None:
    """``letters`` cut into the fewest words of the lexicon (function words too), or None."""
    # best[i]: (fewest words covering letters[i:], where the first of them ends); linear in the length.
    # Of two cuts as short, the one with the longer first word; a word is read on only while one can begin so.
    size = len(letters)
    best: list[tuple[int, int] | None] = [None] * size + [(0, size)]
    lexicon_words, function_words, word_starts = plan.words, plan.function_words, plan.word_starts
    for i in range(size - 1, -1, -1):
        here: tuple[int, int] | None = None
        for j in range(i + 1, min(size, i + _LONGEST_WORD) + 1):
            piece, rest = letters[i:j], best[j]
            known = piece in lexicon_words or piece in function_words
            if known and rest is not None and (here is None or rest[0] + 1 <= here[0]):
                here = (rest[0] + 1, j)
            if piece not in word_starts:
                break
        best[i] = here
    if best[0] is None:
        return None
    words, i = [], 0
    while i < size:
        step = best[i]
        assert step is not None
        words.append(letters[i : step[1]])
        i = step[1]
    return words


def _read_word(plan: _Plan, word: str) -> tuple[str, ...]:
    """The lexicon words a disguised word may be, with the trailing "!" it ends on kept."""
    emoji = _EMOJI_WORDS.get(word)
    if emoji is not None:
        return (emoji,)
    if word[0] == "@":  # "@shop" is a handle
        return ()
    read = _lexicon_readings(plan, word)
    core = word.rstrip("!|")
    if read or core == word or not core:
        return read
    # "n*w!": the "!" ends the sentence ("mult!-buy" was read whole above)
    return tuple(w + word[len(core) :] for w in _lexicon_readings(plan, core))


def _lexicon_readings(plan: _Plan, word: str) -> tuple[str, ...]:
    letters = word.replace(".", "")
    read: list[str] = []
    for table in (_LETTER_FOR, _OTHER_LETTER_FOR):
        spelled = "".join(table.get(c, c) for c in letters)
        if "*" in spelled:
            candidates = plan.masked.get(spelled, ())
        else:
            squeezed = _REPEATS.sub(r"\1", spelled) if len(spelled) > 3 else spelled
            candidates = tuple(w for w in (spelled, squeezed) if w in plan.words)[:1]
        read.extend(c for c in candidates if c not in read)
    return tuple(read)
