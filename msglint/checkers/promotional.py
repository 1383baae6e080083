"""Promotional content checker: see msglint/rules/promotional.toml for its rules.

Being built: no rules yet."""

from __future__ import annotations

from collections.abc import Iterable

from msglint.checkers.base import Checker, Hit, RulesFile
from msglint.document import Document


class PromotionalChecker(Checker):
    id = "promotional"
    rules = RulesFile("promotional")  # type: ignore[assignment]

    def check(self, document: Document) -> Iterable[Hit]:
        return ()
