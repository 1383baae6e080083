"""Rows every audit engine is tested on (emoji, right-to-left scripts, empty and missing texts), and
what ``Linter.lint_many`` says about them: each engine must say exactly the same."""

from __future__ import annotations

import importlib
import os
import shutil
from types import ModuleType
from typing import Any

import pytest

import msglint

# id, text, language: emoji are one code point each (a UTF-16 offset would be one more after each).
ROWS: list[tuple[str, str | None, str | None]] = [
    ("m1", "Leave us 5 stars and get 10% off! 😀", "en"),
    ("m2", "Thanks for your order 🎉🙏 it ships today.", None),
    ("m3", "مرحبا، تواصل معي على واتساب 0501234567", "ar"),
    ("m4", "שלום, ההזמנה 123-4567890-1234567 נשלחה היום. כתבו לנו: shop@example.com", "he"),
    ("m5", "", None),
    ("m6", None, None),
    ("m7", "🎁 Visit shop-example.com for 20% off your next order 👉", "en"),
    ("m8", "Hallo", "english"),
    ("m9", "Your parcel 📦 left today.\nשלום", None),
]

#: (verdict, [(rule, start, end, text)]) per row id, as the Linter answers them.
EXPECTED: dict[str, tuple[str, list[tuple[str, int, int, str]]]] = {
    "m1": ("block", [("REV001", 9, 16, "5 stars"), ("REV002", 25, 32, "10% off")]),
    "m2": ("allow", []),
    "m3": ("block", [("MSG005", 0, 0, ""), ("EXT006", 28, 38, "0501234567")]),
    "m4": ("block", [("MSG005", 0, 0, ""), ("EXT005", 55, 71, "shop@example.com")]),
    "m5": ("allow", []),
    "m6": ("block", [("MSG006", 0, 0, "")]),
    "m7": ("block", [("EXT001", 8, 24, "shop-example.com"), ("PRO002", 29, 52, "20% off your next order")]),
    "m8": ("block", [("MSG006", 0, 0, "")]),
    "m9": ("allow", []),
}


def message(row_id: str, text: object, language: str | None) -> dict[str, Any]:
    fields: dict[str, Any] = {"id": row_id, "text": text}
    if language is not None:
        fields["language"] = language
    return fields


def reference(rows: list[tuple[str, Any, str | None]]) -> list[tuple[str, bool, list[dict[str, Any]]]]:
    """(verdict, ok, findings) of each row from ``Linter.lint_many``, findings as the engines give them."""
    linter = msglint.Linter()
    return [
        (
            report.verdict.value,
            report.ok,
            [
                {
                    "rule": f.rule,
                    "name": f.name,
                    "category": f.category.value if f.category else None,
                    "severity": f.severity.value,
                    "message": f.message,
                    "start": f.span.start,
                    "end": f.span.end,
                    "line": f.span.line,
                    "column": f.span.column,
                    "text": f.text,
                    "suggestion": f.suggestion,
                    "policy": f.policy,
                    "field": f.field,
                }
                for f in report.findings
            ],
        )
        for report in linter.lint_many(message(*row) for row in rows)
    ]


def spans(findings: list[dict[str, Any]]) -> list[tuple[str, int, int, str]]:
    return [(f["rule"], f["start"], f["end"], f["text"]) for f in findings]


def need_module(name: str, extra: str) -> ModuleType:
    """Import ``name``, or skip the tests that need it; in CI (which installs every extra) fail instead."""
    try:
        return importlib.import_module(name)
    except ImportError:
        reason = f"{name} is not installed: pip install -e '.[dev,{extra}]'"
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (CI installs it: .ci/run)", pytrace=False)
        pytest.skip(reason, allow_module_level=True)


def need_program(name: str, how: str) -> str:
    """The path of program ``name``, or skip the tests that need it; in CI fail instead."""
    found = shutil.which(name)
    if found is None:
        reason = f"{name} is not on PATH ({how})"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; .ci/run installs it", pytrace=False)
        pytest.skip(reason, allow_module_level=True)
    return found
