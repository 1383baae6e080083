"""Audits of message tables, engine-neutral: pandas in, pandas out.

:func:`lint_frame` checks one pandas DataFrame of messages and returns it with five columns added
(:data:`RESULT_COLUMNS`). Spark (:mod:`msglint.spark`) and Dask (:mod:`msglint.dask`) call it on each
partition in their worker processes. Each process keeps one :class:`~msglint.api.Linter` per policy
and configuration here, in an importable module: a Linter kept in ``__main__`` or in a closure would
be pickled with every task and built again (~1.5 s) wherever it lands.

Every row is answered. A row that is not a message (no text, a text that is not a string, an invalid
language tag) gets the engine error ``MSG006`` in its ``findings`` and ``verdict`` ``block``; the job
goes on. Spans are code-point offsets into the row's text, as everywhere in msglint.
"""

from __future__ import annotations

import hashlib
import json
import math
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from msglint import __version__
from msglint.api import ConfigLike, Linter, _settings
from msglint.config import Settings
from msglint.models import Finding, Message, Report

if TYPE_CHECKING:
    import pandas as pd

#: The columns :func:`lint_frame` adds, in this order.
RESULT_COLUMNS = ("verdict", "ok", "findings", "msglint_version", "policy_hash")

#: The keys of each finding in the ``findings`` column, in this order.
FINDING_FIELDS = (
    "rule",
    "name",
    "category",
    "severity",
    "message",
    "start",
    "end",
    "line",
    "column",
    "text",
    "suggestion",
    "policy",
    "field",
)

_MESSAGE_FIELDS = frozenset(Message.model_fields)
_CACHE_SIZE = 8
_linters: dict[tuple[str | None, str], tuple[Linter, str]] = {}
_linters_lock = threading.Lock()


def resolve_settings(config: ConfigLike) -> Settings:
    """The settings a configuration argument stands for, read where it is given (a driver), so that
    workers on other machines receive values, never a path they may not have."""
    return _settings(config)[0]


def linter_for(policy: str | None = None, config: ConfigLike = None) -> Linter:
    """This process's Linter for ``policy`` and ``config``, built on first use and kept."""
    return _cached(policy, resolve_settings(config))[0]


def policy_hash(linter: Linter) -> str:
    """A stable digest of the policy pack and configuration ``linter`` applies: the pack, the settings
    and every rule's state (on or off, severity), plugins' rules included. Two audits with the same
    hash and ``msglint_version`` judged by the same rules."""
    state = {
        "policy": linter.policy.model_dump(mode="json"),
        "settings": linter.settings.model_dump(mode="json"),
        "rules": sorted(
            (rule.code, linter.is_enabled(rule.code), linter.severity_of(rule.code).value) for rule in linter.rules
        ),
    }
    canonical = json.dumps(state, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def finding_record(finding: Finding) -> dict[str, Any]:
    """One finding as a plain dict with the keys of :data:`FINDING_FIELDS`."""
    return {
        "rule": finding.rule,
        "name": finding.name,
        "category": finding.category.value if finding.category is not None else None,
        "severity": finding.severity.value,
        "message": finding.message,
        "start": finding.span.start,
        "end": finding.span.end,
        "line": finding.span.line,
        "column": finding.span.column,
        "text": finding.text,
        "suggestion": finding.suggestion,
        "policy": finding.policy,
        "field": finding.field,
    }


def result_record(report: Report, digest: str) -> dict[str, Any]:
    """The values of :data:`RESULT_COLUMNS` for one report."""
    return {
        "verdict": report.verdict.value,
        "ok": report.ok,
        "findings": [finding_record(f) for f in report.findings],
        "msglint_version": __version__,
        "policy_hash": digest,
    }


def lint_records(
    messages: Iterable[Any], policy: str | None = None, config: ConfigLike = None
) -> Iterator[dict[str, Any]]:
    """One result record (:func:`result_record`) per message, in order; anything that is not a
    message is answered with ``MSG006``."""
    linter, digest = _cached(policy, resolve_settings(config))
    for report in linter.lint_many(messages):
        yield result_record(report, digest)


def lint_frame(
    df: pd.DataFrame,
    text: str = "text",
    *,
    id: str | None = None,
    language: str | None = None,
    metadata: Sequence[str] | Mapping[str, str] = (),
    policy: str | None = None,
    config: ConfigLike = None,
) -> pd.DataFrame:
    """Check every row of ``df`` and return ``df`` with :data:`RESULT_COLUMNS` added (index kept).

    ``text`` names the column of message texts; ``id`` and ``language`` the columns filling those
    Message fields. ``metadata`` names further columns that are Message fields (``marketplace``,
    ``message_type``, ``order_id``, ``sent_at``…), or maps column names to field names. A missing
    value (None, NaN, NaT) of a metadata column leaves the field unset; a missing text is ``MSG006``.
    """
    import pandas as pd

    fields = _fields(df, text, id, language, metadata)
    clash = [name for name in RESULT_COLUMNS if name in df.columns]
    if clash:
        raise ValueError(f"the frame already has result column(s) {', '.join(clash)}; drop or rename them first")
    records = list(lint_records(_messages(df, fields), policy, config))
    results = pd.DataFrame(
        {
            "verdict": pd.Series([r["verdict"] for r in records], index=df.index, dtype=str),
            "ok": pd.Series([r["ok"] for r in records], index=df.index, dtype=bool),
            "findings": pd.Series([r["findings"] for r in records], index=df.index, dtype=object),
            "msglint_version": pd.Series([r["msglint_version"] for r in records], index=df.index, dtype=str),
            "policy_hash": pd.Series([r["policy_hash"] for r in records], index=df.index, dtype=str),
        },
        index=df.index,
    )
    return pd.concat([df, results], axis=1)


def result_meta(df: pd.DataFrame) -> pd.DataFrame:
    """An empty frame shaped as :func:`lint_frame`'s result for ``df`` (Dask's ``meta``)."""
    import pandas as pd

    empty = df.iloc[:0]
    results = pd.DataFrame(
        {
            "verdict": pd.Series(dtype=str),
            "ok": pd.Series(dtype=bool),
            "findings": pd.Series(dtype=object),
            "msglint_version": pd.Series(dtype=str),
            "policy_hash": pd.Series(dtype=str),
        },
        index=empty.index,
    )
    return pd.concat([empty, results], axis=1)


# --- internals --------------------------------------------------------------------------------


def _cached(policy: str | None, settings: Settings) -> tuple[Linter, str]:
    key = (policy, settings.model_dump_json())
    found = _linters.get(key)
    if found is None:
        with _linters_lock:
            found = _linters.get(key)
            if found is None:
                linter = Linter(policy, settings)
                found = (linter, policy_hash(linter))
                if len(_linters) >= _CACHE_SIZE:
                    _linters.pop(next(iter(_linters)))[0].close()
                _linters[key] = found
    return found


def _fields(
    df: pd.DataFrame,
    text: str,
    id: str | None,
    language: str | None,
    metadata: Sequence[str] | Mapping[str, str],
) -> dict[str, str]:
    """Message field -> column, checked against the frame before any row is read."""
    if isinstance(metadata, str):
        metadata = (metadata,)
    pairs = dict(metadata) if isinstance(metadata, Mapping) else {name: name for name in metadata}
    fields = {field: column for column, field in pairs.items()}
    for field, column in (("text", text), ("id", id), ("language", language)):
        if column is not None:
            fields[field] = column
    unknown = sorted(set(fields) - _MESSAGE_FIELDS)
    if unknown:
        known = ", ".join(sorted(_MESSAGE_FIELDS))
        raise ValueError(f"not a Message field: {', '.join(unknown)} (Message fields are {known})")
    absent = [column for column in fields.values() if column not in df.columns]
    if absent:
        raise ValueError(f"no column {', '.join(map(repr, absent))} in the frame (it has {list(df.columns)})")
    return fields


def _messages(df: pd.DataFrame, fields: Mapping[str, str]) -> Iterator[dict[str, Any]]:
    """Each row as a mapping of Message fields, missing values left out (a missing text is None)."""
    names = list(fields)
    for values in zip(*(df[fields[name]].tolist() for name in names), strict=True):
        message: dict[str, Any] = {}
        for name, value in zip(names, values, strict=True):
            if _missing(value):
                if name == "text":
                    message["text"] = None
                continue
            message[name] = str(value) if name == "id" else value
        yield message


def _missing(value: Any) -> bool:
    """None, NaN, NaT or pandas.NA: a table's empty cell."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return True
    kind = type(value).__name__
    return kind in ("NAType", "NaTType")
