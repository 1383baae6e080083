"""The messaging category (issue #16): each rule fires on its case and not on the close one beside it,
with exact codes, fields and spans; the pack holds Amazon's numbers; missing metadata never raises and
never fires a rule that needs it."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from msglint import Category, Linter, Message

T0 = datetime(2026, 2, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def messaging_linter() -> Linter:
    return Linter()


def found(linter: Linter, message: dict) -> list[tuple[str, str | None, int, int]]:
    """(rule, field, start, end) of the messaging findings."""
    report = linter.lint(message)
    return [(f.rule, f.field, f.span.start, f.span.end) for f in report.findings if f.category is Category.MESSAGING]


# (code, firing message, expected findings, close message that does not fire)
CASES = [
    (
        "TIM001",
        {
            "text": "Your replacement is on its way.",
            "direction": "proactive",
            "sent_at": T0 + timedelta(days=30, seconds=1),
            "order": {"delivered_at": T0},
        },
        [("TIM001", "sent_at", 0, 0)],
        {
            "text": "Your replacement is on its way.",
            "direction": "proactive",
            "sent_at": T0 + timedelta(days=30),
            "order": {"delivered_at": T0},
        },
    ),
    (
        "TIM002",
        {
            "text": "",
            "message_type": "productReviewAndSellerFeedback",
            "sent_at": T0 + timedelta(days=4, hours=23),
            "order": {"earliest_delivery_at": T0, "latest_delivery_at": T0 + timedelta(days=3)},
        },
        [("TIM002", "sent_at", 0, 0)],
        {
            "text": "",
            "message_type": "productReviewAndSellerFeedback",
            "sent_at": T0 + timedelta(days=5),
            "order": {"earliest_delivery_at": T0, "latest_delivery_at": T0 + timedelta(days=3)},
        },
    ),
    (
        "TIM003",
        {"text": "", "message_type": "productReviewAndSellerFeedback", "prior": {"proactive": 1, "review_requests": 0}},
        [("TIM003", "prior", 0, 0)],
        {"text": "", "message_type": "productReviewAndSellerFeedback", "prior": {"proactive": 0, "review_requests": 0}},
    ),
    (
        "TIM004",
        {
            "text": "Yes, it fits.",
            "direction": "reply",
            "sent_at": T0 + timedelta(hours=24, minutes=1),
            "reply_to": {"received_at": T0},
        },
        [("TIM004", "sent_at", 0, 0)],
        {
            "text": "Yes, it fits.",
            "direction": "reply",
            "sent_at": T0 + timedelta(hours=24),
            "reply_to": {"received_at": T0},
        },
    ),
    (
        "TYP001",
        {"text": "k" * 401, "message_type": "digitalAccessKey"},
        [("TYP001", "text", 400, 401)],
        {"text": "k" * 400, "message_type": "digitalAccessKey"},
    ),
    (
        "TYP002",
        {"text": "See attached.", "message_type": "legalDisclosure"},
        [("TYP002", "text", 0, 13)],
        {"text": "See attached.", "message_type": "reply"},
    ),
    (
        "LNG001",
        {"text": "Your parcel ships tomorrow.", "language": "en", "buyer": {"locale": "de-DE"}},
        [("LNG001", "buyer.locale", 0, 0)],
        {"text": "Your parcel ships tomorrow.", "language": "en-US", "buyer": {"locale": "en_GB"}},
    ),
    (
        "ATT001",
        {
            "text": "Proofs attached.",
            "direction": "reply",
            "attachments": [{"filename": f"p{i}.png", "content_type": "image/png"} for i in range(6)],
        },
        [("ATT001", "attachments[5]", 0, 0)],
        {
            "text": "Proofs attached.",
            "direction": "reply",
            "attachments": [{"filename": f"p{i}.png", "content_type": "image/png"} for i in range(5)],
        },
    ),
    (
        "FMT001",
        {"text": "Your order <b>shipped</b>.", "body_format": "text"},
        [("FMT001", None, 11, 14), ("FMT001", None, 21, 25)],
        {"text": "Sizes: 38 < 39 > 40, and we <3 you.", "body_format": "text"},
    ),
    (
        "FMT002",
        {"text": "On its way 🚚!", "direction": "reply"},
        [("FMT002", None, 11, 12)],
        {"text": "On its way™ (see #2)!", "direction": "reply"},
    ),
    (
        "FMT003",
        {"text": "<center>Your order</center>", "body_format": "html"},
        [("FMT003", None, 0, 7)],
        {"text": "<p>Your order</p>", "body_format": "html"},
    ),
    (
        "SUB001",
        {"text": "Delivery is delayed.", "subject": "[IMPORTANT] order 113-4412357-8865520"},
        [("SUB001", "subject", 0, 0)],
        {"text": "Delivery is delayed.", "subject": "Important: it is not. Re: your question"[12:]},
    ),
    (
        "CNT001",
        {"text": "Thank you for your order! We're here to help.", "direction": "proactive"},
        [("CNT001", None, 0, 9)],
        {"text": "Thank you for your order! We're here to help.", "direction": "reply"},
    ),
    (
        "CNT002",
        {"text": "Your order has shipped.", "direction": "proactive"},
        [("CNT002", None, 0, 22)],
        {"text": "Your order has shipped, but it is delayed by a day.", "direction": "proactive"},
    ),
    (
        "CNT003",
        {"text": "We cannot ship it, please cancel the order.", "direction": "reply"},
        [("CNT003", None, 19, 32)],
        {"text": "We cannot ship it, so we cancelled the order.", "direction": "reply"},
    ),
    (
        "OPT001",
        {
            "text": "",
            "message_type": "warranty",
            "buyer": {"opted_out": True},
            "attachments": [{"filename": "w.pdf", "content_type": "application/pdf"}],
        },
        [("OPT001", "buyer.opted_out", 0, 0)],
        {
            "text": "",
            "message_type": "invoice",
            "buyer": {"opted_out": True},
            "attachments": [{"filename": "i.pdf", "content_type": "application/pdf"}],
        },
    ),
]


@pytest.mark.parametrize(("code", "firing", "expected", "close"), CASES, ids=[c[0] for c in CASES])
def test_rule_fires_and_close_case_does_not(messaging_linter: Linter, code, firing, expected, close) -> None:
    assert found(messaging_linter, firing) == expected
    assert found(messaging_linter, close) == []


def test_every_messaging_rule_has_a_case(messaging_linter: Linter) -> None:
    codes = {r.code for r in messaging_linter.rules if r.category is Category.MESSAGING}
    assert codes == {c[0] for c in CASES}


@pytest.mark.parametrize(
    "text",
    [
        "Please don't cancel: it ships tomorrow.",
        "You can cancel from your account if you wish.",
        "If you would like to cancel, you can do so from Your Orders.",
        "We don't need you to cancel anything.",
        "There is no need to cancel; the replacement is on its way.",
        "Please request a refund through Your Orders.",
    ],
)
def test_cancel_information_is_not_a_request(messaging_linter: Linter, text: str) -> None:
    assert found(messaging_linter, {"text": text, "direction": "reply"}) == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Could you please cancel the order? We are out of stock.", (0, 23)),
        ("We need you to cancel the order, sorry.", (3, 21)),
        ("You will need to request a cancellation.", (0, 39)),
    ],
)
def test_cancel_requests(messaging_linter: Linter, text: str, span: tuple[int, int]) -> None:
    assert found(messaging_linter, {"text": text, "direction": "reply"}) == [("CNT003", None, *span)]


def test_sp_api_types_and_limits_are_the_packs(messaging_linter: Linter) -> None:
    types = messaging_linter.policy.message_types
    table = {
        "confirmCustomizationDetails": 800,
        "digitalAccessKey": 400,
        "confirmDeliveryDetails": 2000,
        "confirmOrderDetails": 2000,
        "confirmServiceDetails": 2000,
        "unexpectedProblem": 2000,
        "legalDisclosure": 0,
        "warranty": 0,
        "amazonMotors": 0,
        "invoice": 0,
        "negativeFeedbackRemoval": 0,
        "productReviewAndSellerFeedback": 0,
        "reply": None,
    }
    assert {name: t.max_characters for name, t in types.items()} == table
    assert {n for n, t in types.items() if t.max_attachments == 0} == {
        "confirmDeliveryDetails",
        "confirmOrderDetails",
        "confirmServiceDetails",
        "unexpectedProblem",
        "negativeFeedbackRemoval",
        "productReviewAndSellerFeedback",
    }
    assert [n for n, t in types.items() if t.review_request] == ["productReviewAndSellerFeedback"]
    windows, limits = messaging_linter.policy.windows, messaging_linter.policy.attachments
    assert (windows.proactive_days, windows.review_request_from_days, windows.review_request_until_days) == (30, 5, 30)
    assert (windows.reply_hours, windows.max_proactive_per_order) == (24, 1)
    assert (limits.max_count, limits.max_total_bytes) == (5, 10_000_000)


def test_naive_times_are_utc_and_aware_ones_compare_by_instant(messaging_linter: Linter) -> None:
    naive = Message(text="x", sent_at=datetime(2026, 2, 2, 12, 0))
    assert naive.sent_at == datetime(2026, 2, 2, 12, 0, tzinfo=UTC)
    berlin = timezone(timedelta(hours=1))
    reply = {"text": "Yes.", "direction": "reply", "reply_to": {"received_at": datetime(2026, 2, 1, 12, 0)}}
    # 13:30 in Berlin is 12:30 UTC: 24.5 hours after the naive (UTC) 12:00 the day before.
    late = {**reply, "sent_at": datetime(2026, 2, 2, 13, 30, tzinfo=berlin)}
    assert found(messaging_linter, late) == [("TIM004", "sent_at", 0, 0)]
    in_time = {**reply, "sent_at": datetime(2026, 2, 2, 12, 30, tzinfo=berlin)}  # 11:30 UTC
    assert found(messaging_linter, in_time) == []
    assert found(messaging_linter, {**reply, "sent_at": "2026-02-02T12:00:01"}) == [("TIM004", "sent_at", 0, 0)]


def test_text_only_sees_no_messaging_rule_and_lists_them_as_not_run(messaging_linter: Linter) -> None:
    report = messaging_linter.lint("Thank you for your order! 🚚 Please cancel it.")
    assert [f.rule for f in report.findings if f.category is Category.MESSAGING] == []
    assert set(report.not_run) == {r.code for r in messaging_linter.rules if r.category is Category.MESSAGING}


def test_unknown_message_type_is_an_error_listing_the_types(messaging_linter: Linter) -> None:
    report = messaging_linter.lint({"text": "hi", "message_type": "order-update"})
    assert [f.rule for f in report.findings] == ["MSG006"]
    assert (
        "field 'message_type': 'order-update' is not a message type of the amazon policy" in report.findings[0].message
    )
    assert "confirmCustomizationDetails" in report.findings[0].message
    assert report.verdict == "block"


def test_attachment_size_and_type_name_their_field(messaging_linter: Linter) -> None:
    message = {
        "text": "",
        "message_type": "invoice",
        "attachments": [
            {"filename": "a.pdf", "content_type": "application/pdf", "size_bytes": 6_000_000},
            {"filename": "b.png", "content_type": "image/png", "size_bytes": 4_000_001},
        ],
    }
    assert found(messaging_linter, message) == [
        ("ATT001", "attachments[1].content_type", 0, 0),
        ("ATT001", "attachments", 0, 0),
    ]


_FIELDS = {
    "sent_at": st.just(T0 + timedelta(days=60)),
    "direction": st.sampled_from(["proactive", "reply"]),
    "message_type": st.sampled_from(["productReviewAndSellerFeedback", "warranty", "reply", "unexpectedProblem"]),
    "subject": st.just("[Important] hello"),
    "body_format": st.sampled_from(["text", "html"]),
    "language": st.sampled_from(["en", "fr"]),
    "order": st.fixed_dictionaries(
        {},
        optional={
            k: st.just(T0) for k in ("purchased_at", "delivered_at", "earliest_delivery_at", "latest_delivery_at")
        },
    ),
    "reply_to": st.fixed_dictionaries({}, optional={"received_at": st.just(T0)}),
    "prior": st.fixed_dictionaries({}, optional={"proactive": st.just(1), "review_requests": st.just(1)}),
    "buyer": st.fixed_dictionaries({}, optional={"locale": st.just("de-DE"), "opted_out": st.just(True)}),
    "attachments": st.just(
        [{"filename": f"x{i}.gif", "content_type": "image/gif", "size_bytes": 3_000_000} for i in range(6)]
    ),
}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fields=st.fixed_dictionaries({}, optional=_FIELDS))
def test_missing_fields_never_raise_nor_fire_rules_that_need_them(messaging_linter: Linter, fields: dict) -> None:
    text = "Thank you! <b>Please cancel</b> the order 🚚, and leave a review."
    message = Message.model_validate({"text": text, **fields})
    report = messaging_linter.lint(message)
    assert not any(f.rule in ("MSG001", "MSG004", "MSG006", "MSG008") for f in report.findings)  # failed, invalid
    rules = {r.code: r for r in messaging_linter.rules}
    for finding in report.findings:
        assert all(message.has(need) for need in rules[finding.rule].needs), finding.rule
    for code in report.not_run:
        assert not all(message.has(need) for need in rules[code].needs)


def _cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "msglint", *args], input=stdin, capture_output=True, text=True, check=False
    )


def test_cli_reads_metadata_from_jsonl_and_names_a_bad_field(tmp_path) -> None:
    good = {"id": "a", "text": "", "message_type": "productReviewAndSellerFeedback", "prior": {"review_requests": 1}}
    bad = {"id": "b", "text": "hi", "order": {"delivered_at": "last week"}}
    path = tmp_path / "sent.jsonl"
    path.write_text(json.dumps(good) + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    result = _cli("check", "--jsonl", str(path), "--format", "jsonl")
    reports = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(f["rule"], f["field"]) for f in reports[0]["findings"]] == [("TIM003", "prior")]
    assert f"{path}:2: field 'order.delivered_at'" in result.stderr
    assert "Traceback" not in result.stderr


def test_explain_cites_the_clause_and_rules_shows_the_category() -> None:
    explained = _cli("explain", "TIM002").stdout
    assert "amazon:review-request-window" in explained
    assert "5 days after the earliest delivery date" in explained
    rules = _cli("rules").stdout
    assert any(
        line.split()[:3] == ["TIM002", "review-request-outside-window", "messaging"] for line in rules.splitlines()
    )


def test_template_front_matter_declares_the_message(tmp_path) -> None:
    template = tmp_path / "shipped.txt"
    text = (
        '---\ntitle: Shipped\nmessage_type: unexpectedProblem\ndirection: "proactive"\n'
        "subject: '[Important] order {{ order_id }}'\ntags:\n  - shipping\n---\n"
        "Hi {{ buyer_name }}, your order has shipped.\n"
    )
    template.write_text(text, encoding="utf-8")
    result = _cli("check", "--format", "json", str(template))
    findings = json.loads(result.stdout)["results"][0]["findings"]
    start = text.index("your order has shipped")
    assert [(f["rule"], f["field"], f["span"]["start"], f["span"]["end"]) for f in findings] == [
        ("SUB001", "subject", 0, 0),
        ("CNT002", None, start, start + 22),
    ]


@pytest.mark.parametrize(
    ("front", "error"),
    [
        ("direction: sideways\n", "line 2: front matter: field 'direction'"),
        (
            "message_type: order-update\n",
            "line 2: front matter: field 'message_type': 'order-update' is not a message type",
        ),
        ("subject:\n", "line 2: front matter: 'subject' needs one value"),
        ("just words\n", "line 2: front matter: expected 'key: value'"),
    ],
)
def test_bad_front_matter_is_an_error_naming_file_and_line(tmp_path, front: str, error: str) -> None:
    template = tmp_path / "bad.txt"
    template.write_text(f"---\n{front}---\nHello.\n", encoding="utf-8")
    result = _cli("check", str(template))
    assert f"{template}: {error}" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.returncode == 2


def test_jsonl_unknown_message_type_names_file_line_and_field(tmp_path) -> None:
    path = tmp_path / "sent.jsonl"
    path.write_text(json.dumps({"text": "hi", "message_type": "thanks"}) + "\n", encoding="utf-8")
    result = _cli("check", "--jsonl", str(path))
    assert (
        f"{path}:1: field 'message_type': 'thanks' is not a message type of the amazon policy; its types: "
        in result.stderr
    )


def _text_cases() -> list[dict]:
    path = Path(__file__).parent / "data" / "messaging_text.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip() and not line.startswith("//")]


@pytest.mark.parametrize("case", _text_cases(), ids=lambda case: case["id"])
def test_text_rules_on_written_cases(messaging_linter: Linter, case: dict) -> None:
    message = {key: value for key, value in case.items() if key not in ("id", "expect")}
    assert [code for code, *_ in found(messaging_linter, message)] == case["expect"]


# --- LNG001 on a language msglint detects -------------------------------------------------------------


def test_lng001_compares_a_confidently_detected_language_with_the_buyer_locale(messaging_linter: Linter) -> None:
    message = {
        "text": "Your parcel left our warehouse this morning and arrives on Monday.",
        "marketplace": "amazon.de",
        "buyer": {"locale": "de-DE"},
    }
    report = messaging_linter.lint(message)
    assert (report.language, report.language_source) == ("en", "detected")
    assert found(messaging_linter, message) == [("LNG001", "buyer.locale", 0, 0)]


def test_lng001_stays_quiet_on_a_detected_language_the_buyer_reads(messaging_linter: Linter) -> None:
    message = {
        "text": "Ihr Paket hat unser Lager heute Morgen verlassen und kommt am Montag an.",
        "marketplace": "amazon.de",
        "buyer": {"locale": "de-AT"},
    }
    report = messaging_linter.lint(message)
    assert (report.language, report.language_source, report.not_run.count("LNG001")) == ("de", "detected", 0)
    assert found(messaging_linter, message) == []


@pytest.mark.parametrize(
    "text",
    [
        "Your parcel ships.",  # under 20 letters: the marketplace's first language, a guess
        "Mario Rossi Via Roma Milano Italia",  # names the model cannot place with confidence
    ],
)
def test_lng001_never_fires_on_a_default_language(messaging_linter: Linter, text: str) -> None:
    message = {"text": text, "marketplace": "amazon.de", "buyer": {"locale": "fr-FR"}}
    report = messaging_linter.lint(message)
    assert (report.language, report.language_source) == ("de", "default")
    assert "LNG001" not in report.not_run
    assert found(messaging_linter, message) == []


def test_lng001_does_not_run_for_a_caller_who_passes_only_text(messaging_linter: Linter) -> None:
    report = messaging_linter.lint("Your parcel left our warehouse this morning and arrives on Monday.")
    assert report.language_source == "detected"
    assert "LNG001" in report.not_run
    assert [f.rule for f in report.findings] == []


def test_lng001_trusts_a_given_language_over_detection(messaging_linter: Linter) -> None:
    """The caller says German; the text reads English: the given language is the one compared."""
    message = {
        "text": "Your parcel left our warehouse this morning and arrives on Monday.",
        "language": "de",
        "buyer": {"locale": "de-DE"},
    }
    assert found(messaging_linter, message) == []


# --- the text rules in German, French, Spanish and Italian (msglint/lexicons/<lang>/messaging.jsonl) ----

# (language, text, direction, expected (rule, words) — the words' first occurrence is the span)
LANGUAGE_CASES = [
    (
        "de",
        "Hallo Frau Weber, vielen Dank für Ihre Bestellung! Bei Fragen sind wir gerne für Sie da.",
        [("CNT001", "vielen Dank")],
    ),
    ("de", "Vielen Dank für Ihre Bestellung! Welche Gravur wünschen Sie für den Becher?", []),
    ("de", "Gute Nachricht: Ihre Bestellung wurde versandt.", [("CNT002", "Ihre Bestellung wurde versandt")]),
    ("de", "Ihre Bestellung wurde versandt, leider mit zwei Tagen Verspätung.", []),
    (
        "de",
        "Der Artikel ist nicht lieferbar, bitte stornieren Sie die Bestellung.",
        [("CNT003", "bitte stornieren Sie")],
    ),
    ("de", "Bitte stornieren Sie nicht: Ihr Paket geht morgen raus.", []),
    ("fr", "Bonjour Claire, merci pour votre commande ! N'hésitez pas à nous écrire.", [("CNT001", "merci")]),
    ("fr", "Merci pour votre commande ! Quelle couleur de fil souhaitez-vous pour la broderie ?", []),
    ("fr", "Bonne nouvelle : votre colis est en route.", [("CNT002", "votre colis est en route")]),
    ("fr", "Votre colis est en route, malheureusement avec un jour de retard.", []),
    ("fr", "L'article est épuisé, veuillez annuler la commande.", [("CNT003", "veuillez annuler")]),
    ("fr", "Vous pouvez annuler depuis votre compte si vous le souhaitez.", []),
    ("es", "Hola Lucía, muchas gracias por su compra. Estamos a su disposición.", [("CNT001", "muchas gracias")]),
    ("es", "Muchas gracias por su pedido. ¿Qué color prefiere para el grabado?", []),
    ("es", "Buenas noticias: su pedido ha sido enviado.", [("CNT002", "su pedido ha sido enviado")]),
    ("es", "Su pedido ha sido enviado, pero lamentablemente llegará con retraso.", []),
    ("es", "No tenemos stock, le pedimos que cancele el pedido.", [("CNT003", "le pedimos que cancele")]),
    ("es", "Si lo desea, puede cancelar el pedido desde su cuenta.", []),
    ("it", "Ciao Marco, grazie mille per l'acquisto! Restiamo a disposizione.", [("CNT001", "grazie")]),
    ("it", "Grazie per l'ordine! Quale incisione preferisce sulla targa?", []),
    ("it", "Buone notizie: il suo ordine è stato spedito.", [("CNT002", "il suo ordine è stato spedito")]),
    ("it", "Il suo ordine è stato spedito, purtroppo con un giorno di ritardo.", []),
    ("it", "L'articolo è esaurito, la preghiamo di annullare l'ordine.", [("CNT003", "la preghiamo di annullare")]),
    ("it", "Se lo desidera, può annullare l'ordine dal suo account.", []),
]


@pytest.mark.parametrize(("lang", "text", "expected"), LANGUAGE_CASES)
def test_the_text_rules_read_each_language_with_its_own_words(
    messaging_linter: Linter, lang: str, text: str, expected: list[tuple[str, str]]
) -> None:
    spans = [(rule, None, text.index(words), text.index(words) + len(words)) for rule, words in expected]
    assert found(messaging_linter, {"text": text, "language": lang, "direction": "proactive"}) == spans


@pytest.mark.parametrize("lang", ["de", "fr", "es", "it"])
def test_a_reply_in_any_language_is_never_courtesy_only(messaging_linter: Linter, lang: str) -> None:
    thanks = {"de": "Vielen Dank!", "fr": "Merci beaucoup !", "es": "¡Muchas gracias!", "it": "Grazie mille!"}[lang]
    assert found(messaging_linter, {"text": thanks, "language": lang, "direction": "reply"}) == []


def test_appreciation_alone_is_courtesy_only(messaging_linter: Linter) -> None:
    text = "Thank you for shopping with us, Priya. We truly appreciate your business."
    assert found(messaging_linter, {"text": text, "direction": "proactive"}) == [("CNT001", None, 0, 9)]
