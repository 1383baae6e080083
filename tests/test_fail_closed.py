"""The guard fails closed: whatever msglint did not check, it says, and such a message is never `allow`.

One test per way a message could once slip through unchecked, or a call could raise or hang: odd text,
any language tag, crashing, colliding or blocking checkers, malformed directives, oversized text,
unreadable items in a stream, worker processes from a plain script.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterable
from importlib.metadata import EntryPoint

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import msglint
from msglint import Linter, Message
from msglint.checkers.base import Checker, Hit
from msglint.checkers.external_contact import ExternalContactChecker
from msglint.document import Document
from msglint.models import Category, Rule
from msglint.registry import ENTRY_POINT_GROUP, Registry

from .toy_checkers import Exploding, ShopWord


def codes(report: msglint.Report) -> list[tuple[str, str]]:
    return [(f.rule, f.severity.value) for f in report.findings]


# --- any language tag -------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["ja", "ko", "th", "vi"])
def test_a_language_spacy_cannot_tokenise_without_extras_is_checked_and_reported(language: str) -> None:
    report = Linter().lint(Message(text="Please visit shop.example.com for the manual.", language=language))
    assert codes(report) == [("MSG005", "warning"), ("EXT001", "error")]
    assert report.verdict == "block"
    assert report.findings[1].text == "shop.example.com"
    assert f"no word lists for the language '{language}'" in report.findings[0].message
    assert "abusive, external-contact, promotional and review-manipulation" in report.findings[0].message


def test_an_uncovered_language_alone_asks_for_review_not_allow(linter: Linter) -> None:
    report = linter.guard(Message(text="ご注文ありがとうございます。", language="ja"))
    assert codes(report) == [("MSG005", "warning")]
    assert report.verdict == "review"
    assert (report.language, report.language_source) == ("ja", "given")


@pytest.mark.parametrize(
    ("given", "normalised"), [("EN", "en"), ("de_DE", "de-DE"), ("pt_br", "pt-BR"), ("zh-hant-tw", "zh-Hant-TW")]
)
def test_language_tags_are_bcp47_read_case_insensitively_with_underscores(given: str, normalised: str) -> None:
    assert Message(text="x", language=given).language == normalised


def test_english_in_any_case_is_covered(linter: Linter) -> None:
    report = linter.lint(Message(text="Your order has shipped.", language="EN-gb"))
    assert codes(report) == []
    assert (report.language, report.language_source, report.verdict) == ("en-GB", "given", "allow")


def test_a_message_too_short_to_read_without_a_language_says_the_default_was_used(linter: Linter) -> None:
    report = linter.lint("Thanks!")
    assert (report.language, report.language_source) == ("en", "default")


def test_a_message_without_a_language_or_marketplace_says_its_language_was_detected(linter: Linter) -> None:
    report = linter.lint("Your order has shipped.")
    assert (report.language, report.language_source) == ("en", "detected")


def test_a_tag_that_is_no_language_is_answered_with_the_field_named(linter: Linter) -> None:
    report = linter.lint({"text": "Your order has shipped.", "language": "Klingon!"})
    assert codes(report) == [("MSG006", "error")]
    assert "field 'language': expected a BCP 47 language tag such as 'en', 'de-DE' or 'pt-BR', got 'Klingon!'" in (
        report.findings[0].message
    )


# --- checkers that fail -----------------------------------------------------------------------


class AlsoExploding(Exploding):
    id = "toy-also-exploding"
    rules = (Rule(code="BOOM002", name="never-fires-either", category=Category.ABUSIVE, summary="x"),)


def test_every_failing_checker_is_reported_naming_itself() -> None:
    report = Linter(registry=Registry([Exploding, AlsoExploding, ShopWord])).lint("shop")
    assert codes(report) == [("MSG001", "error"), ("MSG001", "error"), ("TOY001", "error")]
    assert sorted(f.message.split("'")[1] for f in report.findings[:2]) == ["toy-also-exploding", "toy-exploding"]
    assert report.verdict == "block"


def test_a_failing_checker_blocks_through_guard() -> None:
    with pytest.raises(msglint.PolicyViolation) as raised:
        Linter(registry=Registry([Exploding])).guard("Your order has shipped.")
    assert codes(raised.value.report) == [("MSG001", "error")]


def test_engine_severities_stay_configurable() -> None:
    linter = Linter(registry=Registry([Exploding]), config={"severity": {"MSG001": "warning"}})
    assert codes(linter.lint("hello")) == [("MSG001", "warning")]


class Impostor(Checker):
    """A plugin that declares a built-in rule code and would sort before the built-in checker."""

    id = "aaa-impostor"
    rules = (Rule(code="EXT001", name="off-platform-link", category=Category.EXTERNAL_CONTACT, summary="x"),)

    def check(self, document: Document) -> Iterable[Hit]:
        return ()


def test_a_plugin_colliding_with_a_built_in_code_is_the_one_rejected() -> None:
    entries = [
        EntryPoint("aaa-impostor", "tests.test_fail_closed:Impostor", ENTRY_POINT_GROUP),
        EntryPoint("external-contact", "msglint.checkers.external_contact:ExternalContactChecker", ENTRY_POINT_GROUP),
    ]
    registry = Registry.from_entry_points(entries=entries)
    assert registry.checkers == {"external-contact": ExternalContactChecker}
    assert [(b.name, b.error) for b in registry.broken] == [
        (
            "aaa-impostor",
            "ValueError: checker 'aaa-impostor' declares EXT001, already taken by msglint's built-in checker "
            "'external-contact'",
        )
    ]
    report = Linter(registry=registry).lint("Visit shop.example.com")
    assert [(f.rule, f.severity.value, f.text) for f in report.findings] == [
        ("MSG001", "error", ""),
        ("EXT001", "error", "shop.example.com"),
    ]
    assert report.findings[0].message.startswith("Checker 'aaa-impostor' could not be loaded (ValueError")


# --- a plugin that blocks ---------------------------------------------------------------------

_release = threading.Event()


class Blocking(Checker):
    """A plugin stuck in a blocking C call (a lock wait) until the test releases it."""

    id = "toy-blocking"
    rules = (Rule(code="BLK001", name="never-returns", category=Category.ABUSIVE, summary="x"),)

    def check(self, document: Document) -> Iterable[Hit]:
        _release.wait()
        return ()


def test_a_blocking_plugin_neither_holds_its_caller_nor_serialises_other_threads() -> None:
    linter = Linter(registry=Registry([Blocking, ShopWord]), config={"checker-timeout-seconds": 0.3})
    reports: dict[int, msglint.Report] = {}

    def send(number: int) -> None:
        reports[number] = linter.lint(f"shop {number}")

    threads = [threading.Thread(target=send, args=(n,)) for n in range(4)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)  # before: each waited for the others' blocked calls, for ever
        assert not any(thread.is_alive() for thread in threads)
        for report in reports.values():
            assert codes(report) == [("MSG001", "error"), ("TOY001", "error")]
            assert "'toy-blocking' ran past its 0.3 s time budget" in report.findings[0].message
    finally:
        _release.set()


# --- directives -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "directive",
    [
        "# msglint: disable PRO001",  # a space for '='
        "{# msglint: disable-next-line: EXT001 #}",  # a colon for '='
        "<!-- msglint: disable-file PRO -->",
        "<!-- msglint disable-file -->",  # no colon
        "<!-- MSGLINT: disable-file -->",
        "<!-- msglint: enable=EXT001 -->",
        "<!-- msglint: disable-file=EXT999 -->",  # names no rule
    ],
)
def test_a_malformed_directive_suppresses_nothing_and_is_an_error(directive: str, linter: Linter) -> None:
    text = f"{directive}\nVisit shop.example.com"
    report = linter.lint(text, template=True)
    assert codes(report) == [("MSG007", "error"), ("EXT001", "error")]
    malformed = report.findings[0]
    assert malformed.text == text[malformed.span.start : malformed.span.end]
    assert malformed.text.lower().startswith("msglint")
    assert "suppresses nothing" in malformed.message


def test_the_reason_a_directive_is_malformed_is_said(linter: Linter) -> None:
    report = linter.lint("Visit shop.example.com # msglint: disable EXT001", template=True)
    assert report.findings[1].message == (
        "This msglint directive is malformed and suppresses nothing: 'disable' must be followed by '=' and rule "
        "codes, or by nothing; expected 'msglint: disable=CODE[,CODE…]', 'msglint: disable-next-line=CODE[,…]' or "
        "'msglint: disable-file[=CODE,…]', then the end of the line or comment."
    )


def test_a_well_formed_directive_still_suppresses(linter: Linter) -> None:
    text = "<!-- msglint: disable-next-line=EXT001 -->\nVisit shop.example.com"
    assert codes(linter.lint(text, template=True)) == []


def test_directives_in_a_message_are_never_read(linter: Linter) -> None:
    report = linter.lint("Visit shop.example.com <!-- msglint: disable-file -->")
    assert codes(report) == [("EXT001", "error")]


# --- streams ----------------------------------------------------------------------------------


def test_lint_many_answers_every_item_in_order_and_keeps_computed_results(linter: Linter) -> None:
    items = [
        "Your order has shipped.",
        {"text": 5, "id": "bad-1"},
        Message(text="Visit shop.example.com", id="link"),
        42,
        {"id": "no-text"},
        Message(text="Danke für Ihre Bestellung.", language="ja", id="ja"),
    ]
    reports = list(linter.lint_many(items, batch_size=2))
    assert [(r.message_id, codes(r)) for r in reports] == [
        (None, []),
        ("bad-1", [("MSG006", "error")]),
        ("link", [("EXT001", "error")]),
        (None, [("MSG006", "error")]),
        ("no-text", [("MSG006", "error")]),
        ("ja", [("MSG005", "warning")]),
    ]
    assert "field 'text': text must be a str, not int" in reports[1].findings[0].message


PLAIN_SCRIPT = """
import json, msglint
texts = ["Your order has shipped.", "Visit shop.example.com", "Leave us 5 stars for a free gift!"] * 40
linter = msglint.Linter()
reports = list(linter.lint_many(texts, batch_size=8, n_process=2))
again = list(linter.lint_many(texts, batch_size=8, n_process=2))  # the same workers, reused
print(json.dumps([r.model_dump(mode="json") for r in reports] == [r.model_dump(mode="json") for r in again]))
print(json.dumps([[f.rule for f in r.findings] for r in reports[:3]]))
print(json.dumps(reports == [linter.lint(t) for t in texts]))
"""


def test_worker_processes_start_from_a_plain_script_without_a_main_guard(tmp_path) -> None:
    script = tmp_path / "audit.py"
    script.write_text(textwrap.dedent(PLAIN_SCRIPT))
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr
    same_twice, first_codes, same_as_one_by_one = (json.loads(line) for line in result.stdout.splitlines())
    assert same_twice is True
    assert first_codes == [[], ["EXT001"], ["REV001", "REV002"]]
    assert same_as_one_by_one is True


def test_a_lone_surrogate_is_checked_around_not_raised(linter: Linter) -> None:
    # Valid JSON ("\\ud800") and a valid Python str, but no encoding can write it: spaCy's tokenizer raised.
    report = linter.lint("Thanks \ud800 for your order, see shop.example.com")
    assert [(f.rule, f.text) for f in report.findings] == [("EXT001", "shop.example.com")]
    glued = linter.lint("Could you deleteyour1-starreview?\ud800")  # glued words are read apart around it
    assert [(f.rule, f.text) for f in glued.findings] == [("REV004", "deleteyour1-starreview")]


# --- any text, any language -------------------------------------------------------------------

EXPANDING = ["\ufdfa", "\ufdfb", "\u3250", "\u33ff", "\ufb03", "\u2474"]  # one code point, many after NFKC
texts = st.one_of(
    st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=120),
    st.lists(
        st.sampled_from(
            [*EXPANDING, "\U0001f600", "\u0301", "\x00", "\x1b", "\u202e", "\ud800", "\udfff", "shop.example.com", " "]
        )
        | st.text(max_size=4),
        max_size=40,
    ).map("".join),
)
languages = st.one_of(
    st.none(),
    st.sampled_from(["en", "EN", "de_DE", "fr-CA", "ja", "ko", "th", "vi", "zh-Hant", "ar", "he", "und", "xx"]),
    st.from_regex(r"[A-Za-z]{2,3}([-_][A-Za-z]{2})?", fullmatch=True),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts, language=languages)
def test_any_text_in_any_accepted_language_gives_spans_that_are_slices_of_it(
    text: str, language: str | None, linter: Linter
) -> None:
    report = linter.lint(Message(text=text, language=language))
    for finding in report.findings:
        assert finding.text == text[finding.span.start : finding.span.end]
        assert finding.rule not in {"MSG001", "MSG004", "MSG008"}, finding.message
