"""Review manipulation checker: see msglint/rules/review_manipulation.toml for its rules.

Being built: no rules yet."""

from __future__ import annotations

from collections.abc import Iterable

from msglint.checkers.base import Checker, Hit, RulesFile
from msglint.document import Document


class ReviewManipulationChecker(Checker):
    id = "review-manipulation"
    rules = RulesFile("review_manipulation")  # type: ignore[assignment]

    def check(self, document: Document) -> Iterable[Hit]:
        return ()
