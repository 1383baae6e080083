"""The rules one marketplace has and Amazon's policy does not: eBay's feedback extortion, Etsy's fee
avoidance and donation requests, Mercado Libre's discouraged complaints (``msglint/rules/marketplace.toml``).

Every rule is a co-occurrence in one sentence, written in the lexicon ``marketplace.jsonl`` per language:
a line tagged ``trigger`` is what the finding points at; its ``with:`` tags say which roles must also be
found in its sentence (``with:condition+stake`` needs both; several ``with:`` tags are alternatives; none:
the trigger alone is enough), and ``unless:`` roles cancel it. A line tagged ``role:<name>`` declares the
words of that role for its rule. Packs that do not have a rule leave it off, and then this checker does
not run at all.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence

from msglint.checkers.base import Hit, LexiconEntry, PatternChecker, RulesFile
from msglint.document import Document
from msglint.engine.tags import values_of

TRIGGER = "trigger"
_KEYS = ("role", "with", "unless")
_EXPECTED_TAGS = "'trigger', 'role:<name>', 'with:<role>[+<role>]' or 'unless:<role>'"


class MarketplaceChecker(PatternChecker):
    """Sentence-level co-occurrences of the roles a marketplace-specific rule names."""

    id = "marketplace"
    languages = frozenset({"en", "es", "pt"})
    rules = RulesFile("marketplace")  # type: ignore[assignment]
    lexicon = "marketplace"

    def lexicon_problems(self, name: str, entries: Sequence[LexiconEntry]) -> Iterator[tuple[int | None, str]]:
        """The base's problems; every tag is ``trigger``, ``role:``, ``with:`` or ``unless:``; a line is a
        trigger or a role; every role a trigger needs is declared for its rule."""
        yield from super().lexicon_problems(name, entries)
        declared = {(entry.rule, role) for entry in entries for role in values_of(entry.tags, "role")}
        for index, entry in enumerate(entries):
            for tag in entry.tags:
                if tag != TRIGGER and tag.split(":", 1)[0] not in _KEYS:
                    yield index, f"unknown tag {tag!r}: expected {_EXPECTED_TAGS}"
            roles = values_of(entry.tags, "role")
            if (TRIGGER in entry.tags) == bool(roles) or len(roles) > 1:
                yield index, "a line is either tagged 'trigger' or declares one 'role:<name>'"
            needed = [role for need in values_of(entry.tags, "with") for role in need.split("+")]
            for role in (*needed, *values_of(entry.tags, "unless")):
                if (entry.rule, role) not in declared:
                    yield index, f"role {role!r} is not declared for {entry.rule} (no line tagged 'role:{role}')"

    def check(self, document: Document) -> Iterable[Hit]:
        entries = self._entries[document.lang]
        matches = [
            (entries[int(label.rsplit(":", 1)[1])], start, end) for label, start, end in document.matches(self.id)
        ]
        if not any(TRIGGER in entry.tags for entry, _, _ in matches):
            return
        starts = [sent.start for sent in document.sents]
        found: set[tuple[int, str, str]] = set()  # (sentence, rule, role)
        for entry, start, _ in matches:
            for role in values_of(entry.tags, "role"):
                found.add((bisect_right(starts, start) - 1, entry.rule, role))
        for entry, start, end in matches:
            if TRIGGER not in entry.tags:
                continue
            sentence = bisect_right(starts, start) - 1

            def present(role: str, entry: LexiconEntry = entry, sentence: int = sentence) -> bool:
                return (sentence, entry.rule, role) in found

            alternatives = values_of(entry.tags, "with")
            if alternatives and not any(all(map(present, need.split("+"))) for need in alternatives):
                continue
            if any(map(present, values_of(entry.tags, "unless"))):
                continue
            span = document.doc[start:end]
            yield Hit(entry.rule, span.start_char, span.end_char, "folded", message=entry.message)
