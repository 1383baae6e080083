"""The audit report: one self-contained HTML page a compliance lead reads.

A summary first (messages checked, verdicts, findings per category and per rule as bar charts, the
worst messages), then every flagged message with each finding's words marked in the text as written,
the rule, its message and suggestion beside it, and filters by verdict, category and rule that work
from a file, without a server. A filter is also a URL fragment: ``audit.html#rule=EXT001&verdict=block``.

Nothing of a message is ever interpreted as HTML: every text is escaped, and the page's Content
Security Policy runs only its own script and style (by hash), loads nothing and sends nothing.

:class:`AuditPage` keeps counts and the worst few messages in memory and spools each flagged message's
HTML to a temporary file as it arrives, so a report of millions of messages holds only the summary.
"""

from __future__ import annotations

import base64
import hashlib
import heapq
import html
import io
import itertools
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TextIO

from msglint import __version__
from msglint.batch import finding_record
from msglint.models import Report, Rule

if TYPE_CHECKING:
    import pandas as pd

FULL_TEXT = 4_000  # a longer text is shown as excerpts around its findings
CONTEXT = 160  # characters of an excerpt on either side of a finding
WORST = 15  # messages in the summary's "worst first" table
ENGINE = "engine"  # the category shown for engine findings (MSG…), which have none

_VERDICTS = ("block", "review", "allow")
_VERDICT_RANK = {"allow": 0, "review": 1, "block": 2}
_SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}
_COLORS = {"block": "#c62828", "review": "#ef8f00", "allow": "#2e7d32", "error": "#c62828", "warning": "#ef8f00"}
_BAR = "#3f51b5"

Finding = Mapping[str, Any]  # the keys of msglint.batch.FINDING_FIELDS


class AuditPage:
    """Collects checked messages and writes the page. ``add`` each one, then ``write`` once.

    ``details`` are shown under the title (policy, source file, msglint version…); ``rules`` give
    rule names for codes no finding named. ``noun`` is what was checked: ``message`` or ``file``.
    """

    def __init__(
        self,
        *,
        title: str = "msglint audit",
        details: Mapping[str, str] | None = None,
        rules: Iterable[Rule] = (),
        noun: str = "message",
    ) -> None:
        self.title = title
        self.details = dict(details or {})
        self.noun = noun
        self.checked = 0
        self.flagged = 0
        self.verdicts: Counter[str] = Counter()
        self.by_category: Counter[str] = Counter()
        self.by_rule: Counter[str] = Counter()
        self.rule_names = {rule.code: rule.name for rule in rules}
        self.problems: list[tuple[str, str]] = []
        self._worst: list[tuple[tuple[int, int, int, int], str, str, str]] = []  # a min-heap of WORST
        self._spool: TextIO = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 - closed by write

    # --- collecting -------------------------------------------------------------------------

    def add(self, text: str | None, verdict: str, findings: Sequence[Finding], label: str | None = None) -> None:
        """One checked message (or file): its text as written, its verdict and its findings."""
        self.checked += 1
        self.verdicts[verdict] += 1
        if not findings:
            return
        self.flagged += 1
        number = self.checked
        errors = sum(1 for f in findings if f["severity"] == "error")
        for finding in findings:
            self.by_rule[finding["rule"]] += 1
            self.by_category[finding["category"] or ENGINE] += 1
            self.rule_names.setdefault(finding["rule"], finding["name"])
        score = (_VERDICT_RANK.get(verdict, 0), min(errors, 999), min(len(findings), 999), -number)
        codes = " ".join(dict.fromkeys(f["rule"] for f in findings))
        shown = label or f"{self.noun} {number:,}"
        entry = (score, shown, verdict, codes)
        if len(self._worst) < WORST:
            heapq.heappush(self._worst, entry)
        else:
            heapq.heappushpop(self._worst, entry)
        self._spool.write(_article(number, shown, text or "", verdict, findings, score=score))

    def add_report(self, text: str | None, report: Report, label: str | None = None) -> None:
        self.add(text, report.verdict.value, [finding_record(f) for f in report.findings], label or report.message_id)

    def problem(self, where: str, message: str) -> None:
        """An input that could not be checked at all (an unreadable file)."""
        self.problems.append((where, message))

    # --- writing ----------------------------------------------------------------------------

    def write(self, stream: TextIO) -> None:
        """Write the whole page to ``stream`` and release the spool."""
        write = stream.write
        write(_head(self.title))
        write('<body>\n<main>\n<header class="top">\n')
        write(f"<h1>{_e(self.title)}</h1>\n")
        generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        details = {**self.details, "msglint": self.details.get("msglint", __version__), "generated": generated}
        write('<dl class="details">' + "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in details.items()))
        write("</dl>\n</header>\n")
        write(self._summary())
        write(self._filters())
        write(f'<section id="messages" data-noun="{_e(self.noun)}s" aria-label="flagged {_e(self.noun)}s">\n')
        if not self.flagged:
            write(f'<p class="none">No {self.noun} has a finding.</p>\n')
        self._spool.seek(0)
        shutil.copyfileobj(self._spool, stream)
        self.close()
        write("</section>\n</main>\n")
        write(f"<script>{_SCRIPT}</script>\n</body>\n</html>\n")

    def close(self) -> None:
        self._spool.close()

    def _summary(self) -> str:
        nouns = self.noun + "s"
        findings = sum(self.by_rule.values())
        cards = [
            (f"{nouns} checked", self.checked, ""),
            (f"flagged {nouns}", self.flagged, ""),
            *((verdict, self.verdicts[verdict], verdict) for verdict in _VERDICTS),
            ("findings", findings, ""),
        ]
        if self.problems:
            cards.append(("could not be read", len(self.problems), "block"))
        out = ['<section class="summary" aria-label="summary">\n<div class="cards">']
        for label, count, verdict in cards:
            link = f' href="#verdict={verdict}"' if verdict else ""
            tag = "a" if verdict else "div"
            out.append(
                f'<{tag} class="card {verdict}"{link} data-count="{_e(label)}">'
                f'<span class="n">{count:,}</span><span class="what">{_e(label)}</span></{tag}>'
            )
        out.append("</div>\n")
        out.append(_verdict_bar(self.verdicts, self.checked))
        out.append('<div class="charts">\n')
        categories = [(c, n, c, f"category={c}") for c, n in _ranked(self.by_category)]
        out.append(_chart("Findings per category", "by-category", categories))
        rules = [(code, n, self.rule_names.get(code, ""), f"rule={code}") for code, n in _ranked(self.by_rule)]
        out.append(_chart("Findings per rule", "by-rule", rules))
        out.append("</div>\n")
        out.append(self._worst_table())
        if self.problems:
            out.append('<h2>Could not be read</h2>\n<ul class="problems">')
            out.extend(f"<li><code>{_e(where)}</code> {_e(message)}</li>" for where, message in self.problems)
            out.append("</ul>\n")
        out.append("</section>\n")
        return "".join(out)

    def _worst_table(self) -> str:
        if not self._worst:
            return ""
        rows = []
        for rank, (score, label, verdict, codes) in enumerate(sorted(self._worst, reverse=True), start=1):
            number = -score[3]
            rows.append(
                f'<tr><td>{rank}</td><td><a href="#m{number}">{_e(label)}</a></td>'
                f'<td><span class="verdict {_e(verdict)}">{_e(verdict)}</span></td>'
                f"<td>{score[1]:,}</td><td>{_e(codes)}</td></tr>"
            )
        return (
            f'<h2>Worst {self.noun}s first</h2>\n<table class="worst" id="worst"><thead><tr><th>#</th>'
            f"<th>{_e(self.noun)}</th><th>verdict</th><th>errors</th><th>rules</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>\n"
        )

    def _filters(self) -> str:
        def select(name: str, label: str, options: Iterable[tuple[str, str]]) -> str:
            choices = "".join(f'<option value="{_e(value)}">{_e(text)}</option>' for value, text in options)
            return f'<label>{label} <select name="{name}"><option value="">all</option>{choices}</select></label>'

        verdicts = [(v, v) for v in _VERDICTS if self.verdicts[v]]
        categories = [(c, c) for c, _ in _ranked(self.by_category)]
        rules = [(code, f"{code} {self.rule_names.get(code, '')}") for code in sorted(self.by_rule)]
        return (
            f'<h2 id="flagged">Flagged {self.noun}s</h2>\n'
            '<form id="filters" class="filters" hidden>'
            + select("verdict", "Verdict", verdicts)
            + select("category", "Category", categories)
            + select("rule", "Rule", rules)
            + '<label>Order <select name="sort"><option value="">as checked</option>'
            '<option value="worst">worst first</option></select></label>'
            f'<output id="shown">{self.flagged:,} of {self.flagged:,} flagged {self.noun}s</output>'
            "</form>\n"
        )


def audit_html(reports_with_texts: Iterable[tuple[str | None, Report]], *, title: str = "msglint audit") -> str:
    """The page for ``(text, report)`` pairs, e.g. ``zip(texts, linter.lint_many(texts))``."""
    page = AuditPage(title=title)
    policies: set[str] = set()
    for text, report in reports_with_texts:
        policies.add(report.policy)
        page.add_report(text, report)
    if policies:
        page.details["policy"] = ", ".join(sorted(policies))
    out = io.StringIO()
    page.write(out)
    return out.getvalue()


def audit_html_frame(
    frame: pd.DataFrame, text: str = "text", *, id: str | None = None, title: str = "msglint audit"
) -> str:
    """The page for a frame :func:`msglint.batch.lint_frame` returned (or a Spark result's ``toPandas()``)."""
    page = AuditPage(title=title)
    for column in ("msglint_version", "policy_hash"):
        values = sorted({str(v) for v in frame[column].unique()}) if column in frame else []
        if values:
            page.details[column.replace("_", " ")] = ", ".join(values)
    labels = frame[id].tolist() if id is not None else [None] * len(frame)
    for body, verdict, findings, label in zip(
        frame[text].tolist(), frame["verdict"].tolist(), frame["findings"].tolist(), labels, strict=True
    ):
        records = [f if isinstance(f, Mapping) else f.asDict() for f in findings]
        page.add(body if isinstance(body, str) else None, verdict, records, None if label is None else str(label))
    out = io.StringIO()
    page.write(out)
    return out.getvalue()


# --- pieces of the page -----------------------------------------------------------------------


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _ranked(counts: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _article(
    number: int, label: str, text: str, verdict: str, findings: Sequence[Finding], *, score: tuple[int, ...]
) -> str:
    rules = " ".join(dict.fromkeys(f["rule"] for f in findings))
    categories = " ".join(dict.fromkeys(f["category"] or ENGINE for f in findings))
    rank = score[0] * 1_000_000 + score[1] * 1_000 + score[2]
    items = "".join(_finding_item(number, index, f) for index, f in enumerate(findings))
    return (
        f'<article class="msg" id="m{number}" data-n="{number}" data-verdict="{_e(verdict)}" '
        f'data-rules="{_e(rules)}" data-categories="{_e(categories)}" data-score="{rank}">\n'
        f'<h3><a href="#m{number}">{_e(label)}</a> <span class="verdict {_e(verdict)}">{_e(verdict)}</span> '
        f'<span class="codes">{_e(rules)}</span></h3>\n'
        f'{_marked(text, findings, number)}\n<ul class="findings">{items}</ul>\n</article>\n'
    )


def _finding_item(number: int, index: int, finding: Finding) -> str:
    suggestion = finding.get("suggestion")
    policy = finding.get("policy")
    where = f"{finding['line']}:{finding['column']}" if finding["end"] > finding["start"] else "whole message"
    field = finding.get("field")  # the metadata field a finding is about; absent in records made before it
    if field:
        where += f' · field <code class="field">{_e(field)}</code>'
    quoted = f' <q dir="auto">{_e(finding["text"])}</q>' if finding["text"] else ""
    return (
        f'<li id="m{number}f{index}" class="{_e(finding["severity"])}">'
        f'<code class="rule">{_e(finding["rule"])}</code> <span class="name">{_e(finding["name"])}</span> '
        f'<span class="sev">{_e(finding["severity"])}</span> <span class="at">{where}</span>{quoted}'
        f'<div class="message">{_e(finding["message"])}</div>'
        + (f'<div class="suggestion">Suggestion: {_e(suggestion)}</div>' if suggestion else "")
        + (f'<div class="policy">{_e(policy)}</div>' if policy else "")
        + "</li>"
    )


def _title(finding: Finding) -> str:
    head = f"{finding['rule']} {finding['name']} ({finding['severity']}): {finding['message']}"
    if finding.get("field"):
        head += f" [field: {finding['field']}]"
    return head + (f"\nSuggestion: {finding['suggestion']}" if finding.get("suggestion") else "")


def _marked(text: str, findings: Sequence[Finding], number: int) -> str:
    """The text with each finding's words in a ``<mark>``; spans are code-point offsets, as Python's."""
    if not text:
        return '<div class="text empty">(no text)</div>'
    spans = [(f["start"], f["end"], i) for i, f in enumerate(findings) if 0 <= f["start"] < f["end"] <= len(text)]
    parts = []
    previous = 0
    for start, end in _pieces(len(text), spans):
        if start > previous:
            parts.append(f'<span class="gap">[… {start - previous:,} characters …]</span>')
        parts.append(_marked_piece(text, (start, end), spans, findings, number))
        previous = end
    if previous < len(text):
        parts.append(f'<span class="gap">[… {len(text) - previous:,} characters …]</span>')
    return f'<div class="text" dir="auto">{"".join(parts)}</div>'


def _pieces(length: int, spans: Sequence[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """The stretches of a text shown: all of it, or excerpts around the findings of a long one."""
    if length <= FULL_TEXT:
        return [(0, length)]
    windows = sorted((max(0, s - CONTEXT), min(length, e + CONTEXT)) for s, e, _ in spans) or [(0, 2 * CONTEXT)]
    merged = [windows[0]]
    for start, end in windows[1:]:
        if start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _marked_piece(
    text: str, piece: tuple[int, int], spans: Sequence[tuple[int, int, int]], findings: Sequence[Finding], number: int
) -> str:
    start, end = piece
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    active: set[int] = set()
    for s, e, i in spans:
        if e <= start or s >= end:
            continue
        if s <= start:
            active.add(i)
        else:
            starts.setdefault(s, []).append(i)
        if e < end:
            ends.setdefault(e, []).append(i)
    points = sorted({start, end, *starts, *ends})
    out = []
    for left, right in itertools.pairwise(points):
        active.difference_update(ends.get(left, ()))
        active.update(starts.get(left, ()))
        words = _e(text[left:right])
        if not active:
            out.append(words)
            continue
        ordered = sorted(active)
        worst = max((findings[i]["severity"] for i in ordered), key=lambda s: _SEVERITY_RANK.get(s, 0))
        title = "\n".join(_title(findings[i]) for i in ordered)
        refs = " ".join(f"m{number}f{i}" for i in ordered)
        rules = " ".join(dict.fromkeys(findings[i]["rule"] for i in ordered))
        out.append(
            f'<mark class="{_e(worst)}" title="{_e(title)}" data-rules="{_e(rules)}" data-f="{refs}">{words}</mark>'
        )
    return "".join(out)


def _verdict_bar(verdicts: Counter[str], total: int) -> str:
    if not total:
        return ""
    width, x, rects = 600, 0.0, []
    for verdict in _VERDICTS:
        share = verdicts[verdict] / total * width
        if share:
            label = f"{verdict}: {verdicts[verdict]:,} ({verdicts[verdict] / total:.1%})"
            rects.append(
                f'<rect x="{x:.1f}" y="0" width="{share:.1f}" height="18" fill="{_COLORS[verdict]}">'
                f"<title>{_e(label)}</title></rect>"
            )
            x += share
    legend = " · ".join(f"{v} {verdicts[v] / total:.1%}" for v in _VERDICTS if verdicts[v])
    return (
        f'<figure class="verdicts"><svg viewBox="0 0 {width} 18" width="100%" height="18" role="img" '
        f'aria-label="verdicts: {_e(legend)}" preserveAspectRatio="none">{"".join(rects)}</svg>'
        f"<figcaption>{_e(legend)}</figcaption></figure>\n"
    )


def _chart(title: str, name: str, rows: Sequence[tuple[str, int, str, str]]) -> str:
    """A horizontal bar chart in inline SVG; each bar is a link that filters the messages."""
    if not rows:
        return f'<figure class="chart" id="{name}"><figcaption>{_e(title)}</figcaption><p>none</p></figure>\n'
    top = max(n for _, n, _, _ in rows)
    height, label_width, bar_width = 22, 330, 560
    bars = []
    for index, (key, count, note, fragment) in enumerate(rows):
        y = index * height
        length = max(2.0, count / top * bar_width)
        label = f"{key} {note}" if note and note != key else key
        label = label if len(label) <= 48 else label[:47] + "…"
        bars.append(
            f'<a href="#{_e(fragment)}" data-key="{_e(key)}" data-count="{count}">'
            f'<text x="0" y="{y + 15}" class="label">{_e(label)}</text>'
            f'<rect x="{label_width}" y="{y + 4}" width="{length:.1f}" height="14" fill="{_BAR}"></rect>'
            f'<text x="{label_width + length + 6:.1f}" y="{y + 15}" class="count">{count:,}</text></a>'
        )
    total_height = len(rows) * height
    return (
        f'<figure class="chart" id="{name}"><figcaption>{_e(title)}</figcaption>'
        f'<svg viewBox="0 0 {label_width + bar_width + 70} {total_height}" width="100%" role="img" '
        f'aria-label="{_e(title)}">{"".join(bars)}</svg></figure>\n'
    )


_STYLE = """
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --paper: #fff; --soft: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  color: var(--ink); background: var(--soft); }
main { max-width: 1100px; margin: 0 auto; padding: 24px; }
h1 { margin: 0 0 4px; font-size: 26px; } h2 { font-size: 19px; margin: 28px 0 10px; }
.details { display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 0; color: var(--muted); font-size: 13px; }
.details dt { font-weight: 600; } .details dt::after { content: ":"; } .details dd { margin: 0 0 0 -12px; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 18px 0 12px; }
.card { background: var(--paper); border: 1px solid var(--line); border-radius: 8px; padding: 10px 16px;
  min-width: 120px; text-decoration: none; color: inherit; display: flex; flex-direction: column; }
.card .n { font-size: 24px; font-weight: 700; } .card .what { color: var(--muted); font-size: 13px; }
.card.block { border-top: 4px solid #c62828; } .card.review { border-top: 4px solid #ef8f00; }
.card.allow { border-top: 4px solid #2e7d32; }
.verdicts { margin: 0 0 8px; } .verdicts svg { border-radius: 4px; display: block; }
figcaption { color: var(--muted); font-size: 13px; margin-top: 4px; }
.charts { display: flex; flex-direction: column; gap: 16px; }
.chart { background: var(--paper); border: 1px solid var(--line); border-radius: 8px; padding: 12px; margin: 0; }
.chart figcaption { font-weight: 600; color: var(--ink); font-size: 15px; margin: 0 0 8px; }
.chart text { font-size: 13px; fill: var(--ink); } .chart .count { fill: var(--muted); }
.chart a:hover rect { fill: #1a237e; } .chart a:hover .label { text-decoration: underline; }
table.worst { border-collapse: collapse; background: var(--paper); width: 100%; font-size: 14px; }
.worst th, .worst td { text-align: left; padding: 5px 10px; border-bottom: 1px solid var(--line); }
.verdict { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px; font-weight: 600;
  color: #fff; background: #2e7d32; }
.verdict.block { background: #c62828; } .verdict.review { background: #b26a00; }
.filters { position: sticky; top: 0; z-index: 1; display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center;
  background: var(--paper); border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; margin-bottom: 12px; }
.filters select { font: inherit; } #shown { margin-left: auto; color: var(--muted); }
.msg { background: var(--paper); border: 1px solid var(--line); border-left: 4px solid #2e7d32; border-radius: 8px;
  padding: 10px 14px; margin: 0 0 12px; }
.msg[data-verdict="block"] { border-left-color: #c62828; } .msg[data-verdict="review"] { border-left-color: #ef8f00; }
.msg h3 { font-size: 15px; margin: 0 0 6px; } .msg h3 a { color: inherit; }
.codes { color: var(--muted); font-weight: 400; font-size: 13px;
  font-family: ui-monospace, Menlo, Consolas, monospace; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; unicode-bidi: plaintext; background: var(--soft);
  border-radius: 6px; padding: 8px 10px; }
.text.empty { color: var(--muted); font-style: italic; }
mark { background: #ffe08a; border-bottom: 2px solid #ef8f00; padding: 0 1px; border-radius: 2px; }
mark.error { background: #ffd3d3; border-bottom-color: #c62828; }
mark.info { background: #dbeafe; border-bottom-color: #3f51b5; }
.gap { color: var(--muted); font-style: italic; }
.findings { list-style: none; margin: 8px 0 0; padding: 0; font-size: 14px; }
.findings li { border-top: 1px dashed var(--line); padding: 6px 0; }
.rule { font-weight: 700; } .name, .at, .policy { color: var(--muted); } .sev { font-size: 12px; font-weight: 600; }
.error .sev { color: #c62828; } .warning .sev { color: #b26a00; } .info .sev { color: #3f51b5; }
.suggestion { color: #1b5e20; } .policy { font-size: 12px; }
q { background: var(--soft); }
""".strip()

_SCRIPT = """
(() => {
  const form = document.getElementById("filters");
  const list = document.getElementById("messages");
  const shown = document.getElementById("shown");
  const items = Array.from(list.querySelectorAll("article.msg"));
  const keys = ["verdict", "category", "rule", "sort"];
  let order = "";
  const has = (el, key, value) => el.dataset[key].split(" ").includes(value);
  function apply(state) {
    let visible = 0;
    for (const el of items) {
      const keep = (!state.verdict || el.dataset.verdict === state.verdict) &&
        (!state.category || has(el, "categories", state.category)) &&
        (!state.rule || has(el, "rules", state.rule));
      el.hidden = !keep;
      visible += keep ? 1 : 0;
    }
    if ((state.sort || "") !== order) {
      order = state.sort || "";
      const sorted = order === "worst"
        ? [...items].sort((a, b) => b.dataset.score - a.dataset.score || a.dataset.n - b.dataset.n)
        : items;
      for (const el of sorted) list.appendChild(el);
    }
    for (const key of keys) form.elements[key].value = state[key] || "";
    const noun = list.dataset.noun;
    shown.textContent = `${visible.toLocaleString()} of ${items.length.toLocaleString()} flagged ${noun}`;
    document.body.dataset.filter = keys.filter((k) => state[k]).map((k) => `${k}=${state[k]}`).join("&");
  }
  function fromHash() {
    const hash = decodeURIComponent(location.hash.slice(1));
    if (!hash.includes("=")) {
      const target = hash && document.getElementById(hash);
      return target && target.closest("article") && target.closest("article").hidden ? {} : null;
    }
    const params = new URLSearchParams(hash);
    return Object.fromEntries(keys.map((key) => [key, params.get(key) || ""]));
  }
  form.addEventListener("change", () => {
    const state = Object.fromEntries(keys.map((key) => [key, form.elements[key].value]));
    const query = new URLSearchParams(Object.entries(state).filter(([, v]) => v)).toString();
    history.replaceState(null, "", query ? `#${query}` : location.pathname + location.search);
    apply(state);
  });
  window.addEventListener("hashchange", () => {
    const state = fromHash();
    if (state) apply(state);
  });
  form.hidden = false;
  apply(fromHash() || {});
})();
""".strip()


def _csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


def _head(title: str) -> str:
    policy = (
        f"default-src 'none'; style-src {_csp_hash(_STYLE)}; script-src {_csp_hash(_SCRIPT)}; "
        "img-src 'none'; form-action 'none'; base-uri 'none'"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="msglint">\n'
        f"<title>{_e(title)}</title>\n<style>{_STYLE}</style>\n</head>\n"
    )
