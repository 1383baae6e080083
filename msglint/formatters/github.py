"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` annotation per finding.

GitHub shows them on the pull request's diff. Property values escape ``%``, CR, LF, ``:`` and ``,``;
the message escapes ``%``, CR and LF (GitHub's own rules for workflow commands).
"""

from __future__ import annotations

from msglint.formatters.base import Formatter, Source
from msglint.models import Report

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


class GithubFormatter(Formatter):
    name = "github"
    handles_messages = False

    def handle(self, source: Source, report: Report) -> None:
        self.tally.add(report)
        for finding in report.findings:
            span = finding.span
            properties = {
                "file": source.path,
                "line": span.line,
                "col": span.column,
                "endLine": span.end_line,
                "endColumn": span.end_column,
                "title": finding.rule,
            }
            listed = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
            message = f"{finding.message} ({finding.name})"
            if finding.suggestion:
                message += f"\nSuggestion: {finding.suggestion}"
            self.stream.write(f"::{_COMMAND[finding.severity.value]} {listed}::{escape_data(message)}\n")
