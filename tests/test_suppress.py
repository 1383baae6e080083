"""Suppression directives in template files: a filter after the checkers, unused ones reported."""

from __future__ import annotations

import pytest

from msglint import Linter
from msglint.registry import Registry
from msglint.suppress import find_directives

from .toy_checkers import ShopWord


@pytest.fixture(scope="module")
def toy() -> Linter:
    return Linter(registry=Registry([ShopWord]))


def found(report) -> list[tuple[str, int, str]]:
    return [(f.rule, f.span.line, f.text) for f in report.findings]


def test_disable_on_the_same_line(toy: Linter) -> None:
    text = "shop here {# msglint: disable=TOY001 #}\nshop there"
    assert found(toy.lint(text, template=True)) == [("TOY001", 2, "shop")]


def test_disable_next_line_in_an_html_comment(toy: Linter) -> None:
    text = "<!-- msglint: disable-next-line=TOY001 -->\nshop\nshop"
    assert found(toy.lint(text, template=True)) == [("TOY001", 3, "shop")]


def test_disable_file_by_prefix_in_a_handlebars_comment(toy: Linter) -> None:
    text = "{{!-- msglint: disable-file=TOY --}}\nshop\nstore\nshop"
    assert found(toy.lint(text, template=True)) == []


def test_bare_disable_covers_every_rule_on_its_line(toy: Linter) -> None:
    text = "shop and store # msglint: disable\nstore"
    assert found(toy.lint(text, template=True)) == [("TOY002", 2, "store")]


def test_directive_by_rule_name_and_several_entries(toy: Linter) -> None:
    text = "shop store {# msglint: disable=shop-word, TOY002 #}"
    assert found(toy.lint(text, template=True)) == []


def test_an_unused_directive_is_reported_at_the_directive(toy: Linter) -> None:
    text = "hello\n{# msglint: disable-next-line=TOY001 #}\nnothing to see"
    report = toy.lint(text, template=True)
    assert [(f.rule, f.span.line, f.text, f.severity) for f in report.findings] == [
        ("MSG002", 2, "msglint: disable-next-line=TOY001", "warning")
    ]
    assert "suppresses nothing for 'TOY001'" in report.findings[0].message


def test_only_the_unused_entry_of_a_directive_is_reported(toy: Linter) -> None:
    text = "shop {# msglint: disable=TOY001,TOY002 #}"
    report = toy.lint(text, template=True)
    assert [(f.rule, f.text) for f in report.findings] == [("MSG002", "msglint: disable=TOY001,TOY002")]
    assert "'TOY002'" in report.findings[0].message


def test_directives_are_ignored_outside_template_files(toy: Linter) -> None:
    text = "shop # msglint: disable=TOY001"
    assert found(toy.lint(text)) == [("TOY001", 1, "shop")]


def test_unused_directive_report_can_itself_be_turned_off(toy: Linter) -> None:
    text = "hello {# msglint: disable=TOY001 #}"
    assert found(toy.lint(text, template=True, ignore=["MSG002"])) == []


def test_find_directives_reads_kind_entries_and_line() -> None:
    text = "a\r\nb # msglint: disable-next-line = TOY001 , PRO\n<!-- msglint: disable-file -->"
    directives, malformed = find_directives(text)
    assert malformed == []
    assert [(d.kind, d.entries, d.line) for d in directives] == [
        ("disable-next-line", ("TOY001", "PRO"), 2),
        ("disable-file", (), 3),
    ]
    assert text[directives[1].start : directives[1].end] == "msglint: disable-file"
