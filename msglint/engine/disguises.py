"""The one table of disguises (``msglint/data/disguises.toml``) and the readings derived from it.

Every reader of disguised words takes its characters from here, through a named policy, so two
readers never disagree about what a "1" or a "$" stands for unless the policy says why.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from msglint.errors import ConfigError
from msglint.tomllines import key_line

_STRICT = ConfigDict(frozen=True, extra="forbid")


class LeetChar(BaseModel):
    model_config = _STRICT

    char: str = Field(min_length=1, max_length=1)
    letters: tuple[str, ...] = Field(min_length=1, description="the letters it stands for, the usual one first")
    shape: str | None = Field(default=None, description="the letter it looks like; '' when it only sounds like one")
    folded: bool = Field(default=True, description="whether the folded view reads it as its usual letter")

    @field_validator("letters")
    @classmethod
    def _single_letters(cls, letters: tuple[str, ...]) -> tuple[str, ...]:
        if any(len(letter) != 1 or not letter.isalpha() for letter in letters):
            raise ValueError("each letter must be one letter")
        return letters


class Masks(BaseModel):
    model_config = _STRICT

    chars: str = Field(min_length=1)


class DisguiseTable(BaseModel):
    """``disguises.toml``, validated."""

    model_config = _STRICT

    leet: tuple[LeetChar, ...]
    masks: Masks
    emoji: dict[str, str]

    def usual(self, *, folded_only: bool = False) -> dict[str, str]:
        """Each character's usual letter (the folded view's reading when ``folded_only``)."""
        return {c.char: c.letters[0] for c in self.leet if c.folded or not folded_only}

    def second(self) -> dict[str, str]:
        """Each character's second letter where it has one, else its usual one: the second guess."""
        return {c.char: c.letters[1] if len(c.letters) > 1 else c.letters[0] for c in self.leet if c.folded}

    def shapes(self) -> dict[str, str]:
        """The letter each character looks like, for look-alike domains; sound-only characters left out."""
        return {c.char: c.letters[0] if c.shape is None else c.shape for c in self.leet if c.shape != ""}

    def spelled(self, word: str) -> str:
        """A regular expression for ``word`` with at least one letter written as a character that stands
        for it ("h77p5", "d0t", "c0m"): what a link's words look like when a seller disguises them."""
        stands_for: dict[str, str] = {}
        for entry in self.leet:
            for letter in entry.letters:
                stands_for[letter] = stands_for.get(letter, "") + entry.char
        classes = [f"[{re.escape(letter + stands_for.get(letter, ''))}]" for letter in word]
        chars = re.escape("".join(entry.char for entry in self.leet))
        return rf"(?=[a-z{chars}]{{0,{len(word) - 1}}}[{chars}]){''.join(classes)}"

    def skeleton(self) -> dict[str, str]:
        """A class per letter: the letter, and every character that stands for it, map to one digit or
        symbol, so a disguised word and a lexicon word compare equal whatever was swapped."""
        classes: dict[str, str] = {}
        for entry in self.leet:
            if not entry.folded:
                continue
            for letter in entry.letters:
                classes.setdefault(letter, entry.char if entry.char.isdigit() else letter)
        for entry in self.leet:
            if entry.folded:
                classes.setdefault(entry.char, classes[entry.letters[0]])
        return {c: k for c, k in classes.items() if c != k}


#: Package of the disguise table, ``disguises.toml``.
DATA = "msglint.data"


@cache
def table(package: str = DATA) -> DisguiseTable:
    """The disguise table (``<package>/disguises.toml``), loaded and validated once per process."""
    resource = resources.files(package).joinpath("disguises.toml")
    text = resource.read_text("utf-8")
    try:
        return DisguiseTable.model_validate(tomllib.loads(text))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", path=str(resource)) from None
    except ValidationError as exc:
        error = exc.errors()[0]
        key = ".".join(str(part) for part in error["loc"])
        raise ConfigError(error["msg"], path=str(resource), key=key, line=key_line(text, error["loc"])) from None
