"""The worked plugin of docs/plugins.md (examples/plugin/), loaded as msglint loads a plugin: through
the entry point its pyproject.toml declares, into a Registry. Nothing is installed."""

from __future__ import annotations

import sys
import tomllib
from collections.abc import Iterator
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest

import msglint
from msglint.registry import ENTRY_POINT_GROUP, Registry

PLUGIN = Path(__file__).resolve().parents[1] / "examples" / "plugin"


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> Iterator[Registry]:
    monkeypatch.syspath_prepend(str(PLUGIN))
    project = tomllib.loads((PLUGIN / "pyproject.toml").read_text("utf-8"))["project"]
    entries = [
        EntryPoint(name=name, value=value, group=ENTRY_POINT_GROUP)
        for name, value in project["entry-points"][ENTRY_POINT_GROUP].items()
    ]
    try:
        yield Registry.from_entry_points(entries=entries)
    finally:
        for name in [m for m in sys.modules if m.startswith("msglint_kettleworks")]:
            del sys.modules[name]


def test_the_example_plugin_loads_through_its_entry_point(registry: Registry) -> None:
    assert registry.broken == []
    assert list(registry.checkers) == ["kettleworks-shop"]
    (rule,) = registry.rules
    assert (rule.code, rule.name, rule.category, rule.checker) == (
        "KTW001",
        "own-web-shop",
        msglint.Category.EXTERNAL_CONTACT,
        "kettleworks-shop",
    )


def test_the_example_plugin_finds_its_shop_name_through_a_disguise(registry: Registry) -> None:
    text = "Next time order from K3ttleworks Direct."
    report = msglint.Linter(registry=registry).lint(text)
    found = [(f.rule, f.span.start, f.span.end, f.text, f.policy, f.severity) for f in report.findings]
    assert found == [("KTW001", 21, 39, "K3ttleworks Direct", "amazon:no-off-platform-contact", "error")]
    assert report.verdict == "block"


def test_the_example_plugin_rule_examples_behave_as_documented(registry: Registry) -> None:
    linter = msglint.Linter(registry=registry)
    (rule,) = registry.rules
    for text in rule.examples.violating:
        assert [f.rule for f in linter.lint(text).findings] == ["KTW001"], text
    for text in rule.examples.compliant:
        assert linter.lint(text).findings == (), text


def test_the_example_plugin_is_selected_by_its_checker_id(registry: Registry) -> None:
    text = "Spare filters are in the kettleworks webshop."
    assert msglint.Linter(registry=registry, config={"ignore": ["kettleworks-shop"]}).lint(text).findings == ()
    warned = msglint.Linter(registry=registry, config={"severity": {"kettleworks-shop": "warning"}}).lint(text)
    assert [(f.rule, f.span.start, f.span.end, f.severity) for f in warned.findings] == [("KTW001", 25, 44, "warning")]
