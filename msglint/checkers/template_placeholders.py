"""Template placeholders whose names reveal a violation: see msglint/rules/template_placeholders.toml.

A placeholder is masked before the other checkers run, so ``{{ coupon_code }}`` never reaches the
promotional rules; its name is the only hint of what the buyer will read. The words that reveal a
rule are data (the ``[[signal]]`` tables of the rules file), matched on the name's words.
"""

from __future__ import annotations

import itertools
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

import regex

from msglint.checkers.base import Checker, CheckerContext, Hit, RulesFile
from msglint.document import Document
from msglint.errors import ConfigError

# Words of an identifier: "review_link_5star" -> review, link, 5, star; "WhatsAppURL" -> Whats, App, URL.
_NAME_WORDS = regex.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")


@dataclass(frozen=True)
class NameSignal:
    """Words in a placeholder's name that reveal what it inserts, for one rule."""

    rule: str
    what: str
    words: frozenset[str]
    together_with: frozenset[str] = frozenset()

    def found_in(self, words: NameWords) -> tuple[str, ...]:
        """The revealing words of a name, or () when this signal does not fire."""
        hit = self.words & words.all
        if not hit:
            return ()
        if not self.together_with:
            return (words.shown(hit),)
        also = self.together_with & words.all
        return (words.shown(hit), words.shown(also)) if also else ()


@dataclass(frozen=True)
class NameWords:
    """The words of a placeholder name: as written, and with each two neighbours also joined."""

    written: tuple[str, ...]
    all: frozenset[str]

    @classmethod
    def of(cls, name: str) -> NameWords:
        expression = name.split("|", 1)[0]  # "{{ coupon | upper }}": the filter says nothing of the value
        written = tuple(w.lower() for w in _NAME_WORDS.findall(expression))
        return cls(written, frozenset((*written, *(a + b for a, b in itertools.pairwise(written)))))

    def shown(self, hit: frozenset[str]) -> str:
        """The hit word to quote to the seller: one as written ("coupon", not "couponcode") if it says enough."""
        as_written = sorted(w for w in hit if w in self.written and len(w) > 1)
        return max(as_written or sorted(hit), key=len)


@cache
def load_signals(
    package: str = "msglint.rules", name: str = "template_placeholders"
) -> tuple[tuple[NameSignal, ...], dict[str, frozenset[str]]]:
    """The ``[[signal]]`` tables and the ``[unless]`` words of the rules file."""
    resource = resources.files(package).joinpath(f"{name}.toml")
    data = tomllib.loads(resource.read_text("utf-8"))
    try:
        signals = tuple(
            NameSignal(
                rule=table["rule"],
                what=table["what"],
                words=frozenset(table["words"]),
                together_with=frozenset(table.get("with", ())),
            )
            for table in data.get("signal", [])
        )
    except KeyError as exc:
        raise ConfigError(f"a [[signal]] table lacks {exc}", path=str(resource), key="signal") from None
    unless = {code: frozenset(words) for code, words in data.get("unless", {}).items()}
    return signals, unless


class TemplatePlaceholderChecker(Checker):
    """Reports a template placeholder whose name says it inserts something the policy forbids."""

    id = "template-placeholders"
    rules = RulesFile("template_placeholders")  # type: ignore[assignment]

    def __init__(self, context: CheckerContext | None = None) -> None:
        super().__init__(context)
        self._signals, unless = load_signals()
        marketplace = frozenset(word.lower() for word in self.context.options.get("marketplace-words", ()))
        self._unless = {code: words | marketplace for code, words in unless.items()}
        own = {rule.code for rule in self.rules}
        unknown = sorted({s.rule for s in self._signals} - own)
        if unknown:
            raise ConfigError(f"[[signal]] names unknown rules {unknown}", key="signal")

    def check(self, document: Document) -> Iterable[Hit]:
        if document.template is None:
            return
        for placeholder in document.template.placeholders:
            words = NameWords.of(placeholder.name)
            fired: set[str] = set()
            for signal in self._signals:
                if signal.rule in fired or words.all & self._unless.get(signal.rule, frozenset()):
                    continue
                revealing = signal.found_in(words)
                if not revealing:
                    continue
                fired.add(signal.rule)
                yield Hit(
                    signal.rule,
                    placeholder.start,
                    placeholder.end,
                    view="original",
                    message=f"The placeholder '{placeholder.name}' looks like it inserts {signal.what} "
                    f"(its name says {' and '.join(repr(w) for w in revealing)}).",
                )
