"""The API's value types: frozen, validated, with the exact strings DESIGN.md promises."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from msglint import Category, Finding, Message, Report, Severity, Span, Verdict


def finding(start: int, end: int, severity: str = "error", rule: str = "EXT001") -> Finding:
    text = "x" * 40
    return Finding(
        rule=rule,
        name="external-link",
        category=Category.EXTERNAL_CONTACT,
        severity=severity,
        message="m",
        span=Span.in_text(text, start, end),
        text=text[start:end],
    )


def test_category_and_severity_values_are_the_contract() -> None:
    assert [c.value for c in Category] == [
        "promotional",
        "external-contact",
        "review-manipulation",
        "abusive",
        "messaging",
    ]
    assert [s.value for s in Severity] == ["error", "warning", "info"]
    assert [v.value for v in Verdict] == ["allow", "review", "block"]


@pytest.mark.parametrize(
    ("text", "offset", "line", "column"),
    [
        ("abc", 0, 1, 1),
        ("abc", 3, 1, 4),
        ("ab\ncd", 3, 2, 1),
        ("ab\r\ncd", 4, 2, 1),
        ("ab\r\ncd", 5, 2, 2),
        ("ab\rcd\ne", 6, 3, 1),
        ("😀x", 1, 1, 2),  # columns count code points, not UTF-16 units
    ],
)
def test_span_line_and_column_are_derived_from_offsets(text: str, offset: int, line: int, column: int) -> None:
    span = Span.in_text(text, offset, offset)
    assert (span.line, span.column) == (line, column)


def test_span_end_may_not_precede_start() -> None:
    with pytest.raises(ValidationError, match="before its start"):
        Span(start=5, end=2, line=1, column=6, end_line=1, end_column=3)


def test_report_orders_findings_and_derives_ok_and_verdict() -> None:
    report = Report(policy="amazon", findings=(finding(9, 12, "warning"), finding(1, 4, "info")))
    assert [f.span.start for f in report.findings] == [1, 9]
    assert report.ok is True
    assert report.verdict == Verdict.REVIEW
    blocked = Report(policy="amazon", findings=(finding(1, 4, "error"),))
    assert (blocked.ok, blocked.verdict) == (False, Verdict.BLOCK)
    assert Report(policy="amazon").verdict == Verdict.ALLOW


def test_models_forbid_unknown_fields() -> None:
    with pytest.raises(ValidationError, match="colour"):
        Message(text="hi", colour="red")  # type: ignore[call-arg]


def test_message_requires_text_as_a_string() -> None:
    with pytest.raises(ValidationError, match="text must be a str"):
        Message(text=b"hi")  # type: ignore[arg-type]


def test_message_language_base_code() -> None:
    assert Message(text="x", language="de-AT").lang == "de"


def test_rule_codes_are_validated() -> None:
    with pytest.raises(ValidationError, match="rule"):
        finding(0, 1, rule="ext-1")
