"""The message as a whole: its type, timing, length, format, language, attachments and subject.

See msglint/rules/messaging.toml. Most rules read metadata (``msglint.Message``'s fields) against the
policy pack's numbers (``[windows]``, ``[attachments]``, ``[message-types.*]``); a finding about
metadata is empty, at 0, and names its ``field``. The engine keeps a rule whose fields are missing
from running (``Rule.needs``). The few rules that read the text weigh cues from the lexicon
``messaging.jsonl``: a cue alone is never a finding.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import regex
from spacy.tokens import Doc

from msglint.checkers.base import Checker, CheckerContext, Hit, LexiconEntry, RulesFile, add_entries
from msglint.config import REPLY, AttachmentLimits, MessageType, Windows
from msglint.document import Document
from msglint.engine.detect import Detected
from msglint.engine.language import language
from msglint.engine.patterns import pattern_problem
from msglint.models import Message
from msglint.nlp import Pipeline
from msglint.templates import front_matter_end

# Emoji: pictographs with their modifiers and joiners, and flags; not ©, ® or ™, which are text.
_EMOJI = regex.compile(
    r"\p{Regional_Indicator}{2}"
    r"|(?![©®™])\p{Extended_Pictographic}(?:[\uFE0F\u200D\p{Emoji_Modifier}]|(?![©®™])\p{Extended_Pictographic})*"
)
# A GIF shown or linked in the text: a link or image source ending in .gif.
_GIF_LINK = regex.compile(r"(?:https?://|www\.)[^\s\"'<>]*?\.gif\b", regex.IGNORECASE)
# HTML tags of the elements mail and web pages use, and character entities.
_HTML = regex.compile(
    r"<\s*/?\s*(?:a|abbr|b|blockquote|body|br|center|code|div|em|font|h[1-6]|head|hr|html|i|img|li|ol|p|pre"
    r"|s|small|span|strike|strong|style|sub|sup|table|tbody|td|th|thead|tr|u|ul)\b(?:\s[^<>]*)?/?\s*>"
    r"|&(?:nbsp|amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-f]+);",
    regex.IGNORECASE,
)
_FONT_SIZE = regex.compile(
    r"font-size\s*:\s*(?P<size>[^;\"'>]+?)\s*(?=[;\"'>])|<font\b[^>]*\bsize\s*=\s*[\"']?(?P<size>[^\"'\s>]+)",
    regex.IGNORECASE,
)
_CENTRED = regex.compile(r"text-align\s*:\s*center|<center\b|\balign\s*=\s*[\"']?center", regex.IGNORECASE)
_LINE_BREAKS = regex.compile(r"(?:<br\s*/?>\s*){3,}", regex.IGNORECASE)
_HTTP_IMAGE = regex.compile(r"<img\b[^>]*\bsrc\s*=\s*[\"']?http://[^>]*>", regex.IGNORECASE)
_LINKED_LOGO = regex.compile(r"<a\b[^>]*\bhref\s*=[^>]*>\s*<img\b[^>]*logo[^>]*>", regex.IGNORECASE)
# The "[Important]" flag: important in brackets, or leading the subject as a label.
_IMPORTANT = regex.compile(r"[\[(【{]\s*important\s*[\])】}]|^\W*important\s*[:!|–—-]", regex.IGNORECASE)
_GREETING_WORDS = 5  # a sentence this short around a greeting is a greeting or a sign-off
_SIGNATURE_WORDS = 4  # a signature after a sign-off: "The Birchline team"
#: What the lexicon's tags mean to this checker (see the head of lexicons/en/messaging.jsonl).
CUE_TAGS = frozenset(
    {"courtesy", "greeting", "purpose", "confirmation", "review-request", "cancel-request", "cancellation", "condition"}
)


@dataclass(frozen=True)
class Cue:
    """A lexicon match the checker weighs: its tag and where it is, in tokens and folded characters."""

    tag: str
    start: int
    end: int
    start_char: int
    end_char: int


class MessagingChecker(Checker):
    """Checks the message as a whole against the pack's message types, windows and attachment limits."""

    id = "messaging"
    rules = RulesFile("messaging")  # type: ignore[assignment]
    lexicon = "messaging"

    def __init__(self, context: CheckerContext | None = None) -> None:
        super().__init__(context)
        pack = self.context.pack
        self.types: dict[str, MessageType] = dict(pack.message_types) if pack is not None else {}
        self.windows: Windows | None = pack.windows if pack is not None else None
        self.limits: AttachmentLimits | None = pack.attachments if pack is not None else None
        self._entries: dict[str, tuple[LexiconEntry, ...]] = {}
        self._codes = frozenset(rule.code for rule in self.rules)

    def prepare(self, pipeline: Pipeline) -> None:
        self._entries[pipeline.lang] = add_entries(pipeline, self.id, self.lexicon_entries(pipeline.lang, self.lexicon))

    def lexicon_problems(self, name: str, entries: Sequence[LexiconEntry]) -> Iterator[tuple[int | None, str]]:
        """The base's problems, a token pattern spaCy would reject, and a line without one known tag."""
        yield from super().lexicon_problems(name, entries)
        for index, entry in enumerate(entries):
            if entry.pattern is not None and (problem := pattern_problem(entry.pattern)) is not None:
                yield index, problem
            if not entry.tags or not set(entry.tags) <= CUE_TAGS:
                yield index, f"tags {list(entry.tags)}: expected one or more of {sorted(CUE_TAGS)}"

    def check(self, document: Document) -> Iterable[Hit]:
        if document.is_reading:
            return  # the message's metadata and format are checked once, on the message itself
        running = self._codes - document.not_run
        if not running:
            return  # a message without metadata costs nothing here
        message = document.message
        kind = self.types.get(message.message_type or "")
        if running & {"TIM001", "TIM002", "TIM003", "TIM004"}:
            yield from self._timing(document, kind)
        yield from self._type_limits(document, kind)
        yield from self._attachments(message, kind)
        if running & {"FMT001", "FMT002", "FMT003"}:
            yield from self._format(document)
        if running & {"CNT001", "CNT002", "CNT003"}:
            yield from self._content(document, kind)
        if message.subject is not None and _IMPORTANT.search(message.subject):
            yield Hit("SUB001", 0, 0, "original", field="subject")
        if _language_differs(message, document.detected):
            yield Hit("LNG001", 0, 0, "original", field="buyer.locale")
        if message.buyer is not None and message.buyer.opted_out and kind is not None and not kind.critical:
            yield Hit("OPT001", 0, 0, "original", field="buyer.opted_out")

    # --- timing --------------------------------------------------------------------------------

    def _timing(self, document: Document, kind: MessageType | None) -> Iterator[Hit]:
        message, windows = document.message, self.windows
        if windows is None:
            return
        sent, order = message.sent_at, message.order
        if sent is not None and order is not None and _direction(message, kind) == "proactive":
            since = order.delivered_at or order.purchased_at
            if (
                windows.proactive_days is not None
                and since is not None
                and sent > since + timedelta(days=windows.proactive_days)
            ):
                yield Hit(
                    "TIM001",
                    0,
                    0,
                    "original",
                    message=_late("proactive message", sent, since, "delivery" if order.delivered_at else "purchase"),
                    field="sent_at",
                )
        review_request = self._is_review_request(document, kind)
        if review_request and sent is not None and order is not None:
            earliest = order.earliest_delivery_at or order.delivered_at
            latest = order.latest_delivery_at or order.delivered_at
            start, until = windows.review_request_from_days, windows.review_request_until_days
            if start is not None and earliest is not None and sent < earliest + timedelta(days=start):
                days = start
                note = f"This review request is sent before {days} days after the earliest delivery date."
                yield Hit("TIM002", 0, 0, "original", message=note, field="sent_at")
            elif until is not None and latest is not None and sent > latest + timedelta(days=until):
                days = until
                note = f"This review request is sent later than {days} days after the latest delivery date."
                yield Hit("TIM002", 0, 0, "original", message=note, field="sent_at")
        prior = message.prior
        if review_request and prior is not None and windows.max_proactive_per_order is not None:
            earlier = (prior.review_requests or 0) + (prior.proactive or 0)
            if earlier >= windows.max_proactive_per_order:
                yield Hit("TIM003", 0, 0, "original", field="prior")
        received = message.reply_to.received_at if message.reply_to is not None else None
        hours = windows.reply_hours
        if hours is not None and sent is not None and received is not None and sent - received > timedelta(hours=hours):
            yield Hit(
                "TIM004",
                0,
                0,
                "original",
                message=_late("reply", sent, received, "the buyer's message"),
                field="sent_at",
            )

    def _is_review_request(self, document: Document, kind: MessageType | None) -> bool:
        """The review-request type, or a proactive message with a neutral review request in its text."""
        if kind is not None and kind.review_request:
            return True
        return _direction(document.message, kind) == "proactive" and any(
            cue.tag == "review-request" for cue in self._cues(document)
        )

    # --- type, attachments, format ---------------------------------------------------------------

    def _type_limits(self, document: Document, kind: MessageType | None) -> Iterator[Hit]:
        text = document.source
        # A template file's front matter describes the message; it is not part of it.
        body = front_matter_end(text) if document.template is not None else 0
        if kind is None or kind.max_characters is None or not text[body:].strip():
            return
        if kind.max_characters == 0:
            yield Hit("TYP002", body, len(text), "original", field="text")
        elif len(text) - body > kind.max_characters:
            note = f"This text has {len(text) - body:,} characters; this message type allows {kind.max_characters:,}."
            yield Hit("TYP001", body + kind.max_characters, len(text), "original", message=note, field="text")

    def _attachments(self, message: Message, kind: MessageType | None) -> Iterator[Hit]:
        attachments, limits = message.attachments, self.limits
        most = kind.max_attachments if kind is not None and kind.max_attachments is not None else None
        if limits is not None:
            most = limits.max_count if most is None else min(most, limits.max_count)
        allowed = (kind.attachment_types if kind is not None else ()) or (limits.content_types if limits else ())
        for index, attachment in enumerate(attachments):
            where = f"attachments[{index}]"
            if most is not None and index >= most:
                note = (
                    "This message type carries no attachments."
                    if most == 0
                    else f"At most {most} attachments are allowed."
                )
                yield Hit("ATT001", 0, 0, "original", message=note, field=where)
            elif allowed and attachment.content_type is not None and attachment.content_type not in allowed:
                note = f"Files of type {attachment.content_type} are not allowed here."
                yield Hit("ATT001", 0, 0, "original", message=note, field=f"{where}.content_type")
            if _is_gif(attachment.filename, attachment.content_type):
                yield Hit("FMT002", 0, 0, "original", field=where)
        sizes = [a.size_bytes for a in attachments if a.size_bytes is not None]
        if limits is not None and sum(sizes) > limits.max_total_bytes:
            note = f"The attachments add up to {sum(sizes):,} bytes; at most {limits.max_total_bytes:,} are allowed."
            yield Hit("ATT001", 0, 0, "original", message=note, field="attachments")

    def _format(self, document: Document) -> Iterator[Hit]:
        message, text = document.message, document.text
        for found in (*_EMOJI.finditer(text), *_GIF_LINK.finditer(text)):
            yield Hit("FMT002", found.start(), found.end(), "original")
        if message.body_format == "text":
            for found in _HTML.finditer(text):
                yield Hit("FMT001", found.start(), found.end(), "original")
        if message.body_format == "html":
            yield from _html_styling(text)

    # --- what the text is about -------------------------------------------------------------------

    def _content(self, document: Document, kind: MessageType | None) -> Iterator[Hit]:
        cues = self._cues(document)
        yield from self._cancel_requests(document, cues)
        if _direction(document.message, kind) != "proactive":
            return
        confirmations = [c for c in cues if c.tag == "confirmation"]
        purposes = [
            c for c in cues if c.tag in ("purpose", "review-request") and not any(_overlap(c, o) for o in confirmations)
        ]
        if purposes:
            return
        if confirmations:
            first = confirmations[0]
            yield Hit("CNT002", first.start_char, first.end_char)
            return
        courtesy = [c for c in cues if c.tag == "courtesy"]
        if courtesy and self._only_courtesy(document, cues):
            yield Hit("CNT001", courtesy[0].start_char, courtesy[0].end_char)

    def _only_courtesy(self, document: Document, cues: list[Cue]) -> bool:
        """Whether every sentence thanks, offers help, greets or signs off."""
        signed_off = False  # after "Kind regards," come only names: "Anna", "The Birchline team"
        for sentence in document.sents:
            inside = [c for c in cues if sentence.start <= c.start < sentence.end]
            words = sum(token.is_alpha for token in sentence)
            if not words or any(c.tag == "courtesy" for c in inside):
                continue
            if any(c.tag == "greeting" for c in inside) and words <= _GREETING_WORDS:
                signed_off = sentence.start > 0
                continue
            if words <= (_SIGNATURE_WORDS if signed_off else 2):  # a name on its own ("Anna")
                continue
            return False
        return True

    def _cancel_requests(self, document: Document, cues: list[Cue]) -> Iterator[Hit]:
        """A request to cancel: asked (please, could you, we need you to) about a cancellation, in a
        sentence that does not make it the buyer's choice (if you wish) and is not negated."""
        doc = document.doc
        negations = frozenset(language(document.lang).words.negations)  # msglint/lang/<code>.toml
        for sentence in document.sents:
            inside = [c for c in cues if sentence.start <= c.start < sentence.end]
            if any(c.tag == "condition" for c in inside):
                continue
            for ask in (c for c in inside if c.tag == "cancel-request"):
                about = [c for c in inside if c.tag == "cancellation" and c.start >= ask.start]
                negated = _negated(doc, ask, sentence.start, sentence.end, negations)
                if about and not negated:
                    yield Hit("CNT003", ask.start_char, max(ask.end_char, about[0].end_char))
                    break

    def _cues(self, document: Document) -> list[Cue]:
        entries = self._entries[document.lang]
        doc = document.doc
        found = []
        for label, start, end in document.matches(self.id):
            entry = entries[int(label.rsplit(":", 1)[1])]
            span = doc[start:end]
            found.extend(Cue(tag, start, end, span.start_char, span.end_char) for tag in entry.tags)
        return sorted(found, key=lambda c: (c.start, c.end))


def _direction(message: Message, kind: MessageType | None) -> str | None:
    """Whether the seller writes first: as the caller says, else as the message type is sent."""
    if message.direction is not None:
        return message.direction
    if message.message_type == REPLY:
        return "reply"
    return kind.direction if kind is not None else None


def _language_differs(message: Message, detected: Detected | None) -> bool:
    """The message's language against the buyer's locale, by base language (en-US and en-GB agree): the
    language as given, else as detected with confidence. A ``default`` language (a text too short to
    tell, a model not sure) is a guess, and a guess never raises LNG001."""
    locale = message.buyer.locale if message.buyer is not None else None
    if locale is None:
        return False
    if message.language is not None:
        language = message.lang
    elif detected is not None and detected.source == "detected":
        language = detected.language.split("-", 1)[0]
    else:
        return False
    return language != locale.split("-", 1)[0]


def _negated(doc: Doc, ask: Cue, start: int, end: int, negations: frozenset[str]) -> bool:
    """A negation in the ask's clause: up to 3 words before it ("please don't cancel"), in it, or up to 2
    after it ("bitte stornieren Sie nicht"), never past a comma or other punctuation."""
    before = []
    for token in reversed(doc[max(start, ask.start - 3) : ask.start]):
        if token.is_punct:
            break
        before.append(token)
    after = []
    for token in doc[ask.end : min(end, ask.end + 2)]:
        if token.is_punct:
            break
        after.append(token)
    return any(t.lower_ in negations for t in (*before, *doc[ask.start : ask.end], *after))


def _is_gif(filename: str, content_type: str | None) -> bool:
    return content_type == "image/gif" or filename.lower().endswith(".gif")


def _overlap(a: Cue, b: Cue) -> bool:
    return a.start < b.end and b.start < a.end


def _late(what: str, sent: datetime, since: datetime, since_what: str) -> str:
    hours = (sent - since).total_seconds() / 3600
    amount = f"{hours / 24:.0f} days" if hours >= 48 else f"{hours:.0f} hours"
    return f"This {what} is sent {amount} after {since_what}, later than the policy allows."


def _html_styling(text: str) -> Iterator[Hit]:
    """FMT003: font sizes past the third, centred text, runs of line breaks, http images, linked logos."""
    sizes: list[str] = []
    for found in _FONT_SIZE.finditer(text):
        size = (found.group("size") or "").strip().lower()
        if size not in sizes:
            sizes.append(size)
            if len(sizes) > 3:
                yield Hit("FMT003", found.start(), found.end(), "original", message="More than 3 font sizes are used.")
    for pattern, note in (
        (_CENTRED, "Centred text is not allowed."),
        (_LINE_BREAKS, "More than 2 consecutive line breaks are not allowed."),
        (_HTTP_IMAGE, "Images must load over https, not http."),
        (_LINKED_LOGO, "A logo that links out is not allowed."),
    ):
        for found in pattern.finditer(text):
            yield Hit("FMT003", found.start(), found.end(), "original", message=note)
