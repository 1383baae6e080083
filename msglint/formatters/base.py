"""The one interface every output format implements: ``start()``, ``handle(source, report)``, ``stop()``.

A formatter writes to the stream it is given and nothing else, so the command line can send any
format anywhere; what it needs to know about the run (the rules, colour, quiet) comes in
:class:`Options`. Problems with the input (a file that cannot be read, a malformed JSON line) are
told to it through :meth:`Formatter.problem`, so machine-readable formats can carry them too.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, TextIO

from msglint.models import Report, Rule, Severity

if TYPE_CHECKING:
    from msglint.api import Linter


@dataclass(frozen=True, slots=True)
class Source:
    """What a report was made from: a file, standard input, or one line of a JSON Lines input.

    ``path`` is the path as shown to the user (forward slashes; ``-`` for standard input).
    For a message of a JSON Lines input, ``line`` is its line number there and ``message_id`` its id.
    """

    path: str
    text: str
    line: int | None = None
    message_id: str | None = None

    @property
    def is_message(self) -> bool:
        return self.line is not None


@dataclass(frozen=True)
class Options:
    """What a formatter may know of the run."""

    rules: tuple[Rule, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)  # active severity per rule code
    enabled: frozenset[str] = frozenset()
    policy: str = "amazon"
    clauses: Mapping[str, str] = field(default_factory=dict)  # clause id -> policy text
    color: bool = False
    quiet: bool = False

    @classmethod
    def for_linter(cls, linter: Linter, **extra: Any) -> Options:
        """The rules, severities and policy of ``linter``, plus presentation settings."""
        return cls(
            rules=tuple(linter.rules),
            severity={rule.code: linter.severity_of(rule.code) for rule in linter.rules},
            enabled=frozenset(rule.code for rule in linter.rules if linter.is_enabled(rule.code)),
            policy=linter.policy.name,
            clauses=linter.policy.clause_texts,
            **extra,
        )


@dataclass
class Tally:
    """Counts of what was checked and found, for summaries and ``--statistics``."""

    sources: int = 0
    with_findings: int = 0
    by_severity: Counter[str] = field(default_factory=Counter)
    by_rule: Counter[str] = field(default_factory=Counter)

    def add(self, report: Report) -> None:
        self.sources += 1
        if report.findings:
            self.with_findings += 1
        for finding in report.findings:
            self.by_severity[finding.severity.value] += 1
            self.by_rule[finding.rule] += 1

    @property
    def findings(self) -> int:
        return sum(self.by_rule.values())


class Formatter(ABC):
    """Writes reports in one format. One instance per run: ``start``, ``handle`` per report, ``stop``."""

    name: ClassVar[str]
    #: Whether the format can describe messages of a JSON Lines input (not only files).
    handles_messages: ClassVar[bool] = True

    def __init__(self, stream: TextIO, options: Options | None = None) -> None:
        self.stream = stream
        self.options = options or Options()
        self.tally = Tally()
        self.problems: list[tuple[str, int | None, str]] = []

    def start(self) -> None:  # noqa: B027 - optional hook
        """Called once before the first report."""

    @abstractmethod
    def handle(self, source: Source, report: Report) -> None:
        """Write (or collect) one report."""

    def problem(self, path: str, line: int | None, message: str) -> None:
        """An input that could not be checked; the command line has already told the user."""
        self.problems.append((path, line, message))

    def stop(self) -> None:  # noqa: B027 - optional hook
        """Called once after the last report."""

    def rule(self, code: str) -> Rule | None:
        return next((rule for rule in self.options.rules if rule.code == code), None)


def plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"
