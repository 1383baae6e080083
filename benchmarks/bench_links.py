"""Link and email detection on linkify-it's URL fixtures: msglint against urlextract and linkify-it-py.

Not part of the test suite. The fixtures are public test data (see their README); the project never
needs them at run time, so this script exits with a clear message when they are missing.

    python benchmarks/bench_links.py [--dataset DIR] [--verbose]

Scores, on the same lines in the same run:

* links found: the share of ``links.txt`` cases in which the tool finds any link or email address;
* exact span: the share in which one of the tool's links is exactly the expected text (a trailing
  ``)`` or ``.`` wrongly included, or a scheme wrongly left out, is a wrong span);
* not-links clean: the share of ``not_links.txt`` lines in which the tool finds nothing;
* found/not-found accuracy: both kinds of line together.

For msglint, a "link" is a finding of a link or email rule (EXT001-EXT005: external link, link
shortener, marketplace look-alike, carrier tracking link, email address) with the Amazon policy.
Peers need ``pip install urlextract linkify-it-py``. Network access is blocked while they run, so
urlextract must use the TLD list bundled with it.
"""

from __future__ import annotations

import argparse
import socket
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DATASET = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "linkify_it_url_fixtures"
LINK_RULES = frozenset({"EXT001", "EXT002", "EXT003", "EXT004", "EXT005"})

#: A tool under test: text -> the link strings it extracted.
Extractor = Callable[[str], list[str]]


@dataclass(frozen=True)
class LinkCase:
    line: int
    text: str
    expected: str


@dataclass
class Score:
    tool: str
    links: int = 0
    found: int = 0
    exact: int = 0
    not_links: int = 0
    clean: int = 0
    seconds: float = 0.0
    misses: list[str] = field(default_factory=list)

    def row(self) -> str:
        accuracy = (self.found + self.clean) / (self.links + self.not_links)
        cells = [
            self.tool,
            _ratio(self.found, self.links),
            _ratio(self.exact, self.links),
            _ratio(self.clean, self.not_links),
            f"{accuracy:.1%}",
            f"{self.seconds * 1000:.1f}",
        ]
        return "| " + " | ".join(cells) + " |"


def _ratio(part: int, whole: int) -> str:
    return f"{part}/{whole} ({part / whole:.1%})"


def _uncommented(lines: list[str]) -> list[str]:
    return ["" if line.startswith("%") else line for line in lines]


def read_links(path: Path) -> Iterator[LinkCase]:
    """``links.txt``: a case line, then either the expected link on the next line or a blank line."""
    lines = _uncommented(path.read_text("utf-8").splitlines())
    index = 0
    while index < len(lines):
        text = lines[index]
        if not text.strip():
            index += 1
            continue
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if following.strip():
            yield LinkCase(index + 1, text, following)
            index += 2
        else:
            yield LinkCase(index + 1, text, text)
            index += 1


def read_not_links(path: Path) -> list[str]:
    """``not_links.txt``: every line that is not blank and not a comment."""
    return [line for line in _uncommented(path.read_text("utf-8").splitlines()) if line.strip()]


def msglint_extractor() -> Extractor:
    import msglint

    linter = msglint.Linter()

    def extract(text: str) -> list[str]:
        return [f.text for f in linter.lint(text).findings if f.rule in LINK_RULES]

    return extract


def urlextract_extractor(*, emails: bool) -> Extractor:
    from urlextract import URLExtract

    extractor = URLExtract(extract_email=emails)

    def extract(text: str) -> list[str]:
        return list(extractor.find_urls(text))

    return extract


def linkify_extractor(*, fuzzy_ip: bool) -> Extractor:
    from linkify_it import LinkifyIt

    linkify = LinkifyIt(options={"fuzzy_ip": fuzzy_ip})

    def extract(text: str) -> list[str]:
        return [match.raw for match in linkify.match(text) or ()]

    return extract


def score(tool: str, extract: Extractor, links: list[LinkCase], not_links: list[str], *, verbose: bool) -> Score:
    result = Score(tool, links=len(links), not_links=len(not_links))
    started = time.perf_counter()
    for case in links:
        found = extract(case.text)
        result.found += bool(found)
        result.exact += case.expected in found
        if verbose and case.expected not in found:
            result.misses.append(f"  links.txt:{case.line} {case.text!r}: expected {case.expected!r}, got {found}")
    for text in not_links:
        found = extract(text)
        result.clean += not found
        if verbose and found:
            result.misses.append(f"  not_links.txt {text!r}: got {found}")
    result.seconds = time.perf_counter() - started
    return result


def _no_network(*args: object, **kwargs: object) -> None:
    raise OSError("bench_links: network access is blocked; tools must use their bundled data")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", type=Path, default=DEFAULT_DATASET, help="folder with links.txt and not_links.txt")
    parser.add_argument("--verbose", action="store_true", help="list every case a tool gets wrong")
    args = parser.parse_args(argv)
    links_file, not_links_file = args.dataset / "links.txt", args.dataset / "not_links.txt"
    if not (links_file.is_file() and not_links_file.is_file()):
        print(
            f"bench_links: no linkify-it fixtures at {args.dataset} (need links.txt and not_links.txt); "
            "pass --dataset DIR. msglint itself does not need them.",
            file=sys.stderr,
        )
        return 2
    socket.socket.connect = _no_network  # type: ignore[method-assign]
    socket.create_connection = _no_network  # type: ignore[assignment]

    links = list(read_links(links_file))
    not_links = read_not_links(not_links_file)
    tools: list[tuple[str, Callable[[], Extractor]]] = [
        ("msglint (EXT001-EXT005)", msglint_extractor),
        ("urlextract `URLExtract().find_urls`", lambda: urlextract_extractor(emails=False)),
        ("urlextract, extract_email=True", lambda: urlextract_extractor(emails=True)),
        ("linkify-it-py, fuzzy_ip=True (in-sample)", lambda: linkify_extractor(fuzzy_ip=True)),
        ("linkify-it-py, defaults (in-sample)", lambda: linkify_extractor(fuzzy_ip=False)),
    ]
    scores = []
    for name, build in tools:
        try:
            extract = build()
        except ImportError as exc:
            print(f"bench_links: skipping {name}: {exc} (pip install urlextract linkify-it-py)", file=sys.stderr)
            continue
        scores.append(score(name, extract, links, not_links, verbose=args.verbose))

    print(f"linkify-it fixtures: {len(links)} link cases, {len(not_links)} not-link lines ({args.dataset})\n")
    print("| tool | links found | exact span | not-links clean | found/not-found accuracy | ms total |")
    print("|---|---|---|---|---|---|")
    for result in scores:
        print(result.row())
    print("\nms total: msglint runs its whole lint (every checker, Amazon policy); peers only extract links.")
    if args.verbose:
        for result in scores:
            print(f"\n{result.tool}: {len(result.misses)} wrong")
            print("\n".join(result.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
