"""Small checkers the engine tests register directly, so they do not depend on the built-in rules."""

from __future__ import annotations

import time
from collections.abc import Iterable

from msglint.checkers.base import Checker, Hit
from msglint.document import Document
from msglint.models import Category, Rule
from msglint.nlp import Pipeline


def _rule(code: str, name: str, category: Category | None = Category.PROMOTIONAL, **extra) -> Rule:
    return Rule(code=code, name=name, category=category, summary=f"{name} test rule", message=f"{name} found", **extra)


class ShopWord(Checker):
    """Flags the word 'shop' (and 'store' as a warning) on the folded view, token by token."""

    id = "toy-shop"
    rules = (
        _rule("TOY001", "shop-word", suggestion="say 'order' instead", policy="no-promotion"),
        _rule("TOY002", "store-word", severity="warning"),
    )

    def check(self, document: Document) -> Iterable[Hit]:
        for token in document.doc:
            if token.lower_ == "shop":
                yield Hit("TOY001", token.idx, token.idx + len(token))
            elif token.lower_ == "store":
                yield Hit("TOY002", token.idx, token.idx + len(token))


class Exploding(Checker):
    id = "toy-exploding"
    rules = (_rule("BOOM001", "never-fires", category=Category.ABUSIVE),)

    def check(self, document: Document) -> Iterable[Hit]:
        raise RuntimeError("kaboom")


class Garbage(Checker):
    """Yields things that are not valid hits: the engine must drop them and say so."""

    id = "toy-garbage"
    rules = (_rule("JUNK001", "junk", category=Category.ABUSIVE),)

    def check(self, document: Document) -> Iterable[Hit]:
        yield "not a hit"  # type: ignore[misc]
        yield Hit("JUNK001", 5, 2)  # end before start
        yield Hit("JUNK001", 0, 10_000)  # out of bounds
        yield Hit("OTHER999", 0, 1)  # a code this checker does not declare
        yield Hit("JUNK001", 0, 1, view="original")  # the one valid hit


class Forever(Checker):
    """A plugin stuck in an endless loop."""

    id = "toy-forever"
    rules = (_rule("SLOW001", "never-finishes", category=Category.ABUSIVE),)

    def check(self, document: Document) -> Iterable[Hit]:
        if "forever" in document.text:
            while True:
                time.sleep(0.001)
        return ()


class FreeGiftPhrases(Checker):
    """A data-driven checker: phrases and a token pattern through the shared matchers."""

    id = "toy-phrases"
    rules = (_rule("PHR001", "free-gift"), _rule("PHR002", "percent-off"))

    def prepare(self, pipeline: Pipeline) -> None:
        pipeline.add_phrases(f"{self.id}:0", ["free gift"])
        pipeline.add_patterns(f"{self.id}:1", [[{"LIKE_NUM": True}, {"ORTH": "%"}, {"LOWER": "off"}]])

    def check(self, document: Document) -> Iterable[Hit]:
        codes = {f"{self.id}:0": "PHR001", f"{self.id}:1": "PHR002"}
        for label, start, end in document.matches(self.id):
            span = document.doc[start:end]
            yield Hit(codes[label], span.start_char, span.end_char)
