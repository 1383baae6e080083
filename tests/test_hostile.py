"""Hostile and broken input: nothing raises, nothing hangs, time grows linearly with length."""

from __future__ import annotations

import gc
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from msglint import Linter, Message

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


def _seconds(linter: Linter, text: str) -> float:
    # The objects alive before the call (this test process's whole heap, the Linter's tables) are set
    # aside from the garbage collector while timing: a full collection scans all of them, ~75 ms a
    # time, and a long message triggers several, which measures the size of pytest's heap, not
    # whether msglint's own work grows linearly.
    gc.collect()
    gc.freeze()
    try:
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            linter.lint(text)
            best = min(best, time.perf_counter() - start)
        return best
    finally:
        gc.unfreeze()


@pytest.mark.parametrize("unit", list(CRAFTED.values()), ids=list(CRAFTED))
def test_crafted_input_takes_linear_time(unit: str) -> None:
    linter = Linter(config={"max-message-chars": 200_000})
    short = (unit * (10_000 // len(unit) + 1))[:10_000]
    long = (unit * (100_000 // len(unit) + 1))[:100_000]
    linter.lint(short)  # warm caches
    t_short, t_long = _seconds(linter, short), _seconds(linter, long)
    # Ten times the input may take at most ~15 times as long (plus a little for timer noise).
    assert t_long <= 15 * t_short + 0.05, f"{unit!r}: 10k chars {t_short:.4f}s, 100k chars {t_long:.4f}s"


def test_the_size_limit_reports_the_unchecked_tail(linter: Linter) -> None:
    limited = Linter(config={"max-message-chars": 1_000})
    text = "Your order has shipped. " * 100
    report = limited.lint(text)
    assert [(f.rule, f.span.start, f.span.end) for f in report.findings] == [("MSG003", 1_000, 1_001)]
    assert report.findings[0].severity == "warning"


def test_default_limit_is_well_above_marketplace_limits(linter: Linter) -> None:
    assert linter.settings.max_message_chars >= 20_000


@pytest.mark.parametrize(
    ("value", "field"),
    [({"text": "hi", "language": 5}, "language"), ({"text": None}, "text"), ({"txt": "hi"}, "text")],
)
def test_invalid_metadata_names_the_field(value: dict, field: str, linter: Linter) -> None:
    with pytest.raises(ValueError, match=field):
        linter.lint(value)


def test_a_message_model_with_bad_metadata_fails_at_construction() -> None:
    with pytest.raises(ValueError, match="attachments"):
        Message(text="hi", attachments=[{"filename": ""}])
