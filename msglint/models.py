"""The values that cross msglint's API boundary: messages in, findings and reports out.

Every model is a frozen pydantic model with ``extra="forbid"``: findings are values, not
records to be patched, and a misspelt field is an error that names the field.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    computed_field,
    field_validator,
    model_validator,
)

#: Version of the JSON shape produced by :meth:`Report.to_json` and the CLI's JSON formats.
SCHEMA_VERSION = "1.0"


class Category(StrEnum):
    """What kind of policy a rule protects. These values never change meaning."""

    PROMOTIONAL = "promotional"
    EXTERNAL_CONTACT = "external-contact"
    REVIEW_MANIPULATION = "review-manipulation"
    ABUSIVE = "abusive"
    #: the message as a whole: its type, timing, length, format, language, attachments, subject
    MESSAGING = "messaging"


class Severity(StrEnum):
    """How bad a finding is. ``error`` blocks a message, ``warning`` asks for a human look."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Ordering key: higher is more severe."""
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}


class Verdict(StrEnum):
    """What a seller tool should do with the message."""

    ALLOW = "allow"
    REVIEW = "review"
    BLOCK = "block"


_FROZEN = ConfigDict(frozen=True, extra="forbid")


def _utc(moment: datetime) -> datetime:
    # A time without a zone is read as UTC, the zone marketplaces' order APIs report in.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


#: A point in time; one without a zone (``2026-11-20T10:00:00``) is read as UTC.
Moment = Annotated[datetime, AfterValidator(_utc)]


class Attachment(BaseModel):
    """A file sent with a message. Only its description is linted, never its bytes."""

    model_config = _FROZEN

    filename: str = Field(min_length=1)
    content_type: str | None = None
    size_bytes: int | None = Field(default=None, ge=0)


class OrderDates(BaseModel):
    """When the order the message is about was bought, shipped and delivered (or is due)."""

    model_config = _FROZEN

    purchased_at: Moment | None = None
    shipped_at: Moment | None = None
    delivered_at: Moment | None = None
    earliest_delivery_at: Moment | None = None
    latest_delivery_at: Moment | None = None


class ReplyTo(BaseModel):
    """The buyer's message this one answers."""

    model_config = _FROZEN

    received_at: Moment | None = None


class PriorMessages(BaseModel):
    """How many messages the seller sent for this order before this one."""

    model_config = _FROZEN

    proactive: int | None = Field(default=None, ge=0, description="free-form proactive messages")
    review_requests: int | None = Field(default=None, ge=0)


class Buyer(BaseModel):
    """What the seller knows of the buyer's messaging preferences."""

    model_config = _FROZEN

    locale: str | None = Field(default=None, description="language of preference, BCP 47 (de-DE)")
    opted_out: bool | None = Field(default=None, description="opted out of unsolicited messages")

    @field_validator("locale", mode="before")
    @classmethod
    def _bcp47(cls, value: Any) -> Any:
        return normalize_language(value) if isinstance(value, str) else value


class Message(BaseModel):
    """A draft message and what is known about it.

    Only ``text`` is required. ``language`` picks the tokenizer and lexicons. The rest is metadata
    for the ``messaging`` rules (type, timing, format, buyer, attachments): each is optional, and a
    rule whose fields are missing does not run (the report lists it in ``not_run``). Plain dicts are
    accepted for the nested fields; a time without a zone is read as UTC.
    """

    model_config = _FROZEN

    text: str
    id: str | None = None
    language: str | None = Field(
        default=None, description="BCP 47 tag (en, de-DE, pt_BR read as pt-BR); None: the default language"
    )
    marketplace: str | None = Field(default=None, description="e.g. amazon.com, amazon.de")
    message_type: str | None = Field(
        default=None, description="one of the policy pack's message types (confirmCustomizationDetails), or reply"
    )
    order_id: str | None = None
    created_at: Moment | None = None
    sent_at: Moment | None = None
    direction: Literal["proactive", "reply"] | None = Field(
        default=None, description="proactive: the seller writes first; reply: an answer to the buyer"
    )
    subject: str | None = None
    body_format: Literal["text", "html"] | None = None
    order: OrderDates | None = None
    reply_to: ReplyTo | None = None
    prior: PriorMessages | None = None
    buyer: Buyer | None = None
    attachments: tuple[Attachment, ...] = ()

    @field_validator("text", mode="before")
    @classmethod
    def _text_is_str(cls, value: Any) -> Any:
        if not isinstance(value, str):
            raise ValueError(f"text must be a str, not {type(value).__name__}")
        return value

    @field_validator("language", mode="before")
    @classmethod
    def _bcp47(cls, value: Any) -> Any:
        return normalize_language(value) if isinstance(value, str) else value

    @property
    def lang(self) -> str:
        """The base language code (``de`` for ``de-AT``), as spaCy names its tokenizers."""
        return (self.language or DEFAULT_LANGUAGE).split("-", 1)[0]

    def has(self, path: str) -> bool:
        """Whether the field at a dotted ``path`` (``order.delivered_at``) is given; ``a|b``: either is.

        An empty list of attachments, an empty subject and a missing table all count as not given.
        """
        return any(self._given(alternative.split(".")) for alternative in path.split("|"))

    def _given(self, parts: list[str]) -> bool:
        value: Any = self
        for part in parts:
            value = getattr(value, part, None)
            if value is None:
                return False
        return value not in ((), "")


#: The language of a message that names none.
DEFAULT_LANGUAGE = "en"

# BCP 47 (RFC 5646) language tags: an ISO 639 language (two or three letters; the longer subtags BCP 47
# reserves are registered for no language), then script, region, variants, extensions and private use.
# Grandfathered tags are not accepted.
_BCP47 = re.compile(
    r"""(?P<language>[a-z]{2,3}(?:-[a-z]{3}){0,3})
    (?:-(?P<script>[a-z]{4}))?
    (?:-(?P<region>[a-z]{2}|[0-9]{3}))?
    (?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*
    (?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*
    (?:-x(?:-[a-z0-9]{1,8})+)?""",
    re.VERBOSE,
)


def normalize_language(tag: str) -> str:
    """A language tag in BCP 47's canonical case (``de-DE``, ``zh-Hant-TW``); ``_`` is read as ``-``.

    Raises ValueError, saying what is expected, for anything that is not a language tag.
    """
    cleaned = tag.strip().replace("_", "-").lower()
    match = _BCP47.fullmatch(cleaned)
    if match is None:
        raise ValueError(f"expected a BCP 47 language tag such as 'en', 'de-DE' or 'pt-BR', got {tag!r}")
    parts = cleaned.split("-")
    script, region = match.group("script"), match.group("region")
    if script:
        parts[parts.index(script)] = script.title()
    if region and region.isalpha():
        parts[parts.index(region, 1)] = region.upper()
    return "-".join(parts)


class Span(BaseModel):
    """Where a finding is, in the text the seller wrote.

    ``start``/``end`` are character (code point) offsets, end exclusive, and are the truth;
    line and column (1-based) are derived from them by :meth:`in_text`.
    """

    model_config = _FROZEN

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    line: int = Field(ge=1)
    column: int = Field(ge=1)
    end_line: int = Field(ge=1)
    end_column: int = Field(ge=1, description="1-based column just past the last character")

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before its start {self.start}")
        return self

    @classmethod
    def in_text(cls, text: str, start: int, end: int) -> Span:
        """The span ``text[start:end]`` with its line and column worked out."""
        return LineIndex(text).span(start, end)


class LineIndex:
    """Where each line of a text starts, so that many spans cost a bisection each, not a scan."""

    __slots__ = ("_starts",)

    def __init__(self, text: str) -> None:
        # \r\n, \r and \n each end a line, as editors count them.
        self._starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset."""
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def line_range(self, line: int, length: int) -> tuple[int, int]:
        """Where 1-based ``line`` starts, and where the next one starts (``length`` for the last line)."""
        return self._starts[line - 1], self._starts[line] if line < len(self._starts) else length

    def span(self, start: int, end: int) -> Span:
        line, column = self.position(start)
        end_line, end_column = self.position(end)
        return Span(start=start, end=end, line=line, column=column, end_line=end_line, end_column=end_column)


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class Finding(BaseModel):
    """One place in a message that breaks one rule."""

    model_config = _FROZEN

    rule: str = Field(pattern=r"^[A-Z]{2,4}[0-9]{3}$", description="stable code, e.g. REV001")
    name: str = Field(description="stable slug, e.g. positive-review-request")
    category: Category | None = Field(description="None for the engine's own rules (MSG…)")
    severity: Severity
    message: str
    span: Span
    text: str = Field(description="exactly original_text[span.start:span.end]")
    suggestion: str | None = None
    policy: str | None = Field(default=None, description="clause id, e.g. amazon:no-external-links")
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    field: str | None = Field(
        default=None, description="for a finding about metadata: the field, e.g. sent_at or attachments[5]"
    )


class Report(BaseModel):
    """Everything msglint found in one message, ordered by where it starts."""

    model_config = _FROZEN

    schema_version: str = SCHEMA_VERSION
    policy: str
    message_id: str | None = None
    findings: tuple[Finding, ...] = ()
    language: str | None = Field(default=None, description="the language the message was checked as")
    language_source: Literal["given", "detected", "default"] | None = Field(
        default=None, description="how that language was found: given by the caller, detected, or the default"
    )
    not_run: tuple[str, ...] = Field(
        default=(), description="codes of selected rules that did not run: fields they need were not given"
    )

    @field_validator("findings")
    @classmethod
    def _ordered(cls, findings: tuple[Finding, ...]) -> tuple[Finding, ...]:
        return tuple(sorted(findings, key=lambda f: (f.span.start, f.span.end, f.rule)))

    @computed_field  # type: ignore[prop-decorator]
    @property
    def ok(self) -> bool:
        """True when nothing was found at severity ``error``."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def verdict(self) -> Verdict:
        """``block`` on any error, ``review`` on any warning, else ``allow``."""
        worst = max((f.severity.rank for f in self.findings), default=0)
        if worst >= Severity.ERROR.rank:
            return Verdict.BLOCK
        if worst >= Severity.WARNING.rank:
            return Verdict.REVIEW
        return Verdict.ALLOW

    def worst_severity(self) -> Severity | None:
        """The most severe finding's severity, or None for a clean message."""
        return max((f.severity for f in self.findings), key=lambda s: s.rank, default=None)

    def to_json(self, *, indent: int | None = None) -> str:
        """The report as JSON, with ``schema_version``, ``ok`` and ``verdict`` included."""
        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False, indent=indent)


def describe_validation_error(exc: ValidationError) -> str:
    """The first problem of a pydantic error in one line: ``field 'language': ... (got 'xx_')``."""
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"]) or "message"
    message = error["msg"].removeprefix("Value error, ")
    got = repr(error.get("input"))
    return f"field '{where}': {message} (got {got[:60]})"


class RuleExamples(BaseModel):
    """Messages that must and must not trigger a rule; the test suite runs every one."""

    model_config = _FROZEN

    violating: tuple[str, ...] = ()
    compliant: tuple[str, ...] = ()
    #: for rules about metadata: whole messages as a caller passes them (``text`` and the fields)
    violating_messages: tuple[dict[str, Any], ...] = ()
    compliant_messages: tuple[dict[str, Any], ...] = ()


class Rule(BaseModel):
    """A rule's identity and documentation. Codes are stable and never reused."""

    model_config = _FROZEN

    code: str = Field(pattern=r"^[A-Z]{2,4}[0-9]{3}$")
    name: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    category: Category | None
    severity: Severity = Severity.ERROR
    summary: str = Field(min_length=1, description="one line: what it flags")
    rationale: str = Field(default="", description="why the marketplace forbids it")
    message: str = Field(default="", description="the finding's default message to the seller")
    suggestion: str | None = None
    policy: str | None = Field(default=None, description="clause id this rule cites")
    examples: RuleExamples = RuleExamples()
    scope: Literal["message", "template"] = Field(
        default="message", description="'template': fires only when a template file is linted"
    )
    checker: str = Field(default="", description="id of the checker that emits it")
    needs: tuple[str, ...] = Field(
        default=(),
        description="message fields the rule needs, dotted (order.delivered_at), 'a|b' for either; "
        "when one is missing the rule does not run",
    )

    @property
    def prefix(self) -> str:
        """The letters of the code, e.g. ``EXT`` for ``EXT001``."""
        return self.code.rstrip("0123456789")
