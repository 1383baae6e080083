"""Exceptions msglint raises. Message content never raises; only API misuse and bad configuration do."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from msglint.models import Report


class MsglintError(Exception):
    """Base class for msglint's own errors."""


class ConfigError(MsglintError, ValueError):
    """A configuration, policy pack or lexicon file is wrong. Names the file, line and key."""

    def __init__(
        self,
        problem: str,
        *,
        path: Path | str | None = None,
        key: str | None = None,
        line: int | None = None,
    ) -> None:
        self.problem = problem
        self.path = str(path) if path is not None else None
        self.key = key
        self.line = line
        where = self.path or "<configuration>"
        if line is not None:
            where += f":{line}"
        if key:
            where += f": key '{key}'"
        super().__init__(f"{where}: {problem}")


class PolicyViolation(MsglintError):
    """Raised by :meth:`msglint.Linter.guard` when a message must not be sent."""

    def __init__(self, report: Report) -> None:
        self.report = report
        codes = ", ".join(sorted({f.rule for f in report.findings if f.severity == "error"}))
        super().__init__(f"message blocked by msglint ({codes})")
