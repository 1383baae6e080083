"""The language of a message that does not say it: detected among its marketplace's languages."""

from __future__ import annotations

import pytest

from msglint import Linter
from msglint.engine.detect import MIN_LETTERS, detect


@pytest.mark.parametrize(
    ("message", "language", "source"),
    [
        (
            {"text": "Bitte hinterlassen Sie uns eine Bewertung für den Wasserkocher.", "marketplace": "amazon.de"},
            "de",
            "detected",
        ),
        (
            {"text": "Thanks for your order, it ships tomorrow from our warehouse.", "marketplace": "amazon.de"},
            "en",
            "detected",
        ),
        ({"text": "Danke!", "marketplace": "amazon.de"}, "de", "default"),
        ({"text": "Danke!", "marketplace": "amazon.co.uk"}, "en", "default"),
        ({"text": "Your parcel left our warehouse this morning with Royal Mail.", "language": "de"}, "de", "given"),
        ({"text": "Ihre Bestellung ist unterwegs und kommt morgen an.", "language": "de-AT"}, "de-AT", "given"),
        ({"text": "Ihre Bestellung ist unterwegs und kommt morgen an, vielen Dank."}, "de", "detected"),
        ({"text": "Votre colis a du retard, nous en sommes désolés.", "marketplace": "amazon.fr"}, "fr", "detected"),
    ],
)
def test_the_report_says_which_language_and_how(linter: Linter, message: dict, language: str, source: str) -> None:
    report = linter.lint(message)
    assert (report.language, report.language_source) == (language, source)


def test_a_text_too_short_to_tell_is_in_the_marketplace_first_language() -> None:
    short = "Vielen Dank"
    assert sum(c.isalpha() for c in short) < MIN_LETTERS
    assert detect(short, ("fr", "nl", "en")).language == "fr"


def test_detection_never_leaves_the_marketplace_languages() -> None:
    found = detect("Wir haben Ihre Rücksendung erhalten und erstatten den Betrag morgen.", ("fr", "nl", "en"))
    assert found.language in {"fr", "nl", "en"}


def test_a_german_message_without_a_language_is_checked_in_german(linter: Linter) -> None:
    text = "Bitte hinterlassen Sie uns eine 5-Sterne-Bewertung für die Kaffeemühle."
    report = linter.lint({"text": text, "marketplace": "amazon.de"})
    start = text.index("5-Sterne-Bewertung")
    assert [(f.rule, f.span.start, f.span.end) for f in report.findings] == [("REV001", start, start + 18)]


def test_a_french_delay_is_never_blocked_as_an_english_slur(linter: Linter) -> None:
    """With French words 'retard' is a delay; without them it is read with English words, and a word list of
    another language can only ask for a look (a warning), never block."""
    text = "Bonjour, votre colis a du retard à cause de la grève, il arrivera lundi."
    report = linter.lint({"text": text, "language": "fr"})
    assert report.verdict.value != "block"
    assert all(f.rule != "ABU007" or f.severity.value == "warning" for f in report.findings)
