"""Suppression directives in template files, applied as a filter after the checkers.

A directive sits in any comment a template language offers (``{# #}``, ``<!-- -->``, ``#``,
``{{!-- --}}``) and has one strict grammar::

    msglint: disable=EXT001,PRO          findings that start on this line
    msglint: disable-next-line=REV001    findings that start on the next line
    msglint: disable-file=ABU            findings anywhere in the file

Entries are rule codes, code prefixes, rule names or categories. Without ``=…`` a directive covers
every rule but the engine's own (``MSG``). After the directive comes the end of the line or the
comment's closer, nothing else. Anything that starts like a directive (``msglint:``, or ``msglint``
before ``disable``) but does not follow this grammar — ``disable PRO001``, ``disable-next-line: EXT001``,
an entry that names no rule — suppresses nothing and is itself reported (``MSG007``, an error), and a
directive, or one of its entries, that suppresses nothing is reported too (``MSG002``).

Directives are for template files only: a buyer would see one in a real message, so at run time
suppression is the ``ignore=`` argument of the API, and a message's directives are never read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import regex

from msglint.config import specificity
from msglint.models import Finding, LineIndex, Rule

KINDS = ("disable", "disable-next-line", "disable-file")
EXPECTED = (
    "expected 'msglint: disable=CODE[,CODE…]', 'msglint: disable-next-line=CODE[,…]' "
    "or 'msglint: disable-file[=CODE,…]', then the end of the line or comment"
)

# Where something starts that looks like a directive: "msglint:" in any case, or "msglint" before a
# directive-like word (a forgotten colon).
_ATTEMPT = regex.compile(r"(?i)\bmsglint\b(?:[ \t]*:|(?=[ \t]+(?:disable|enable|ignore|noqa|skip)))")
_ENTRY = r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*"
# What may follow a directive: the end of the line, or a comment's closer (HTML, Jinja/Twig, Handlebars,
# ERB/EJS, C-style).
_CLOSER = r"(?:$|[\r\n]|-->|-?#\}|\*/|--\}\}|~?\}\}|-?%\}|-?%>)"
_END = rf"[ \t]*(?={_CLOSER})"
_DIRECTIVE = regex.compile(
    rf"msglint:[ \t]*(?P<kind>disable-next-line|disable-file|disable)"
    rf"(?:[ \t]*=[ \t]*(?P<entries>{_ENTRY}(?:[ \t]*,[ \t]*{_ENTRY})*))?{_END}",
    regex.MULTILINE,
)
_WORD = regex.compile(r"[ \t]*([^\s=]*)")
_REST_OF_LINE = regex.compile(rf"[^\r\n]*?{_END}", regex.MULTILINE)


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


@dataclass(frozen=True)
class Malformed:
    """Text that starts like a directive but is not one: it suppresses nothing."""

    message: str
    start: int
    end: int


def find_directives(text: str, rules: Iterable[Rule] | None = None) -> tuple[list[Directive], list[Malformed]]:
    """Every directive in ``text`` with the line it stands on, and everything that looks like a
    directive but is malformed. With ``rules``, an entry that names none of them makes its directive
    malformed."""
    if "msglint" not in text.lower():
        return [], []
    known = None if rules is None else list(rules)
    lines = LineIndex(text)
    directives: list[Directive] = []
    malformed: list[Malformed] = []
    for attempt in _ATTEMPT.finditer(text):
        start = attempt.start()
        match = _DIRECTIVE.match(text, start)
        if match is None:
            end = _REST_OF_LINE.match(text, start).end() or attempt.end()  # type: ignore[union-attr]
            malformed.append(Malformed(_why_malformed(text, attempt), start, max(end, attempt.end())))
            continue
        raw = match.group("entries") or ""
        entries = tuple(e.strip() for e in raw.split(",") if e.strip())
        end = match.end("entries") if raw else match.end("kind")
        unknown = [e for e in entries if known is not None and not any(specificity(e, r) >= 0 for r in known)]
        if unknown:
            names = ", ".join(f"'{e}'" for e in unknown)
            problem = f"{names} {'names' if len(unknown) == 1 else 'name'} no rule"
            malformed.append(Malformed(f"This msglint directive suppresses nothing: {problem}.", start, end))
            continue
        line, _ = lines.position(start)
        directives.append(Directive(match.group("kind"), entries, line, start, end))
    return directives, malformed


def _why_malformed(text: str, attempt: regex.Match[str]) -> str:
    written = attempt.group()
    if not written.endswith(":"):
        return f"This msglint directive is malformed and suppresses nothing: a ':' must follow 'msglint'; {EXPECTED}."
    if written.rstrip(": \t") != "msglint":
        return f"This msglint directive is malformed and suppresses nothing: write 'msglint' in lower case; {EXPECTED}."
    word = _WORD.match(text, attempt.end()).group(1)  # type: ignore[union-attr]
    kind = next((k for k in sorted(KINDS, key=len, reverse=True) if word.startswith(k)), None)
    if kind is None:
        return f"This msglint directive is malformed and suppresses nothing: unknown directive '{word}'; {EXPECTED}."
    return (
        f"This msglint directive is malformed and suppresses nothing: '{kind}' must be followed by '=' and rule "
        f"codes, or by nothing; {EXPECTED}."
    )


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
