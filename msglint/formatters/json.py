"""One JSON document for the whole run, written as reports arrive (memory stays flat).

``{"schema_version", "tool", "results": [...], "problems": [...], "summary": {...}}``; each result
names its file (``path``) or its JSON Lines message (``path``, ``line``, ``id``) and carries the
report's ``policy``, ``ok``, ``verdict`` and ``findings`` (as ``Finding.model_dump(mode="json")``).
"""

from __future__ import annotations

import json
from typing import Any

from msglint import __version__
from msglint.formatters.base import Formatter, Source
from msglint.models import SCHEMA_VERSION, Report


def result(source: Source, report: Report) -> dict[str, Any]:
    """The JSON object of one report, shared by the ``json`` and ``jsonl`` formats."""
    where: dict[str, Any] = {"path": source.path}
    if source.is_message:
        where.update(line=source.line, id=source.message_id)
    dumped = report.model_dump(mode="json")
    return {
        "schema_version": SCHEMA_VERSION,
        **where,
        "policy": dumped["policy"],
        "ok": dumped["ok"],
        "verdict": dumped["verdict"],
        "findings": dumped["findings"],
        "language": dumped["language"],
        "language_source": dumped["language_source"],
        "not_run": dumped["not_run"],
    }


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


class JsonFormatter(Formatter):
    name = "json"

    def start(self) -> None:
        tool = {"name": "msglint", "version": __version__, "policy": self.options.policy}
        self.stream.write(f'{{"schema_version": {dumps(SCHEMA_VERSION)}, "tool": {dumps(tool)}, "results": [')
        self._first = True

    def handle(self, source: Source, report: Report) -> None:
        self.tally.add(report)
        item = result(source, report)
        del item["schema_version"]
        self.stream.write(("\n  " if self._first else ",\n  ") + dumps(item))
        self._first = False

    def stop(self) -> None:
        tally = self.tally
        problems = [{"path": path, "line": line, "problem": message} for path, line, message in self.problems]
        summary = {
            "checked": tally.sources,
            "with_findings": tally.with_findings,
            "findings": tally.findings,
            "by_severity": {s: tally.by_severity[s] for s in ("error", "warning", "info")},
            "by_rule": dict(sorted(tally.by_rule.items())),
            "problems": len(problems),
        }
        self.stream.write(f'\n], "problems": {dumps(problems)}, "summary": {dumps(summary)}}}\n')
