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
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import regex
from spacy.tokens import Doc

from msglint.checkers.base import CheckerContext, Hit, LexiconEntry, PatternChecker, RulesFile, load_lexicon
from msglint.normalize import plain

if TYPE_CHECKING:
    from spacy.tokens import Token

    from msglint.document import Document
    from msglint.nlp import Pipeline

# A promotion code as written: letters and digits, with a digit or in capitals ("SAVE10", "WELCOME").
_CODE_SHAPE = regex.compile(r"[A-Za-z0-9][A-Za-z0-9_\-]{2,24}")
# Punctuation allowed between "code" and the code itself: code: "SAVE10".
_CODE_LEAD = frozenset(":\"'“”‘’=-")
# A percentage glued into one token: "10%off", "1O%" (a letter O for a zero folds to "io%").
_GLUED_PERCENT = regex.compile(r"(?<![\w%])[0-9oil]{1,3}%(?:off|discount)?(?![\w%])")
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

# (kind, first token, token past the last)
_Cue = tuple[str, int, int]
# (lexicon line, first token, token past the last)
_Match = tuple[int, int, int]


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
    triggers: dict[int, _Trigger]
    cues: dict[int, str]
    cues_before_amount: frozenset[int]
    glued: int | None


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
    rules = RulesFile("promotional")  # type: ignore[assignment]
    lexicon = "promotional"

    def __init__(self, context: CheckerContext | None = None) -> None:
        super().__init__(context)
        self._plans: dict[str, _Plan] = {}

    def prepare(self, pipeline: Pipeline) -> None:
        own = {rule.code for rule in self.rules}
        entries = list(load_lexicon(pipeline.lang, self.lexicon, self.lexicon_package))
        for code, terms in self.context.extra_terms.items():
            if code in own and terms:
                entries.append(LexiconEntry(rule=code, phrases=tuple(terms), tags=("config",)))
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
            triggers=triggers,
            cues=cues,
            cues_before_amount=frozenset(i for i in cues if "before-amount" in entries[i].tags),
            glued=next((i for i, t in enumerate(entries) if "glued" in t.tags), None),
        )

    def check(self, document: Document) -> Iterable[Hit]:
        plan = self._plans[document.lang]
        doc = document.doc
        text = document.folded.text
        matches = [(_index(label), start, end) for label, start, end in document.matches(self.id)]
        if plan.glued is not None and "%" in text:
            matches.extend(_glued_percents(doc, text, plan.glued))
        hits: list[Hit] = []
        if any(index in plan.triggers for index, _, _ in matches):
            segments = _segments(doc, text, document.sents)
            hits.extend(self._hits(document, plan, doc=doc, matches=matches, segments=segments))
        if "  " in text and _WORD_GAP.search(text) and plan.pipeline.nlp.vocab is doc.vocab:
            hits.extend(self._hits_across_gaps(document, plan))
        return _widest(hits) if len(hits) > 1 else hits

    # --- deciding -----------------------------------------------------------------------------

    def _hits(
        self,
        document: Document,
        plan: _Plan,
        *,
        doc: Doc,
        matches: Sequence[_Match],
        segments: list[int],
        token_map: Sequence[int] | None = None,
    ) -> Iterator[Hit]:
        """Hits of the triggers among ``matches`` in ``doc``; ``token_map`` maps its tokens to
        ``document.doc``'s when ``doc`` is a re-spaced copy."""
        context = _context(plan, doc, matches)
        problem = any(c[0] == "problem" for c in context.cues)
        for index, start, end in matches:
            trigger = plan.triggers.get(index)
            if trigger is None or (trigger.problem_sensitive and problem):
                continue
            k = bisect_right(segments, start) - 1
            first, last = segments[k], segments[k + 1]
            span = _shape(trigger, doc, (start, end), (first, last), context)
            if span is None:
                continue
            near = [c for c in context.cues if first <= c[1] and c[2] <= last]
            if not _fires(trigger, doc, (start, end), first, near):
                continue
            begin, finish = span
            if trigger.needs_future:
                finish = _take_in_future(finish, near)
            if trigger.takes_code:
                coded = _code_end(document, doc, finish, last, token_map)
                if coded is None and trigger.needs_code:
                    continue
                finish = coded or finish
            if token_map is not None:
                begin, finish = token_map[begin], token_map[finish - 1] + 1
            words = document.doc[begin:finish]
            yield Hit(trigger.rule, words.start_char, words.end_char, "folded", trigger.message, trigger.suggestion)

    # --- spaced-out words ---------------------------------------------------------------------

    def _hits_across_gaps(self, document: Document, plan: _Plan) -> Iterator[Hit]:
        """Match again with the whitespace between spaced-out words removed.

        "F R E E  S H I P P I N G" folds to "free  shipping", two words with a whitespace token
        between them that the shared matchers do not skip. Only hits spanning such a gap are new.
        """
        doc = document.doc
        keep = [t.i for t in doc if not _is_gap(doc, t.i)]
        if len(keep) == len(doc):
            return
        words = [doc[i].text for i in keep]
        spaces = [bool(doc[i].whitespace_) or (i + 1 < len(doc) and _is_gap(doc, i + 1)) for i in keep]
        joined = Doc(doc.vocab, words=words, spaces=spaces)
        matches = [(_index(label), start, end) for label, start, end in plan.pipeline.match(joined).get(self.id, [])]

        def bridges_gap(match: _Match) -> bool:
            return keep[match[2] - 1] - keep[match[1]] != match[2] - match[1] - 1

        if not any(m[0] in plan.triggers and bridges_gap(m) for m in matches):
            return
        segments = _segments(joined, joined.text, list(plan.pipeline.sentencize(joined).sents))
        kept = [m for m in matches if m[0] in plan.cues or bridges_gap(m)]
        yield from self._hits(document, plan, doc=joined, matches=kept, segments=segments, token_map=keep)


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


def _glued_percents(doc: Doc, text: str, index: int) -> Iterator[_Match]:
    """Matches for percentages the tokenizer keeps in one token: "10%off", "io% off"."""
    for found in _GLUED_PERCENT.finditer(text):
        span = doc.char_span(found.start(), found.end())
        if span is None or len(span) != 1:
            continue  # "10%" is two tokens, and the phrases see it
        after = span.end
        if found.group().endswith("%") and after < len(doc) and doc[after].lower_ in ("off", "discount"):
            yield index, span.start, after + 1
        elif not found.group().endswith("%"):
            yield index, span.start, after


def _code_end(document: Document, doc: Doc, end: int, last: int, token_map: Sequence[int] | None) -> int | None:
    """End of a promotion code right after ``end`` ("promo code: SAVE10"), or None."""
    i = end
    while i < last and doc[i].text in _CODE_LEAD:
        i += 1
    if i < last and i - end <= 2 and _is_code(document, doc[i], token_map[i] if token_map else i):
        return i + 1
    return None


def _is_code(document: Document, token: Token, original_index: int) -> bool:
    """Whether a token, as the seller wrote it, looks like a promotion code."""
    if token.is_stop or (token.like_num and len(token) < 4):
        return False
    folded = document.doc[original_index]
    start, end = document.to_original("folded", folded.idx, folded.idx + len(folded))
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
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start - h.end, h.start)):
        if all(hit.end <= k.start or k.end <= hit.start for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: h.start)


def _index(label: str) -> int:
    return int(label[label.rfind(":") + 1 :])


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
