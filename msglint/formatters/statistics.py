"""``--statistics``: a count of findings per rule instead of the findings, as ruff's ``--statistics``.

As ``text``, a table, most frequent rule first, and the summary line (unless quiet); as ``json``,
one list of ``{"code", "name", "count"}`` objects; as ``jsonl``, one such object a line.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar, Literal, TextIO

from msglint.formatters.base import Formatter, Options, Source
from msglint.formatters.text import summary
from msglint.models import Report

Shape = Literal["text", "json", "jsonl"]


class StatisticsFormatter(Formatter):
    """Counts findings per rule; writes them when the run is over."""

    name = "statistics"
    shapes: ClassVar[tuple[str, ...]] = ("text", "json", "jsonl")

    def __init__(self, stream: TextIO, options: Options | None = None, shape: Shape = "text") -> None:
        if shape not in self.shapes:
            raise ValueError(f"statistics are written as {', '.join(self.shapes)}, not {shape!r}")
        super().__init__(stream, options)
        self.shape = shape
        self._noun = "file"

    def handle(self, source: Source, report: Report) -> None:
        self.tally.add(report)
        if source.is_message:
            self._noun = "message"

    def rows(self) -> list[dict[str, Any]]:
        names = {rule.code: rule.name for rule in self.options.rules}
        ranked = sorted(self.tally.by_rule.items(), key=lambda item: (-item[1], item[0]))
        return [{"code": code, "name": names.get(code, ""), "count": count} for code, count in ranked]

    def stop(self) -> None:
        rows = self.rows()
        if self.shape == "json":
            self.stream.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        elif self.shape == "jsonl":
            self.stream.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
        else:
            self.stream.write(table(rows))
            if not self.options.quiet:
                self.stream.write(summary(self.tally, self._noun, len(self.problems)))


def table(rows: list[dict[str, Any]]) -> str:
    """``count  code  name`` lines, the counts right-aligned: ``12  TPL002  promotional-placeholder``."""
    if not rows:
        return ""
    width = max(len(str(row["count"])) for row in rows)
    code_width = max(len(row["code"]) for row in rows)
    lines = [f"{row['count']:>{width}}  {row['code']:<{code_width}}  {row['name']}" for row in rows]
    return "\n".join(line.rstrip() for line in lines) + "\n"
