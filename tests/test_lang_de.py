"""German is checked with German words (msglint/lang/de.toml, msglint/lexicons/de/): exact codes and spans."""

from __future__ import annotations

import pytest

from msglint import Linter
from msglint.engine.language import supported_languages

from .lang_cases import at_words, category_findings


def _found(linter: Linter, text: str) -> list[tuple[str, int, int]]:
    report = linter.lint({"text": text, "language": "de"})
    return [(f.rule, f.span.start, f.span.end) for f in report.findings]


def _at(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def test_german_is_supported_because_its_data_exists() -> None:
    assert "de" in supported_languages()


@pytest.mark.parametrize(
    ("text", "rule", "words"),
    [
        ("Bitte hinterlassen Sie uns eine 5-Sterne-Bewertung.", "REV001", "5-Sterne-Bewertung"),
        ("Bitte hinterlassen Sie eine fuenf-Sterne-Bewertung, danke!", "REV001", "fuenf-Sterne-Bewertung"),
        ("Bitte löschen Sie Ihre negative Bewertung.", "REV004", "löschen Sie Ihre negative Bewertung"),
        ("Bitten Sie auch Ihre Freunde, uns zu bewerten.", "REV005", "Bitten Sie auch Ihre Freunde"),
        ("Sie sind ein Idiot.", "ABU004", "Sie sind ein Idiot"),
        ("Was für ein Trottel.", "ABU004", "Was für ein Trottel"),
        ("Sie sind so bloed, unglaublich.", "ABU004", "Sie sind so bloed"),
        ("Wir wissen, wo Sie wohnen.", "ABU005", "Wir wissen, wo Sie wohnen"),
        ("Verpiss dich!", "ABU003", "Verpiss dich"),
        ("Halten Sie die Klappe!", "ABU006", "Halten Sie die Klappe"),
        ("Abonnieren Sie unseren Newsletter!", "PRO007", "Abonnieren Sie unseren"),
        ("Bitte bezahlen Sie per PayPal Freunde und Familie.", "EXT008", "PayPal Freunde und Familie"),
        ("Rufen Sie uns an: 030 1234567", "EXT006", "030 1234567"),
    ],
)
def test_a_german_violation_is_found_where_it_is_written(linter: Linter, text: str, rule: str, words: str) -> None:
    assert (rule, *_at(text, words)) in _found(linter, text)


def test_an_offer_for_five_stars_is_both_a_rating_request_and_an_incentive(linter: Linter) -> None:
    text = "Wenn Sie uns 5 Sterne geben, erhalten Sie einen Gutschein über 10 Euro!"
    assert _found(linter, text) == [("REV001", *_at(text, "5 Sterne")), ("REV002", *_at(text, "Gutschein"))]


def test_a_discount_code_and_the_discount_are_two_findings(linter: Linter) -> None:
    text = "Rabattcode SOMMER20 an der Kasse: 20 % Rabatt auf Ihre nächste Bestellung!"
    assert _found(linter, text) == [
        ("PRO001", *_at(text, "Rabattcode SOMMER20")),
        ("PRO002", *_at(text, "20 % Rabatt auf Ihre nächste Bestellung")),
    ]


def test_contact_on_whatsapp_names_the_request_the_platform_and_the_number(linter: Linter) -> None:
    text = "Kontaktieren Sie uns per WhatsApp unter 0151 23456789."
    assert sorted(_found(linter, text)) == sorted(
        [
            ("EXT009", *_at(text, "Kontaktieren Sie uns per WhatsApp")),
            ("EXT007", *_at(text, "WhatsApp")),
            ("EXT006", *_at(text, "0151 23456789")),
        ]
    )


def test_a_mild_swear_word_aimed_at_no_one_is_a_warning(linter: Linter) -> None:
    report = linter.lint({"text": "Das ist doch Mist.", "language": "de"})
    assert [(f.rule, f.severity.value, f.text) for f in report.findings] == [("ABU001", "warning", "Mist")]


@pytest.mark.parametrize(
    "text",
    [
        "Ihre Bewertungsanfrage ist bei uns eingegangen, wir melden uns morgen.",
        "Ihr Sternzeichen-Anhänger (Skorpion) wurde heute versandt.",
        "Achtung: Das Pulver ist Gift für Katzen, bitte außer Reichweite lagern.",
        "Welche Art von Kabel benötigen Sie für Ihr Gerät?",
        "Die Figur ist nackt, genau wie das Original im Museum.",
        "Das Buch 'Der Mufti von Jerusalem' ist ein Sachbuch und wurde heute versandt.",
        "Wir haben Ihnen wegen der Verspätung 10 % Rabatt erstattet.",
        "Der Rabatt von 5 € wurde bereits abgezogen.",
        "Wenn Sie einen Moment Zeit haben, teilen Sie gerne Ihre Erfahrung mit dem Produkt auf Amazon.",
        "Danke für Ihre 5-Sterne-Bewertung!",
        "Ihre Bestellung 302-1234567-1234567 wurde mit DHL 00340434161234567890 versandt.",
        "Wir erstatten 25 EUR auf Ihr Konto DE89 3704 0044 0532 0130 00.",
        "Schreiben Sie uns gerne hier über Amazon.",
        "Wir können leider keine Zahlung per PayPal annehmen.",
        "Das Modell 'Five Star' ist ein Notizbuch im A4-Format.",
    ],
)
def test_german_order_talk_and_traps_are_clean(linter: Linter, text: str) -> None:
    assert _found(linter, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the buyer's own words said back to them with a reporting verb are theirs
        ("Sie schrieben, der Artikel sei „Scheiße“; das tut uns leid.", []),
        (
            "Sie sind ein Vollidiot, die Größe steht auf der Packung.",
            [("ABU004", "Sie sind ein Vollidiot", 0, 22, "error")],
        ),
    ],
)
def test_german_quote_back_and_aimed_insult_spans(linter: Linter, text: str, expected: list[tuple]) -> None:
    report = linter.lint({"text": text, "language": "de"})
    assert [(f.rule, f.text, f.span.start, f.span.end, f.severity.value) for f in report.findings] == expected


# Frames (msglint/lexicons/de/frames.toml): phrasing no lexicon line spells out, written as German
# sellers write it, each idea beside its hard negative. Every finding of a category is listed, by its words.
FRAME_CASES = [
    ("Sie sind ein elender Schmarotzer, der nur Gratisware will.", [("ABU004", "Sie sind ein elender Schmarotzer")]),
    (
        "Sie sind wirklich der unverschämteste Kunde, den wir je hatten.",
        [("ABU004", "Sie sind wirklich der unverschämteste Kunde")],
    ),
    ("Sie Clown haben doch selbst das Kabel abgerissen.", [("ABU004", "Sie Clown")]),
    ("Nehmen Sie die Bewertung zurück, oder Sie bekommen Ärger.", [("ABU005", "oder Sie bekommen Ärger")]),
    ("Sie sind unfaehig und unverschaemt.", [("ABU004", "Sie sind unfaehig")]),
    ("Das wird Ihnen noch leidtun.", [("ABU005", "Das wird Ihnen noch leidtun")]),
    ("Bitte senden Sie das Paket bis Freitag zurück, sonst können wir die Erstattung nicht bearbeiten.", []),
    ("Ob Sie Gans oder Ente bestellt haben, sehen Sie in der Rechnung.", []),
    ("Sie sind nicht der Einzige mit diesem Problem.", []),
    (
        "Als kleines Dankeschön für Ihre Bewertung schicken wir Ihnen gern einen 10-€-Gutschein.",
        [("REV002", "kleines Dankeschön für Ihre Bewertung schicken wir Ihnen")],
    ),
    (
        "Nur wenn Sie zufrieden sind, freuen wir uns über eine Bewertung; sonst schreiben Sie uns bitte zuerst.",
        [("REV003", "Nur wenn Sie zufrieden sind, freuen wir uns über eine Bewertung")],
    ),
    (
        "Falls etwas nicht passt, melden Sie sich bitte bei uns, bevor Sie eine Bewertung abgeben.",
        [("REV003", "Falls etwas nicht passt, melden Sie sich bitte bei uns, bevor Sie eine Bewertung")],
    ),
    (
        "Passend zu Ihrem Messerblock finden Sie in unserem Shop auch den Wetzstahl und die Schneidebretter.",
        [("PRO005", "Passend zu Ihrem"), ("EXT010", "in unserem Shop")],
    ),
    (
        "Ab dem 1. März erhöhen sich unsere Preise – jetzt noch schnell zum alten Preis bestellen!",
        [("PRO003", "erhöhen sich unsere Preise – jetzt noch")],
    ),
    ("Dieser Kunde ist ein kompletter Trottel.", [("ABU004", "Dieser Kunde ist ein kompletter Trottel")]),
    (
        "Löschen Sie die Bewertung, sonst werden Sie es bereuen.",
        [("REV004", "Löschen Sie die Bewertung"), ("ABU005", "werden Sie es bereuen")],
    ),
    (
        "Wenn die Bewertung nicht bis Freitag weg ist, leiten wir rechtliche Schritte gegen Sie ein.",
        [("ABU005", "rechtliche Schritte")],
    ),
    ("Leute wie Sie ruinieren den ganzen Onlinehandel.", [("ABU008", "Leute wie Sie ruinieren")]),
    ("Das Buch „Scheiß auf Perfektion“ ist ein Ratgeber und wird morgen geliefert.", []),
    ("Sie können sich jederzeit an die Schlichtungsstelle oder an Ihre Verbraucherzentrale wenden.", []),
    ("Diese Art der Montage ist sehr einfach, selbst ein Kind kann das Regal aufbauen.", []),
    ("Das Mittel enthält kein Gift und ist für Kinder und Haustiere unbedenklich.", []),
    ("Sie erhalten in den nächsten Tagen eine Bewertungsanfrage von Amazon; die Teilnahme ist freiwillig.", []),
    ("Sie erhalten die Erstattung in drei Tagen; über eine Bewertung würden wir uns freuen.", []),
    ("Sie werden es nicht bereuen: Der Akku hält locker zwei Tage.", []),
    ("Falls Sie bis Sonntag nichts erhalten, bestellen wir den Artikel kostenlos neu für Sie.", []),
]


@pytest.mark.parametrize(("text", "expected"), FRAME_CASES, ids=[t[:40] for t, _ in FRAME_CASES])
def test_frames_find_unlisted_phrasing_and_leave_its_hard_negatives(
    linter: Linter, text: str, expected: list[tuple[str, str]]
) -> None:
    assert category_findings(linter, text, "de") == at_words(text, expected)


# Order talk that shares words with the external-contact, promotional and review rules, each idea beside its
# positive twin: a chat app as a feature of the goods, a number that names a document or a part, the contact
# details an account holds, money moved by the marketplace or paid on it, a bank transfer offered or asked
# for. Every finding of a category is listed, by its words.
ORDER_TALK_CASES = [
    ("Ist WhatsApp auf dem Handy vorinstalliert? Ja, WhatsApp ist vorinstalliert.", []),
    ("Sie fragten, ob das Tablet mit WhatsApp funktioniert: ja, die App lässt sich installieren.", []),
    (
        "Das Handy hat WhatsApp vorinstalliert; schreiben Sie mir dort unter 0151 23456789.",
        [("EXT007", "WhatsApp"), ("EXT006", "0151 23456789")],
    ),
    ("Sie haben per Überweisung über Amazon bezahlt; die Erstattung geht auf dasselbe Konto.", []),
    ("Die Erstattung erfolgt per Überweisung durch Amazon.", []),
    ("Wir erstatten Ihnen den Betrag per Überweisung.", [("EXT008", "per Überweisung")]),
    (
        "Wir überweisen Ihnen das Geld zurück, schicken Sie uns Ihre IBAN.",
        [("EXT008", "Wir überweisen"), ("EXT008", "schicken Sie uns Ihre IBAN")],
    ),
    ("Können Sie uns die Nummer auf dem Typenschild nennen? (z. B. 0 601 868 109)", []),
    ("Das Werkzeug hat die Sachnummer 0 601 868 109 und passt zu Ihrem Akku.", []),
    ("Rufen Sie uns an: 0601 868109.", [("EXT009", "Rufen Sie uns an"), ("EXT006", "0601 868109")]),
    ("Der Paketdienst ruft Sie vor der Zustellung an, wenn Ihre Telefonnummer im Konto hinterlegt ist.", []),
    ("Ihre Telefonnummer ist im Konto hinterlegt, ich rufe Sie heute Abend an.", [("EXT009", "Ihre Telefonnummer")]),
    ("Die Nummer des Vorgangs ist 2024113045.", []),
    ("Meine Nummer ist 2024113045, schreiben Sie mir.", [("EXT009", "Meine Nummer"), ("EXT006", "2024113045")]),
    (
        "Für die Erstattung brauchen wir noch Ihre Bankverbindung.",
        [("EXT008", "brauchen wir noch Ihre Bankverbindung")],
    ),
    ("Ihre IBAN haben wir notiert; die Erstattung läuft trotzdem über Amazon.", []),
    ("Sie haben mit PayPal über Amazon bezahlt; die Erstattung bucht Amazon dorthin zurück.", []),
    ("Zahlen Sie lieber mit PayPal statt über Amazon.", [("EXT008", "PayPal")]),
    ("Der Kurier hat eine Benachrichtigungskarte mit der Nummer 7361234509 hinterlassen.", []),
    ("Sie erreichen mich mit der Nummer 7361234509.", [("EXT006", "7361234509")]),
]


@pytest.mark.parametrize(("text", "expected"), ORDER_TALK_CASES, ids=[t[:40] for t, _ in ORDER_TALK_CASES])
def test_order_talk_sharing_words_with_the_rules_is_clean_and_its_twin_is_not(
    linter: Linter, text: str, expected: list[tuple[str, str]]
) -> None:
    assert category_findings(linter, text, "de") == at_words(text, expected)


# Abusive breadth: compounds read by their parts, the other forms of a name, the reader accused of mocking
# the seller; each beside the hard negatives that share its words (a mudguard, a driving test, a pitchfork,
# fraudsters reported). Every category finding is listed, by its words.
ABUSIVE_BREADTH_CASES = [
    ("Sie Riesenidiot, die Größe steht in der Beschreibung.", [("ABU004", "Sie Riesenidiot")]),
    ("Sie sind eine Oberlügnerin, das Foto zeigt den Schaden nicht.", [("ABU004", "Sie sind eine Oberlügnerin")]),
    ("Was für ein Totalversager schreibt so eine Nachricht?", [("ABU004", "Was für ein Totalversager")]),
    ("Ihr Scheißpaket liegt bei der Post.", [("ABU003", "Ihr Scheißpaket")]),
    ("Die Kackfirma hat das Paket verloren, wir schicken ein neues.", [("ABU001", "Kackfirma")]),
    ("Sie wollen uns wohl verarschen, das Paket wurde zugestellt.", [("ABU003", "Sie wollen uns wohl verarschen")]),
    ("Sie Dieb, Sie haben den Artikel behalten.", [("ABU004", "Sie Dieb")]),
    ("Ihr seid alle Schmarotzer.", [("ABU004", "Ihr seid alle Schmarotzer")]),
    ("Melden Sie sich, Sie Betrüger.", [("ABU004", "Sie Betrüger")]),
    ("Bitte melden Sie Betrüger über das Formular im Kundenkonto.", []),
    ("Blockieren Sie Betrüger, die Ihnen Links schicken.", []),
    ("Der Dreckschutz für Ihr Fahrrad ist heute verschickt worden.", []),
    ("Das Lehrbuch zum Idiotentest liegt dem Paket bei.", []),
    ("Die Mistgabel und der Mistelzweig sind unterwegs.", []),
    ("Der Seidenspinner-Kokon aus unserem Bastelset ist unterwegs.", []),
    ("Der Motor hatte einen Zündversager; das Ersatzteil ist unterwegs.", []),
    ("Das Sechser-Pack Batterien ist unterwegs.", []),
    ("Wir wurden vom Lieferanten verarscht, das tut uns leid.", [("ABU001", "verarscht")]),
    ("Ihre Bewertung ist Scheiße.", [("ABU003", "Ihre Bewertung ist Scheiße")]),
    ("Der Versand war Mist, sorry, der Ersatz ist unterwegs.", [("ABU001", "Mist")]),
]


@pytest.mark.parametrize(("text", "expected"), ABUSIVE_BREADTH_CASES, ids=[t[:40] for t, _ in ABUSIVE_BREADTH_CASES])
def test_abusive_breadth_finds_other_forms_and_leaves_their_hard_negatives(
    linter: Linter, text: str, expected: list[tuple[str, str]]
) -> None:
    assert category_findings(linter, text, "de") == at_words(text, expected)
