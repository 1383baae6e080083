"""What the per-language tests share: a message's category findings as (rule, start, end), and the
expected ones written as (rule, the words flagged) and placed where those words first occur."""

from __future__ import annotations

from msglint import Linter


def category_findings(linter: Linter, text: str, lang: str) -> list[tuple[str, int, int]]:
    report = linter.lint({"text": text, "language": lang})
    return [(f.rule, f.span.start, f.span.end) for f in report.findings if f.category is not None]


def at_words(text: str, expected: list[tuple[str, str]]) -> list[tuple[str, int, int]]:
    return [(rule, text.index(words), text.index(words) + len(words)) for rule, words in expected]
