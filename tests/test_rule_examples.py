"""Every rule documents failing and passing messages, and each one behaves as documented: English's in the
rules' files, every other language's in msglint/rules/examples/<lang>.toml."""

from __future__ import annotations

import pytest

from msglint import Category, Linter
from msglint.checkers.base import load_rule_examples
from msglint.engine.language import supported_languages

MIN_EXAMPLES = 3
_LINTER = Linter()
CHECKED_RULES = [rule for rule in _LINTER.rules if rule.category is not None]
TEMPLATE_RULES = {rule.code for rule in CHECKED_RULES if rule.scope == "template"}
# A rule about metadata documents whole messages (text and fields) instead of texts.
VIOLATING = [
    (rule.code, example)
    for rule in CHECKED_RULES
    for example in (*rule.examples.violating, *rule.examples.violating_messages)
]
COMPLIANT = [
    (rule.code, example)
    for rule in CHECKED_RULES
    for example in (*rule.examples.compliant, *rule.examples.compliant_messages)
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
    assert rule.policy in _LINTER.policy.clauses, f"{rule.code} cites unknown clause {rule.policy!r}"


@pytest.mark.parametrize(("code", "text"), VIOLATING)
def test_violating_example_triggers_its_rule(code: str, text: str | dict, linter: Linter) -> None:
    found = _codes(linter, code, text)
    assert code in [rule for rule, _ in found], f"{code} did not fire on {text!r} (found {found})"


@pytest.mark.parametrize(("code", "text"), COMPLIANT)
def test_compliant_example_does_not_trigger_its_rule(code: str, text: str | dict, linter: Linter) -> None:
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
