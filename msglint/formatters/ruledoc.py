"""A rule's documentation, in one template: what it flags, why the marketplace forbids it, a failing
and a passing example, and what to write instead. ``msglint explain`` prints it as text; the SARIF
output carries it as each rule's help, in text and Markdown.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from msglint.models import Rule, RuleExamples, Severity

if TYPE_CHECKING:
    from msglint.api import Linter

WIDTH = 88
EXAMPLES = ("Fails", "Passes")


def _iso(value: object) -> str:
    """A TOML date or time in an example, as JSON shows it (ISO 8601)."""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


@dataclass(frozen=True)
class RuleDoc:
    """The documented facts of one rule under one policy."""

    rule: Rule
    severity: Severity
    enabled: bool
    policy: str
    clause: str | None  # the policy text the rule cites
    source: str | None = None  # the document that text comes from
    #: The examples shown and the language they are in (English's are the rule's own).
    examples: RuleExamples | None = None
    language: str = "en"

    @classmethod
    def of(
        cls,
        rule: Rule,
        *,
        severity: Severity,
        enabled: bool,
        policy: str,
        clauses: Mapping[str, str],
        sources: Mapping[str, str | None] | None = None,
    ) -> RuleDoc:
        clause = clauses.get(rule.policy) if rule.policy else None
        source = (sources or {}).get(rule.policy) if rule.policy else None
        return cls(rule, severity, enabled, policy, clause, source)

    @classmethod
    def in_linter(cls, linter: Linter, rule: Rule, language: str = "en") -> RuleDoc:
        """The documentation of ``rule`` as ``linter``'s policy and configuration have it, with its examples in
        ``language`` (see :func:`~msglint.checkers.base.load_rule_examples`)."""
        pack = linter.policy.for_language(language)  # the rule and clause as buyers in that language read them
        doc = cls.of(
            linter.rule(rule.code, language) if linter.find_rule(rule.code) else rule,
            severity=linter.severity_of(rule.code),
            enabled=linter.is_enabled(rule.code),
            policy=linter.policy.name,
            clauses=pack.clause_texts,
            sources={key: clause.source for key, clause in pack.clauses.items()},
        )
        if language == "en":
            return doc
        from msglint.checkers.base import load_rule_examples

        examples = load_rule_examples(language).get(rule.code, RuleExamples())
        return replace(doc, examples=examples, language=language)

    @property
    def sections(self) -> list[tuple[str, list[str]]]:
        """(heading, paragraphs) in the order every rule's documentation uses."""
        rule = self.rule
        why = [rule.rationale] if rule.rationale else []
        if self.clause:
            source = f" ({self.source})" if self.source else ""
            why.append(f'Policy {self.policy}:{rule.policy}: "{self.clause}"{source}')
        why_heading = "Why the marketplace forbids it" if rule.category is not None else "Why it matters"
        sections = [("What it flags", [rule.summary]), (why_heading, why)]
        examples = rule.examples if self.examples is None else self.examples
        every = self.examples is not None  # a language's examples: all of them, there are few
        if every and not (examples.violating or examples.compliant):
            sections.append(("Examples", [f"None in '{self.language}' yet."]))
        for heading, texts, messages in (
            ("Fails", examples.violating, examples.violating_messages),
            ("Passes", examples.compliant, examples.compliant_messages),
        ):
            if texts:
                sections.append((heading, list(texts) if every else [texts[0]]))
            elif messages:  # a rule about metadata: the message as a caller passes it
                sections.append((heading, [json.dumps(messages[0], ensure_ascii=False, default=_iso)]))
        if rule.suggestion:
            sections.append(("What to write instead", [rule.suggestion]))
        return [(heading, paragraphs) for heading, paragraphs in sections if paragraphs]

    @property
    def facts(self) -> str:
        rule = self.rule
        category = rule.category.value if rule.category is not None else "engine"
        state = f"on ({self.severity.value})" if self.enabled else "off"
        where = "template files" if rule.scope == "template" else "every message"
        return (
            f"Category: {category}. Default severity: {rule.severity.value}. "
            f"In policy '{self.policy}': {state}. Applies to: {where}."
        )

    def text(self) -> str:
        """Plain text for a terminal."""
        out = [f"{self.rule.code}  {self.rule.name}", *textwrap.wrap(self.facts, WIDTH, break_on_hyphens=False)]
        for heading, paragraphs in self.sections:
            out += ["", heading]
            for paragraph in paragraphs:
                if heading in EXAMPLES:  # shown as written: a wrapped example is not the example
                    out.append(f"  {paragraph}")
                else:
                    out += textwrap.wrap(
                        paragraph,
                        WIDTH,
                        initial_indent="  ",
                        subsequent_indent="  ",
                        break_on_hyphens=False,
                        break_long_words=False,
                    )
        return "\n".join(out) + "\n"

    def plain(self) -> str:
        """Plain text without the heading line, for SARIF's ``help.text``."""
        return "\n\n".join(f"{heading}: {' '.join(paragraphs)}" for heading, paragraphs in self.sections)

    def markdown(self) -> str:
        """Markdown for SARIF's ``help.markdown`` (shown by code scanning)."""
        out = [f"**{self.rule.code} {self.rule.name}**", "", self.facts]
        for heading, paragraphs in self.sections:
            out += ["", f"**{heading}**", ""]
            for number, paragraph in enumerate(paragraphs):
                if number:
                    out.append("")
                out.append(f"> {paragraph}" if heading in EXAMPLES else paragraph)
        return "\n".join(out)
