"""Template files: syntax masked without moving offsets, placeholder names checked, files read safely."""

from __future__ import annotations

import codecs
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from msglint import Linter
from msglint.checkers.template_placeholders import TemplatePlaceholderChecker
from msglint.registry import Registry
from msglint.templates import (
    DEFAULT_INCLUDE,
    TemplateFileError,
    decode_template,
    discover,
    mask_template,
    read_template,
)

from .toy_checkers import ShopWord


@pytest.fixture(scope="module")
def toy() -> Linter:
    """The toy 'shop' word checker beside the placeholder checker: spans are checked exactly."""
    return Linter(registry=Registry([ShopWord, TemplatePlaceholderChecker]))


def found(report) -> list[tuple[str, int, int, str]]:
    return [(f.rule, f.span.start, f.span.end, f.text) for f in report.findings]


def visible(text: str) -> str:
    """The masked text with runs of blanks squeezed, to compare what stays readable."""
    return " ".join(mask_template(text).text.split())


# --- masking keeps every offset ---------------------------------------------------------------

SYNTAXES = [
    "Hi {{ buyer_name }}, shop",
    "Hi {{buyer_name}}, shop",
    "Hi {{{ buyer_name }}}, shop",
    "Hi {{- buyer_name -}}, shop",
    "Hi {buyer}, shop",
    "Hi ${name}, shop",
    "Hi %(name)s, shop",
    "Hi [[ContactUs]], shop",
    "Hi {% if vip %}dear{% endif %} shop",
    "Hi {# a note #}, shop",
    "Hi {{!-- a note --}}, shop",
    "Hi {{! a note }}, shop",
    "Hi {{#if gift}}{{/if}} shop",
    "Hi {{> signature}} shop",
    "Hi <b>there</b>, shop",
    "Hi {{ buyer.first_name | capitalize }}, shop",  # Liquid, Twig
    "Hi {%- if vip -%}dear{%- endif -%} shop",
    "Hi {% comment %}a note{% endcomment %} shop",  # Liquid, Django
    "Hi <%= buyer_name %>, shop",  # ERB, EJS
    "Hi <%== raw %> <%- unescaped %> shop",
    "Hi <% if vip %>dear<% end %> shop",
    "Hi <%_ if (vip) { _%>dear<%_ } _%> shop",
    "Hi <%# a note %>, shop",
    "Hi <%= @order.buyer_name -%>, shop",
]


@pytest.mark.parametrize("text", SYNTAXES)
def test_masking_keeps_the_length_and_the_span_after_the_syntax(text: str, toy: Linter) -> None:
    assert len(mask_template(text).text) == len(text)
    start = text.rindex("shop")
    assert found(toy.lint(text, template=True)) == [("TOY001", start, start + 4, "shop")]


def test_a_word_inside_a_placeholder_is_not_linted(toy: Linter) -> None:
    assert found(toy.lint("Thanks from {{ shop }} and {shop} and ${shop}", template=True)) == []


def test_a_word_inside_a_template_comment_is_not_linted(toy: Linter) -> None:
    text = "{# shop #}{{!-- shop --}}<!-- shop --><%# shop %>{% comment %}\nshop\n{% endcomment %}\nHello"
    assert found(toy.lint(text, template=True)) == []


def test_an_erb_or_ejs_tag_inside_an_attribute_is_masked_before_the_html() -> None:
    assert visible('<a href="<%= order_url %>">your order</a>, shop') == "your order , shop"


def test_an_escaped_erb_opener_stays_as_text() -> None:
    assert visible("Use <%% for a literal opener") == "Use <%% for a literal opener"


def test_line_breaks_inside_masked_syntax_are_kept() -> None:
    text = "{#\n note\r\n #}\nshop"
    assert mask_template(text).text == "  \n     \r\n   \nshop"


def test_a_line_comment_holding_a_directive_is_masked() -> None:
    assert mask_template("Thanks # msglint: disable=TOY001\nshop").text == "Thanks" + " " * 26 + "\nshop"


def test_a_hash_that_is_not_a_directive_comment_stays() -> None:
    assert visible("Order #123 is on its way") == "Order #123 is on its way"


HOSTILE = {
    "unclosed jinja comments": "{# ",
    "unclosed handlebars comments": "{{!-- ",
    "unclosed statements": "{% ",
    "unclosed html comments": "<!-- ",
    "unclosed script tags": "<script> ",
    "unclosed attribute quotes": "<b '",
    "unclosed erb comments": "<%# ",
    "unclosed erb tags": "<%= ",
    "unclosed liquid comment blocks": "{% comment %} ",
}


@pytest.mark.parametrize("piece", HOSTILE.values(), ids=HOSTILE.keys())
def test_masking_many_unclosed_openers_takes_linear_time(piece: str) -> None:
    text = (piece * (100_000 // len(piece) + 1))[:100_000]
    started = time.perf_counter()
    masked = mask_template(text)
    assert time.perf_counter() - started < 1.5  # a scan to the end per opener took seconds
    assert len(masked.text) == len(text)


TEMPLATE_PIECES = [
    *("{{", "}}", "{#", "#}", "{%", "%}", "<!--", "-->", "<a href=", "<p>", "From: ", "Subject:"),
    *("<%", "<%=", "<%#", "%>", "-%>", "{% comment %}", "{% endcomment %}"),
]
TEMPLATE_ALPHABET = st.sampled_from([*"{}#%!-<>/=\"'$()[]:;, \n\r\tabcshopé日", *TEMPLATE_PIECES])


@given(st.lists(TEMPLATE_ALPHABET, max_size=60).map("".join))
@settings(max_examples=300, deadline=None)
def test_masking_never_moves_an_offset_or_a_line_break(text: str) -> None:
    masked = mask_template(text)
    assert len(masked.text) == len(text)
    for original, kept in zip(text, masked.text, strict=True):
        assert kept == original or kept in " \n"
        if original in "\r\n":
            assert kept == original
    for placeholder in masked.placeholders:
        assert 0 <= placeholder.start < placeholder.end <= len(text)
        assert masked.text[placeholder.start : placeholder.end].strip() == ""


# --- placeholders -------------------------------------------------------------------------------


def test_placeholders_are_recorded_with_their_name_and_span() -> None:
    text = "Hi {{ buyer_name }}, {order_id} ${ total } %(carrier)s [[ContactUs]] {{{ raw }}} {{~ trimmed ~}}"
    names = [(p.name, text[p.start : p.end]) for p in mask_template(text).placeholders]
    assert names == [
        ("buyer_name", "{{ buyer_name }}"),
        ("order_id", "{order_id}"),
        ("total", "${ total }"),
        ("carrier", "%(carrier)s"),
        ("ContactUs", "[[ContactUs]]"),
        ("raw", "{{{ raw }}}"),
        ("trimmed", "{{~ trimmed ~}}"),
    ]


def test_sections_partials_and_comments_are_not_placeholders() -> None:
    text = "{{#if coupon}}{{else}}{{/if}}{{^items}}{{/items}}{{> footer}}{{! note }}{% if x %}{# y #}"
    assert mask_template(text).placeholders == ()


def test_erb_and_ejs_output_tags_are_placeholders_and_their_statements_are_not() -> None:
    text = "<%= buyer_name %> <%== raw_html -%> <%- coupon_code %> <%= @order.id %> <% if promo %><%# c %>"
    names = [(p.name, text[p.start : p.end]) for p in mask_template(text).placeholders]
    assert names == [
        ("buyer_name", "<%= buyer_name %>"),
        ("raw_html", "<%== raw_html -%>"),
        ("coupon_code", "<%- coupon_code %>"),
        ("@order.id", "<%= @order.id %>"),
    ]


@pytest.mark.parametrize(
    "tag", ["<%- if coupon_code -%>", "<%- end -%>", "<%- include('coupon_footer') %>", "<%= render 'promo' %>"]
)
def test_erb_control_flow_and_partials_print_no_placeholder(tag: str) -> None:
    assert mask_template(f"Hello {tag} there").placeholders == ()


@pytest.mark.parametrize(
    ("text", "placeholder"),
    [
        ("Liquid: here is {{ coupon_code | upcase }}!", "{{ coupon_code | upcase }}"),
        ("Twig: here is {{ coupon_code|e }}!", "{{ coupon_code|e }}"),
        ("ERB: here is <%= @order.coupon_code %>!", "<%= @order.coupon_code %>"),
        ("EJS: here is <%- coupon_code %>!", "<%- coupon_code %>"),
    ],
)
def test_a_revealing_name_is_found_in_every_engine(text: str, placeholder: str, toy: Linter) -> None:
    start = text.index(placeholder)
    assert found(toy.lint(text, template=True)) == [("TPL002", start, start + len(placeholder), placeholder)]


# --- HTML ---------------------------------------------------------------------------------------


def test_html_tags_are_masked_and_link_targets_stay_visible() -> None:
    text = '<p>Hi,</p><p>see <a class="x" href="https://shop.example.com/deal">our page</a></p>'
    assert visible(text) == "Hi, see https://shop.example.com/deal our page"


def test_single_quoted_and_unquoted_href_targets_stay_visible() -> None:
    assert visible("<a href='https://a.example'>a</a> <a href=https://b.example>b</a>") == (
        "https://a.example a https://b.example b"
    )


def test_a_link_target_keeps_its_offsets(toy: Linter) -> None:
    text = '<p>Hi</p><a title="x" href="shop">Buy</a>'
    start = text.index("shop")
    assert found(toy.lint(text, template=True)) == [("TOY001", start, start + 4, "shop")]


def test_a_placeholder_as_link_target_is_checked_by_name(toy: Linter) -> None:
    text = '<a href="{{ instagram_url }}">us</a>'
    start = text.index("{{")
    assert found(toy.lint(text, template=True)) == [("TPL001", start, start + len("{{ instagram_url }}"), text[9:28])]


def test_script_style_comments_and_doctype_are_hidden() -> None:
    text = "<!DOCTYPE html><style>.shop{color:red}</style><script>var shop=1;</script><!-- shop -->Hello"
    assert visible(text) == "Hello"


def test_a_block_tag_starts_a_new_line_so_sentences_do_not_run_together() -> None:
    masked = mask_template("<p>Thanks</p><p>Regards</p>").text
    assert masked.splitlines() == ["", "  Thanks", "   ", "  Regards", "   "]


def test_angle_brackets_that_are_not_html_stay_readable() -> None:
    text = "Write to <help@shop.example> or <please visit shop dot com>, a < b > c"
    assert mask_template(text).text == text


def test_html_attributes_other_than_href_are_hidden() -> None:
    assert visible('<img alt="shop now" src="https://cdn.example/x.png"> Hello') == "Hello"


# --- e-mail files -------------------------------------------------------------------------------

EMAIL = (
    "From: seller@example.com\n"
    "To: {{ buyer_email }}\n"
    "Subject: Your order\n"
    "  has shipped\n"
    "MIME-Version: 1.0\n"
    'Content-Type: multipart/alternative; boundary="XYZ"\n'
    "\n"
    "--XYZ\n"
    "Content-Type: text/plain\n"
    "\n"
    "Hello buyer\n"
    "--XYZ\n"
    "Content-Type: text/html\n"
    "Content-Transfer-Encoding: quoted-printable\n"
    "\n"
    "<p>Hello <b>again</b></p>\n"
    "--XYZ\n"
    "Content-Type: image/png\n"
    "Content-Transfer-Encoding: base64\n"
    "\n"
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk\n"
    "--XYZ--\n"
)


def test_an_email_file_shows_its_subject_and_bodies_only() -> None:
    assert visible(EMAIL) == "Your order has shipped Hello buyer Hello again"


def test_a_subject_line_atop_a_text_template_stays_readable() -> None:
    assert visible("Subject: Your order {{ order_id }}\n\nHi there") == "Your order Hi there"


def test_a_first_line_with_a_colon_is_not_taken_for_an_email_header() -> None:
    text = "Note: your parcel left today.\nIt should arrive soon.\n\nThanks"
    assert mask_template(text).text == text


# --- the placeholder checker ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("instagram_url", "TPL001"),
        ("whatsapp_number", "TPL001"),
        ("WhatsAppNumber", "TPL001"),
        ("support_email", "TPL001"),
        ("shop_website", "TPL001"),
        ("store_url", "TPL001"),
        ("contact_number", "TPL001"),
        ("coupon_code", "TPL002"),
        ("discount_code", "TPL002"),
        ("newsletterSignupLink", "TPL002"),
        ("gift_card", "TPL002"),
        ("review_link_5star", "TPL003"),
        ("fiveStarReviewUrl", "TPL003"),
        ("review_reward_link", "TPL003"),
        ("remove_feedback_link", "TPL003"),
    ],
)
def test_a_revealing_placeholder_name_is_a_warning_on_the_placeholder(name: str, code: str, toy: Linter) -> None:
    text = f"Hello, here it is: {{{{ {name} }}}}. Thanks"
    start = text.index("{{")
    end = text.index("}}") + 2
    report = toy.lint(text, template=True)
    assert found(report) == [(code, start, end, text[start:end])]
    assert report.findings[0].severity == "warning"
    assert name in report.findings[0].message


@pytest.mark.parametrize(
    "name",
    [
        "buyer_name",
        "order_id",
        "tracking_number",
        "tracking_url",
        "carrier_name",
        "review_link",
        "feedback_url",
        "rating_page_url",
        "refund_amount",
        "amazon_store_url",
        "email_subject",
        "ContactUs",
        "seller_name",
        "delivery_date",
    ],
)
def test_an_ordinary_placeholder_name_is_not_reported(name: str, toy: Linter) -> None:
    assert found(toy.lint(f"Hi, {{{{ {name} }}}} here.", template=True)) == []


def test_a_filter_after_the_name_does_not_count(toy: Linter) -> None:
    assert [f.rule for f in toy.lint("{{ order_id | coupon_format }}", template=True).findings] == []


def test_one_placeholder_may_reveal_two_categories(toy: Linter) -> None:
    assert [f.rule for f in toy.lint("{{ review_coupon }}", template=True).findings] == ["TPL002", "TPL003"]


def test_placeholder_names_are_not_checked_in_a_real_message(toy: Linter) -> None:
    assert found(toy.lint("Use {{ coupon_code }} today")) == []


def test_a_placeholder_finding_can_be_suppressed_in_the_template(toy: Linter) -> None:
    text = "{# msglint: disable-next-line=TPL002 #}\nUse {{ coupon_code }}\nUse {{ promo_code }}"
    assert [(f.rule, f.span.line) for f in toy.lint(text, template=True).findings] == [("TPL002", 3)]


# --- finding and reading files --------------------------------------------------------------------


def test_discover_finds_the_default_globs_recursively_in_order(tmp_path: Path) -> None:
    for name in ("b.txt", "a.hbs", "sub/c.html", "sub/deeper/d.eml", "notes.pdf", "x.py", ".git/e.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("hi")
    found_files = [p.relative_to(tmp_path).as_posix() for p in discover(tmp_path)]
    assert found_files == ["a.hbs", "b.txt", "sub/c.html", "sub/deeper/d.eml"]


def test_discover_honours_include_and_exclude(tmp_path: Path) -> None:
    for name in ("a.txt", "drafts/b.txt", "c.tpl", "d.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("hi")
    files = discover(tmp_path, include=("*.txt", "*.tpl"), exclude=("drafts", "d.*"))
    assert [p.relative_to(tmp_path).as_posix() for p in files] == ["a.txt", "c.tpl"]


def test_default_include_covers_the_documented_extensions() -> None:
    assert sorted(DEFAULT_INCLUDE) == sorted(
        "*." + extension
        for extension in (
            *("txt", "md", "html", "eml"),
            *("j2", "jinja", "jinja2", "twig", "liquid", "hbs", "handlebars", "mustache", "erb", "ejs", "tmpl"),
        )
    )


def test_discover_reads_every_template_extension_people_use(tmp_path: Path) -> None:
    names = ["a.liquid", "b.twig", "c.ejs", "d.html.erb", "e.hbs", "f.mustache", "g.j2", "h.jinja", "i.eml"]
    for name in (*names, "j.py", "k.json"):
        (tmp_path / name).write_text("hi")
    assert [p.name for p in discover(tmp_path)] == names


@pytest.mark.parametrize(
    "data",
    [
        "Grüße {{ name }}".encode(),
        codecs.BOM_UTF8 + "Grüße {{ name }}".encode(),
        "Grüße {{ name }}".encode("utf-16"),
        "Grüße {{ name }}".encode("utf-16-be").join([codecs.BOM_UTF16_BE, b""]),
        "Grüße {{ name }}".encode("utf-32"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "utf-32-bom"],
)
def test_text_is_decoded_from_utf8_or_a_byte_order_mark(data: bytes) -> None:
    assert decode_template(data) == "Grüße {{ name }}"


def test_latin1_bytes_are_reported_with_offset_and_line() -> None:
    with pytest.raises(TemplateFileError, match=r"not UTF-8 text: byte 0xe9 at offset 9 \(line 2\)"):
        decode_template(b"Hello\nCaf\xe9")


def test_a_nul_byte_means_a_binary_file() -> None:
    with pytest.raises(TemplateFileError, match="binary file"):
        decode_template(b"PK\x03\x04\x00\x00")


def test_a_missing_file_is_a_template_file_error(tmp_path: Path) -> None:
    with pytest.raises(TemplateFileError, match="no such file"):
        read_template(tmp_path / "missing.txt")


def test_an_empty_file_is_empty_text(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    assert read_template(tmp_path / "empty.txt") == ""
