"""The audit report as one self-contained HTML page (:mod:`msglint.report`): a summary with charts, then
every flagged message or file with its findings' words marked, filterable in the browser.

Messages of a ``--jsonl`` input are labelled by their id (else ``file:line``); template files by
their path. Counts and the worst few are kept in memory; flagged messages are spooled to a temporary
file until the summary, which comes first on the page, is known.
"""

from __future__ import annotations

from typing import TextIO

from msglint.formatters.base import Formatter, Options, Source
from msglint.models import Report
from msglint.report import AuditPage


class HtmlFormatter(Formatter):
    name = "html"

    def __init__(self, stream: TextIO, options: Options | None = None) -> None:
        super().__init__(stream, options)
        self.page = AuditPage(rules=self.options.rules, details={"policy": self.options.policy}, noun="file")

    def handle(self, source: Source, report: Report) -> None:
        self.tally.add(report)
        if source.is_message:
            self.page.noun = "message"
            label = source.message_id or f"{source.path}:{source.line}"
        else:
            label = source.path
        self.page.add_report(source.text, report, label)

    def problem(self, path: str, line: int | None, message: str) -> None:
        super().problem(path, line, message)
        self.page.problem(path if line is None else f"{path}:{line}", message)

    def stop(self) -> None:
        self.page.write(self.stream)
        super().stop()
