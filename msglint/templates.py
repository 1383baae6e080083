"""Message template files: find them, read them, and mask what the buyer never reads.

A template's ``{{ buyer_name }}`` is not something the buyer reads, so it must neither trigger a
finding nor shift the spans of the findings around it. :func:`mask_template` replaces every masked
character by a space (line breaks are kept, and an HTML block tag starts with one), so the masked
text has the file's own length and every offset in it is the file's offset.

Masked: placeholders and statements of the common engines (Jinja, Twig, Liquid, Handlebars/Mustache,
ERB, EJS, ``{name}``, ``${name}``, ``%(name)s``, ``[[Name]]``), template and HTML comments (Liquid's
and Django's ``{% comment %}`` blocks too), comment lines holding a
``msglint:`` directive, HTML tags and attributes (an ``href`` target stays visible, so link rules
check it), ``<script>``/``<style>`` bodies, and an e-mail file's headers (its Subject stays) and MIME
structure. Placeholders are recorded by name, for rules about what a name reveals.

:func:`discover` and :func:`read_template` find and decode template files for the command line.
"""

from __future__ import annotations

import codecs
import fnmatch
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath

import regex

#: File name globs checked when a directory is given.
DEFAULT_INCLUDE = (
    *("*.txt", "*.md", "*.html", "*.eml"),
    *("*.j2", "*.jinja", "*.jinja2", "*.twig", "*.liquid", "*.hbs", "*.handlebars", "*.mustache"),
    *("*.erb", "*.ejs", "*.tmpl"),
)
#: Directory names never descended into.
DEFAULT_EXCLUDE = (".git", ".hg", ".svn", ".venv", "venv", ".tox", ".nox", "node_modules", "__pycache__")


@dataclass(frozen=True)
class Placeholder:
    """A placeholder in a template: its name (the expression, trimmed) and where it is in the file."""

    name: str
    start: int
    end: int


@dataclass(frozen=True)
class MaskedTemplate:
    """A template's text with syntax masked by spaces, and the placeholders found in it."""

    text: str
    placeholders: tuple[Placeholder, ...]


# --- masking ----------------------------------------------------------------------------------

# Template comments, statements and placeholders. Comments first: they may hold directives and
# other syntax. ``{{ … }}`` is sorted out afterwards: sections, partials and helpers are syntax,
# the rest are placeholders. A body that may span lines stops at the next opener of its kind, so an
# unclosed one costs one scan to the next opener, never a scan to the end per opener.
_SYNTAX = regex.compile(
    r"""
      (?P<comment>
          \{\#   (?:(?!\{\#|\#\}).)*      \#\}                    # {# Jinja comment #}
        | \{\{!--(?:(?!\{\{!--|--\}\}).)* --\}\}                  # {{!-- Handlebars comment --}}
        | \{\{!  (?:(?!\{\{|\}\}).)*      \}\}                    # {{! Mustache comment }}
        | <%\#   (?:(?!<%|%>).)*         %>                      # <%# ERB/EJS comment %>
        | \{%-?\s*comment\s*-?%\}                                  # {% comment %} Liquid/Django block
          (?:(?!\{%-?\s*(?:end)?comment\b).)*
          \{%-?\s*endcomment\s*-?%\}
      )
    | \{%(?:(?!\{%|%\}).)*%\}                                     # {% Jinja/Liquid/Twig statement %}
    | <%(?:==?|-)(?P<embedded>(?:(?!<%|%>).)*)%>                  # <%= name %>, <%== raw %>, <%- name %>
    | <%(?!%)(?:(?!<%|%>).)*%>                                    # <% statement %>, <%_ statement _%>
    | \{\{\{(?P<raw>[^{}]*)\}\}\}                                 # {{{ name }}}
    | \{\{(?P<expr>[^{}]*)\}\}                                    # {{ name }}, {{#if x}}, {{/if}}, {{> partial}}
    | \$\{(?P<name>[^{}\r\n]*)\}                                  # ${name}
    | %\((?P<name>\w+)\)[-\#0\ +]*\d*(?:\.\d+)?[sdifr]            # %(name)s
    | \[\[(?P<name>[^\[\]\r\n]+)\]\]                              # [[ContactUs]]
    | \{(?P<name>[A-Za-z_][\w.]*)\}                               # {buyer}
    """,
    regex.VERBOSE | regex.DOTALL,
)
# Mustache/Handlebars tags that are not output: sections, closers, inverted sections, partials, else.
_NOT_OUTPUT = regex.compile(r"[#/^>!=]|else\b")
# ERB/EJS tags that print something but insert no value: control flow (ERB's "<%- if … -%>"), partials.
_EMBEDDED_STATEMENT = regex.compile(
    r"(?:if|unless|else|elsif|end|for|while|until|case|when|do|include|render|yield)\b|[{}]"
)
_TRIM = " \t\r\n-~&"

# A comment line (or line end) that carries a directive: "# msglint: disable=…", "// msglint: …".
_DIRECTIVE_COMMENT = regex.compile(r"(?m)(?:^|(?<=[ \t]))(?:#|//)[ \t]*msglint:[^\r\n]*")

_HTML_COMMENT = regex.compile(r"<!--(?:(?!<!--|-->).)*-->", regex.DOTALL)
_HTML_HIDDEN = regex.compile(
    r"<(script|style)\b[^<>]*>(?:(?!<(?:script|style)\b|</\1\s*>).)*</\1\s*>", regex.DOTALL | regex.IGNORECASE
)
_HTML_DECLARATION = regex.compile(r"<![A-Za-z][^<>]*>|<\?[^<>]*\?>|<!\[CDATA\[|\]\]>")
_HTML_TAG = regex.compile(r"""</?(?P<tag>[A-Za-z][A-Za-z0-9]*)\b(?:[^<>"']|"[^"<>]*"|'[^'<>]*')*>""")
_HREF = regex.compile(r"""\bhref\s*=\s*(?:"(?P<v>[^"]*)"|'(?P<v>[^']*)'|(?P<v>[^\s"'<>]+))""", regex.IGNORECASE)
# fmt: off
# Elements a browser knows; anything else in angle brackets is text the buyer may read.
_HTML_ELEMENTS = frozenset((
    "a", "abbr", "address", "area", "article", "aside", "b", "base", "bdi", "bdo", "big", "blockquote", "body",
    "br", "button", "caption", "center", "cite", "code", "col", "colgroup", "data", "dd", "del", "details",
    "dfn", "dialog", "div", "dl", "dt", "em", "fieldset", "figcaption", "figure", "font", "footer", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "i", "img", "input", "ins", "kbd",
    "label", "legend", "li", "link", "main", "map", "mark", "meta", "meter", "nav", "noscript", "ol",
    "optgroup", "option", "output", "p", "param", "picture", "pre", "q", "s", "samp", "section", "select",
    "small", "source", "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody", "td", "template",
    "textarea", "tfoot", "th", "thead", "time", "title", "tr", "track", "tt", "u", "ul", "var", "video", "wbr",
))
# Tags that start a new block of text: masked with a line break first, so sentences do not run together.
_HTML_BLOCKS = frozenset((
    "address", "article", "aside", "blockquote", "body", "br", "dd", "details", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr",
    "html", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
    "thead", "title", "tr", "ul",
))

_EMAIL_HEADER_LINE = regex.compile(r"[!-9;-~]+:")
_EMAIL_KNOWN_HEADERS = frozenset((
    "from", "to", "cc", "bcc", "subject", "date", "reply-to", "sender", "message-id", "mime-version",
    "content-type", "return-path",
))
# fmt: on
_EMAIL_BOUNDARY = regex.compile(r"""boundary\s*=\s*(?:"([^"\r\n]+)"|([^\s";]+))""", regex.IGNORECASE)
_EMAIL_BLANK_LINE = regex.compile(r"\r?\n[ \t]*\r?\n|\r\r")
_QP_SOFT_BREAK = regex.compile(r"=(?=\r?\n)")
_NOT_LINE_BREAK = regex.compile(r"[^\r\n]")

# A masked stretch of text: [start, end), and whether it starts a new line of text.
_Mask = tuple[int, int, bool]


def _blank(segment: str, line_break: bool = False) -> str:
    blanked = _NOT_LINE_BREAK.sub(" ", segment)
    if line_break and blanked and blanked[0] == " ":
        return "\n" + blanked[1:]
    return blanked


def _apply(text: str, masks: Iterable[_Mask]) -> str:
    """``text`` with each masked stretch blanked; stretches may overlap and come in any order."""
    parts: list[str] = []
    pos = 0
    for mask_start, end, line_break in sorted(masks):
        start = max(mask_start, pos)
        if start >= end:
            continue
        parts.append(text[pos:start])
        parts.append(_blank(text[start:end], line_break))
        pos = end
    if not parts:
        return text
    parts.append(text[pos:])
    return "".join(parts)


def _template_syntax(text: str) -> tuple[list[_Mask], list[Placeholder]]:
    masks: list[_Mask] = []
    placeholders: list[Placeholder] = []
    for match in _SYNTAX.finditer(text):
        masks.append((match.start(), match.end(), False))
        if match.group("comment"):
            continue
        name = match.group("raw") or match.group("name")
        expr = match.group("expr")
        if expr is not None:
            expr = expr.strip(_TRIM)
            name = None if not expr or _NOT_OUTPUT.match(expr) else expr
        embedded = match.group("embedded")
        if embedded is not None:
            embedded = embedded.strip(_TRIM + "_")
            name = None if _EMBEDDED_STATEMENT.match(embedded) else embedded
        if name and name.strip(_TRIM):
            placeholders.append(Placeholder(name.strip(_TRIM), match.start(), match.end()))
    masks.extend((m.start(), m.end(), False) for m in _DIRECTIVE_COMMENT.finditer(text))
    return masks, placeholders


def _html(text: str) -> list[_Mask]:
    masks: list[_Mask] = []
    for pattern in (_HTML_COMMENT, _HTML_HIDDEN, _HTML_DECLARATION):
        masks.extend((m.start(), m.end(), False) for m in pattern.finditer(text))
    for match in _HTML_TAG.finditer(text):
        tag = match.group("tag").lower()
        if tag not in _HTML_ELEMENTS:
            continue
        start, end = match.span()
        line_break = tag in _HTML_BLOCKS
        href = _HREF.search(match.group()) if tag in {"a", "area"} else None
        if href is not None and href.group("v").strip():
            # The link target stays readable: it is what the buyer would visit.
            value_start, value_end = start + href.start("v"), start + href.end("v")
            masks.append((start, value_start, line_break))
            masks.append((value_end, end, False))
        else:
            masks.append((start, end, line_break))
    return masks


def _email_header_end(text: str) -> int | None:
    """Where the header block of an e-mail file ends, or None when ``text`` is not an e-mail."""
    blank = _EMAIL_BLANK_LINE.search(text)
    header_end = blank.start() if blank else len(text)
    lines = text[:header_end].splitlines()
    if not lines or not _EMAIL_HEADER_LINE.match(lines[0]):
        return None
    known = False
    for line in lines:
        if line[:1] in (" ", "\t"):
            continue  # a folded header continues
        if not _EMAIL_HEADER_LINE.match(line):
            return None
        known = known or line.split(":", 1)[0].strip().lower() in _EMAIL_KNOWN_HEADERS
    return header_end if known else None


def _email_headers(text: str, start: int, end: int) -> list[_Mask]:
    """Mask a header block but the value of its Subject, which the buyer reads."""
    masks: list[_Mask] = []
    pos = start
    in_subject = False
    for line in text[start:end].splitlines(keepends=True):
        line_end = pos + len(line.rstrip("\r\n"))
        if line[:1] in (" ", "\t"):
            if not in_subject:
                masks.append((pos, line_end, False))
        else:
            name, _, _ = line.partition(":")
            in_subject = name.strip().lower() == "subject"
            masks.append((pos, pos + len(name) + 1 if in_subject else line_end, False))
        pos += len(line)
    return masks


def _email(text: str) -> list[_Mask]:
    header_end = _email_header_end(text)
    if header_end is None:
        return []
    masks = _email_headers(text, 0, header_end)
    headers = text[:header_end].lower()
    if "quoted-printable" in text.lower():  # in the headers or a part's headers
        masks.extend((m.start(), m.end(), False) for m in _QP_SOFT_BREAK.finditer(text, header_end))
    boundaries = {m.group(1) or m.group(2) for m in _EMAIL_BOUNDARY.finditer(text)}
    if not boundaries:
        if "content-transfer-encoding: base64" in headers:
            masks.append((header_end, len(text), False))  # an encoded body is not text we can point into
        return masks
    alternatives = "|".join(regex.escape(b) for b in sorted(boundaries, key=len, reverse=True))
    boundary_line = regex.compile(rf"(?m)^--(?:{alternatives})(?P<close>--)?[ \t]*\r?$")
    lines = list(boundary_line.finditer(text, header_end))
    for index, line in enumerate(lines):
        masks.append((line.start(), line.end(), False))
        if line.group("close"):
            continue
        part_start = line.end() + (1 if text[line.end() : line.end() + 1] == "\n" else 0)
        part_end = lines[index + 1].start() if index + 1 < len(lines) else len(text)
        blank = _EMAIL_BLANK_LINE.search(text, part_start, part_end)
        part_header_end = blank.start() if blank else part_end
        masks.extend(_email_headers(text, part_start, part_header_end))
        if "base64" in text[part_start:part_header_end].lower():
            masks.append((part_header_end, part_end, False))
    return masks


def mask_template(text: str) -> MaskedTemplate:
    """Mask template syntax, HTML markup, e-mail structure and front matter in ``text``; offsets do not move."""
    masks, placeholders = _template_syntax(text)
    if front := front_matter_end(text):
        masks.append((0, front, False))
        placeholders = [p for p in placeholders if p.start >= front]
    if text[:1].isalpha() and ":" in text[:80]:
        masks.extend(_email(text))
    masked = _apply(text, masks)
    if "<" in masked:
        masked = _apply(masked, _html(masked))
    return MaskedTemplate(masked, tuple(placeholders))


# --- front matter ----------------------------------------------------------------------------------
# A block of YAML between two "---" lines at the top of a file, as static site generators write it. It may
# name the policy pack the template is written for ("policy: ebay": one repository keeps the templates of
# several marketplaces side by side) and describe the message with the keys of FRONT_MATTER_FIELDS; its
# other keys are the generator's and are left alone. Only one-line "key: value" entries are read (a value
# may be quoted), which is all these keys need, so no YAML library is required; an indented or list line
# belongs to another key.

#: The front matter keys msglint reads, each a field of :class:`msglint.Message`.
FRONT_MATTER_FIELDS = ("message_type", "direction", "subject")
#: Every front matter key msglint reads: the pack, and the message's fields.
FRONT_MATTER_KEYS = ("policy", *FRONT_MATTER_FIELDS)
_EXAMPLE = {
    "policy": "ebay",
    "message_type": "unexpectedProblem",
    "direction": "proactive",
    "subject": "Delivery date for your order",
}
_FENCE = regex.compile(r"---[ \t]*")
_ENTRY = regex.compile(r"(?P<key>[A-Za-z_][A-Za-z0-9_-]*)[ \t]*:(?:[ \t]+(?P<value>.*?))?[ \t]*")


def _front_matter_lines(text: str) -> tuple[list[str], int] | None:
    """The lines between the fences, and the offset just past the closing fence; None without front matter."""
    lines = text.splitlines(keepends=True)
    if not lines or not _FENCE.fullmatch(lines[0].lstrip("\ufeff").rstrip("\r\n")):
        return None
    offset = len(lines[0])
    for index, line in enumerate(lines[1:], start=1):
        if _FENCE.fullmatch(line.rstrip("\r\n")):
            return [raw.rstrip("\r\n") for raw in lines[1:index]], offset + len(line)
        offset += len(line)
    return None  # no closing fence: a horizontal rule, not front matter


def front_matter_end(text: str) -> int:
    """Where the text after the front matter starts (0 when the file has none)."""
    found = _front_matter_lines(text)
    return found[1] if found is not None else 0


def read_front_matter(text: str) -> dict[str, tuple[str, int]]:
    """What the front matter declares (``policy`` and the message's fields): key -> (value, 1-based line).

    Raises :class:`TemplateFileError` naming the line for a line that is not ``key: value``, a field
    given twice, or a field without a single value.
    """
    found = _front_matter_lines(text)
    if found is None:
        return {}
    fields: dict[str, tuple[str, int]] = {}
    for number, line in enumerate(found[0], start=2):
        if not line.strip() or line.lstrip().startswith("#") or line[:1] in (" ", "\t", "-"):
            continue
        entry = _ENTRY.fullmatch(line)
        if entry is None:
            raise TemplateFileError(f"line {number}: front matter: expected 'key: value', got {line.strip()[:40]!r}")
        key = entry.group("key")
        if key not in FRONT_MATTER_KEYS:
            continue
        if key in fields:
            raise TemplateFileError(
                f"line {number}: front matter: '{key}' is given twice (first on line {fields[key][1]})"
            )
        fields[key] = (_scalar(entry.group("value") or "", key, number), number)
    return fields


def _scalar(value: str, key: str, number: int) -> str:
    """A one-line YAML scalar: quoted ('it''s', "say \\"hi\\""), or plain up to a comment."""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1].replace("''", "'") if value[0] == "'" else value[1:-1].replace('\\"', '"')
    value = regex.sub(r"[ \t]+#.*\Z", "", value)
    if not value or value[0] in "[{|>&*!":
        raise TemplateFileError(
            f"line {number}: front matter: '{key}' needs one value on its line, e.g. {key}: {_EXAMPLE[key]}"
        )
    return value


# --- finding and reading template files -------------------------------------------------------


class TemplateFileError(Exception):
    """A template file that cannot be read as text; the message names the file and the problem."""


def matches_glob(name: str, globs: Sequence[str]) -> bool:
    """Whether ``name`` matches one of ``globs`` (fnmatch rules)."""
    return any(fnmatch.fnmatch(name, glob) for glob in globs)


def path_matches(path: Path, globs: Sequence[str], root: Path | None = None) -> bool:
    """Whether a glob names ``path`` or a folder it is in, as ruff's ``exclude`` does.

    A glob without a slash is matched against each name on the way (``drafts``, ``*.draft.txt``);
    one with a slash against the path relative to ``root`` and each of its folders' paths
    (``templates/legacy``, ``templates/*.txt``). ``*`` matches across folders.
    """
    if not globs:
        return False
    relative = path.relative_to(root) if root is not None and path.is_relative_to(root) else path
    parts = relative.parts
    candidates = [*parts, *(PurePath(*parts[:end]).as_posix() for end in range(2, len(parts) + 1))]
    patterns = [glob.removeprefix("./").rstrip("/") for glob in globs]
    return any(matches_glob(candidate, patterns) for candidate in candidates)


def discover(
    directory: Path,
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = (),
    *,
    skip: Callable[[Path], bool] | None = None,
) -> Iterator[Path]:
    """Template files under ``directory`` whose name matches ``include``, in a stable order.

    ``exclude`` globs are relative to ``directory``; ``skip`` says of a file or folder whether to
    leave it out (a configuration's exclusions). Folders in :data:`DEFAULT_EXCLUDE` are never entered.
    """

    def left_out(path: Path) -> bool:
        return path_matches(path, exclude, directory) or (skip is not None and skip(path))

    for folder, subfolders, files in os.walk(directory):
        here = Path(folder)
        subfolders[:] = sorted(name for name in subfolders if name not in DEFAULT_EXCLUDE and not left_out(here / name))
        for name in sorted(files):
            path = here / name
            if matches_glob(name, include) and not left_out(path):
                yield path


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_template(data: bytes) -> str:
    """The text of a template file: UTF-8, or UTF-8/UTF-16/UTF-32 with a byte order mark.

    Raises :class:`TemplateFileError` for a binary file or bytes that are not valid UTF-8.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise TemplateFileError(
                    f"not valid {encoding.upper()} despite its byte order mark ({exc.reason})"
                ) from None
    nul = data.find(b"\x00")
    if nul >= 0:
        raise TemplateFileError(f"binary file (NUL byte at offset {nul}), not a text template")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise TemplateFileError(
            f"not UTF-8 text: byte 0x{data[exc.start]:02x} at offset {exc.start} (line {line}); save the file as UTF-8"
        ) from None


def read_template(path: Path) -> str:
    """Read and decode a template file; every failure is a :class:`TemplateFileError`."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise TemplateFileError("no such file or directory") from None
    except IsADirectoryError:
        raise TemplateFileError("is a directory") from None
    except OSError as exc:
        raise TemplateFileError(exc.strerror or str(exc)) from None
    return decode_template(data)
