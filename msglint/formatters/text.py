"""Human-readable output: ``path:line:col: CODE [severity] message``, the line with the flagged words
underlined, and the suggestion. Readable without colour; coloured only when asked (a terminal).
"""

from __future__ import annotations

import unicodedata

from msglint.formatters.base import Formatter, Source, Tally, plural
from msglint.models import Finding, LineIndex, Report

_RESET = "\033[0m"
_BOLD = "\033[1m"
_DIM = "\033[2m"
_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_SUGGESTION = "\033[32m"

TAB = "    "
MAX_LINE = 160  # longer lines are shown as a window around the flagged words
CONTEXT = 50


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide East Asian characters take two, marks none."""
    if text.isascii():
        return len(text)
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) == "Cf":
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def line_bounds(text: str, start: int, lines: LineIndex | None = None) -> tuple[int, int]:
    """Where the line holding ``text[start]`` starts and ends (before its line break), found through
    ``lines`` (built once per text) in log time, whatever the line's length."""
    lines = lines or LineIndex(text)
    line_start, next_start = lines.line_range(lines.position(start)[0], len(text))
    line_end = next_start
    while line_end > line_start and text[line_end - 1] in "\r\n":
        line_end -= 1
    return line_start, line_end


def excerpt(text: str, start: int, end: int, line_start: int = 0, line_end: int | None = None) -> tuple[str, str, str]:
    """(before, flagged, after) parts of the line ``text[line_start:line_end]`` around ``[start, end)``,
    shortened around the flagged words when the line is too long. Slices only what is shown."""
    line_end = len(text) if line_end is None else line_end
    end = max(start, min(end, line_end))
    if line_end - line_start <= MAX_LINE:
        before, flagged, after = text[line_start:start], text[start:end], text[end:line_end]
    else:
        before = text[max(line_start, start - CONTEXT) : start]
        if start - line_start > CONTEXT:
            before = "…" + before
        if end - start > MAX_LINE - 2 * CONTEXT:
            flagged, after = text[start : start + MAX_LINE - 2 * CONTEXT] + "…", ""
        else:
            flagged, after = text[start:end], text[end : min(line_end, end + CONTEXT)]
            if line_end - end > CONTEXT:
                after += "…"
    return before.replace("\t", TAB), flagged.replace("\t", TAB), after.replace("\t", TAB)


def summary(tally: Tally, noun: str, problems: int) -> str:
    """The last line of a text report: ``Found 3 problems (1 error, 2 warnings) in 2 files (5 files checked).``"""
    checked = plural(tally.sources, noun)
    unreadable = f"; {plural(problems, 'input')} could not be checked" if problems else ""
    if not tally.findings:
        return f"No problems found ({checked} checked){unreadable}.\n"
    parts = [plural(tally.by_severity[s], s) for s in ("error", "warning", "info") if tally.by_severity[s]]
    return (
        f"Found {plural(tally.findings, 'problem')} ({', '.join(parts)}) "
        f"in {plural(tally.with_findings, noun)} ({checked} checked){unreadable}.\n"
    )


class TextFormatter(Formatter):
    """One block per finding and a summary line at the end (unless quiet)."""

    name = "text"

    def _paint(self, text: str, *codes: str) -> str:
        if not self.options.color or not text:
            return text
        return "".join(codes) + text + _RESET

    def location(self, source: Source, finding: Finding) -> str:
        span = finding.span
        if source.is_message:
            return f"{source.path}:{source.line}: {source.message_id or '-'}:{span.line}:{span.column}"
        return f"{source.path}:{span.line}:{span.column}"

    _noun = "file"

    def handle(self, source: Source, report: Report) -> None:
        self.tally.add(report)
        if source.is_message:
            self._noun = "message"
        write = self.stream.write
        lines = LineIndex(source.text) if report.findings and source.text else None
        for finding in report.findings:
            color = _COLORS[finding.severity.value]
            head = self._paint(self.location(source, finding) + ":", _BOLD)
            code = self._paint(finding.rule, _BOLD, color)
            write(f"{head} {code} [{self._paint(finding.severity.value, color)}] {finding.message}\n")
            if finding.field is not None and finding.span.start == finding.span.end:
                write(f"  {self._paint('field:', _DIM)} {finding.field}\n")  # about metadata, not words
            else:
                write(self._snippet(source.text, lines, finding, color))
            if finding.suggestion:
                write(f"  {self._paint('suggestion:', _SUGGESTION)} {finding.suggestion}\n")
            write("\n")

    def _snippet(self, text: str, lines: LineIndex | None, finding: Finding, color: str) -> str:
        if not text or lines is None:
            return ""
        start, end = finding.span.start, finding.span.end
        line_start, line_end = line_bounds(text, start, lines)
        before, flagged, after = excerpt(text, start, end, line_start, line_end)
        number = str(finding.span.line)
        gutter = " " * len(number)
        marks = "^" * max(1, display_width(flagged))
        shown = before + self._paint(flagged, color) + after
        return (
            f"  {self._paint(number + ' |', _DIM)} {shown.rstrip()}\n"
            f"  {self._paint(gutter + ' |', _DIM)} {' ' * display_width(before)}{self._paint(marks, color)}\n"
        )

    def stop(self) -> None:
        if not self.options.quiet:
            self.stream.write(summary(self.tally, self._noun, len(self.problems)))
