"""Rule texts in the seller's language (msglint/rules/texts/<lang>.toml): what they cover, how they are checked
when a Linter is built, and which text a finding carries."""

from __future__ import annotations

import functools
import json
import re
import sys
import tomllib
from importlib import resources
from pathlib import Path

import pytest

import msglint.api
from msglint import Linter
from msglint.api import builtin_rules
from msglint.cli import main
from msglint.config import load_rule_texts, rule_text_languages
from msglint.errors import ConfigError

LANGUAGES = ("de", "fr", "es", "it", "pt")
#: The rules a seller can meet in the words of a message: every file has a text for each.
WORDING_RULES = (
    *(f"ABU{n:03}" for n in range(1, 9)),
    *(f"EXT{n:03}" for n in range(1, 12)),
    *(f"PRO{n:03}" for n in range(1, 12)),
    *(f"REV{n:03}" for n in range(1, 8)),
    "LNG001",
    # messaging rules whose finding carries no note of the checker's own
    *("TIM003", "TYP002", "FMT001", "FMT002", "SUB001", "CNT001", "CNT002", "CNT003", "OPT001"),
)
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
ENGLISH = {rule.code: rule for rule in builtin_rules()}


def _file(lang: str) -> dict[str, dict[str, str]]:
    return tomllib.loads(resources.files("msglint.rules").joinpath("texts", f"{lang}.toml").read_text("utf-8"))


@functools.cache
def _linter(policy: str = "amazon") -> Linter:
    return Linter(policy)


def test_the_languages_with_rule_texts() -> None:
    assert rule_text_languages() == tuple(sorted(LANGUAGES))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_file_covers_the_same_rules_with_a_message_and_a_suggestion(lang: str) -> None:
    data = _file(lang)
    assert set(data) == set(_file("de"))
    assert set(data) == set(WORDING_RULES)
    assert [code for code, table in data.items() if set(table) != {"message", "suggestion"}] == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_placeholder_of_a_text_is_one_of_the_english_text(lang: str) -> None:
    stray = [
        (code, key, name)
        for code, table in _file(lang).items()
        for key, text in table.items()
        for name in PLACEHOLDER.findall(text)
        if name not in PLACEHOLDER.findall(getattr(ENGLISH[code], key) or "")
    ]
    assert stray == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_text_speaks_of_a_marketplace_by_name(lang: str) -> None:
    """The pack names the marketplace ({marketplace}); a text that wrote "Amazon" would be wrong under eBay."""
    named = [
        code for code, table in _file(lang).items() for text in table.values() if re.search(r"(?i)amazon|ebay", text)
    ]
    assert named == []


def _doubled(text: str) -> str | None:
    """A word or run of up to three words written twice in a row ("a cambio a cambio"), else None."""
    words = re.findall(r"\w+", text)  # case kept: "Senden Sie sie nicht" is German
    for size in (1, 2, 3):
        for at in range(len(words) - 2 * size + 1):
            if words[at : at + size] == words[at + size : at + 2 * size]:
                return " ".join(words[at : at + size])
    return None


def test_no_lexicon_message_or_rule_text_repeats_a_word() -> None:
    root = resources.files("msglint.lexicons")
    repeated = []
    for folder in sorted(root.iterdir(), key=lambda p: p.name):
        if not folder.is_dir():
            continue
        for lexicon in sorted(folder.iterdir(), key=lambda p: p.name):
            if not lexicon.name.endswith(".jsonl"):
                continue
            for number, line in enumerate(lexicon.read_text("utf-8").splitlines(), start=1):
                if not line.strip() or line.lstrip().startswith("//"):
                    continue
                entry = json.loads(line)
                for key in ("message", "suggestion"):
                    if entry.get(key) and _doubled(entry[key]):
                        repeated.append((f"{folder.name}/{lexicon.name}:{number}", _doubled(entry[key])))
    for lang in LANGUAGES:
        for code, table in _file(lang).items():
            repeated += [(f"texts/{lang}.toml {code}", _doubled(t)) for t in table.values() if _doubled(t)]
    assert repeated == []


GERMAN_OFFER = "Für eine 5-Sterne-Bewertung erstatten wir Ihnen 10 Euro zurück."
GERMAN_REV002 = (
    "Das bietet etwas im Zusammenhang mit einer Bewertung an; Amazon verbietet jede Gegenleistung für Bewertungen."
)
GERMAN_REV002_SUGGESTION = (
    "Entfernen Sie das Angebot oder senden Sie es in einer eigenen Nachricht ohne Bezug auf Bewertungen; bitten Sie "
    "nur neutral um eine Bewertung: „Wenn Sie einen Moment Zeit haben, teilen Sie Ihre Erfahrung gern auf Amazon.“"
)


@pytest.mark.parametrize("language", ["de", "de-AT"])
def test_a_german_message_breaking_rev002_reads_german_with_the_marketplace_named(language: str) -> None:
    report = _linter().lint({"text": GERMAN_OFFER, "language": language})
    assert [(f.rule, f.span.start, f.span.end, f.text) for f in report.findings] == [("REV002", 28, 37, "erstatten")]
    (finding,) = report.findings
    assert finding.message == GERMAN_REV002
    assert finding.suggestion == GERMAN_REV002_SUGGESTION


def test_a_lexicon_lines_own_message_comes_before_the_rules_text() -> None:
    text = "Für eine Bewertung erhalten Sie 10 % Rabatt auf Ihre nächste Bestellung."
    report = _linter().lint({"text": text, "language": "de"})
    assert [(f.rule, f.span.start, f.span.end) for f in report.findings] == [("REV002", 32, 43), ("PRO002", 32, 71)]
    rev002, pro002 = report.findings
    assert rev002.message == (
        "Das bietet einen Rabatt im Zusammenhang mit einer Bewertung an; Amazon verbietet jede Gegenleistung für "
        "Bewertungen."
    )
    assert rev002.suggestion == GERMAN_REV002_SUGGESTION
    assert pro002.message == "Das bietet einen Rabatt auf einen künftigen Einkauf an – das ist Werbung."


def test_what_a_finding_names_is_added_to_the_message_in_the_sellers_language() -> None:
    text = "Besuchen Sie www.meinshop.de für Hilfe zu Ihrer Bestellung."
    (finding,) = _linter().lint({"text": text, "language": "de"}).findings
    assert (finding.rule, finding.span.start, finding.span.end) == ("EXT001", 13, 28)
    assert finding.message == "Das verlinkt den Käufer auf eine Website außerhalb von Amazon (www.meinshop.de)."
    assert finding.suggestion == (
        "Entfernen Sie den Link; verweisen Sie den Käufer auf seine Bestellung bei Amazon oder antworten Sie direkt "
        "hier über Buyer-Seller Messaging."
    )


def test_a_language_without_a_file_reads_english() -> None:
    text = "Bezoek www.mijnwinkel.nl voor hulp bij uw bestelling."
    report = _linter().lint({"text": text, "language": "nl"})
    assert [(f.rule, f.span.start, f.span.end) for f in report.findings] == [("MSG005", 0, 0), ("EXT001", 7, 24)]
    assert report.findings[1].message == "This links the buyer to a site outside Amazon (www.mijnwinkel.nl)."
    assert report.findings[1].suggestion == (
        "Remove the link; point the buyer to their Amazon order page or answer here in Buyer-Seller Messaging instead."
    )
    assert _linter().rule("REV002", "nl") == _linter().rule("REV002")


def test_the_rule_in_a_language_is_the_rule_with_its_texts_in_it() -> None:
    linter = _linter()
    assert linter.rule("REV002", "de-AT").message == GERMAN_REV002
    assert linter.rule("REV002", "de").suggestion == GERMAN_REV002_SUGGESTION
    assert linter.rule("REV002", "de").summary == linter.rule("REV002").summary  # the documentation stays English
    assert linter.rule("REV002").message == (
        "This offers something in connection with a review; Amazon forbids any incentive for a review or feedback."
    )


def test_a_pack_names_things_in_the_buyers_language() -> None:
    """Mercado Libre's [by-language.pt] names fill the Portuguese texts."""
    rule = _linter("mercadolibre").rule("EXT005", "pt")
    assert rule.message == "Esta mensagem passa ao comprador um e-mail fora das mensagens do Mercado Livre."
    assert rule.suggestion == "Tire o e-mail; peça ao comprador que responda por aqui (mensagens do Mercado Livre)."


def test_explain_shows_the_texts_in_the_language_asked(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "REV002", "--lang", "de"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "What to write instead " + GERMAN_REV002_SUGGESTION in out


# --- a bad file ---------------------------------------------------------------------------------


@pytest.fixture
def texts_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest):
    """A package of rule texts of its own: ``write(toml)`` writes its de.toml and returns the package name."""
    name = "texts_" + re.sub(r"\W", "_", request.node.name)
    (tmp_path / name / "texts").mkdir(parents=True)
    (tmp_path / name / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))

    def write(toml: str) -> str:
        (tmp_path / name / "texts" / "de.toml").write_text(toml, "utf-8")
        return name

    yield write
    sys.modules.pop(name, None)


@pytest.mark.parametrize(
    ("toml", "line", "key", "problem"),
    [
        ('[REV002]\nmessage = "Gut."\n\n[REV999]\nmessage = "Gut."\n', 4, "REV999", "names no rule"),
        ('[REV002]\nmessage = "Gut."\nsugestion = "Gut."\n', 3, "REV002.sugestion", "unknown key"),
        (
            '[REV002]\nmessage = "Gut."\nsuggestion = "Antworten Sie über {messaging}."\n',
            3,
            "REV002.suggestion",
            "placeholder {messaging} is not in the English suggestion of REV002 (it has: {marketplace})",
        ),
        ('[REV001]\nmessage = ""\n', 2, "REV001.message", "must be the text, in de"),
        ("[REV001]\nmessage = 3\n", 2, "REV001.message", "must be the text, in de (got 3)"),
    ],
    ids=["unknown-rule", "unknown-key", "stray-placeholder", "empty", "not-text"],
)
def test_a_bad_file_names_the_file_the_line_and_the_key(texts_package, toml: str, line: int, key: str, problem: str):
    package = texts_package(toml)
    with pytest.raises(ConfigError) as caught:
        load_rule_texts("de", ENGLISH, package)
    error = caught.value
    assert error.path is not None and error.path.endswith(str(Path(package, "texts", "de.toml")))
    assert (error.line, error.key) == (line, key)
    assert error.problem.startswith(problem)


def test_a_file_that_is_not_toml_names_its_line(texts_package) -> None:
    package = texts_package('[REV002]\nmessage = "Gut.\n')
    with pytest.raises(ConfigError) as caught:
        load_rule_texts("de", ENGLISH, package)
    assert caught.value.line == 2 and caught.value.problem.startswith("not valid TOML")


def test_a_linter_with_a_bad_file_is_not_built(texts_package, monkeypatch: pytest.MonkeyPatch) -> None:
    package = texts_package('[REV002]\nmesage = "Gut."\n')
    monkeypatch.setattr(msglint.api, "rule_text_languages", lambda: ("de",))
    monkeypatch.setattr(msglint.api, "load_rule_texts", functools.partial(load_rule_texts, package=package))
    with pytest.raises(ConfigError, match=r"de\.toml:2: key 'REV002\.mesage': unknown key"):
        Linter()


def test_a_messaging_rule_reads_the_sellers_language_too() -> None:
    message = {"text": "Ihr Paket ist unterwegs 😊", "language": "de", "message_type": "unexpectedProblem"}
    report = _linter().lint(message)
    assert [(f.rule, f.span.start, f.span.end) for f in report.findings] == [("CNT002", 0, 23), ("FMT002", 24, 25)]
    cnt002, fmt002 = report.findings
    assert cnt002.message == (
        "Diese proaktive Nachricht bestätigt nur die Bestellung oder den Versand; das übernimmt Amazon selbst."
    )
    assert fmt002.message == "Emojis und GIFs sind in Nachrichten über Amazon nicht erlaubt."
    assert fmt002.suggestion == "Entfernen Sie das Emoji bzw. das GIF und sagen Sie es in Worten."
