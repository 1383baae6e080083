"""Every rule's cases, from ``tests/rules/<CODE>.toml``, through one runner.

A case file holds messages that break its rule and messages that do not (the hard negatives of order
talk: order and tracking numbers, refunds, neutral review requests, "assess", "Scunthorpe"). Each
violating case lists **every** finding msglint must report on it, whatever its rule — code, span and
the words flagged — and nothing else may be found; each compliant case must produce no finding of any
rule. So a case also fails when a rule it is not about fires on it (sqlfluff's ``pass_str``, ruff's
fixture snapshots). The format::

    rule = "PRO001"                     # the rule the file is about; the file is named after it

    [[violating]]
    name = "code-at-checkout"           # unique in the file; the test id is PRO001.toml::code-at-checkout
    text = "Use code SAVE10 at checkout."
    language = "en"                     # optional: any of the message's fields, as the API takes them:
    # direction = "proactive"           #   message_type, subject, body_format, sent_at = 2026-02-03T09:00:00Z,
    # order = { delivered_at = 2026-02-01T10:00:00Z }   # reply_to, prior, buyer: tables;
    # attachments = [{ filename = "a.png", content_type = "image/png" }]
    policy = "ebay"                     # optional: the pack the case is linted with (default: amazon)
    template = false                    # optional: lint the text as a template file (directives read)
    config = { max-message-chars = 40 } # optional: settings, as in .msglint.toml
    findings = [{ rule = "PRO001", start = 4, end = 15, text = "code SAVE10" }]
    # a finding about metadata names its field: { rule = "TIM001", start = 0, end = 0, text = "", field = "sent_at" }
    xfail = "why msglint gets this wrong today"   # optional: a known bug, reported to fix

    [[compliant]]
    name = "tracking-code"
    text = "Your tracking code is 1Z999AA10123456784."

A case's expectation comes from what the rule is meant to catch (``msglint explain CODE``), never from
what the code happens to print: where msglint is wrong today, the case stays and says ``xfail``.
"""

from __future__ import annotations

import json
import tomllib
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from msglint import Linter
from msglint.models import Finding

CASES = Path(__file__).parent / "rules"
MIN_CASES = 2

#: Engine rules no message can cause: they report a failing checker or engine, tested with broken
#: checkers in tests/test_fail_closed.py and tests/test_engine.py.
NOT_FROM_TEXT = {
    "MSG001": "a checker failed or timed out",
    "MSG004": "a checker produced an invalid finding",
    "MSG008": "the engine itself failed",
}

_STRICT = ConfigDict(frozen=True, extra="forbid")
_MESSAGE_FIELDS = (
    *("language", "marketplace", "message_type", "order_id", "created_at", "sent_at", "direction", "subject"),
    *("body_format", "order", "reply_to", "prior", "buyer", "attachments"),
)


class Expected(BaseModel):
    model_config = _STRICT

    rule: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    field: str | None = None


class Case(BaseModel):
    model_config = _STRICT

    name: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    text: str
    language: str | None = None
    marketplace: str | None = None
    message_type: str | None = None
    order_id: str | None = None
    # A time may be a TOML datetime or a string: MSG006's cases send values msglint must refuse.
    created_at: datetime | str | None = None
    sent_at: datetime | str | None = None
    direction: str | None = None
    subject: str | None = None
    body_format: str | None = None
    order: dict[str, Any] | None = None
    reply_to: dict[str, Any] | None = None
    prior: dict[str, Any] | None = None
    buyer: dict[str, Any] | None = None
    attachments: tuple[dict[str, Any], ...] | None = None
    policy: str | None = None
    template: bool = False
    config: dict[str, Any] = Field(default_factory=dict)
    findings: tuple[Expected, ...] = ()
    xfail: str | None = None

    @model_validator(mode="after")
    def _spans_quote_the_text(self) -> Case:
        for expected in self.findings:
            quoted = self.text[expected.start : expected.end]
            if quoted != expected.text:
                raise ValueError(
                    f"{expected.rule} span {expected.start}:{expected.end} is {quoted!r}, not {expected.text!r}"
                )
        return self

    def message(self) -> dict[str, Any]:
        fields = {name: getattr(self, name) for name in _MESSAGE_FIELDS if getattr(self, name) is not None}
        return {"text": self.text, **fields}


class CaseFile(BaseModel):
    model_config = _STRICT

    rule: str
    violating: tuple[Case, ...] = ()
    compliant: tuple[Case, ...] = ()

    @model_validator(mode="after")
    def _well_formed(self) -> CaseFile:
        names = [case.name for case in (*self.violating, *self.compliant)]
        twice = sorted({name for name in names if names.count(name) > 1})
        if twice:
            raise ValueError(f"case names must be unique in a file: {', '.join(twice)}")
        for case in self.violating:
            if not any(f.rule == self.rule for f in case.findings):
                raise ValueError(f"violating case {case.name!r} expects no {self.rule} finding")
        for case in self.compliant:
            if case.findings:
                raise ValueError(f"compliant case {case.name!r} expects findings; a compliant case expects none")
        return self


@cache
def case_file(path: Path) -> CaseFile:
    """A case file, validated: a misspelt key or a span that does not quote the text is named with the file."""
    try:
        return CaseFile.model_validate(tomllib.loads(path.read_text("utf-8")))
    except (tomllib.TOMLDecodeError, ValidationError) as exc:
        raise ValueError(f"{path}: {exc}") from None


def _params() -> list[Any]:
    params = []
    for path in sorted(CASES.glob("*.toml")):
        cases = case_file(path)
        for kind, case in [*(("violating", c) for c in cases.violating), *(("compliant", c) for c in cases.compliant)]:
            marks = [pytest.mark.xfail(reason=case.xfail, strict=True)] if case.xfail else []
            params.append(pytest.param(case, id=f"{path.name}::{kind}::{case.name}", marks=marks))
    return params


@cache
def _linter(config: str, policy: str | None = None) -> Linter:
    return Linter(policy, config=json.loads(config))


Row = tuple[str, int, int, str, str]


def _found(case: Case) -> list[Row]:
    linter = _linter(json.dumps(case.config, sort_keys=True), case.policy)
    report = linter.lint(case.message(), template=case.template)
    return [_row(f) for f in report.findings]


def _row(finding: Finding | Expected) -> Row:
    # The field is compared as text ("" for none) so rows of findings and expectations sort together.
    if isinstance(finding, Finding):
        return finding.rule, finding.span.start, finding.span.end, finding.text, finding.field or ""
    return finding.rule, finding.start, finding.end, finding.text, finding.field or ""


def _table(rows: list[Row]) -> str:
    lines = [
        f"    {rule} {start}:{end} {text!r}" + (f" field={field}" if field else "")
        for rule, start, end, text, field in rows
    ]
    return "\n".join(lines) or "    (nothing)"


@pytest.mark.parametrize("case", _params())
def test_case(case: Case) -> None:
    expected = sorted(_row(f) for f in case.findings)
    found = sorted(_found(case))
    assert found == expected, f"\n  text: {case.text!r}\n  expected:\n{_table(expected)}\n  found:\n{_table(found)}"


def test_every_rule_has_a_case_file_with_violating_and_compliant_cases() -> None:
    missing = []
    for rule in _linter("{}").rules:
        if rule.code in NOT_FROM_TEXT:
            continue
        path = CASES / f"{rule.code}.toml"
        if not path.is_file():
            missing.append(f"{rule.code}: no {path.relative_to(CASES.parent)}")
            continue
        cases = case_file(path)
        if len(cases.violating) < MIN_CASES or len(cases.compliant) < MIN_CASES:
            missing.append(f"{rule.code}: {len(cases.violating)} violating, {len(cases.compliant)} compliant cases")
    assert not missing, (
        f"every rule needs at least {MIN_CASES} violating and {MIN_CASES} compliant cases:\n" + "\n".join(missing)
    )


@pytest.mark.parametrize("path", sorted(CASES.glob("*.toml")), ids=lambda p: p.name)
def test_a_case_file_is_named_after_a_rule_msglint_ships(path: Path) -> None:
    cases = case_file(path)
    assert path.stem == cases.rule
    assert cases.rule in {rule.code for rule in _linter("{}").rules}
    assert cases.rule not in NOT_FROM_TEXT
