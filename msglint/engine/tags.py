"""Tag vocabularies: what the tags of a checker's lexicon lines may be, declared beside the code that reads them.

A lexicon line's tags steer how its checker reads a match (``needs-future``, ``after:a|b``, a role). A tag
the checker does not know would silently do nothing, and one it cannot handle could take it down; so each
checker declares its vocabulary as a :class:`TagVocabulary` and checks every line against it when a Linter
is built (see :meth:`msglint.checkers.base.Checker.lexicon_problems`). A problem is said the way the error
shows it: what is wrong, and what was expected.

Three forms of tag:

``flag``
    a tag alone: ``initial``, ``needs-future``, ``word``;
``key:words``
    lower-case words separated by ``|``, compared with one token each: ``next-not:to|for``;
``key:value``
    one value of a declared set (``cue:future``), or of a declared shape (``context:dog``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

#: The shape of a name a tag declares and another refers to (``context:dog``, ``unless-context:dog``).
NAME = re.compile(r"[a-z][a-z0-9_-]*")


@dataclass(frozen=True)
class Values:
    """What the value of a ``key:value`` tag may be: one of ``choices``, or any value of ``shape``."""

    choices: frozenset[str] = frozenset()
    shape: re.Pattern[str] | None = None
    #: how the value is described in an error ("a kind of cue", "a word list's name")
    means: str = "a value"
    #: the values of ``shape``, in words ("digit:0 to digit:9")
    shaped: str = ""

    def problem(self, key: str, value: str) -> str | None:
        if value in self.choices or (self.shape is not None and self.shape.fullmatch(value)):
            return None
        return f"'{key}:{value}': {value!r} is not {self.means}{_did_you_mean(value, self.choices)} ({self.expected()})"

    def expected(self) -> str:
        shaped = self.shaped or (f"a value matching {self.shape.pattern}" if self.shape is not None else "")
        if not self.choices:
            return f"expected {shaped}"
        listed = "expected one of: " + ", ".join(sorted(self.choices))
        return f"{listed}, or {shaped}" if shaped else listed


#: A word of a ``key:words`` tag: lower case, no spaces ("brand-new", "'s").
_WORD = re.compile(r"[^\sA-Z|]+")


@dataclass(frozen=True)
class TagVocabulary:
    """The tags a lexicon's lines may carry."""

    #: tags that stand alone
    flags: frozenset[str] = frozenset()
    #: keys whose value is lower-case words separated by '|' ("next-not:to|for")
    word_keys: frozenset[str] = frozenset()
    #: keys whose value is one declared value ("cue:future") or of a declared shape
    value_keys: Mapping[str, Values] = field(default_factory=dict)

    def problem(self, tags: Sequence[str]) -> str | None:
        """The first tag that is not of this vocabulary, and what was expected; None when all are."""
        for tag in tags:
            key, colon, value = tag.partition(":")
            if not colon:
                if tag in self.flags:
                    continue
                if tag in self.word_keys or tag in self.value_keys:
                    return f"tag {tag!r} needs a value: '{tag}:…' ({self._form(tag)})"
                return f"unknown tag {tag!r}{_did_you_mean(tag, self._names())} (expected {self.expected()})"
            if key in self.word_keys:
                words = value.split("|")
                if not value or any(not _WORD.fullmatch(word) for word in words):
                    return f"{tag!r}: expected lower-case words separated by '|', each without spaces ('{key}:a|b')"
            elif key in self.value_keys:
                found = self.value_keys[key].problem(key, value)
                if found is not None:
                    return found
            else:
                return f"unknown tag {tag!r}{_did_you_mean(key + ':', self._names())} (expected {self.expected()})"
        return None

    def expected(self) -> str:
        """Every tag this vocabulary allows, in words."""
        forms = sorted(self.flags) + [f"{key}:{self._form(key)}" for key in sorted({*self.word_keys, *self.value_keys})]
        return "one of: " + ", ".join(forms) if forms else "no tags"

    def _form(self, key: str) -> str:
        if key in self.word_keys:
            return "a|b"
        values = self.value_keys[key]
        return "|".join(sorted(values.choices)) if values.choices and not values.shaped else f"<{values.means}>"

    def _names(self) -> list[str]:
        return [*self.flags, *(f"{key}:" for key in (*self.word_keys, *self.value_keys))]


def _did_you_mean(found: str, known: Iterable[str]) -> str:
    import difflib  # only for an error: its import costs start-up time

    close = difflib.get_close_matches(found, list(known), n=1, cutoff=0.75)
    return f" (did you mean {close[0]!r}?)" if close else ""


def values_of(tags: Iterable[str], key: str) -> list[str]:
    """The values of every ``key:value`` tag among ``tags``."""
    prefix = f"{key}:"
    return [tag[len(prefix) :] for tag in tags if tag.startswith(prefix)]


__all__ = ["NAME", "TagVocabulary", "Values", "values_of"]
