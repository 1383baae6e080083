"""SARIF 2.1.0, as GitHub code scanning reads it: the rules in ``tool.driver.rules`` with their
documentation, one result per finding with its rule, level and region.

Regions are 1-based with an exclusive ``endColumn``, as :class:`~msglint.models.Span` has them;
columns count Unicode code points (``columnKind``). Files are referred to by relative URIs with
forward slashes. Results are written as they arrive, so memory stays flat.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from msglint import __version__
from msglint.formatters.base import Formatter, Source
from msglint.formatters.ruledoc import RuleDoc
from msglint.models import Finding, Report, Rule, Severity

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SARIF_VERSION = "2.1.0"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
MAX_SNIPPET = 200


def artifact_uri(path: str) -> str:
    """A relative path as a URI reference; an absolute one as a ``file:`` URI."""
    posix = PurePosixPath(path.replace("\\", "/"))
    if posix.is_absolute():
        return "file://" + quote(posix.as_posix())
    if len(path) > 1 and path[1] == ":":  # a Windows drive
        return "file:///" + quote(posix.as_posix())
    return quote(posix.as_posix())


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


class SarifFormatter(Formatter):
    name = "sarif"
    handles_messages = False

    def _rules(self) -> list[Rule]:
        known = [rule for rule in self.options.rules if rule.code in self.options.enabled]
        return sorted(known, key=lambda rule: rule.code)

    def _descriptor(self, rule: Rule) -> dict[str, Any]:
        severity = self.options.severity.get(rule.code, rule.severity)
        doc = RuleDoc.of(
            rule, severity=severity, enabled=True, policy=self.options.policy, clauses=self.options.clauses
        )
        properties: dict[str, Any] = {"tags": [rule.category.value if rule.category else "engine"]}
        if rule.policy:
            properties["policy"] = f"{self.options.policy}:{rule.policy}"
        return {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.rationale or rule.summary},
            "help": {"text": doc.plain(), "markdown": doc.markdown()},
            "defaultConfiguration": {"level": LEVELS[severity]},
            "properties": properties,
        }

    def start(self) -> None:
        rules = self._rules()
        self._index = {rule.code: index for index, rule in enumerate(rules)}
        driver = {
            "name": "msglint",
            "version": __version__,
            "semanticVersion": __version__,
            "rules": [self._descriptor(rule) for rule in rules],
        }
        head = {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION}
        run_head = {"tool": {"driver": driver}, "columnKind": "unicodeCodePoints"}
        self.stream.write(_dumps(head)[:-1] + ', "runs": [' + _dumps(run_head)[:-1] + ', "results": [')
        self._first = True

    def _result(self, source: Source, finding: Finding) -> dict[str, Any]:
        span = finding.span
        region: dict[str, Any] = {
            "startLine": span.line,
            "startColumn": span.column,
            "endLine": span.end_line,
            "endColumn": span.end_column,
            "charOffset": span.start,
            "charLength": span.end - span.start,
        }
        if finding.text and len(finding.text) <= MAX_SNIPPET:
            region["snippet"] = {"text": finding.text}
        message = finding.message + (f" Suggestion: {finding.suggestion}" if finding.suggestion else "")
        location: dict[str, Any] = {
            "physicalLocation": {"artifactLocation": {"uri": artifact_uri(source.path)}, "region": region}
        }
        properties: dict[str, Any] = {"name": finding.name, "confidence": finding.confidence}
        if finding.field is not None:
            # A finding about the message's metadata (sent_at, attachments[5]): its region is empty, so
            # the field is named where a reader looks: the message, a logical location, a property.
            message = f"{finding.message} (field: {finding.field})" + message[len(finding.message) :]
            location["logicalLocations"] = [
                {"name": finding.field, "fullyQualifiedName": finding.field, "kind": "member"}
            ]
            properties["field"] = finding.field
        result: dict[str, Any] = {
            "ruleId": finding.rule,
            "level": LEVELS[finding.severity],
            "message": {"text": message},
            "locations": [location],
            "properties": properties,
        }
        if finding.rule in self._index:
            result["ruleIndex"] = self._index[finding.rule]
        if finding.category is not None:
            result["properties"]["category"] = finding.category.value
        return result

    def handle(self, source: Source, report: Report) -> None:
        self.tally.add(report)
        for finding in report.findings:
            self.stream.write(("\n" if self._first else ",\n") + _dumps(self._result(source, finding)))
            self._first = False

    def stop(self) -> None:
        notifications = [
            {
                "level": "error",
                "message": {"text": message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": artifact_uri(path)},
                            **({"region": {"startLine": line}} if line else {}),
                        }
                    }
                ],
            }
            for path, line, message in self.problems
        ]
        invocation = {"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}
        self.stream.write(f'\n], "invocations": [{_dumps(invocation)}]}}]}}\n')
