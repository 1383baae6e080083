"""Third-party checkers: discovered through the `msglint.checkers` entry-point group, like built-ins."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Iterator
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest

import msglint
from msglint.api import default_registry
from msglint.checkers.base import Checker
from msglint.registry import ENTRY_POINT_GROUP, Registry

PLUGIN_MODULE = '''
from msglint.checkers.base import PatternChecker, RulesFile


class CouponChecker(PatternChecker):
    """A data-only plugin: its rules and lexicon are files in its own package."""

    id = "acme-coupons"
    rules = RulesFile("rules", package="acme_msglint")
    lexicon = "coupons"
    lexicon_package = "acme_msglint.lexicons"
'''

PLUGIN_RULES = """
category = "promotional"

[[rule]]
code = "ACM001"
name = "acme-coupon"
summary = "Mentions an ACME coupon."
message = "ACME coupons are promotion."
suggestion = "Leave the coupon out."
policy = "no-promotion"
"""

PLUGIN_LEXICON = '{"rule": "ACM001", "phrases": ["acme coupon", "acme voucher"]}\n'


@pytest.fixture
def installed_plugin(tmp_path: Path) -> Iterator[Path]:
    """A tiny distribution, 'installed' by putting its package and .dist-info on sys.path."""
    package = tmp_path / "acme_msglint"
    (package / "lexicons" / "en").mkdir(parents=True)
    (package / "__init__.py").write_text(PLUGIN_MODULE)
    (package / "lexicons" / "__init__.py").write_text("")
    (package / "rules.toml").write_text(PLUGIN_RULES)
    (package / "lexicons" / "en" / "coupons.jsonl").write_text(PLUGIN_LEXICON)
    dist_info = tmp_path / "acme_msglint-1.0.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-msglint\nVersion: 1.0\n")
    (dist_info / "entry_points.txt").write_text(
        textwrap.dedent(f"""
        [{ENTRY_POINT_GROUP}]
        acme-coupons = acme_msglint:CouponChecker
        """)
    )
    sys.path.insert(0, str(tmp_path))
    default_registry.cache_clear()
    try:
        yield tmp_path
    finally:
        sys.path.remove(str(tmp_path))
        for name in [m for m in sys.modules if m.startswith("acme_msglint")]:
            del sys.modules[name]
        default_registry.cache_clear()


def test_a_plugin_installed_through_its_entry_point_is_discovered_selected_and_run(installed_plugin: Path) -> None:
    linter = msglint.Linter()
    assert "acme-coupons" in linter.registry.checkers
    assert "ACM001" in [rule.code for rule in linter.rules]
    assert linter.is_enabled("ACM001")

    text = "Use your a\u200bсmе\u200b соuроn today"  # zero-width characters and Cyrillic letters
    report = linter.lint(text)
    findings = [(f.rule, f.span.start, f.span.end, f.text, f.policy) for f in report.findings if f.rule == "ACM001"]
    assert findings == [("ACM001", 9, 22, "a\u200bсmе\u200b соuроn", "amazon:no-promotion")]

    ignoring = msglint.Linter(config={"ignore": ["acme-coupon"]})
    assert "ACM001" not in [f.rule for f in ignoring.lint(text).findings]


def test_plugin_extra_terms_from_configuration(installed_plugin: Path) -> None:
    linter = msglint.Linter(config={"extra-terms": {"ACM001": ["acme gift code"]}})
    found = [f.text for f in linter.lint("Your ACME gift code is inside").findings if f.rule == "ACM001"]
    assert found == ["ACME gift code"]


def test_a_plugin_that_fails_to_load_is_kept_as_broken() -> None:
    broken = EntryPoint(name="broken", value="no_such_module_xyz:Checker", group=ENTRY_POINT_GROUP)
    not_a_checker = EntryPoint(name="wrong", value="os.path:join", group=ENTRY_POINT_GROUP)
    registry = Registry.from_entry_points(entries=[broken, not_a_checker])
    assert registry.checkers == {}
    assert [(b.name, b.error.split(":")[0]) for b in registry.broken] == [
        ("broken", "ModuleNotFoundError"),
        ("wrong", "TypeError"),
    ]


def test_two_checkers_may_not_share_a_rule_code() -> None:
    from .toy_checkers import ShopWord

    class Copycat(ShopWord):
        id = "copycat"

    with pytest.raises(ValueError, match="checker 'copycat' declares TOY001, already taken by checker 'toy-shop'"):
        Registry([ShopWord, Copycat])


def test_a_malformed_plugin_lexicon_line_names_file_and_line(installed_plugin: Path) -> None:
    lexicon = installed_plugin / "acme_msglint" / "lexicons" / "en" / "coupons.jsonl"
    lexicon.write_text(PLUGIN_LEXICON + '{"rule": "ACM001", "phrase": "x", "colour": 1}\n')
    from msglint.checkers.base import load_lexicon

    load_lexicon.cache_clear()
    try:
        with pytest.raises(msglint.ConfigError) as caught:
            msglint.Linter()
        assert caught.value.path == str(lexicon)
        assert caught.value.line == 2
        assert "colour" in str(caught.value)
    finally:
        load_lexicon.cache_clear()


def test_msglint_checkers_win_a_code_collision_whatever_the_plugin_is_named() -> None:
    promotional = EntryPoint(
        name="promotional", value="msglint.checkers.promotional:PromotionalChecker", group=ENTRY_POINT_GROUP
    )
    copycat = EntryPoint(name="aaa-copycat", value="tests.test_plugins:PromotionalCopycat", group=ENTRY_POINT_GROUP)
    registry = Registry.from_entry_points(entries=[copycat, promotional])  # "aaa-…" sorts first
    assert list(registry.checkers) == ["promotional"]
    assert [(b.name, b.error.split(":")[0]) for b in registry.broken] == [("aaa-copycat", "ValueError")]
    assert "PRO001" in registry.broken[0].error


def test_a_plugin_rule_without_a_category_is_refused() -> None:
    from msglint.checkers.base import Checker
    from msglint.models import Rule

    class Uncategorised(Checker):
        id = "no-category"
        rules = (Rule(code="NOC001", name="no-category", category=None, summary="s"),)

        def check(self, document):
            return ()

    with pytest.raises(ValueError, match=r"declares rules without a category: \['NOC001'\]"):
        Registry([Uncategorised])


def test_every_rule_of_a_registry_names_its_checker() -> None:
    from .toy_checkers import FreeGiftPhrases, ShopWord

    rules = Registry([ShopWord, FreeGiftPhrases]).rules
    assert [(rule.code, rule.checker) for rule in rules] == [
        ("TOY001", "toy-shop"),
        ("TOY002", "toy-shop"),
        ("PHR001", "toy-phrases"),
        ("PHR002", "toy-phrases"),
    ]


class PromotionalCopycat(Checker):
    """A plugin that declares a code msglint's promotional checker owns."""

    id = "aaa-copycat"
    rules = (msglint.Rule(code="PRO001", name="copied", category=msglint.Category.PROMOTIONAL, summary="s"),)

    def check(self, document):
        return ()
