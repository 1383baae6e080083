"""Every rule documents failing and passing messages, and each one behaves as documented: English's in the
rules' files, every other language's in msglint/rules/examples/<lang>.toml."""

from __future__ import annotations

from functools import cache

import pytest

from msglint import Category, Linter
from msglint.checkers.base import load_rule_examples
from msglint.config import builtin_policies
from msglint.engine.language import supported_languages

MIN_EXAMPLES = 3
_LINTER = Linter()
CHECKED_RULES = [rule for rule in _LINTER.rules if rule.category is not None]
TEMPLATE_RULES = {rule.code for rule in CHECKED_RULES if rule.scope == "template"}
# A rule about metadata documents whole messages (text and fields) instead of texts; each example is read
# in the pack the rule is on in (see home), so it is indexed here and taken from that pack's rule.
VIOLATING = [
    (rule.code, index)
    for rule in CHECKED_RULES
    for index in range(len(rule.examples.violating) + len(rule.examples.violating_messages))
]
COMPLIANT = [
    (rule.code, index)
    for rule in CHECKED_RULES
    for index in range(len(rule.examples.compliant) + len(rule.examples.compliant_messages))
]
OTHER_LANGUAGES = [lang for lang in supported_languages() if lang != "en"]
LANGUAGE_EXAMPLES = {lang: load_rule_examples(lang) for lang in OTHER_LANGUAGES}
LANGUAGE_VIOLATING = [
    (lang, code, text)
    for lang, rules in LANGUAGE_EXAMPLES.items()
    for code, ex in rules.items()
    for text in ex.violating
]
LANGUAGE_COMPLIANT = [
    (lang, code, text)
    for lang, rules in LANGUAGE_EXAMPLES.items()
    for code, ex in rules.items()
    for text in ex.compliant
]


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


def _codes(linter: Linter, code: str, text: str | dict) -> list[tuple[str, str]]:
    report = linter.lint(text, template=code in TEMPLATE_RULES)
    assert not any(f.rule == "MSG006" for f in report.findings), f"example is not a valid message: {text!r}"
    return [(f.rule, f.text) for f in report.findings]


@pytest.mark.parametrize("category", list(Category))
def test_every_category_has_rules(category: Category) -> None:
    assert any(rule.category is category for rule in CHECKED_RULES)


@pytest.mark.parametrize("rule", CHECKED_RULES, ids=lambda r: r.code)
def test_rule_is_documented_with_three_failing_and_three_passing_cases(rule) -> None:
    examples = rule.examples
    violating = len(examples.violating) + len(examples.violating_messages)
    compliant = len(examples.compliant) + len(examples.compliant_messages)
    assert violating >= MIN_EXAMPLES, f"{rule.code} needs {MIN_EXAMPLES} violating examples"
    assert compliant >= MIN_EXAMPLES, f"{rule.code} needs {MIN_EXAMPLES} compliant examples"
    assert rule.summary and rule.rationale and rule.message and rule.suggestion and rule.policy
    pack = home(rule.code).policy
    assert rule.policy in pack.clauses, f"{rule.code} cites {rule.policy!r}, a clause {pack.name} does not have"


@pytest.mark.parametrize(("code", "index"), VIOLATING)
def test_violating_example_triggers_its_rule(code: str, index: int) -> None:
    linter = home(code)
    examples = linter.rule(code).examples
    text = (*examples.violating, *examples.violating_messages)[index]
    found = _codes(linter, code, text)
    assert code in [rule for rule, _ in found], f"{code} did not fire on {text!r} (found {found})"


@pytest.mark.parametrize(("code", "index"), COMPLIANT)
def test_compliant_example_does_not_trigger_its_rule(code: str, index: int) -> None:
    linter = home(code)
    examples = linter.rule(code).examples
    text = (*examples.compliant, *examples.compliant_messages)[index]
    found = [(rule, words) for rule, words in _codes(linter, code, text) if rule == code]
    assert not found, f"{code} fired on compliant {text!r}: {found}"


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_a_language_documents_only_rules_that_exist(lang: str) -> None:
    known = {rule.code for rule in CHECKED_RULES}
    assert set(LANGUAGE_EXAMPLES[lang]) <= known, f"unknown codes: {set(LANGUAGE_EXAMPLES[lang]) - known}"


@pytest.mark.parametrize(("lang", "code", "text"), LANGUAGE_VIOLATING)
def test_violating_example_in_a_language_triggers_its_rule(lang: str, code: str, text: str, linter: Linter) -> None:
    found = [(f.rule, f.text) for f in linter.lint({"text": text, "language": lang}).findings]
    assert code in [rule for rule, _ in found], f"{code} did not fire on {text!r} (found {found})"


@pytest.mark.parametrize(("lang", "code", "text"), LANGUAGE_COMPLIANT)
def test_compliant_example_in_a_language_does_not_trigger_its_rule(
    lang: str, code: str, text: str, linter: Linter
) -> None:
    found = [(f.rule, f.text) for f in linter.lint({"text": text, "language": lang}).findings if f.rule == code]
    assert not found, f"{code} fired on compliant {text!r}: {found}"
