"""Offsets in UTF-16 code units, as JavaScript, Java and C# index strings.

msglint's spans count code points (Python's ``str`` indices). A character outside the Basic
Multilingual Plane (most emoji: ``😀`` is U+1F600) is one code point but two UTF-16 code units, so
a JavaScript client that slices ``text.slice(start, end)`` with code-point offsets lands one unit
early for every such character before the span. :class:`Utf16Offsets` converts them.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16Offsets:
    """Code-point offsets of one text turned into UTF-16 code-unit offsets, a bisection each."""

    __slots__ = ("_astral",)

    def __init__(self, text: str) -> None:
        # Where the characters taking two code units are; most messages have none.
        self._astral = [] if text.isascii() else [m.start() for m in _ASTRAL.finditer(text)]

    def __bool__(self) -> bool:
        """Whether any offset differs: False when the text has no character outside the BMP."""
        return bool(self._astral)

    def offset(self, offset: int) -> int:
        """The UTF-16 offset of the code-point ``offset`` (which may be the text's length)."""
        return offset + bisect_left(self._astral, offset)

    def column(self, offset: int, column: int) -> int:
        """The 1-based UTF-16 column of the code-point ``offset`` that is at code-point ``column``."""
        line_start = offset - (column - 1)
        return self.offset(offset) - self.offset(line_start) + 1


__all__ = ["Utf16Offsets"]
