"""External contact checker: see msglint/rules/external_contact.toml for its rules.

Being built: no rules yet."""

from __future__ import annotations

from collections.abc import Iterable

from msglint.checkers.base import Checker, Hit, RulesFile
from msglint.document import Document


class ExternalContactChecker(Checker):
    id = "external-contact"
    rules = RulesFile("external_contact")  # type: ignore[assignment]

    def check(self, document: Document) -> Iterable[Hit]:
        return ()
