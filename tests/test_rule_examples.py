"""Every rule documents failing and passing messages, and each one behaves as documented."""

from __future__ import annotations

from functools import cache

import pytest

from msglint import Category, Linter
from msglint.config import builtin_policies

MIN_EXAMPLES = 3
_LINTER = Linter()
CHECKED_RULES = [rule for rule in _LINTER.rules if rule.category is not None]
TEMPLATE_RULES = {rule.code for rule in CHECKED_RULES if rule.scope == "template"}
VIOLATING = [(rule.code, index) for rule in CHECKED_RULES for index in range(len(rule.examples.violating))]
COMPLIANT = [(rule.code, index) for rule in CHECKED_RULES for index in range(len(rule.examples.compliant))]


@cache
def _pack(name: str) -> Linter:
    return _LINTER if name == "amazon" else Linter(name)


def home(code: str) -> Linter:
    """The amazon pack, or for a rule only another marketplace has, the first pack that turns it on: a
    rule's examples are written for a pack it is on in, and read with that marketplace's words."""
    for name in ("amazon", *builtin_policies()):
        if _pack(name).is_enabled(code):
            return _pack(name)
    raise AssertionError(f"{code} is on in no built-in pack")


def _codes(linter: Linter, code: str, text: str) -> list[tuple[str, str]]:
    report = linter.lint(text, template=code in TEMPLATE_RULES)
    return [(f.rule, f.text) for f in report.findings]


@pytest.mark.parametrize("category", list(Category))
def test_every_category_has_rules(category: Category) -> None:
    assert any(rule.category is category for rule in CHECKED_RULES)


@pytest.mark.parametrize("rule", CHECKED_RULES, ids=lambda r: r.code)
def test_rule_is_documented_with_three_failing_and_three_passing_cases(rule) -> None:
    assert len(rule.examples.violating) >= MIN_EXAMPLES, f"{rule.code} needs {MIN_EXAMPLES} violating examples"
    assert len(rule.examples.compliant) >= MIN_EXAMPLES, f"{rule.code} needs {MIN_EXAMPLES} compliant examples"
    assert rule.summary and rule.rationale and rule.message and rule.suggestion and rule.policy
    pack = home(rule.code).policy
    assert rule.policy in pack.clauses, f"{rule.code} cites {rule.policy!r}, a clause {pack.name} does not have"


@pytest.mark.parametrize(("code", "index"), VIOLATING)
def test_violating_example_triggers_its_rule(code: str, index: int) -> None:
    linter = home(code)
    text = linter.rule(code).examples.violating[index]
    found = _codes(linter, code, text)
    assert code in [rule for rule, _ in found], f"{code} did not fire on {text!r} (found {found})"


@pytest.mark.parametrize(("code", "index"), COMPLIANT)
def test_compliant_example_does_not_trigger_its_rule(code: str, index: int) -> None:
    linter = home(code)
    text = linter.rule(code).examples.compliant[index]
    found = [(rule, words) for rule, words in _codes(linter, code, text) if rule == code]
    assert not found, f"{code} fired on compliant {text!r}: {found}"
