"""The kettleworks-shop checker: the seller's own web shop named in a message to a marketplace buyer."""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources

from msglint.checkers.base import Checker, Hit, RulesFile
from msglint.document import Document
from msglint.nlp import Pipeline


def shop_names() -> list[str]:
    """The shop's names, from the data file beside this module (comments and blank lines skipped)."""
    text = resources.files(__package__).joinpath("shop_names.txt").read_text("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


class OwnShopChecker(Checker):
    """Reports every mention of the Kettleworks web shop (KTW001)."""

    id = "kettleworks-shop"
    rules = RulesFile("rules", package=__package__)  # msglint_kettleworks/rules.toml

    def prepare(self, pipeline: Pipeline) -> None:
        # Once per Linter and language: the names join the matcher every checker shares, so a
        # message is still matched in one pass. Labels start with this checker's id.
        pipeline.add_phrases(f"{self.id}:shop", shop_names())

    def check(self, document: Document) -> Iterable[Hit]:
        for _label, first, past_last in document.matches(self.id):
            words = document.doc[first:past_last]
            # Offsets into the folded view; msglint maps them back to what the seller wrote.
            yield Hit("KTW001", words.start_char, words.end_char, view="folded")
