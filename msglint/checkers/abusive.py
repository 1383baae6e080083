"""Abusive language checker: see msglint/rules/abusive.toml for its rules.

Being built: no rules yet."""

from __future__ import annotations

from collections.abc import Iterable

from msglint.checkers.base import Checker, Hit, RulesFile
from msglint.document import Document


class AbusiveChecker(Checker):
    id = "abusive"
    rules = RulesFile("abusive")  # type: ignore[assignment]

    def check(self, document: Document) -> Iterable[Hit]:
        return ()
