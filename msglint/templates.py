"""Message template files: mask placeholders and template syntax without moving any offset.

A template's ``{{ buyer_name }}`` is not something the buyer reads, so it must neither trigger a
finding nor shift the spans of the findings around it. Every masked character is replaced by a
space (line breaks are kept), so offsets, lines and columns of the masked text are the file's own.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

# Template comments, blocks and placeholders of the common engines. Comments first: they may hold
# directives and other syntax.
_SYNTAX = regex.compile(
    r"""
      \{\#.*?\#\}                                   # Jinja comment
    | \{\{!--.*?--\}\} | \{\{!.*?\}\}               # Handlebars/Mustache comment
    | \{%.*?%\}                                     # Jinja block
    | \{\{\{?\s*(?P<name>[^{}]*?)\s*\}?\}\}         # {{ name }}, {{{ name }}}
    | \$\{(?P<name>[^{}\n]*)\}                      # ${name}
    | %\((?P<name>\w+)\)[-#0 +]*\d*(?:\.\d+)?[sdifr] # %(name)s
    | \[\[(?P<name>[^\[\]\n]+)\]\]                  # [[ContactUs]]
    | \{(?P<name>[A-Za-z_][\w.]*)\}                 # {buyer}
    """,
    regex.VERBOSE | regex.DOTALL,
)


@dataclass(frozen=True)
class Placeholder:
    """A placeholder in a template: its name and where it is in the file."""

    name: str
    start: int
    end: int


@dataclass(frozen=True)
class MaskedTemplate:
    """A template's text with syntax masked by spaces, and the placeholders found in it."""

    text: str
    placeholders: tuple[Placeholder, ...]


def _blank(segment: str) -> str:
    return "".join(c if c in "\r\n" else " " for c in segment)


def mask_template(text: str) -> MaskedTemplate:
    """Mask template syntax in ``text``; the result has the same length and line breaks."""
    parts: list[str] = []
    placeholders: list[Placeholder] = []
    pos = 0
    for match in _SYNTAX.finditer(text):
        parts.append(text[pos : match.start()])
        parts.append(_blank(match.group()))
        name = match.group("name")
        if name:
            placeholders.append(Placeholder(name.strip(), match.start(), match.end()))
        pos = match.end()
    parts.append(text[pos:])
    return MaskedTemplate("".join(parts), tuple(placeholders))
