"""A rule's documentation, in one template: what it flags, why the marketplace forbids it, a failing
and a passing example, and what to write instead. ``msglint explain`` prints it as text; the SARIF
output carries it as each rule's help, in text and Markdown.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from msglint.models import Rule, Severity

if TYPE_CHECKING:
    from msglint.api import Linter

WIDTH = 88
EXAMPLES = ("Fails", "Passes")


@dataclass(frozen=True)
class RuleDoc:
    """The documented facts of one rule under one policy."""

    rule: Rule
    severity: Severity
    enabled: bool
    policy: str
    clause: str | None  # the policy text the rule cites
    source: str | None = None  # the document that text comes from

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
    def in_linter(cls, linter: Linter, rule: Rule) -> RuleDoc:
        """The documentation of ``rule`` as ``linter``'s policy and configuration have it."""
        return cls.of(
            rule,
            severity=linter.severity_of(rule.code),
            enabled=linter.is_enabled(rule.code),
            policy=linter.policy.name,
            clauses=linter.policy.clause_texts,
            sources={key: clause.source for key, clause in linter.policy.clauses.items()},
        )

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
        if rule.examples.violating:
            sections.append(("Fails", [rule.examples.violating[0]]))
        if rule.examples.compliant:
            sections.append(("Passes", [rule.examples.compliant[0]]))
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
