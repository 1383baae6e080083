"""The HTML audit report: what it says, what it marks, and that nothing in a message runs as HTML."""

from __future__ import annotations

import contextlib
import io
import json
import re
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

import msglint
from msglint.cli import main
from msglint.formatters import FORMATTERS, Options, Source
from msglint.report import FULL_TEXT, AuditPage, audit_html
from tests.audit_rows import need_program

INJECTED = (
    'Thanks! <script>document.title="pwned";document.body.append(Object.assign('
    'document.createElement("div"),{id:"pwned"}))</script> visit shop-example.com'
)
IMG = "<img src=x onerror=\"document.title='pwned'\"> Leave us 5 stars"
EMOJI = "🎁 Visit shop-example.com for 20% off your next order 👉"


def _finding(rule: str, start: int, end: int, text: str, severity: str = "error") -> dict[str, object]:
    return {
        "rule": rule,
        "name": rule.lower(),
        "category": "promotional",
        "severity": severity,
        "message": f"{rule} says <b>no</b>.",
        "start": start,
        "end": end,
        "line": 1,
        "column": start + 1,
        "text": text[start:end],
        "suggestion": "Write & send less.",
        "policy": "amazon:no-promotion",
    }


def _page(page: AuditPage) -> str:
    out = io.StringIO()
    page.write(out)
    return out.getvalue()


def test_each_finding_is_marked_at_its_code_point_span(linter: msglint.Linter) -> None:
    html = audit_html([(EMOJI, linter.lint(EMOJI))])
    marks = re.findall(r'<mark class="(\w+)" title="([^"]*)" data-rules="(\w+)"[^>]*>([^<]*)</mark>', html)
    assert [(severity, rules, words) for severity, _, rules, words in marks] == [
        ("error", "EXT001", "shop-example.com"),
        ("error", "PRO002", "20% off your next order"),
    ]
    assert marks[0][1].startswith("EXT001 external-link (error): ")
    assert "\nSuggestion: " in marks[0][1].replace("&#x27;", "'").replace("&quot;", '"')
    assert '<div class="text" dir="auto">🎁 Visit <mark' in html


def test_overlapping_findings_share_the_words_they_overlap() -> None:
    text = "0123456789abcdefghij"
    page = AuditPage()
    page.add(text, "block", [_finding("PRO001", 0, 10, text), _finding("PRO002", 5, 15, text, "warning")])
    marked = re.search(r'<div class="text" dir="auto">(.*?)</div>', _page(page), re.S).group(1)
    pieces = re.findall(r'<mark class="(\w+)"[^>]*data-rules="([\w ]+)"[^>]*>([^<]*)</mark>', marked)
    assert pieces == [("error", "PRO001", "01234"), ("error", "PRO001 PRO002", "56789"), ("warning", "PRO002", "abcde")]
    assert marked.endswith("</mark>fghij")


def test_nothing_of_a_message_is_read_as_html(linter: msglint.Linter) -> None:
    html = audit_html([(INJECTED, linter.lint(INJECTED))], title="<i>audit</i>")
    assert html.count("<script") == 1  # the page's own
    assert "&lt;script&gt;document.title=&quot;pwned&quot;" in html
    assert "<title>&lt;i&gt;audit&lt;/i&gt;</title>" in html


def test_messages_and_rule_texts_are_escaped_in_attributes_too() -> None:
    text = 'a "quoted" <b>word</b>'
    page = AuditPage()
    page.add(text, "block", [_finding("PRO001", 2, 10, text)], label='<img src=x onerror="alert(1)">')
    html = _page(page)
    assert "<b>" not in html.split("</style>")[1]
    assert "<img" not in html
    title = 'title="PRO001 pro001 (error): PRO001 says &lt;b&gt;no&lt;/b&gt;.\nSuggestion: Write &amp; send less."'
    assert title in html
    assert "&quot;quoted&quot;" in html


def test_the_page_is_self_contained() -> None:
    page = AuditPage()
    page.add("Visit https://shop.example/x", "block", [_finding("EXT001", 6, 28, "Visit https://shop.example/x")])
    html = _page(page)
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", html)
    assert "<link" not in html and "@import" not in html and "url(" not in html
    assert "default-src 'none'" in html


def test_the_summary_counts_verdicts_categories_and_rules(linter: msglint.Linter) -> None:
    texts = [EMOJI, "Your order shipped today.", "Leave us 5 stars and get 10% off! 😀", EMOJI]
    html = audit_html(zip(texts, linter.lint_many(texts), strict=True))
    cards = dict(re.findall(r'data-count="([^"]+)"><span class="n">([\d,]+)</span>', html))
    assert cards == {
        "messages checked": "4",
        "flagged messages": "3",
        "block": "3",
        "review": "0",
        "allow": "1",
        "findings": "6",
    }
    categories = dict(re.findall(r'<a href="#category=([\w-]+)" data-key="[\w-]+" data-count="(\d+)"', html))
    assert categories == {"promotional": "2", "external-contact": "2", "review-manipulation": "2"}
    rules = dict(re.findall(r'<a href="#rule=(\w+)" data-key="\w+" data-count="(\d+)"', html))
    assert rules == {"EXT001": "2", "PRO002": "2", "REV001": "1", "REV002": "1"}
    assert html.count('<article class="msg"') == 3


def test_worst_messages_come_first_in_the_summary() -> None:
    text = "abcdefghij"
    page = AuditPage()
    page.add(text, "review", [_finding("PRO001", 0, 1, text, "warning")], label="mild")
    page.add(text, "block", [_finding("PRO001", 0, 1, text), _finding("PRO002", 2, 3, text)], label="worst")
    page.add(text, "block", [_finding("PRO001", 0, 1, text)], label="bad")
    table = re.search(r'<table class="worst".*?</table>', _page(page)).group(0)
    assert re.findall(r'<a href="#m\d+">(\w+)</a>', table) == ["worst", "bad", "mild"]


def test_a_long_message_is_shown_around_its_findings() -> None:
    text = "x" * 5_000 + "BUY NOW" + "y" * 5_000
    assert len(text) > FULL_TEXT
    page = AuditPage()
    page.add(text, "block", [_finding("PRO003", 5_000, 5_007, text)])
    html = _page(page)
    assert "[… 4,840 characters …]" in html
    assert ">BUY NOW</mark>" in html
    assert "[… 4,840 characters …]</span></div>" in html


def test_an_unreadable_message_is_flagged_with_no_text(linter: msglint.Linter) -> None:
    report = next(linter.lint_many([{"text": None, "id": "m6"}]))
    html = audit_html([(None, report)])
    assert '<div class="text empty">(no text)</div>' in html
    assert 'data-rules="MSG006" data-categories="engine"' in html
    assert "whole message" in html


def test_the_html_formatter_is_registered_for_messages_and_files(linter: msglint.Linter) -> None:
    formatter_class = FORMATTERS["html"]
    assert formatter_class.handles_messages
    stream = io.StringIO()
    formatter = formatter_class(stream, Options.for_linter(linter))
    formatter.problem("broken.txt", None, "not UTF-8 text")
    formatter.start()
    formatter.handle(Source("templates/coupon.txt", EMOJI), linter.lint(EMOJI))
    formatter.stop()
    html = stream.getvalue()
    assert '<a href="#m1">templates/coupon.txt</a>' in html
    assert "files checked" in html
    assert "<code>broken.txt</code> not UTF-8 text" in html


# --- in a real browser ------------------------------------------------------------------------


class _Dom(HTMLParser):
    """What the tests read of a page Chromium rendered: the articles, title, status line, scripts."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.title = ""
        self.articles: list[dict[str, str | None]] = []
        self.ids: set[str] = set()
        self.scripts = 0
        self.tags: Counter[str] = Counter()
        self.body: dict[str, str | None] = {}
        self.shown = ""
        self.form_hidden = False
        self._in: str | None = None
        self.texts: list[str] = []
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags[tag] += 1
        if found.get("id"):
            self.ids.add(str(found["id"]))
        if tag == "article":
            self.articles.append(found)
        elif tag == "script":
            self.scripts += 1
        elif tag == "body":
            self.body = found
        elif tag == "form" and found.get("id") == "filters":
            self.form_hidden = "hidden" in found
        if tag == "title" and not self.title:
            self._in = "title"  # the page's, not a chart bar's
        elif tag == "output" or found.get("class") == "text":
            self._in = "output" if tag == "output" else "text"

    def handle_endtag(self, tag: str) -> None:
        if tag in ("title", "output", "div"):
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title += data
        elif self._in == "output":
            self.shown += data
        elif self._in == "text":
            self.texts.append(data)

    def visible(self) -> list[str]:
        return [str(a["id"]) for a in self.articles if "hidden" not in a]


@pytest.fixture(scope="module")
def rendered_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    need_program("chromium", "Debian: apt-get install chromium")
    folder = tmp_path_factory.mktemp("audit")
    messages = [
        {"id": "ext", "text": EMOJI},
        {"id": "clean", "text": "Your order shipped today."},
        {"id": "rev", "text": "Leave us 5 stars and get 10% off! 😀"},
        {"id": "inject", "text": INJECTED},
        {"id": "img", "text": IMG},
        {"id": "rtl", "text": "مرحبا، تواصل معي على واتساب 0501234567", "language": "ar"},
        {"id": "swear", "text": "Sorry, the damn courier was late again."},
    ]
    source = folder / "sent.jsonl"
    source.write_text("".join(json.dumps(m, ensure_ascii=False) + "\n" for m in messages), "utf-8")
    page = folder / "audit.html"
    with page.open("w", encoding="utf-8") as stream, contextlib.redirect_stdout(stream):
        assert main(["check", "--jsonl", str(source), "--format", "html"]) == 1
    return page


def _dump(page: Path, fragment: str = "") -> _Dom:
    profile = page.parent / "chromium-profile"
    command = [
        "chromium",
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        f"--user-data-dir={profile}",
        "--dump-dom",
        page.as_uri() + fragment,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)
    return _Dom(done.stdout)


def test_the_page_runs_its_own_script_and_nothing_from_a_message(rendered_page: Path) -> None:
    dom = _dump(rendered_page)
    assert dom.title == "msglint audit"
    assert "pwned" not in dom.ids
    assert dom.scripts == 1
    assert not dom.form_hidden  # the page's script ran: the filters are shown
    assert dom.shown == "6 of 6 flagged messages"
    assert [a["id"] for a in dom.articles] == ["m1", "m3", "m4", "m5", "m6", "m7"]
    assert "img" not in dom.tags
    shown = "".join(dom.texts)
    assert INJECTED in shown  # the text as written, to the letter
    assert "<img src=x onerror=" in shown


def test_a_rule_filter_in_the_fragment_hides_the_other_messages(rendered_page: Path) -> None:
    dom = _dump(rendered_page, "#rule=EXT001")
    assert dom.visible() == ["m1", "m4"]
    assert dom.shown == "2 of 6 flagged messages"
    assert dom.body.get("data-filter") == "rule=EXT001"


def test_category_and_verdict_filters_combine(rendered_page: Path) -> None:
    assert _dump(rendered_page, "#category=abusive").visible() == ["m7"]
    assert _dump(rendered_page, "#verdict=review").visible() == ["m7"]
    assert _dump(rendered_page, "#verdict=block&category=external-contact").visible() == ["m1", "m4", "m6"]


def test_worst_first_reorders_the_messages(rendered_page: Path) -> None:
    dom = _dump(rendered_page, "#sort=worst")
    # Two errors each (in input order), then one error and a warning, one error, a warning.
    assert [a["id"] for a in dom.articles] == ["m1", "m3", "m6", "m4", "m5", "m7"]


def test_a_line_that_is_not_a_message_is_on_the_page_in_its_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "sent.jsonl"
    source.write_text('{"id": "a", "text": "Your order shipped."}\n{"id": "b", "txt": "typo"}\n', "utf-8")
    assert main(["check", "--jsonl", str(source), "--format", "html"]) == 2
    page = capsys.readouterr().out
    assert page.count('<article class="msg"') == 1
    assert '<a href="#m2">b</a>' in page
    assert "missing field &#x27;text&#x27;" in page
    assert '<div class="text empty">(no text)</div>' in page
