"""JSON Lines: one JSON object per file or per message, in input order, written as it is checked."""

from __future__ import annotations

from msglint.formatters.base import Formatter, Source
from msglint.formatters.json import dumps, result
from msglint.models import Report


class JsonLinesFormatter(Formatter):
    """``{"schema_version", "path"[, "line", "id"], "policy", "ok", "verdict", "findings"}`` per line."""

    name = "jsonl"

    def handle(self, source: Source, report: Report) -> None:
        self.tally.add(report)
        self.stream.write(dumps(result(source, report)) + "\n")
