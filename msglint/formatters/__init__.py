"""Output formats: one module each, one small interface (:class:`~msglint.formatters.base.Formatter`)."""

from __future__ import annotations

from msglint.formatters.base import Formatter, Options, Source
from msglint.formatters.github import GithubFormatter
from msglint.formatters.html import HtmlFormatter
from msglint.formatters.json import JsonFormatter
from msglint.formatters.jsonl import JsonLinesFormatter
from msglint.formatters.sarif import SarifFormatter
from msglint.formatters.text import TextFormatter

#: Format name -> formatter class, as ``msglint check --format`` names them.
FORMATTERS: dict[str, type[Formatter]] = {
    cls.name: cls
    for cls in (TextFormatter, JsonFormatter, JsonLinesFormatter, SarifFormatter, GithubFormatter, HtmlFormatter)
}

__all__ = ["FORMATTERS", "Formatter", "Options", "Source"]
