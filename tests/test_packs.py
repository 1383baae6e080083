"""Marketplace packs: each difference between marketplaces, run against the pack where the message is
allowed and the one where it is not, with exact codes and spans; pack inheritance, overlays and names."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest

from msglint import Linter, Report
from msglint.checkers.external_contact import phone_pattern
from msglint.cli import main
from msglint.config import builtin_policies, load_policy
from msglint.errors import ConfigError
from msglint.formatters.ruledoc import RuleDoc
from msglint.templates import TemplateFileError, front_matter_end, mask_template, read_front_matter

from .corpus import CORPORA, load

PACKS = ("ebay", "etsy", "walmart", "mercadolibre")


@cache
def pack(name: str) -> Linter:
    return Linter(name)


def found(report: Report) -> list[tuple[str, str, int, int]]:
    """(code, severity, start, end) of every finding of a category (engine notes left out)."""
    return [(f.rule, f.severity.value, f.span.start, f.span.end) for f in report.findings if f.category is not None]


def at(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def lint(name: str, text: str, language: str | None = None) -> list[tuple[str, str, int, int]]:
    return found(pack(name).lint({"text": text, "language": language} if language else text))


# --- eBay ---------------------------------------------------------------------------------------


def test_ebay_feedback_extortion_is_its_own_error_which_amazon_reports_as_a_rating_request() -> None:
    text = "Please leave positive feedback first and we will ship your order tomorrow."
    assert lint("ebay", text) == [("REV006", "error", *at(text, "leave positive feedback"))]
    assert lint("amazon", text) == [("REV001", "error", *at(text, "positive feedback"))]


def test_ebay_feedback_for_a_refund_is_extortion_there_and_an_incentive_plus_a_change_request_on_amazon() -> None:
    text = "We will refund the full amount once you revise your negative feedback."
    assert ("REV006", "error", *at(text, "revise your negative feedback")) in lint("ebay", text)
    assert all(code != "REV006" for code, *_ in lint("amazon", text))
    assert ("REV004", "error") in [(code, severity) for code, severity, *_ in lint("amazon", text)]


def test_ebay_lets_a_seller_ask_politely_for_a_revision_once_resolved_amazon_does_not() -> None:
    text = (
        "Glad the replacement arrived and works. If you feel the issue is resolved, "
        "would you consider revising your feedback?"
    )
    assert lint("ebay", text) == []
    assert lint("amazon", text) == [("REV004", "error", *at(text, "revising your feedback"))]


def test_ebay_lets_a_seller_ask_for_positive_feedback_amazon_does_not() -> None:
    text = "Thanks for your order! If you're happy with it, we'd really appreciate positive feedback."
    assert lint("ebay", text) == [("REV003", "warning", *at(text, "If you're happy"))]
    assert lint("amazon", text) == [
        ("REV003", "error", *at(text, "If you're happy")),
        ("REV001", "error", *at(text, "positive feedback")),
    ]


def test_ebay_links_are_ebays_own_and_amazons_are_outside_it() -> None:
    ebay_link = "The listing is at https://www.ebay.co.uk/itm/1234567890 if you want the size chart."
    assert lint("ebay", ebay_link) == []
    assert lint("amazon", ebay_link) == [("EXT001", "error", *at(ebay_link, "https://www.ebay.co.uk/itm/1234567890"))]
    amazon_link = "You can start the return from https://www.amazon.co.uk/returns at any time."
    assert lint("amazon", amazon_link) == []
    assert lint("ebay", amazon_link) == [("EXT001", "error", *at(amazon_link, "https://www.amazon.co.uk/returns"))]


def test_ebay_messages_are_on_the_platform_there_and_another_marketplace_on_amazon() -> None:
    text = "Please reply here on eBay messages if anything is missing."
    assert lint("ebay", text) == []
    assert lint("amazon", text) == [("EXT010", "error", *at(text, "eBay"))]


def test_ebay_allows_names_but_no_contact_details() -> None:
    name_only = "Thanks for buying from us, Dave."
    contact = "Thanks for buying from us, Dave. Email me at bikeparts.dave@gmail.com any time."
    assert lint("ebay", name_only) == []
    assert lint("ebay", contact) == [
        ("EXT009", "error", *at(contact, "Email me")),
        ("EXT005", "error", *at(contact, "bikeparts.dave@gmail.com")),
    ]


def test_ebay_offers_to_sell_outside_ebay_are_errors() -> None:
    text = "I can sell you the second wheel outside eBay for less."
    assert lint("ebay", text) == [("EXT010", "error", *at(text, "outside eBay"))]


# --- Etsy ---------------------------------------------------------------------------------------


def test_etsy_allows_the_shops_own_site_as_a_warning_amazon_blocks_it() -> None:
    text = "See more of my work at www.janeceramics.com"
    assert lint("etsy", text) == [("EXT001", "warning", *at(text, "www.janeceramics.com"))]
    assert lint("amazon", text) == [("EXT001", "error", *at(text, "www.janeceramics.com"))]


def test_etsy_allows_the_shops_social_accounts_as_a_warning_amazon_blocks_them() -> None:
    text = "You can find behind-the-scenes videos on my Instagram, @janeceramics."
    spans = [at(text, "Instagram"), at(text, "@janeceramics")]
    assert lint("etsy", text) == [("EXT007", "warning", *span) for span in spans]
    assert lint("amazon", text) == [("EXT007", "error", *span) for span in spans]


def test_etsy_fee_avoidance_is_an_error_there_and_not_a_rule_of_amazon() -> None:
    text = "If you buy the matching earrings through my website we both save on Etsy fees."
    assert ("EXT011", "error", *at(text, "Etsy fees")) in lint("etsy", text)
    assert all(code != "EXT011" for code, *_ in lint("amazon", text))


def test_etsy_fees_mentioned_without_avoiding_them_are_fine() -> None:
    assert lint("etsy", "Etsy fees are already included in the price you paid.") == []
    assert lint("etsy", "To avoid customs fees we ship your order from our EU warehouse.") == []


def test_etsy_donation_requests_are_errors_there_and_not_a_rule_of_amazon() -> None:
    text = "If you enjoyed the print, please consider a small donation to our animal rescue."
    assert lint("etsy", text) == [("PRO011", "error", *at(text, "donation"))]
    assert lint("amazon", text) == []


def test_etsy_a_shop_that_gives_to_charity_is_not_asking_for_a_donation() -> None:
    assert lint("etsy", "We donate 5% of every sale to the local animal shelter.") == []
    assert lint("etsy", "Tip: water the plant once a week and keep it out of direct sun.") == []


def test_etsy_review_incentives_are_errors_as_on_amazon() -> None:
    text = "We'll send a free pair of earrings if you leave a review."
    for name in ("etsy", "amazon"):
        assert lint(name, text) == [("REV002", "error", *at(text, "free pair"))]


# --- Walmart ------------------------------------------------------------------------------------


def test_walmart_answers_within_48_hours_in_us_english() -> None:
    walmart, amazon = pack("walmart").policy, pack("amazon").policy
    assert walmart.windows is not None and walmart.windows.model_dump(exclude_none=True) == {"reply_hours": 48}
    assert walmart.message_types == {}  # a marketplace's own mechanics are never inherited from Amazon's
    assert amazon.windows is not None and amazon.windows.reply_hours == 24
    late = {
        "text": "Your replacement ships today.",
        "direction": "reply",
        "message_type": "reply",
        "sent_at": "2026-03-04T12:00:00Z",
        "reply_to": {"received_at": "2026-03-02T18:00:00Z"},
    }
    assert [(f.rule, f.field) for f in pack("amazon").lint(late).findings] == [("TIM004", "sent_at")]
    assert pack("walmart").lint(late).findings == ()
    assert walmart.languages == ("en",)
    assert amazon.languages == ("en", "de", "fr", "es", "it")


def test_walmart_forbids_marketing_gating_incentives_and_contact_outside_seller_center() -> None:
    gating = "If you loved it, please leave a 5-star review; unhappy customers please email us instead."
    assert lint("walmart", gating) == [
        ("REV003", "error", *at(gating, "If you loved it")),
        ("REV001", "error", *at(gating, "5-star review")),
        ("EXT009", "error", *at(gating, "email us")),
    ]
    pii = "Could you send us your personal email so we can add you to our customer list?"
    assert ("EXT009", "error") in [(code, severity) for code, severity, *_ in lint("walmart", pii)]


def test_walmart_links_are_walmarts_own_there_and_outside_amazon() -> None:
    text = "You can start a return from your Purchase history on walmart.com."
    assert lint("walmart", text) == []
    assert lint("amazon", text) == [("EXT001", "error", *at(text, "walmart.com"))]


# --- Mercado Libre ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "words"),
    [
        ("Hola, por favor no abras un reclamo, te mandamos otro producto hoy mismo.", "es", "no abras un reclamo"),
        ("Antes de abrir un reclamo escribinos por acá y lo solucionamos.", "es", "Antes de abrir un reclamo"),
        ("Te pedimos que cierres el reclamo, ya despachamos el cambio.", "es", "cierres el reclamo"),
        ("Olá! Não abra reclamação, vamos resolver tudo por aqui.", "pt", "Não abra reclamação"),
        ("Antes de abrir uma reclamação, fale com a gente por aqui.", "pt", "Antes de abrir uma reclamação"),
    ],
)
def test_mercadolibre_forbids_discouraging_a_complaint_amazon_has_no_such_rule(
    text: str, language: str, words: str
) -> None:
    assert lint("mercadolibre", text, language) == [("REV007", "error", *at(text, words))]
    assert lint("amazon", text, language) == []


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Si el producto no llega, podés abrir un reclamo desde Mis compras.", "es"),
        ("Tu reclamo ya fue respondido y el reembolso está en proceso.", "es"),
        ("Olá! Se precisar, você pode abrir uma reclamação a qualquer momento pelo Mercado Livre.", "pt"),
    ],
)
def test_mercadolibre_telling_the_buyer_about_complaints_is_fine(text: str, language: str) -> None:
    assert lint("mercadolibre", text, language) == []


def test_mercadolibre_sites_are_its_own_there_and_outside_amazon() -> None:
    text = "Mirá la factura en https://www.mercadolibre.com.ar/compras"
    assert lint("mercadolibre", text, "es") == []
    assert lint("amazon", text, "es") == [("EXT001", "error", *at(text, "https://www.mercadolibre.com.ar/compras"))]


def test_mercadolibre_singles_out_link_shorteners_and_contact_details() -> None:
    text = "Escribime al 11 4567-8901 o mirá bit.ly/abc"
    assert lint("mercadolibre", text, "es") == [
        ("EXT006", "error", *at(text, "11 4567-8901")),
        ("EXT002", "error", *at(text, "bit.ly/abc")),
    ]


def test_mercadolibre_texts_hold_350_characters_in_spanish_and_portuguese() -> None:
    policy = pack("mercadolibre").policy
    assert {name: kind.max_characters for name, kind in policy.message_types.items()} == {
        "post-sale": 350,
        "reply": 350,
    }
    assert pack("amazon").policy.message_types["unexpectedProblem"].max_characters == 2000
    assert policy.languages == ("es", "pt")
    text = "Hola, " + "su pedido sale hoy con el transportista. " * 9
    message = {"text": text, "message_type": "post-sale", "language": "es"}
    assert [(f.rule, f.field) for f in pack("mercadolibre").lint(message).findings] == [("TYP001", "text")]
    assert [f.rule for f in pack("mercadolibre").lint({**message, "text": text[:340]}).findings] == []
    (unknown,) = pack("amazon").lint(message).findings  # not one of Amazon's types
    assert unknown.rule == "MSG006" and "'post-sale' is not a message type of the amazon policy" in unknown.message


# --- order numbers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "order_id"),
    [
        ("amazon", "123-4567890-1234567"),
        ("ebay", "12-34567-89012"),
        ("walmart", "2000123456789"),
        ("mercadolibre", "2000001234567890"),
    ],
)
def test_each_packs_order_numbers_are_never_phone_candidates(name: str, order_id: str) -> None:
    patterns = load_policy(name)[0].options["external-contact"]["order-id-patterns"]
    text = f"Ref {order_id} today"
    assert [m.group("phone") for m in phone_pattern(patterns).finditer(text)] == [None]
    assert [m.group("phone") for m in phone_pattern(()).finditer(text)] != [None]


@pytest.mark.parametrize(
    "text",
    [
        "O CNPJ da loja é 12.345.678/0001-90, está na nota.",
        "O CPF do titular é 123.456.789-09, confere?",
        "Entrega na Rua Augusta, 1500, 01310-100, São Paulo.",
    ],
    ids=["cnpj", "cpf", "cep"],
)
def test_mercadolibre_brazilian_tax_numbers_and_postcodes_are_never_phones(text: str) -> None:
    assert found(pack("mercadolibre").lint({"text": text, "language": "pt"})) == []


def test_mercadolibre_still_finds_a_brazilian_phone_beside_those_numbers() -> None:
    text = "CPF 123.456.789-09 conferido. Me liga no 11 98765-4321."
    report = pack("mercadolibre").lint({"text": text, "language": "pt"})
    assert found(report) == [
        ("EXT009", "error", *at(text, "Me liga no")),
        ("EXT006", "error", *at(text, "11 98765-4321")),
    ]


def test_etsy_order_numbers_are_read_after_the_word_order() -> None:
    patterns = load_policy("etsy")[0].options["external-contact"]["order-id-patterns"]
    assert [m.group("phone") for m in phone_pattern(patterns).finditer("Order 3012345678 ships")] == [None]
    assert [m.group("phone") for m in phone_pattern(patterns).finditer("call 3012345678 now")] == ["3012345678"]


def test_an_order_id_pattern_that_is_not_a_regex_names_the_pack_and_key(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(
        'name = "mine"\ntitle = "t"\nextends = "amazon"\n[options.external-contact]\norder-id-patterns = ["(\\\\d"]\n',
        "utf-8",
    )
    with pytest.raises(ConfigError) as caught:
        Linter(str(path))
    assert (caught.value.path, caught.value.key) == (str(path), "options.external-contact.order-id-patterns")


# --- no other marketplace's name ----------------------------------------------------------------


QUOTED = re.compile(r" \([^\s()]+\)")  # "(amazon.co.uk)": a domain, handle or number the seller wrote


def _corpus_texts() -> list[tuple[str, str]]:
    return [(s.text, s.lang) for path in sorted(CORPORA.rglob("*.jsonl")) for s in load(path)]


def _mentions_amazon(text: str) -> bool:
    return re.search(r"\bamazon\b|amzn", text, re.IGNORECASE) is not None


@pytest.mark.parametrize("name", PACKS)
def test_no_finding_under_another_pack_speaks_of_amazon(name: str) -> None:
    """Over every corpus message: a finding's message, suggestion and clause name this marketplace. A
    domain quoted from the seller's own words ("a site outside eBay (amazon.co.uk)") is the seller's."""
    linter = pack(name)
    spoken = []
    for text, lang in _corpus_texts():
        for f in linter.lint({"text": text, "language": lang}).findings:
            said = " ".join((QUOTED.sub("", f.message), f.suggestion or "", f.policy or ""))
            if _mentions_amazon(said):
                spoken.append((f.rule, said))
    assert spoken == []


@pytest.mark.parametrize("name", PACKS)
def test_no_rule_documentation_under_another_pack_speaks_of_amazon(name: str) -> None:
    linter = pack(name)
    docs = {rule.code: RuleDoc.in_linter(linter, rule).text() for rule in linter.rules}
    assert [code for code, doc in docs.items() if _mentions_amazon(doc)] == []
    assert "eBay" in docs["REV006"] or name != "ebay"


def test_amazon_rule_documentation_still_says_amazon() -> None:
    doc = RuleDoc.in_linter(pack("amazon"), pack("amazon").rule("EXT001")).text()
    assert "their Amazon order page or answer here in Buyer-Seller Messaging" in " ".join(doc.split())


# --- loading: inheritance, names, overlays ------------------------------------------------------


def test_every_built_in_pack_loads_and_cites_a_sourced_clause_for_every_rule_it_turns_on() -> None:
    assert builtin_policies() == ["amazon", "ebay", "etsy", "mercadolibre", "walmart"]
    for name in PACKS:
        linter = pack(name)
        for rule in linter.rules:
            if rule.category is not None and linter.is_enabled(rule.code):
                clause = linter.policy.clauses[rule.policy]
                assert clause.source, f"{name}:{rule.policy} has no source"


def test_a_pack_extends_another_merging_tables_and_replacing_the_rest() -> None:
    ebay, amazon = load_policy("ebay")[0], load_policy("amazon")[0]
    assert ebay.extends == "amazon"
    assert ebay.options["external-contact"]["carrier-domains"] == amazon.options["external-contact"]["carrier-domains"]
    assert ebay.options["external-contact"]["marketplace-brands"] == ["ebay"]
    assert "ebay.co.uk" in ebay.allowed_domains and "amazon.co.uk" not in ebay.allowed_domains
    assert ebay.names["marketplace"] == "eBay"


def test_a_pack_file_of_ones_own_extends_a_built_in_one(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text('name = "mine"\ntitle = "My channel"\nextends = "etsy"\n[severity]\nEXT001 = "error"\n', "utf-8")
    linter = Linter(str(path))
    text = "See more of my work at www.janeceramics.com"
    assert found(linter.lint(text)) == [("EXT001", "error", *at(text, "www.janeceramics.com"))]
    assert linter.policy.marketplace == "Etsy"


def test_a_pack_without_names_speaks_of_the_marketplace_in_general(tmp_path: Path) -> None:
    path = tmp_path / "plain.toml"
    path.write_text('name = "plain"\ntitle = "t"\n', "utf-8")
    finding = Linter(str(path)).lint("See www.janeceramics.com").findings[0]
    assert finding.message == "This links the buyer to a site outside the marketplace (www.janeceramics.com)."


@pytest.mark.parametrize(
    ("content", "key", "problem"),
    [
        ('name = "a"\ntitle = "t"\nextends = "shopify"\n', "extends", "no policy named 'shopify'"),
        ('name = "a"\ntitle = "t"\nextends = 3\n', "extends", "must be a policy name"),
        ('name = "a"\ntitle = "t"\n[names]\nmarket = "X"\n', "names", "unknown name 'market'"),
        ('name = "a"\ntitle = "t"\n[[lexicon]]\nlexicon = "promotional"\n', "lexicon", "exactly one change"),
        (
            'name = "a"\ntitle = "t"\nlanguages = ["es"]\n[by-language.pt.names]\norder-page = "Minhas compras"\n',
            "by-language",
            "by-language.pt: 'pt' is not one of the pack's languages (es)",
        ),
        (
            'name = "a"\ntitle = "t"\nlanguages = ["pt"]\n[by-language.pt.names]\norder-pages = "Minhas compras"\n',
            "by-language",
            "unknown name 'order-pages'",
        ),
        (
            'name = "a"\ntitle = "t"\nlanguages = ["pt"]\n[by-language.pt.clauses]\nno-spam = "Sem spam."\n',
            "by-language",
            "by-language.pt.clauses.no-spam: the pack has no clause 'no-spam' to word differently",
        ),
    ],
)
def test_a_broken_pack_names_its_file_and_key(tmp_path: Path, content: str, key: str, problem: str) -> None:
    path = tmp_path / "a.toml"
    path.write_text(content, "utf-8")
    with pytest.raises(ConfigError) as caught:
        load_policy(str(path))
    assert (caught.value.path, caught.value.key) == (str(path), key)
    assert problem in caught.value.problem


def test_a_pack_that_extends_itself_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "loop.toml"
    path.write_text(f'name = "loop"\ntitle = "t"\nextends = "{path}"\n', "utf-8")
    with pytest.raises(ConfigError, match="extends itself"):
        load_policy(str(path))


@pytest.mark.parametrize(
    ("overlay", "problem"),
    [
        ('rule = "EXT009"\ntags = ["list:on-platform"]\nremove = ["shopify"]', "cannot remove 'shopify'"),
        ('rule = "EXT009"\ntags = ["list:nowhere"]\nadd = ["x"]', "no line of rule EXT009 tagged ['list:nowhere']"),
        ('line = {rule = "EXT009", phrases = ["x"], tags = ["nonsense-tag"]}', "nonsense-tag"),
    ],
)
def test_a_lexicon_overlay_that_does_not_fit_names_the_pack_and_the_change(
    tmp_path: Path, overlay: str, problem: str
) -> None:
    path = tmp_path / "o.toml"
    path.write_text(
        f'name = "o"\ntitle = "t"\nextends = "amazon"\n[[lexicon]]\nlexicon = "external_contact"\n{overlay}\n'
    )
    with pytest.raises(ConfigError) as caught:
        Linter(str(path))
    assert caught.value.path == str(path)
    assert caught.value.key in ("lexicon[0]", "lexicon")
    assert problem in str(caught.value)


def test_a_lexicon_overlay_adds_words_a_pack_needs(tmp_path: Path) -> None:
    path = tmp_path / "shop.toml"
    path.write_text(
        'name = "shop"\ntitle = "t"\nextends = "amazon"\n[[lexicon]]\nlexicon = "promotional"\n'
        'line = {rule = "PRO003", phrases = ["mega deal"], tags = []}\n',
        "utf-8",
    )
    text = "Our mega deal starts on Friday."
    assert ("PRO003", "error", *at(text, "mega deal")) in found(Linter(str(path)).lint(text))
    assert all(code != "PRO003" for code, *_ in found(pack("amazon").lint(text)))


# --- the command line and front matter ------------------------------------------------------------


def test_rules_shows_what_a_pack_turns_on_and_how_severe(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--policy", "etsy", "--format", "json"]) == 0
    rows = {row["code"]: row for row in json.loads(capsys.readouterr().out)["rules"]}
    assert (rows["EXT001"]["enabled"], rows["EXT001"]["severity"]) == (True, "warning")
    assert (rows["EXT011"]["enabled"], rows["EXT011"]["severity"]) == (True, "error")
    assert (rows["PRO011"]["enabled"], rows["REV006"]["enabled"], rows["REV007"]["enabled"]) == (True, False, False)


def test_explain_under_a_pack_quotes_its_clause_and_source(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "REV006", "--policy", "ebay"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "In policy 'ebay': on (error)." in out
    assert "Policy ebay:no-feedback-extortion:" in out
    assert "(eBay Feedback extortion policy (paraphrased))" in out


@pytest.mark.parametrize(
    ("text", "language", "link", "message", "suggestion"),
    [
        (
            "Confirme seu reembolso em mercadolivre-reembolso.com hoje.",
            "pt",
            "mercadolivre-reembolso.com",
            "Este link imita um endereço do Mercado Livre, mas leva para outro lugar, como fazem as mensagens de "
            "phishing (mercadolivre-reembolso.com).",
            "Tire o link. Envie só links dos domínios do Mercado Livre, ou indique ao comprador Minhas compras, no "
            "Mercado Livre.",
        ),
        (
            "Confirme su reembolso en mercadolibre-reembolsos.com hoy.",
            "es",
            "mercadolibre-reembolsos.com",
            "Este enlace imita una dirección de Mercado Libre pero lleva a otro sitio, como hacen los mensajes de "
            "phishing (mercadolibre-reembolsos.com).",
            "Quítelo. Envíe solo enlaces de los dominios de Mercado Libre, o remita al comprador a Mis compras en "
            "Mercado Libre.",
        ),
    ],
    ids=["pt-mercado-livre", "es-mercado-libre"],
)
def test_mercadolibre_findings_speak_of_the_buyers_own_market(
    text: str, language: str, link: str, message: str, suggestion: str
) -> None:
    """In the buyer's language, with the names of the buyer's market (Mercado Livre's "Minhas compras")."""
    report = pack("mercadolibre").lint({"text": text, "language": language})
    assert found(report) == [("EXT003", "error", *at(text, link))]
    finding = report.findings[0]
    assert finding.message == message
    assert finding.suggestion == suggestion
    assert finding.policy == "mercadolibre:no-external-links"


def test_mercadolibre_quotes_the_brazilian_clause_for_portuguese_and_the_spanish_one_otherwise(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["explain", "EXT003", "--policy", "mercadolibre", "--lang", "pt"]) == 0
    portuguese = " ".join(capsys.readouterr().out.split())
    assert main(["explain", "EXT003", "--policy", "mercadolibre", "--lang", "es"]) == 0
    spanish = " ".join(capsys.readouterr().out.split())
    assert (
        'Policy mercadolibre:no-external-links: "Os links são moderados e os encurtados (Bitly, TinyURL e outros) '
        'são bloqueados: o contato continua dentro do Mercado Livre." (Mercado Livre developers, Mensagens '
        "bloqueadas (paraphrased))" in portuguese
    )
    assert (
        "What to write instead Tire o link. Envie só links dos domínios do Mercado Livre, ou indique ao comprador "
        "Minhas compras, no Mercado Livre." in portuguese
    )
    assert (
        'Policy mercadolibre:no-external-links: "Los links se moderan y los acortados (Bitly, TinyURL y otros) se '
        'bloquean: el contacto sigue dentro de Mercado Libre."' in spanish
    )
    assert (
        "What to write instead Quítelo. Envíe solo enlaces de los dominios de Mercado Libre, o remita al comprador "
        "a Mis compras en Mercado Libre." in spanish
    )


def test_a_pack_without_a_language_table_reads_every_language_alike() -> None:
    policy, _ = load_policy("ebay")
    assert policy.by_language == {}
    assert policy.for_language("de") is policy


def test_front_matter_names_the_pack_of_each_template(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = "Glad it is sorted. If you feel the issue is resolved, would you consider revising your feedback?\n"
    (tmp_path / "ebay.txt").write_text("---\npolicy: ebay\n---\n" + body, "utf-8")
    (tmp_path / "amazon.txt").write_text(body, "utf-8")
    assert main(["check", "--format", "json", str(tmp_path)]) == 1
    results = {Path(r["path"]).name: r for r in json.loads(capsys.readouterr().out)["results"]}
    assert (results["ebay.txt"]["policy"], results["ebay.txt"]["findings"]) == ("ebay", [])
    assert results["amazon.txt"]["policy"] == "amazon"
    start = body.index("revising your feedback")
    assert [(f["rule"], f["span"]["start"]) for f in results["amazon.txt"]["findings"]] == [("REV004", start)]


def test_front_matter_naming_an_unknown_pack_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "bad.txt").write_text("---\npolicy: shopify\n---\nHello\n", "utf-8")
    assert main(["check", str(tmp_path)]) == 2
    assert "bad.txt: front matter: no policy named 'shopify'" in capsys.readouterr().err


def test_front_matter_is_read_strictly_and_masked_whole() -> None:
    text = "---\npolicy: ebay\n---\nHello"
    assert read_front_matter(text) == {"policy": ("ebay", 2)}
    assert front_matter_end(text) == len("---\npolicy: ebay\n---\n")
    assert mask_template(text).text == "   \n            \n   \nHello"
    assert read_front_matter("Hello\n---\npolicy: ebay\n---\n") == {}
    assert read_front_matter("---\nlayout: post\npolicy: 'etsy'\n---\n") == {"policy": ("etsy", 3)}
    with pytest.raises(TemplateFileError, match="line 2: front matter: expected 'key: value'"):
        read_front_matter("---\npolicy ebay\n---\n")
    with pytest.raises(TemplateFileError, match="line 3: front matter: 'policy' is given twice"):
        read_front_matter("---\npolicy: ebay\npolicy: etsy\n---\n")


def test_a_placeholder_named_after_the_marketplace_is_its_own() -> None:
    text = "Your label: {{ ebay_return_label_url }}"
    placeholder = at(text, "{{ ebay_return_label_url }}")
    assert found(pack("ebay").lint(text, template=True)) == []
    assert found(pack("amazon").lint(text, template=True)) == [("TPL001", "warning", *placeholder)]


def test_a_look_alike_of_the_packs_own_brand_is_phishing_there_and_just_a_link_elsewhere() -> None:
    text = "To confirm your refund please log in at ebay-refund-desk.com within 24 hours."
    assert lint("ebay", text) == [("EXT003", "error", *at(text, "ebay-refund-desk.com"))]
    assert lint("amazon", text) == [("EXT001", "error", *at(text, "ebay-refund-desk.com"))]


@pytest.mark.parametrize("name", PACKS)
def test_each_pack_has_a_corpus_of_its_own_rules_with_hard_negatives(name: str) -> None:
    samples = load(CORPORA / "packs" / f"{name}.jsonl")
    assert len(samples) >= 60
    assert sum(not s.labels for s in samples) / len(samples) >= 0.4
    assert len({s.id for s in samples}) == len(samples)


@pytest.mark.parametrize("name", PACKS)
def test_no_marketplace_only_rule_fires_on_a_packs_hard_negatives(name: str) -> None:
    """Regression floor for the rules written for these packs: their hard negatives stay clean of them."""
    own = {"REV006", "REV007", "EXT011", "PRO011"}
    fired = [
        (s.id, f.rule)
        for s in load(CORPORA / "packs" / f"{name}.jsonl")
        if not s.labels
        for f in pack(name).lint({"text": s.text, "language": s.lang}).findings
        if f.rule in own
    ]
    assert fired == []
