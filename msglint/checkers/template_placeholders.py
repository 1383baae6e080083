"""Template placeholders whose names reveal a violation: see msglint/rules/template_placeholders.toml.

Being built: no rules yet.
"""

from __future__ import annotations

from collections.abc import Iterable

from msglint.checkers.base import Checker, Hit, RulesFile
from msglint.document import Document


class TemplatePlaceholderChecker(Checker):
    id = "template-placeholders"
    rules = RulesFile("template_placeholders")  # type: ignore[assignment]

    def check(self, document: Document) -> Iterable[Hit]:
        return ()
