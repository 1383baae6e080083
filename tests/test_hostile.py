"""Hostile and broken input: nothing raises, nothing hangs, time grows linearly with length."""

from __future__ import annotations

import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from msglint import Linter, Message
from msglint.errors import ConfigError

HOSTILE_PIECES = [
    "\x00",
    "\u202e",  # right-to-left override
    "\u200f",  # right-to-left mark
    "\u0301\u0302\u0303",  # stacked combining marks
    "👨‍👩‍👧‍👦",
    "🏳️‍🌈",
    "\U000e0041",  # tag character
    "\ufffd",
    "ﷺ",  # one code point that expands to 18 under NFKD
    "\r\n",
    "\u2028",
    "www.",
    "@",
    "http://",
    "1-2-3-",
    "(((",
    "...",
    "a a a",
    "$$$",
    "&#",
    "&amp;",
]

hostile_text = st.one_of(
    st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=200),
    st.lists(st.sampled_from(HOSTILE_PIECES) | st.text(max_size=3), max_size=60).map("".join),
    st.builds(lambda c, n: c * n, st.characters(exclude_categories=["Cs"]), st.integers(1, 3000)),
)


def _lints_cleanly(linter: Linter, text: str) -> None:
    report = linter.lint(text)
    for finding in report.findings:
        assert 0 <= finding.span.start <= finding.span.end <= len(text)
        assert finding.text == text[finding.span.start : finding.span.end]
        assert finding.rule not in {"MSG001", "MSG004"}, finding.message


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=hostile_text)
def test_any_text_lints_without_error_and_spans_are_original_slices(text: str, linter: Linter) -> None:
    _lints_cleanly(linter, text)


@pytest.mark.slow
@settings(max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=hostile_text)
def test_long_fuzzing_run(text: str, linter: Linter) -> None:
    _lints_cleanly(linter, text)


CRAFTED = {
    "digits with separators": "1-2 3.4/5(6)7+",
    "dotted letters": "a.",
    "at signs": "@",
    "schemes": "http://",
    "nested brackets": "((([[[{{{",
    "dots": ".",
    "one letter": "a",
    "letter and digit": "a1",
    "www": "www.",
    "email-like": "x@y.",
    "spaced letters": "a ",
    "leet symbols": "$!@|",
    "domain labels": "ab-",
    "digit words": "seven ",
    "stars": "⭐",
    # whole words, each disguised or glued: every finding, cue and re-reading scales with them
    "glued words": "getafreegift. ",
    "glued insults": "youareanidiot\n",
    "masked words": "c*de fr*e ",
    "spaced words": "leave a r e v i e w ",
}


def _work(linter: Linter, text: str) -> int:
    """How much work linting ``text`` takes, counted, not timed: the Python and C function calls made.

    A count does not depend on how busy the machine is; time does (growth in seconds is measured in
    benchmarks/bench_linearity.py). A quadratic loop shows in the count as it would in the time.
    """
    calls = 0

    def count(frame: object, event: str, arg: object) -> None:
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    sys.setprofile(count)
    try:
        linter.lint(text)
    finally:
        sys.setprofile(None)
    return calls


@pytest.mark.parametrize("unit", list(CRAFTED.values()), ids=list(CRAFTED))
def test_crafted_input_takes_linear_work(unit: str) -> None:
    linter = Linter()
    short = (unit * (2_000 // len(unit) + 1))[:2_000]
    long = (unit * (20_000 // len(unit) + 1))[:20_000]
    linter.lint(short)  # warm caches
    linter.lint(long)
    w_short, w_long = _work(linter, short), _work(linter, long)
    # Ten times the input may take at most 13 times the calls (fixed costs make small inputs dearer).
    assert w_long <= 13 * w_short, f"{unit!r}: 2k chars {w_short:,} calls, 20k chars {w_long:,} calls"


def test_the_size_limit_reports_the_unchecked_tail_as_an_error() -> None:
    limited = Linter(config={"max-message-chars": 1_000})
    text = "Your order has shipped. " * 100
    report = limited.lint(text)
    assert [(f.rule, f.severity, f.span.start, f.span.end) for f in report.findings] == [
        ("MSG003", "error", 1_000, 1_001)
    ]
    assert report.verdict == "block"


def test_an_email_past_the_limit_blocks_the_message() -> None:
    text = "Hello. " * 20_000 + " write me at bob@example.com"
    report = Linter().lint(text)
    assert [(f.rule, f.severity, f.span.start) for f in report.findings] == [("MSG003", "error", 100_000)]
    assert report.ok is False


def test_characters_that_fold_into_many_are_cut_at_the_limit_of_the_folded_text() -> None:
    # NFKC turns U+FDFA into 18 characters: 60,000 of them would be 1,080,000 to tokenise.
    text = "\ufdfa" * 60_000
    report = Linter().lint(text)
    (finding,) = report.findings
    assert (finding.rule, finding.severity) == ("MSG003", "error")
    assert finding.span.start * 18 <= 100_000 < (finding.span.start + 1) * 18
    assert finding.text == "\ufdfa"


def test_the_limit_is_at_most_a_million_characters() -> None:
    with pytest.raises(ConfigError, match="max-message-chars"):
        Linter(config={"max-message-chars": 1_000_001})
    assert Linter(config={"max-message-chars": 1_000_000}).settings.max_message_chars == 1_000_000


def test_default_limit_is_well_above_marketplace_limits(linter: Linter) -> None:
    assert linter.settings.max_message_chars >= 20_000


@pytest.mark.parametrize(
    ("value", "field"),
    [({"text": "hi", "language": 5}, "language"), ({"text": None}, "text"), ({"txt": "hi"}, "text")],
)
def test_invalid_metadata_names_the_field(value: dict, field: str, linter: Linter) -> None:
    (finding,) = linter.lint(value).findings
    assert (finding.rule, finding.severity) == ("MSG006", "error")
    assert f"field '{field}'" in finding.message


def test_a_message_model_with_bad_metadata_fails_at_construction() -> None:
    with pytest.raises(ValueError, match="attachments"):
        Message(text="hi", attachments=[{"filename": ""}])
