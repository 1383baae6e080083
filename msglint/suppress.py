"""Suppression directives in template files, applied as a filter after the checkers.

A directive sits in any comment a template language offers (``{# #}``, ``<!-- -->``, ``#``,
``{{!-- --}}``) and reads::

    msglint: disable=EXT001,PRO          findings that start on this line
    msglint: disable-next-line=REV001    findings that start on the next line
    msglint: disable-file=ABU            findings anywhere in the file

Without ``=…`` a directive covers every rule but the engine's own (``MSG``). A directive, or one of
its entries, that suppresses nothing is itself reported (``MSG002``), so stale ones do not pile up.
Directives are for template files only: a buyer would see one in a real message, so at run time
suppression is the ``ignore=`` argument of the API.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import regex

from msglint.config import specificity
from msglint.models import Finding, Rule

_DIRECTIVE = regex.compile(
    r"msglint:[ \t]*(?P<kind>disable-next-line|disable-file|disable)\b"
    r"(?:[ \t]*=[ \t]*(?P<entries>[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*(?:[ \t]*,[ \t]*[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*)*))?"
)


@dataclass(frozen=True)
class Directive:
    kind: str
    entries: tuple[str, ...]  # empty: every non-engine rule
    line: int  # 1-based line the directive is on
    start: int
    end: int

    def covers_line(self, line: int) -> bool:
        if self.kind == "disable-file":
            return True
        if self.kind == "disable-next-line":
            return line == self.line + 1
        return line == self.line


def find_directives(text: str) -> list[Directive]:
    """Every directive in ``text``, with the line it stands on."""
    if "msglint:" not in text:
        return []
    directives = []
    for match in _DIRECTIVE.finditer(text):
        head = text[: match.start()]
        line = head.count("\n") + head.count("\r") - head.count("\r\n") + 1
        raw = match.group("entries") or ""
        entries = tuple(e.strip() for e in raw.split(",") if e.strip())
        directives.append(Directive(match.group("kind"), entries, line, match.start(), match.end()))
    return directives


def _entry_matches(entry: str | None, rule: Rule) -> bool:
    if entry is None:  # a bare directive: every rule but the engine's
        return rule.category is not None
    return specificity(entry, rule) >= 0


def apply(
    findings: Iterable[Finding], directives: list[Directive], rules: Mapping[str, Rule]
) -> tuple[list[Finding], list[tuple[Directive, str | None]]]:
    """Drop suppressed findings. Returns the kept findings and each (directive, entry) that did nothing.

    An entry of ``None`` stands for a bare directive.
    """
    used: set[tuple[int, str | None]] = set()
    kept = []
    for finding in findings:
        rule = rules.get(finding.rule)
        suppressed = False
        if rule is not None and finding.rule != "MSG002":
            for index, directive in enumerate(directives):
                if not directive.covers_line(finding.span.line):
                    continue
                for entry in directive.entries or (None,):
                    if _entry_matches(entry, rule):
                        used.add((index, entry))
                        suppressed = True
        if not suppressed:
            kept.append(finding)
    unused = [
        (directive, entry)
        for index, directive in enumerate(directives)
        for entry in directive.entries or (None,)
        if (index, entry) not in used
    ]
    return kept, unused
