"""The ``msglint`` command line: parse arguments, feed inputs to a Linter and a formatter, pick the exit code.

What is a violation is the Linter's business; what a template file is, :mod:`msglint.templates`;
how a report looks, :mod:`msglint.formatters`. This module only connects them.
"""

from __future__ import annotations

import argparse
import codecs
import difflib
import json
import os
import stat
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, TextIO

from pydantic import ValidationError

from msglint import __version__
from msglint.api import ENGINE_FAILED, UNREADABLE_MESSAGE, Linter, Unreadable, default_registry, engine_rules
from msglint.config import (
    CONFIG_FILES,
    Settings,
    check_entries,
    find_config,
    holds_settings,
    load_settings,
    settings_from_mapping,
)
from msglint.engine.language import supported_languages
from msglint.errors import ConfigError
from msglint.formatters import FORMATTERS, Formatter, Options, Source
from msglint.formatters.base import plural
from msglint.formatters.ruledoc import RuleDoc
from msglint.formatters.statistics import StatisticsFormatter
from msglint.models import Message, Report, describe_validation_error
from msglint.templates import (
    DEFAULT_INCLUDE,
    FRONT_MATTER_FIELDS,
    TemplateFileError,
    decode_template,
    discover,
    matches_glob,
    path_matches,
    read_front_matter,
    read_template,
)

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2

#: Engine findings that mean an input was not checked at all: the run exits 2.
UNCHECKED = frozenset({UNREADABLE_MESSAGE, ENGINE_FAILED})

FAIL_ON = ("error", "warning", "info", "never")
COLOR = ("auto", "always", "never")
_RANK = {"info": 1, "warning": 2, "error": 3}
#: The command line's rule options, each checked against the known rules before a Linter is built.
_RULE_OPTIONS = ("select", "extend_select", "ignore", "extend_ignore")

EXIT_CODES = """\
exit status:
  0  nothing at or above --fail-on was found (or --exit-zero)
  1  a finding at or above --fail-on was found
  2  usage, configuration or input error (bad option, bad config, unreadable file, malformed JSONL line),
     with --exit-zero too: what could not be checked is never passed
"""


# --- arguments --------------------------------------------------------------------------------


def _comma_list(value: str) -> list[str]:
    return [entry.strip() for entry in value.split(",") if entry.strip()]


class _Extend(argparse.Action):
    """``--select A,B --select C`` -> ``["A", "B", "C"]``."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: Any, values: Any, option: Any = None) -> None:
        current = getattr(namespace, self.dest) or []
        setattr(namespace, self.dest, [*current, *_comma_list(values)])


def _policy_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("policy and rule selection")
    group.add_argument("--policy", help="built-in policy pack name or pack file (default: config's, else amazon)")
    group.add_argument(
        "--config", type=Path, help="configuration file (default: nearest .msglint.toml or pyproject.toml)"
    )
    for flag, what in (
        ("--select", "rules to check, replacing the config's selection"),
        ("--extend-select", "rules to check on top of the selection"),
        ("--ignore", "rules not to check, replacing the config's ignore list"),
        ("--extend-ignore", "rules not to check on top of the ignore list"),
    ):
        group.add_argument(
            flag,
            action=_Extend,
            metavar="RULES",
            help=f"{what} (comma-separated codes, prefixes, names, categories, checker ids)",
        )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="msglint",
        description="Check marketplace seller messages and message templates against the marketplace's "
        "communication policy.",
        epilog=EXIT_CODES + "\nsee also: msglint COMMAND --help, docs/cli.md",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"msglint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    check = commands.add_parser(
        "check",
        help="check template files, standard input or a JSON Lines file of messages",
        description="Check message template files (placeholders masked, msglint: directives honoured), "
        "standard input ('-'), or with --jsonl a JSON Lines file of sent messages.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or directories to check, '-' for standard input (default: .)"
    )
    check.add_argument(
        "--jsonl",
        metavar="FILE",
        help='check messages, one JSON object a line ({"id": ..., "text": ...}); \'-\' reads standard input',
    )
    check.add_argument(
        "--format", choices=sorted(FORMATTERS), default=None, help="output format (default: text; jsonl with --jsonl)"
    )
    check.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        help="lowest severity that makes the exit status 1 (default: config's, else error)",
    )
    check.add_argument(
        "--exit-zero",
        "-e",
        action="store_true",
        help="exit 0 whatever is found (as --fail-on never); input and configuration errors still exit 2",
    )
    files = check.add_argument_group("files")
    files.add_argument(
        "--include",
        action=_Extend,
        metavar="GLOBS",
        help=f"file name globs to check in directories (default: {' '.join(DEFAULT_INCLUDE)})",
    )
    files.add_argument(
        "--exclude",
        action=_Extend,
        metavar="GLOBS",
        help="files or folders not to check (globs relative to the current folder), replacing the config's exclude",
    )
    files.add_argument(
        "--extend-exclude", action=_Extend, metavar="GLOBS", help="files or folders not to check, on top of exclude"
    )
    files.add_argument("--stdin-filename", metavar="PATH", help="the name to report standard input under")
    _policy_options(check)
    output = check.add_argument_group("output")
    output.add_argument(
        "--output-file", "-o", type=Path, metavar="FILE", help="write the report to FILE instead of standard output"
    )
    output.add_argument(
        "--statistics",
        action="store_true",
        help="a count of findings per rule instead of the findings (as text, or --format json or jsonl)",
    )
    output.add_argument(
        "--quiet", "-q", action="store_true", help="only findings and errors: no summary, no progress, no notes"
    )
    output.add_argument(
        "--color",
        choices=COLOR,
        default="auto",
        help="colour the text output: auto (a terminal, unless NO_COLOR is set or FORCE_COLOR asks), always, never",
    )
    output.add_argument("--no-color", action="store_true", help="deprecated: use --color never")
    check.set_defaults(run=_check, parser=check)

    rules = commands.add_parser("rules", help="list every rule and whether the active policy turns it on")
    rules.add_argument("--format", choices=("text", "json"), default="text")
    _policy_options(rules)
    rules.set_defaults(run=_rules, parser=rules)

    explain = commands.add_parser("explain", help="show a rule's documentation")
    explain.add_argument("code", metavar="CODE", help="rule code (TPL001) or name (promotional-placeholder)")
    explain.add_argument(
        "--lang",
        default="en",
        metavar="LANG",
        help="show the examples, and the message and suggestion, in this language (de, fr, es, it, pt; default en)",
    )
    _policy_options(explain)
    explain.set_defaults(run=_explain, parser=explain)

    serve = commands.add_parser(
        "serve",
        help="check messages over HTTP for seller tools (needs msglint[server])",
        description="Serve /v1/check, /v1/check/batch, /v1/rules and /v1/health over HTTP (docs/server.md).",
    )
    serve.add_argument("--host", help="address to listen on (default: 127.0.0.1, loopback only)")
    serve.add_argument("--port", type=int, help="port to listen on (default: 8079)")
    serve.add_argument("--workers", type=int, metavar="N", help="worker processes (default: 1)")
    serve.add_argument("--max-body-bytes", type=int, metavar="N", help="largest request body (default: 1 MiB)")
    serve.add_argument("--max-batch", type=int, metavar="N", help="most messages in one batch (default: 1000)")
    serve.add_argument("--no-access-log", action="store_true", help="do not log each request's method, path and status")
    _policy_options(serve)
    serve.set_defaults(run=_serve, parser=serve)
    return parser


# --- linters per configuration ----------------------------------------------------------------


class _Linters:
    """One Linter per configuration file in play, with the command line's overrides applied, and
    what each configuration says of the files it governs (``exclude``, ``per-file-ignores``)."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self._by_config: dict[tuple[Path | None, str | None], Linter] = {}
        self._config_in: dict[Path, Path | None] = {}
        rules = [*engine_rules(), *default_registry().rules]
        for option in _RULE_OPTIONS:
            entries = getattr(args, option, None) or ()
            check_entries(entries, rules, path="command line", key="--" + option.replace("_", "-"))

    def config_for(self, folder: Path) -> Path | None:
        if self.args.config is not None:
            return self.args.config
        folder = folder.resolve()
        if folder not in self._config_in:
            self._config_in[folder] = find_config(folder)
        return self._config_in[folder]

    def for_folder(self, folder: Path, policy: str | None = None) -> Linter:
        """The Linter for files in ``folder``; ``policy`` (a template's front matter) overrides --policy."""
        return self.for_config(self.config_for(folder), policy)

    def for_config(self, config: Path | None, policy: str | None = None) -> Linter:
        linter = self._by_config.get((config, policy))
        if linter is None:
            linter = self._by_config[(config, policy)] = self._build(config, policy)
        return linter

    def _build(self, config: Path | None, policy: str | None = None) -> Linter:
        settings = load_settings(config) if config is not None else Settings()
        args = self.args
        overrides = {
            key: tuple(getattr(args, key)) for key in ("select", "extend_select") if getattr(args, key) is not None
        }
        if args.ignore is not None or getattr(args, "extend_ignore", None):
            ignore = settings.ignore if args.ignore is None else args.ignore
            overrides["ignore"] = (*ignore, *(getattr(args, "extend_ignore", None) or ()))
        if overrides:
            settings = settings_from_mapping({**settings.model_dump(), **overrides}, config)
        prefix = "tool.msglint." if config is not None and config.name == "pyproject.toml" else ""
        try:
            linter = Linter(policy or args.policy, settings)
        except ConfigError as exc:
            if exc.path is not None or exc.key is None:
                raise
            if exc.key == "policy" and policy:
                raise ConfigError(exc.problem, key="policy", path="front matter") from None
            if exc.key == "policy" and args.policy:
                raise ConfigError(exc.problem, path="command line", key="--policy") from None
            key = exc.key if exc.key.startswith(prefix) else prefix + exc.key
            raise ConfigError(exc.problem, path=config, key=key, line=exc.line) from None
        return linter

    def fail_on(self, linter: Linter) -> str:
        if getattr(self.args, "exit_zero", False):
            return "never"
        return self.args.fail_on or linter.fail_on

    # --- the files a configuration governs --------------------------------------------------

    def _governing(self, path: Path) -> tuple[Path, Settings, Path]:
        """``path`` resolved, the settings of its configuration, and the folder its globs start from."""
        resolved = path.resolve()
        config = self.config_for(resolved.parent)
        root = config.resolve().parent if config is not None else Path.cwd().resolve()
        return resolved, self.for_config(config).settings, root

    def excludes(self, path: Path) -> bool:
        """Whether ``--exclude``/``--extend-exclude`` (from the current folder) or the configuration's
        ``exclude``/``extend-exclude`` (from its folder) leave ``path`` out."""
        args = self.args
        resolved, settings, root = self._governing(path)
        given = (*(args.exclude or ()), *(args.extend_exclude or ()))
        if path_matches(resolved, given, Path.cwd().resolve()):
            return True
        return settings.excludes(resolved, root, replaced=args.exclude is not None)

    def ignored_in(self, path: Path | None) -> tuple[str, ...]:
        """The rules the configuration's ``per-file-ignores`` turns off for ``path``."""
        if path is None:
            return ()
        resolved, settings, root = self._governing(path)
        return settings.ignored_in(resolved, root)


def _fails(report: Report, fail_on: str) -> bool:
    if fail_on == "never":
        return False
    return any(finding.severity.rank >= _RANK[fail_on] for finding in report.findings)


def _color(args: argparse.Namespace, stream: TextIO) -> bool:
    """``--color``; else ``NO_COLOR``, then ``FORCE_COLOR``; else whether ``stream`` is a terminal.

    A report written to ``--output-file`` is never coloured (as in ruff).
    """
    if getattr(args, "output_file", None) is not None:
        return False
    choice = getattr(args, "color", "auto")
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stream.isatty()


def _options(args: argparse.Namespace, linter: Linter, stream: TextIO) -> Options:
    return Options.for_linter(linter, color=_color(args, stream), quiet=getattr(args, "quiet", False))


def _formatter(args: argparse.Namespace, default: str, linter: Linter, stream: TextIO) -> Formatter:
    """The report's formatter: ``--format``'s (else ``default``), or the count per rule of ``--statistics``."""
    if args.statistics:
        return StatisticsFormatter(stream, _options(args, linter, stream), shape=args.format or "text")
    return FORMATTERS[args.format or default](stream, _options(args, linter, stream))


def _error(message: str) -> None:
    print(f"msglint: error: {message}", file=sys.stderr)


def _warn(message: str) -> None:
    print(f"msglint: warning: {message}", file=sys.stderr)


def _warn_broken_plugins() -> None:
    for broken in default_registry().broken:
        print(f"msglint: warning: checker plugin {broken.name!r} could not be loaded: {broken.error}", file=sys.stderr)


# --- msglint check: files ---------------------------------------------------------------------


Problem = Callable[[str, int | None, str], None]


@dataclass(frozen=True)
class _Input:
    """A file (or standard input) to check, and the folder its configuration is looked up from."""

    path: Path | None  # None: standard input
    shown: str
    folder: Path
    template: bool = True  # linted as a template file (placeholders masked, directives honoured)


def _stdin(args: argparse.Namespace) -> _Input:
    """Standard input is one message, as a seller tool pipes a draft in: no directive in it is read.
    ``--stdin-filename`` with a template file's name makes it that template file."""
    name = args.stdin_filename
    if not name:
        return _Input(None, "-", Path.cwd(), template=False)
    include = tuple(args.include) if args.include else DEFAULT_INCLUDE
    return _Input(None, name, Path(name).parent, template=matches_glob(Path(name).name, include))


def _file(path: Path) -> _Input:
    return _Input(path, path.as_posix(), path.parent)


def _inputs(args: argparse.Namespace, linters: _Linters, problem: Problem) -> Iterator[_Input]:
    """The templates to check. A configuration file among the paths is validated, not checked as a
    template (so a pre-commit hook runs when only the configuration changed); excluded files, and
    the ``--output-file`` itself, are left out."""
    include = tuple(args.include) if args.include else DEFAULT_INCLUDE
    report = args.output_file.resolve() if args.output_file is not None else None
    left_out: list[Path] = []

    def skip(path: Path) -> bool:
        if path.name in CONFIG_FILES or path.resolve() == report or linters.excludes(path):
            left_out.append(path)
            return True
        return False

    for raw in args.paths or ["."]:
        if raw == "-":
            if args.stdin_filename is None or not linters.excludes(Path(args.stdin_filename)):
                yield _stdin(args)
            continue
        path = Path(raw)
        if path.is_dir():
            found = False
            left_out.clear()
            for file in discover(path, include, skip=skip):
                found = True
                yield _file(file)
            if not found and not left_out:
                problem(path.as_posix(), None, f"no files to check (looked for {' '.join(include)})")
        elif path.is_file():
            if path.name in CONFIG_FILES:
                if holds_settings(path):
                    linters.for_config(path.resolve())  # raises ConfigError, naming the file and key
            elif not skip(path):
                yield _file(path)
        elif path.exists():
            problem(path.as_posix(), None, "not a regular file")
        else:
            problem(path.as_posix(), None, "no such file or directory")


def _read(source: _Input) -> str:
    if source.path is None:
        return decode_template(sys.stdin.buffer.read())
    return read_template(source.path)


def _check_files(args: argparse.Namespace, linters: _Linters, stream: TextIO) -> int:
    unreadable: list[tuple[str, int | None, str]] = []

    def problem(path: str, line: int | None, message: str) -> None:
        unreadable.append((path, line, message))
        _error(f"{path}: {message}")

    inputs = list(_inputs(args, linters, problem))  # paths only: the contents are read one file at a time
    first = linters.for_folder(inputs[0].folder if inputs else _stdin(args).folder)
    formatter = _formatter(args, "text", first, stream)
    for path, line, message in unreadable:
        formatter.problem(path, line, message)
    failed = False
    formatter.start()
    for source in inputs:
        try:
            text = _read(source)
        except TemplateFileError as exc:
            problem(source.shown, None, str(exc))
            formatter.problem(source.shown, None, str(exc))
            continue
        try:
            declared = read_front_matter(text) if source.template else {}
            linter = linters.for_folder(source.folder, declared["policy"][0] if "policy" in declared else None)
        except (TemplateFileError, ConfigError) as exc:
            what = f"front matter: {exc.problem}" if isinstance(exc, ConfigError) else str(exc)
            problem(source.shown, None, what)
            formatter.problem(source.shown, None, what)
            continue
        named = source.path or (Path(args.stdin_filename) if args.stdin_filename else None)
        try:
            message = (
                _template_message(text, source.shown, linter)
                if source.template
                else Message(text=text, id=source.shown)
            )
        except TemplateFileError as exc:
            problem(source.shown, None, str(exc))
            formatter.problem(source.shown, None, str(exc))
            continue
        report = linter.lint(message, template=source.template, ignore=linters.ignored_in(named))
        formatter.handle(Source(source.shown, text), report)
        failed = failed or _fails(report, linters.fail_on(linter))
    formatter.stop()
    if unreadable:
        return EXIT_ERROR
    return EXIT_FINDINGS if failed else EXIT_OK


def _template_message(text: str, shown: str, linter: Linter) -> Message:
    """A template file as a message, with the fields its front matter declares (message_type, direction,
    subject); raises TemplateFileError naming the line of a field that is not valid."""
    declared = read_front_matter(text)
    fields: dict[str, str] = {}
    for key, (value, line) in declared.items():
        if key not in FRONT_MATTER_FIELDS:
            continue  # the pack it names chose the Linter
        try:
            Message.model_validate({"text": "", key: value})
        except ValidationError as exc:
            raise TemplateFileError(f"line {line}: front matter: {describe_validation_error(exc)}") from None
        fields[key] = value
    message = Message(text=text, id=shown, **fields)
    problem = linter.message_problem(message)
    if problem is not None:
        raise TemplateFileError(f"line {declared['message_type'][1]}: front matter: {problem}")
    return message


# --- msglint check --jsonl: messages ----------------------------------------------------------

_MESSAGE_FIELDS = frozenset(Message.model_fields)


def _message(record: Any) -> Message:
    """A Message from one decoded JSON line; raises ValueError naming the problem."""
    if not isinstance(record, dict):
        raise ValueError(f"expected a JSON object, got {type(record).__name__}")
    if "text" not in record:
        raise ValueError("missing field 'text'")
    fields = {key: value for key, value in record.items() if key in _MESSAGE_FIELDS}
    if "language" not in fields and isinstance(record.get("lang"), str):
        fields["language"] = record["lang"]  # the corpora's spelling
    if isinstance(fields.get("id"), int) and not isinstance(fields["id"], bool):
        fields["id"] = str(fields["id"])
    try:
        return Message.model_validate(fields)
    except ValidationError as exc:
        raise ValueError(describe_validation_error(exc)) from None


def _record_id(record: Any) -> str | None:
    found = record.get("id") if isinstance(record, dict) else None
    return str(found) if isinstance(found, str | int) and not isinstance(found, bool) else None


class _Progress:
    """A count of checked messages on standard error, only when it is a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.count = 0
        self._started = self._shown = time.monotonic()

    def tick(self) -> None:
        self.count += 1
        if self.enabled and time.monotonic() - self._shown > 0.25:
            self._shown = time.monotonic()
            rate = self.count / max(self._shown - self._started, 1e-9)
            sys.stderr.write(f"\rmsglint: {plural(self.count, 'message')} checked ({rate:,.0f}/s)")
            sys.stderr.flush()

    def done(self) -> None:
        if self.enabled and self._shown != self._started:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


class _JsonLines:
    """Messages of a JSON Lines stream, read one line at a time. A line that is not a message is said on
    standard error and answered, in its place, by a report that says it was not checked."""

    def __init__(
        self, lines: IO[bytes], label: str, formatter: Formatter, problem: Callable[[Message], str | None]
    ) -> None:
        self.lines = lines
        self.problem = problem  # what makes a valid message one the Linter cannot check
        self.label = label
        self.formatter = formatter
        self.malformed = 0
        self.blank = 0
        self.pending: deque[tuple[int, Message | Unreadable]] = deque()  # read, not yet reported

    def __iter__(self) -> Iterator[Message]:
        for number, raw in enumerate(self.lines, start=1):
            line = raw[len(codecs.BOM_UTF8) :] if number == 1 and raw.startswith(codecs.BOM_UTF8) else raw
            if not line.strip():
                self.blank += 1
                continue
            record: Any = None
            item: Message | Unreadable
            try:
                record = json.loads(line)
                item = _message(record)
                if (problem := self.problem(item)) is not None:
                    item = self._unreadable(number, problem, item.id)
            except json.JSONDecodeError as exc:
                item = self._unreadable(number, f"not valid JSON: {exc.msg} (column {exc.colno})")
            except UnicodeDecodeError as exc:
                item = self._unreadable(
                    number, f"not UTF-8 text (byte 0x{line[exc.start]:02x} at column {exc.start + 1})"
                )
            except ValueError as exc:
                item = self._unreadable(number, str(exc), _record_id(record))
            self.pending.append((number, item))
            yield item

    def _unreadable(self, number: int, problem: str, message_id: str | None = None) -> Unreadable:
        self.malformed += 1
        _error(f"{self.label}:{number}: {problem}; this line was not checked")
        return Unreadable(f"line {number}: {problem}", message_id)


def _check_jsonl(args: argparse.Namespace, linters: _Linters, stream: TextIO) -> int:
    from_stdin = args.jsonl == "-"
    label = _stdin(args).shown if from_stdin else args.jsonl
    linter = linters.for_folder(_stdin(args).folder if from_stdin else Path(label).parent)
    formatter = _formatter(args, "jsonl", linter, stream)
    fail_on = linters.fail_on(linter)
    failed = False
    with ExitStack() as stack:
        try:
            lines = sys.stdin.buffer if from_stdin else stack.enter_context(Path(label).open("rb"))
        except OSError as exc:
            _error(f"{label}: {exc.strerror or exc}")
            return EXIT_ERROR
        reader = _JsonLines(lines, label, formatter, linter.message_problem)
        # A pipe or terminal is a tool keeping msglint open as a co-process: each line is answered as
        # soon as it is read. A file is read in batches.
        interactive = not _is_regular_file(lines)
        progress = _Progress(not args.quiet and not interactive)
        unchecked = 0
        formatter.start()
        try:
            for report in linter.lint_many(reader, batch_size=1 if interactive else 256):
                number, item = reader.pending.popleft()
                text = item.text if isinstance(item, Message) else ""
                formatter.handle(Source(label, text, line=number, message_id=item.id), report)
                if interactive:
                    stream.flush()
                failed = failed or _fails(report, fail_on)
                unchecked += any(f.rule in UNCHECKED for f in report.findings)
                progress.tick()
        finally:
            progress.done()
        formatter.stop()
    if reader.blank and not args.quiet:
        print(f"msglint: note: {label}: skipped {reader.blank:,} blank line(s)", file=sys.stderr)
    if unchecked:
        _error(f"{label}: {unchecked:,} line(s) could not be checked (see their reports)")
        return EXIT_ERROR
    return EXIT_FINDINGS if failed else EXIT_OK


def _is_regular_file(stream: IO[bytes]) -> bool:
    try:
        return stat.S_ISREG(os.fstat(stream.fileno()).st_mode)
    except (OSError, ValueError):
        return False


def _check(args: argparse.Namespace) -> int:
    parser = args.parser
    if args.jsonl is not None:
        if args.paths:
            parser.error("give either PATH arguments or --jsonl, not both")
        if args.format and not FORMATTERS[args.format].handles_messages:
            parser.error(f"--format {args.format} describes files; with --jsonl use jsonl, json or text")
    elif args.paths.count("-") > 1:
        parser.error("standard input ('-') can be read only once")
    if args.output_file is not None:
        inputs = [args.jsonl] if args.jsonl is not None else args.paths
        if any(name != "-" and Path(name).resolve() == args.output_file.resolve() for name in inputs):
            parser.error(f"--output-file {args.output_file} is also an input: the report would overwrite it")
    if args.statistics and args.format not in (None, *StatisticsFormatter.shapes):
        parser.error(f"--statistics counts findings as text, json or jsonl, not as --format {args.format}")
    if args.no_color:
        args.color = "never"
        if not args.quiet:
            _warn("--no-color is deprecated; use --color never")
    _warn_broken_plugins()
    linters = _Linters(args)
    with ExitStack() as stack:
        stream = sys.stdout
        if args.output_file is not None:
            try:
                stream = stack.enter_context(_report_file(args.output_file))
            except OSError as exc:
                _error(f"{args.output_file}: cannot write the report there: {exc.strerror or exc}")
                return EXIT_ERROR
        if args.jsonl is not None:
            return _check_jsonl(args, linters, stream)
        return _check_files(args, linters, stream)


def _report_file(path: Path) -> TextIO:
    """``--output-file``, its folders made as needed (as ruff does)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return path.open("w", encoding="utf-8")


# --- msglint rules / explain ------------------------------------------------------------------


def _rules(args: argparse.Namespace) -> int:
    linter = _Linters(args).for_folder(Path.cwd())
    rows = [
        {
            "code": rule.code,
            "name": rule.name,
            "category": rule.category.value if rule.category is not None else None,
            "default_severity": rule.severity.value,
            "enabled": linter.is_enabled(rule.code),
            "severity": linter.severity_of(rule.code).value,
            "scope": rule.scope,
        }
        for rule in sorted(linter.rules, key=lambda rule: rule.code)
    ]
    if args.format == "json":
        print(json.dumps({"policy": linter.policy.name, "rules": rows}, ensure_ascii=False, indent=2))
        return EXIT_OK
    header = {"code": "CODE", "name": "NAME", "category": "CATEGORY", "default_severity": "DEFAULT", "state": "ACTIVE"}
    table = [
        {**row, "category": row["category"] or "-", "state": row["severity"] if row["enabled"] else "off"}
        for row in rows
    ]
    columns = ("code", "name", "category", "default_severity", "state")
    widths = {c: max(len(str(r[c])) for r in [header, *table]) for c in columns}
    print(f"Rules of policy '{linter.policy.name}' (ACTIVE: severity in this policy, or off)")
    for row in [header, *table]:
        print("  ".join(f"{row[c]!s:<{widths[c]}}" for c in columns).rstrip())
    return EXIT_OK


def _explain(args: argparse.Namespace) -> int:
    linter = _Linters(args).for_folder(Path.cwd())
    wanted = args.code.strip()
    rule = linter.find_rule(wanted)
    if rule is None:
        codes = sorted(rule.code for rule in linter.rules)
        close = [code for code in codes if code.startswith(wanted.upper())] if wanted else []
        close += difflib.get_close_matches(wanted.upper(), codes, n=3, cutoff=0.6)
        close += difflib.get_close_matches(wanted.lower(), [r.name for r in linter.rules], n=3, cutoff=0.6)
        hint = f"; did you mean {', '.join(sorted(set(close)))}?" if close else "; see `msglint rules`"
        _error(f"no rule {wanted!r}{hint}")
        return EXIT_ERROR
    lang = args.lang.strip().lower().replace("_", "-").split("-", 1)[0]  # a tag reads its base: de-AT -> de
    languages = supported_languages()
    if lang not in languages:
        _error(f"no language {args.lang!r}; msglint has words for: {', '.join(languages)}")
        return EXIT_ERROR
    sys.stdout.write(RuleDoc.in_linter(linter, rule, lang).text())
    return EXIT_OK


# --- msglint serve -----------------------------------------------------------------------------


def _serve(args: argparse.Namespace) -> int:
    try:
        from msglint import server
    except ImportError as exc:
        _error(f"msglint serve needs the server extra: pip install 'msglint[server]' ({exc.name} is missing)")
        return EXIT_ERROR
    given = {
        "host": args.host,
        "port": args.port,
        "workers": args.workers,
        "max_body_bytes": args.max_body_bytes,
        "max_batch": args.max_batch,
    }
    try:
        options = server.ServerOptions(
            **{key: value for key, value in given.items() if value is not None},
            policy=args.policy,
            access_log=not args.no_access_log,
        )
    except ValidationError as exc:
        error = exc.errors()[0]
        args.parser.error(f"--{str(error['loc'][0]).replace('_', '-')}: {error['msg']}")
    _warn_broken_plugins()
    checked = _Linters(args).for_folder(Path.cwd())  # a bad configuration is told now, as `check` tells it
    options = options.model_copy(update={"settings": checked.settings})
    # With --workers N each worker builds its own Linter; this one only checked the configuration.
    linter = checked if options.workers == 1 else None
    del checked
    try:
        server.serve(options, linter)
    except SystemExit as exc:  # uvicorn's own exit, e.g. when the port is taken
        return EXIT_ERROR if exc.code else EXIT_OK
    return EXIT_OK


# --- entry point ------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (see ``msglint --help``)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error (argparse says 2)
        return exc.code if isinstance(exc.code, int) else EXIT_ERROR
    try:
        return args.run(args)
    except SystemExit as exc:  # parser.error() from a command's own checks
        return exc.code if isinstance(exc.code, int) else EXIT_ERROR
    except ConfigError as exc:
        _error(str(exc))
        return EXIT_ERROR
    except BrokenPipeError:
        # The reader went away (`msglint … | head`): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_ERROR
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130


__all__ = ["EXIT_ERROR", "EXIT_FINDINGS", "EXIT_OK", "build_parser", "main"]
