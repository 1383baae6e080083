"""Output formats: text, json, jsonl and GitHub annotations, fed real reports of a toy checker."""

from __future__ import annotations

import io
import json

import pytest

from msglint import Linter, Report
from msglint.formatters import FORMATTERS, Formatter, Options, Source
from msglint.formatters.github import escape_data, escape_property
from msglint.formatters.statistics import StatisticsFormatter
from msglint.formatters.text import display_width, excerpt, line_bounds
from msglint.models import SCHEMA_VERSION
from msglint.registry import Registry

from .toy_checkers import ShopWord

TEXT = "Hello,\nplease visit our shop today.\n"


@pytest.fixture(scope="module")
def toy() -> Linter:
    return Linter(registry=Registry([ShopWord]))


def options(linter: Linter, **extra) -> Options:
    return Options.for_linter(linter, **extra)


def render(name: str, linter: Linter, items: list[tuple[Source, Report]], **extra) -> str:
    stream = io.StringIO()
    formatter: Formatter = FORMATTERS[name](stream, options(linter, **extra))
    formatter.start()
    for source, report in items:
        formatter.handle(source, report)
    formatter.stop()
    return stream.getvalue()


def one_file(linter: Linter, text: str = TEXT, path: str = "templates/a.txt") -> list[tuple[Source, Report]]:
    return [(Source(path, text), linter.lint(text, template=True))]


# --- text -------------------------------------------------------------------------------------


def test_text_shows_location_code_severity_message_underline_and_suggestion(toy: Linter) -> None:
    out = render("text", toy, one_file(toy))
    assert out == (
        "templates/a.txt:2:18: TOY001 [error] shop-word found\n"
        "  2 | please visit our shop today.\n"
        "    |                  ^^^^\n"
        "  suggestion: say 'order' instead\n"
        "\n"
        "Found 1 problem (1 error) in 1 file (1 file checked).\n"
    )


def test_text_without_findings_says_so(toy: Linter) -> None:
    assert render("text", toy, one_file(toy, "Hello")) == "No problems found (1 file checked).\n"


def test_text_quiet_leaves_out_the_summary(toy: Linter) -> None:
    assert not render("text", toy, one_file(toy), quiet=True).endswith("checked).\n")


def test_text_has_no_escape_codes_unless_colour_is_on(toy: Linter) -> None:
    assert "\033[" not in render("text", toy, one_file(toy))
    coloured = render("text", toy, one_file(toy), color=True)
    assert "\033[31m" in coloured
    assert "TOY001" in coloured


def statistics(shape: str, linter: Linter, items: list[tuple[Source, Report]], **extra) -> str:
    stream = io.StringIO()
    formatter = StatisticsFormatter(stream, options(linter, **extra), shape=shape)
    formatter.start()
    for source, report in items:
        formatter.handle(source, report)
    formatter.stop()
    return stream.getvalue()


def test_statistics_count_findings_per_rule_instead_of_showing_them(toy: Linter) -> None:
    out = statistics("text", toy, one_file(toy, "shop shop store"))
    assert out.splitlines() == [
        "2  TOY001  shop-word",
        "1  TOY002  store-word",
        "Found 3 problems (2 errors, 1 warning) in 1 file (1 file checked).",
    ]
    assert statistics("text", toy, one_file(toy, "shop"), quiet=True) == "1  TOY001  shop-word\n"
    assert statistics("text", toy, one_file(toy, "fine")) == "No problems found (1 file checked).\n"


def test_statistics_as_json_and_json_lines(toy: Linter) -> None:
    items = one_file(toy, "shop shop store")
    rows = [{"code": "TOY001", "name": "shop-word", "count": 2}, {"code": "TOY002", "name": "store-word", "count": 1}]
    assert json.loads(statistics("json", toy, items)) == rows
    assert [json.loads(line) for line in statistics("jsonl", toy, items).splitlines()] == rows
    assert json.loads(statistics("json", toy, one_file(toy, "fine"))) == []


def test_text_names_the_jsonl_line_and_message_id(toy: Linter) -> None:
    items = [(Source("sent.jsonl", "our shop", line=7, message_id="m-7"), toy.lint("our shop"))]
    assert render("text", toy, items).startswith("sent.jsonl:7: m-7:1:5: TOY001 [error] shop-word found\n")


def test_underline_counts_wide_characters_twice() -> None:
    assert display_width("日本shop") == 8
    assert display_width("e\u0301") == 1


def test_underline_finds_the_line_of_a_span_with_crlf_line_ends() -> None:
    text = "a\r\nbb shop\r\nc"
    assert line_bounds(text, 6) == (3, 10)
    assert text[3:10] == "bb shop"


def test_a_very_long_line_is_shown_as_a_window_around_the_words() -> None:
    line = "x" * 500 + "shop" + "y" * 500
    before, flagged, after = excerpt(line, 500, 504)
    assert flagged == "shop"
    assert before.startswith("…") and len(before) == 51
    assert after.endswith("…") and len(after) == 51


# --- json / jsonl -----------------------------------------------------------------------------


def test_json_is_one_document_with_schema_version_and_findings_as_dumped(toy: Linter) -> None:
    items = one_file(toy) + one_file(toy, "fine", "templates/b.txt")
    doc = json.loads(render("json", toy, items))
    assert doc["schema_version"] == SCHEMA_VERSION
    assert doc["tool"]["name"] == "msglint"
    assert [r["path"] for r in doc["results"]] == ["templates/a.txt", "templates/b.txt"]
    report = items[0][1]
    assert doc["results"][0]["findings"] == [f.model_dump(mode="json") for f in report.findings]
    assert doc["results"][0]["verdict"] == "block"
    assert doc["summary"]["by_rule"] == {"TOY001": 1}
    assert doc["summary"]["checked"] == 2


def test_json_carries_input_problems(toy: Linter) -> None:
    stream = io.StringIO()
    formatter = FORMATTERS["json"](stream, options(toy))
    formatter.start()
    formatter.problem("bad.txt", None, "binary file")
    formatter.stop()
    doc = json.loads(stream.getvalue())
    assert doc["problems"] == [{"path": "bad.txt", "line": None, "problem": "binary file"}]
    assert doc["results"] == []


def test_jsonl_writes_one_object_per_message_with_id_and_line(toy: Linter) -> None:
    items = [
        (Source("in.jsonl", "our shop", line=1, message_id="a"), toy.lint("our shop")),
        (Source("in.jsonl", "fine", line=3, message_id="b"), toy.lint("fine")),
    ]
    lines = [json.loads(line) for line in render("jsonl", toy, items).splitlines()]
    assert [(d["line"], d["id"], d["ok"], len(d["findings"])) for d in lines] == [(1, "a", False, 1), (3, "b", True, 0)]
    assert all(d["schema_version"] == SCHEMA_VERSION for d in lines)


# --- github -----------------------------------------------------------------------------------


def test_github_annotation_has_position_title_and_level(toy: Linter) -> None:
    out = render("github", toy, one_file(toy, "our shop\nthe store"))
    assert out.splitlines() == [
        "::error file=templates/a.txt,line=1,col=5,endLine=1,endColumn=9,title=TOY001::shop-word found (shop-word)"
        "%0ASuggestion: say 'order' instead",
        "::warning file=templates/a.txt,line=2,col=5,endLine=2,endColumn=10,title=TOY002::store-word found "
        "(store-word)",
    ]


def test_github_escapes_properties_and_message() -> None:
    assert escape_property("a,b:c%d\r\ne") == "a%2Cb%3Ac%25d%0D%0Ae"
    assert escape_data("50% off, now: yes\nnext") == "50%25 off, now: yes%0Anext"


def test_github_escapes_a_file_name_with_a_comma(toy: Linter) -> None:
    out = render("github", toy, one_file(toy, "shop", "odd,name:1.txt"))
    assert out.startswith("::error file=odd%2Cname%3A1.txt,line=1,")


def test_info_findings_become_notices(toy: Linter) -> None:
    linter = Linter(registry=Registry([ShopWord]), config={"severity": {"TOY001": "info"}})
    assert render("github", linter, one_file(linter, "shop")).startswith("::notice ")


# --- the metadata field a finding is about -------------------------------------------------------


def test_the_html_report_shows_the_field_beside_a_metadata_finding() -> None:
    linter = Linter()
    text = "Your delivery is delayed by two days."
    report = linter.lint({"text": text, "subject": "[Important] Delivery update"})
    assert [(f.rule, f.field, f.span.start, f.span.end) for f in report.findings] == [("SUB001", "subject", 0, 0)]
    page = render("html", linter, [(Source("messages.jsonl", text, line=1, message_id="m1"), report)])
    (item,) = [li for li in page.split('<ul class="findings">')[1].split("</li>") if 'class="rule">SUB001' in li]
    assert '<span class="at">whole message · field <code class="field">subject</code></span>' in item


def test_the_html_report_shows_no_field_for_a_finding_in_the_text(toy: Linter) -> None:
    page = render("html", toy, one_file(toy))
    assert 'class="field"' not in page.split("</style>")[1]
