"""Where a key of a TOML file is written, so that a validation error can name its line.

``tomllib`` keeps no positions, and pydantic reports where a problem is as a location (``("leet", 2,
"letters")``, ``("severity", "EXT")``). :func:`key_line` finds that location in the file's text by its
table headers (``[words]``, ``[[leet]]``, counted) and key lines. It reads the shapes msglint's data files
are written in; a key it cannot place (an inline table, a key that is missing) gets the line of the
nearest table that holds it, or None.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

_HEADER = re.compile(r"\s*(\[\[?)\s*([^\[\]]+?)\s*\]\]?\s*(?:#.*)?")
_KEY = re.compile(r"""\s*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)\s*=""")
_DOTTED_PART = re.compile(r"""\s*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)\s*(?:\.|$)""")


def key_line(text: str, loc: Sequence[str | int]) -> int | None:
    """The 1-based line of the key at ``loc`` in TOML ``text``, else of its nearest table; None if neither."""
    wanted = tuple(loc)
    nearest: tuple[int, int] | None = None  # (depth, line) of the deepest table header on the way
    counts: dict[tuple[str, ...], int] = {}
    table: tuple[str | int, ...] = ()
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.fullmatch(line)
        if header is not None:
            name = _dotted(header.group(2))
            if header.group(1) == "[[":
                counts[name] = counts.get(name, -1) + 1
                table = (*name, counts[name])
            else:
                table = name
            if table and wanted[: len(table)] == table and (nearest is None or len(table) > nearest[0]):
                nearest = (len(table), number)
            continue
        key = _KEY.match(line)
        if key is not None and (*table, _unquote(key.group(1))) == wanted[: len(table) + 1]:
            return number
    return nearest[1] if nearest is not None else None


def _dotted(name: str) -> tuple[str, ...]:
    return tuple(_unquote(part) for part in _DOTTED_PART.findall(name))


def _unquote(key: str) -> str:
    if key[:1] == '"':
        try:
            return json.loads(key)  # a basic string's escapes are JSON's
        except ValueError:  # a TOML-only escape (\UXXXXXXXX): compared as written
            return key[1:-1]
    return key[1:-1] if key[:1] == "'" else key
