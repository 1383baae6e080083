"""The language of a message that does not say it: detected among its marketplace's languages."""

from __future__ import annotations

import pytest

from msglint import Linter
from msglint.engine import detect as detect_module
from msglint.engine.detect import MIN_LETTERS, MIN_LETTERS_WITHOUT_MARKETPLACE, Detected, detect


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


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Sie sind ein Idiot.", "de"),
        ("Vous savez lire ?", "fr"),
        ("Non sa leggere?", "it"),
        ("Thank you so much!", "en"),
    ],
)
def test_without_marketplace_a_short_text_the_model_is_sure_of_is_in_its_language(text: str, language: str) -> None:
    """English is only the default when no marketplace is named, not what its buyers write: a short text is
    not checked with English words when the model is sure of another language (the same text sent on a
    named marketplace falls back to that marketplace's first language)."""
    letters = sum(c.isalpha() for c in text)
    assert MIN_LETTERS_WITHOUT_MARKETPLACE <= letters < MIN_LETTERS
    everything = ("en", "de", "es", "fr", "it", "pt")
    assert detect(text, everything, marketplace=False) == Detected(language, "detected")
    assert detect(text, everything) == Detected("en", "default")


def test_with_no_marketplace_a_german_insult_is_found_in_german(linter: Linter) -> None:
    report = linter.lint({"text": "Sie sind ein Trottel."})
    assert (report.language, report.language_source) == ("de", "detected")
    assert [(f.rule, f.span.start, f.span.end) for f in report.findings] == [("ABU004", 0, 20)]


def test_fewer_letters_than_that_stay_in_the_default_language() -> None:
    assert detect("Ya verá.", ("en", "es"), marketplace=False) == Detected("en", "default")


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


GERMAN = "Ihre Bestellung ist unterwegs und kommt morgen an, vielen Dank für Ihre Geduld. "
ENGLISH = "Your order is on its way and arrives tomorrow, thank you for your patience. "


def test_a_long_text_is_told_by_its_beginning() -> None:
    """Only the first MAX_DETECTED_CHARS characters are read: German up to there, English after it."""
    german = (GERMAN * (detect_module.MAX_DETECTED_CHARS // len(GERMAN) + 1))[: detect_module.MAX_DETECTED_CHARS]
    assert detect(german + ENGLISH * 200, ("en", "de")) == Detected("de", "detected")
    assert detect(ENGLISH * 200 + german, ("en", "de")) == Detected("en", "detected")


def test_expected_candidates_are_restricted_before_any_message() -> None:
    candidates = ("it", "es", "en")
    detect_module.expect([candidates])
    detect_module.warm()
    assert detect_module._chosen[candidates].nb_classes == ["en", "es", "it"]
    assert detect("Il pacco è partito stamattina e arriverà domani a casa sua.", candidates) == Detected(
        "it", "detected"
    )


def test_a_language_outside_the_model_held_so_far_loads_it_again_and_answers_as_the_full_model() -> None:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    text = "Uw bestelling is onderweg en wordt morgen bezorgd, bedankt voor uw geduld."
    candidates = ("nl", "fi", "en")  # Finnish: asked about by no built-in marketplace
    full = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    full.set_languages(["en", "fi", "nl"])
    expected, score = full.rank(text)[0]
    assert (expected, score >= detect_module.MIN_CONFIDENCE) == ("nl", True)
    assert detect(text, candidates) == Detected("nl", "detected")
    assert {"fi", "nl", "en"} <= set(detect_module._base[0].nb_classes)
    assert len(detect_module._base[0].nb_classes) < len(full._full_model[2])  # the full table is not kept


def test_an_unsure_text_surely_not_in_the_first_language_is_checked_in_the_likeliest() -> None:
    """Portuguese close to Spanish, with no marketplace (English first): the model is unsure between the two
    but sure it is not English, so it is not checked with English words; the source stays ``default``."""
    text = "Queima de estoque: camisetas a partir de R$ 19,90 só até domingo."
    candidates = ("en", "de", "es", "fr", "it", "pt")
    assert detect(text, candidates) == Detected("pt", "default")


@pytest.mark.parametrize(
    ("candidates", "expected"),
    [(("de", "en"), Detected("de", "default")), (("en", "de", "es", "fr", "it", "pt"), Detected("en", "default"))],
)
def test_an_unsure_text_that_may_be_the_first_language_stays_in_it(
    candidates: tuple[str, ...], expected: Detected
) -> None:
    text = "Hallo, Ihr Paket ist unterwegs: tracking 1Z999AA10123456784, delivery tomorrow."
    assert detect(text, candidates) == expected


@pytest.mark.parametrize(
    "text",
    [
        "P l e a s e   m e s s a g e   us   on   A m a z o n   i n s t e a d.",
        "L e a v e   u s   a   5   s t a r   r e v i e w   a n d   g e t   a   r e f u n d",
        "c.a.l.l m.e o.n m.y m.o.b.i.l.e t.o.m.o.r.r.o.w",
    ],
)
def test_english_spelled_out_letter_by_letter_is_read_as_english(text: str) -> None:
    """The model reads byte sequences; letters standing alone have none of English's, and such a text was
    read as Portuguese (and checked with Portuguese words) before the letters were put together for it."""
    assert detect(text, ("en", "de", "es", "fr", "it", "pt")).language == "en"


def test_prepare_builds_every_language_so_no_first_message_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    linter = Linter()
    assert linter.prepare(["de", "fr"]) is linter
    built: list[str] = []
    original = Linter._build_pipeline
    monkeypatch.setattr(Linter, "_build_pipeline", lambda self, lang: built.append(lang) or original(self, lang))
    text = "Sie sind ein Trottel."
    report = linter.lint({"text": text, "language": "de"})
    assert [(f.rule, f.span.start, f.span.end) for f in report.findings] == [("ABU004", 0, 20)]
    linter.lint({"text": "Votre colis arrive demain.", "language": "fr"})
    assert built == []
    linter.lint({"text": "Il pacco arriva domani.", "language": "it"})
    assert built == ["it"]  # not prepared: built on its first message


def test_the_remembered_walk_scores_every_text_as_the_models_own_walk() -> None:
    """The walk remembered word by word (the same word from the same state, read once) gives py3langid's
    own scores to the bit, on corpus texts, spelled-out and glued words, digits, spaces and non-Latin text."""
    from py3langid.langid import LanguageIdentifier

    from tests.corpus import corpus_files, load

    candidates = ("en", "de", "es", "fr", "it", "pt")
    detect_module.expect([candidates])
    detect_module.warm()
    identifier = detect_module._chosen[candidates]
    extra = ["", " ", "  double  spaces  ", "Order 123-4567890-1234567", "Заказ отправлен", "a" * 300, "ok " * 50]
    texts = [sample.text for _, _, path in corpus_files() for sample in load(path)] + extra
    for text in texts * 2:  # the second pass reads remembered words
        data = identifier._encode(text)
        own = LanguageIdentifier._raw_score(identifier, data)
        assert identifier._raw_score(data).tobytes() == own.tobytes(), text
