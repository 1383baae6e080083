"""The one token-pattern dialect of lexicon lines: spaCy Matcher syntax, with ``$name`` word-list macros.

A lexicon line's ``pattern`` is a list of token specs, as spaCy's ``Matcher`` reads them::

    [{"LOWER": {"IN": ["leave", "write"]}}, {"LOWER": "a", "OP": "?"}, {"LOWER": {"IN": ["$rating_noun"]}}]

A token spec holds

- word keys ``ORTH``, ``TEXT``, ``LOWER``, ``NORM``: a word, or a dict of ``IN`` / ``NOT_IN`` (non-empty
  lists of words) and ``REGEX`` (a regular expression);
- flag keys (``IS_ALPHA``, ``IS_DIGIT``, ``IS_PUNCT``, ``LIKE_NUM``, …): true or false;
- ``OP``: ``?``, ``*``, ``+``, ``!``, ``{n}``, ``{n,m}``, ``{n,}`` or ``{,m}`` (spaCy 3's quantifiers).

A word ``$name`` (``$`` then a-z and ``_``) names a word list of the lexicon and is replaced by its words
when the lexicon is loaded (:func:`expand`): ``{"LOWER": "$x"}`` reads as ``{"LOWER": {"IN": [...x]}}``.

Every checker reads its patterns through :func:`pattern_problem` when a Linter is built. Each matching
engine declares, as a :class:`Reads`, the part of the dialect it can match; a pattern outside the
dialect, or outside what its engine matches, is an error naming the file, the line, the token and the
key, never a token silently read another way.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, StrictBool, ValidationError, field_validator

#: The keys whose value is a word or a set of words.
WORD_KEYS = frozenset({"ORTH", "TEXT", "LOWER", "NORM"})
#: The keys whose value is true or false.
FLAG_KEYS = frozenset(
    {
        "IS_ALPHA",
        "IS_ASCII",
        "IS_DIGIT",
        "IS_LOWER",
        "IS_UPPER",
        "IS_TITLE",
        "IS_PUNCT",
        "IS_SPACE",
        "IS_BRACKET",
        "IS_QUOTE",
        "IS_CURRENCY",
        "LIKE_NUM",
        "LIKE_URL",
        "LIKE_EMAIL",
    }
)
#: What a word key's dict may hold.
PREDICATES = frozenset({"IN", "NOT_IN", "REGEX"})
#: The quantifiers of spaCy 3 besides '?', '*', '+' and '!'.
QUANTIFIER = re.compile(r"\{(\d*)(,?)(\d*)\}")
#: A word-list macro: "$rating_noun"; "$" alone is a dollar sign.
MACRO = re.compile(r"\$[a-z_]+")


def _op_problem(op: object) -> str | None:
    if op in ("?", "*", "+", "!"):
        return None
    found = QUANTIFIER.fullmatch(op) if isinstance(op, str) else None
    if found is None or not (found.group(1) or found.group(3)):
        return f"OP {op!r} is not a quantifier (expected '?', '*', '+', '!', '{{n}}', '{{n,m}}', '{{n,}}' or '{{,m}}')"
    low, comma, high = found.groups()
    if comma and low and high and int(high) < int(low):
        return f"OP {op!r} repeats a token at least {low} and at most {high} times"
    return None


def _words_problem(key: str, predicate: str, words: object) -> str | None:
    if not isinstance(words, list) or not words or not all(isinstance(w, str) and w for w in words):
        return f"{key} {predicate} is a non-empty list of words, not {words!r}"
    return None


class TokenSpec(BaseModel):
    """One token of a pattern. Only the shape is checked here; what an engine matches is :class:`Reads`."""

    model_config = ConfigDict(extra="forbid")

    ORTH: str | dict[str, Any] | None = None
    TEXT: str | dict[str, Any] | None = None
    LOWER: str | dict[str, Any] | None = None
    NORM: str | dict[str, Any] | None = None
    IS_ALPHA: StrictBool | None = None
    IS_ASCII: StrictBool | None = None
    IS_DIGIT: StrictBool | None = None
    IS_LOWER: StrictBool | None = None
    IS_UPPER: StrictBool | None = None
    IS_TITLE: StrictBool | None = None
    IS_PUNCT: StrictBool | None = None
    IS_SPACE: StrictBool | None = None
    IS_BRACKET: StrictBool | None = None
    IS_QUOTE: StrictBool | None = None
    IS_CURRENCY: StrictBool | None = None
    LIKE_NUM: StrictBool | None = None
    LIKE_URL: StrictBool | None = None
    LIKE_EMAIL: StrictBool | None = None
    OP: str | None = None

    @field_validator("ORTH", "TEXT", "LOWER", "NORM", mode="after")
    @classmethod
    def _words(cls, value: str | dict[str, Any] | None, info: Any) -> str | dict[str, Any] | None:
        key = info.field_name
        if isinstance(value, str):
            if not value:
                raise ValueError(f"{key} is a word, not an empty string")
            return value
        if isinstance(value, dict):
            if not value or set(value) - PREDICATES:
                raise ValueError(
                    f"{key} {value!r}: expected a word, or a dict of IN, NOT_IN (lists of words) and REGEX"
                )
            for predicate in ("IN", "NOT_IN"):
                if predicate in value and (problem := _words_problem(key, predicate, value[predicate])):
                    raise ValueError(problem)
            if "REGEX" in value:
                if not isinstance(value["REGEX"], str):
                    raise ValueError(f"{key} REGEX is a regular expression, not {value['REGEX']!r}")
                try:
                    re.compile(value["REGEX"])
                except re.error as exc:
                    raise ValueError(f"REGEX {value['REGEX']!r} is not a regular expression ({exc})") from None
        return value

    @field_validator("OP", mode="after")
    @classmethod
    def _quantifier(cls, value: str | None) -> str | None:
        if value is not None and (problem := _op_problem(value)) is not None:
            raise ValueError(problem)
        return value


@dataclass(frozen=True)
class Reads:
    """The part of the dialect a matching engine matches."""

    #: a name for errors ("the review checker's matcher")
    engine: str
    keys: frozenset[str]
    predicates: frozenset[str] = PREDICATES
    #: the OPs it reads; None: every OP of the dialect
    ops: frozenset[str] | None = None
    #: OPs of the dialect it does not read ("!")
    unread_ops: frozenset[str] = frozenset()
    #: whether a token may give a word key twice ("LOWER" and "ORTH")
    several_word_keys: bool = True

    def problem(self, spec: Mapping[str, Any]) -> str | None:
        unknown = sorted(set(spec) - self.keys - {"OP"})
        if unknown:
            expected = ", ".join(sorted(self.keys))
            return f"{', '.join(unknown)} is not read by {self.engine} (expected {expected}, and OP)"
        if not self.several_word_keys and len(WORD_KEYS & set(spec)) > 1:
            return f"give one of {', '.join(sorted(WORD_KEYS & set(spec)))}, not both"
        for key, value in spec.items():
            if isinstance(value, dict) and (extra := sorted(set(value) - self.predicates)):
                return f"{key} {extra[0]} is not read by {self.engine} (expected {', '.join(sorted(self.predicates))})"
        op = spec.get("OP")
        if op is not None and ((self.ops is not None and op not in self.ops) or op in self.unread_ops):
            expected = (
                ", ".join(repr(o) for o in sorted(self.ops))
                if self.ops is not None
                else f"any OP of the dialect but {', '.join(map(repr, sorted(self.unread_ops)))}"
            )
            return f"OP {op!r} is not read by {self.engine} (expected {expected})"
        return None


#: spaCy's Matcher: the whole dialect.
SPACY = Reads("spaCy's Matcher", WORD_KEYS | FLAG_KEYS)


def named_lists(pattern: Sequence[Mapping[str, Any]]) -> list[str]:
    """The word lists a pattern names (``$name`` among its words), without the ``$``."""
    found = []
    for spec in pattern:
        for key, value in spec.items():
            if key not in WORD_KEYS:
                continue
            words = [value] if isinstance(value, str) else [w for p in ("IN", "NOT_IN") for w in value.get(p, ())]
            found += [w[1:] for w in words if isinstance(w, str) and MACRO.fullmatch(w)]
    return found


def pattern_problem(  # noqa: PLR0911 - one return per kind of problem
    pattern: Sequence[Mapping[str, Any]], reads: Reads = SPACY, lists: Mapping[str, object] | None = None
) -> str | None:
    """What is wrong with a pattern, in a line naming the token and the key; None when ``reads`` matches it.
    ``lists``: the word lists ``$name`` may name (none when not given)."""
    if not isinstance(pattern, Sequence) or isinstance(pattern, str) or not pattern:
        return "a pattern is a non-empty list of token specs"
    for number, spec in enumerate(pattern, start=1):
        if not isinstance(spec, Mapping):
            return f"token {number} of the pattern: a token spec is a dict, not {spec!r}"
        try:
            TokenSpec.model_validate(dict(spec))
        except ValidationError as exc:
            error = exc.errors()[0]
            key = ".".join(map(str, error["loc"]))
            if error["type"] == "extra_forbidden":
                return (
                    f"token {number} of the pattern: unknown key {key!r} "
                    f"(expected {', '.join(sorted(WORD_KEYS))}, a flag such as IS_PUNCT or LIKE_NUM, or OP)"
                )
            message = str(error["msg"]).removeprefix("Value error, ")
            if error["type"].startswith("bool"):
                message = f"{key} is true or false, not {error['input']!r}"
            return f"token {number} of the pattern: {message}"
        if (problem := reads.problem(spec)) is not None:
            return f"token {number} of the pattern: {problem}"
    unknown = [f"${name}" for name in named_lists(pattern) if name not in (lists or {})]
    if unknown:
        return f"{', '.join(unknown)} names no word list of the lexicon (expected a 'vocabulary' line's name)"
    return None


def expand(pattern: Sequence[Mapping[str, Any]], lists: Mapping[str, frozenset[str]]) -> tuple[dict[str, Any], ...]:
    """``pattern`` with every ``$name`` replaced by the words of list ``name`` (an IN or NOT_IN set); a list
    must exist (:func:`pattern_problem` says so first)."""

    def words(items: Sequence[str]) -> list[str]:
        out: list[str] = []
        for item in items:
            out += sorted(lists[item[1:]]) if MACRO.fullmatch(item) else [item]
        return list(dict.fromkeys(out))

    expanded = []
    for spec in pattern:
        token = dict(spec)
        for key, value in spec.items():
            if key not in WORD_KEYS:
                continue
            if isinstance(value, str) and MACRO.fullmatch(value):
                token[key] = {"IN": words([value])}
            elif isinstance(value, dict):
                token[key] = {p: words(v) if p in ("IN", "NOT_IN") else v for p, v in value.items()}
        expanded.append(token)
    return tuple(expanded)


__all__ = ["FLAG_KEYS", "MACRO", "SPACY", "WORD_KEYS", "Reads", "TokenSpec", "expand", "named_lists", "pattern_problem"]
