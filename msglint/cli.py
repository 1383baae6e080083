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
from msglint.api import Linter, default_registry
from msglint.config import Settings, find_config, load_settings, settings_from_mapping
from msglint.errors import ConfigError
from msglint.formatters import FORMATTERS, Formatter, Options, Source
from msglint.formatters.base import plural
from msglint.formatters.ruledoc import RuleDoc
from msglint.models import Message, Report
from msglint.templates import (
    DEFAULT_INCLUDE,
    TemplateFileError,
    decode_template,
    discover,
    is_excluded,
    read_template,
)

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2

FAIL_ON = ("error", "warning", "info", "never")
_RANK = {"info": 1, "warning": 2, "error": 3}

EXIT_CODES = """\
exit status:
  0  nothing at or above --fail-on was found
  1  a finding at or above --fail-on was found
  2  usage, configuration or input error (bad option, bad config, unreadable file, malformed JSONL line)
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
    ):
        group.add_argument(
            flag, action=_Extend, metavar="RULES", help=f"{what} (comma-separated codes, prefixes, names, categories)"
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
    files = check.add_argument_group("files")
    files.add_argument(
        "--include",
        action=_Extend,
        metavar="GLOBS",
        help=f"file name globs to check in directories (default: {' '.join(DEFAULT_INCLUDE)})",
    )
    files.add_argument("--exclude", action=_Extend, metavar="GLOBS", help="globs of files or folders to skip")
    files.add_argument("--stdin-filename", metavar="PATH", help="the name to report standard input under")
    _policy_options(check)
    output = check.add_argument_group("output")
    output.add_argument("--statistics", action="store_true", help="add a count of findings per rule")
    output.add_argument("--quiet", "-q", action="store_true", help="only findings and errors: no summary, no progress")
    output.add_argument("--no-color", action="store_true", help="never colour the output (NO_COLOR is respected too)")
    check.set_defaults(run=_check, parser=check)

    rules = commands.add_parser("rules", help="list every rule and whether the active policy turns it on")
    rules.add_argument("--format", choices=("text", "json"), default="text")
    _policy_options(rules)
    rules.set_defaults(run=_rules, parser=rules)

    explain = commands.add_parser("explain", help="show a rule's documentation")
    explain.add_argument("code", metavar="CODE", help="rule code (TPL001) or name (promotional-placeholder)")
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
    """One Linter per configuration file in play, with the command line's overrides applied."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self._by_config: dict[Path | None, Linter] = {}
        self._config_in: dict[Path, Path | None] = {}

    def config_for(self, folder: Path) -> Path | None:
        if self.args.config is not None:
            return self.args.config
        folder = folder.resolve()
        if folder not in self._config_in:
            self._config_in[folder] = find_config(folder)
        return self._config_in[folder]

    def for_folder(self, folder: Path) -> Linter:
        config = self.config_for(folder)
        linter = self._by_config.get(config)
        if linter is None:
            linter = self._by_config[config] = self._build(config)
        return linter

    def _build(self, config: Path | None) -> Linter:
        settings = load_settings(config) if config is not None else Settings()
        overrides = {
            key: tuple(value)
            for key, value in (
                ("select", self.args.select),
                ("extend_select", self.args.extend_select),
                ("ignore", self.args.ignore),
            )
            if value is not None
        }
        if overrides:
            settings = settings_from_mapping({**settings.model_dump(), **overrides}, config)
        try:
            return Linter(self.args.policy, settings)
        except ConfigError as exc:
            if exc.path is not None or exc.key is None:
                raise
            option = exc.key.replace("_", "-")
            if option.replace("-", "_") in overrides or (option == "policy" and self.args.policy):
                raise ConfigError(exc.problem, path="command line", key=f"--{option}") from None
            raise ConfigError(exc.problem, path=config, key=exc.key, line=exc.line) from None

    def fail_on(self, linter: Linter) -> str:
        return self.args.fail_on or linter.fail_on


def _fails(report: Report, fail_on: str) -> bool:
    if fail_on == "never":
        return False
    return any(finding.severity.rank >= _RANK[fail_on] for finding in report.findings)


def _options(args: argparse.Namespace, linter: Linter, stream: TextIO) -> Options:
    color = not getattr(args, "no_color", False) and not os.environ.get("NO_COLOR") and stream.isatty()
    return Options.for_linter(
        linter,
        color=color,
        statistics=getattr(args, "statistics", False),
        quiet=getattr(args, "quiet", False),
    )


def _error(message: str) -> None:
    print(f"msglint: error: {message}", file=sys.stderr)


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


def _stdin(args: argparse.Namespace) -> _Input:
    name = args.stdin_filename
    return _Input(None, name or "-", Path(name).parent if name else Path.cwd())


def _file(path: Path) -> _Input:
    return _Input(path, path.as_posix(), path.parent)


def _inputs(args: argparse.Namespace, problem: Problem) -> Iterator[_Input]:
    include = tuple(args.include) if args.include else DEFAULT_INCLUDE
    exclude = tuple(args.exclude or ())
    for raw in args.paths or ["."]:
        if raw == "-":
            yield _stdin(args)
            continue
        path = Path(raw)
        if path.is_dir():
            found = False
            for file in discover(path, include, exclude):
                found = True
                yield _file(file)
            if not found:
                problem(path.as_posix(), None, f"no files to check (looked for {' '.join(include)})")
        elif path.is_file():
            if not is_excluded(path, exclude):
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

    inputs = list(_inputs(args, problem))  # paths only: the contents are read one file at a time
    first = linters.for_folder(inputs[0].folder if inputs else _stdin(args).folder)
    formatter = FORMATTERS[args.format or "text"](stream, _options(args, first, stream))
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
        linter = linters.for_folder(source.folder)
        report = linter.lint(Message(text=text, id=source.shown), template=True)
        formatter.handle(Source(source.shown, text), report)
        failed = failed or _fails(report, linters.fail_on(linter))
    formatter.stop()
    if unreadable:
        return EXIT_ERROR
    return EXIT_FINDINGS if failed else EXIT_OK


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
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"]) or "message"
        got = repr(error.get("input"))
        raise ValueError(f"field '{where}': {error['msg']} (got {got[:60]})") from None


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
    """Messages of a JSON Lines stream, read one line at a time; a bad line is told and skipped, never lost."""

    def __init__(self, lines: IO[bytes], label: str, formatter: Formatter) -> None:
        self.lines = lines
        self.label = label
        self.formatter = formatter
        self.malformed = 0
        self.blank = 0
        self.pending: deque[tuple[int, Message]] = deque()  # read, not yet reported: (line number, message)

    def __iter__(self) -> Iterator[Message]:
        for number, raw in enumerate(self.lines, start=1):
            line = raw[len(codecs.BOM_UTF8) :] if number == 1 and raw.startswith(codecs.BOM_UTF8) else raw
            if not line.strip():
                self.blank += 1
                continue
            try:
                message = _message(json.loads(line))
            except json.JSONDecodeError as exc:
                self._skip(number, f"not valid JSON: {exc.msg} (column {exc.colno})")
            except UnicodeDecodeError as exc:
                self._skip(number, f"not UTF-8 text (byte 0x{line[exc.start]:02x} at column {exc.start + 1})")
            except ValueError as exc:
                self._skip(number, str(exc))
            else:
                self.pending.append((number, message))
                yield message

    def _skip(self, number: int, problem: str) -> None:
        self.malformed += 1
        _error(f"{self.label}:{number}: {problem}; line skipped")
        self.formatter.problem(self.label, number, problem)


def _check_jsonl(args: argparse.Namespace, linters: _Linters, stream: TextIO) -> int:
    from_stdin = args.jsonl == "-"
    label = _stdin(args).shown if from_stdin else args.jsonl
    linter = linters.for_folder(_stdin(args).folder if from_stdin else Path(label).parent)
    formatter = FORMATTERS[args.format or "jsonl"](stream, _options(args, linter, stream))
    fail_on = linters.fail_on(linter)
    failed = False
    with ExitStack() as stack:
        try:
            lines = sys.stdin.buffer if from_stdin else stack.enter_context(Path(label).open("rb"))
        except OSError as exc:
            _error(f"{label}: {exc.strerror or exc}")
            return EXIT_ERROR
        reader = _JsonLines(lines, label, formatter)
        progress = _Progress(not args.quiet)
        formatter.start()
        try:
            for report in linter.lint_many(reader):
                number, message = reader.pending.popleft()
                formatter.handle(Source(label, message.text, line=number, message_id=message.id), report)
                failed = failed or _fails(report, fail_on)
                progress.tick()
        finally:
            progress.done()
        formatter.stop()
    if reader.blank and not args.quiet:
        print(f"msglint: note: {label}: skipped {reader.blank:,} blank line(s)", file=sys.stderr)
    if reader.malformed:
        _error(f"{label}: {reader.malformed:,} malformed line(s) were not checked")
        return EXIT_ERROR
    return EXIT_FINDINGS if failed else EXIT_OK


def _check(args: argparse.Namespace) -> int:
    parser = args.parser
    if args.jsonl is not None:
        if args.paths:
            parser.error("give either PATH arguments or --jsonl, not both")
        if args.format and not FORMATTERS[args.format].handles_messages:
            parser.error(f"--format {args.format} describes files; with --jsonl use jsonl, json or text")
    elif args.paths.count("-") > 1:
        parser.error("standard input ('-') can be read only once")
    _warn_broken_plugins()
    linters = _Linters(args)
    stream = sys.stdout
    if args.jsonl is not None:
        return _check_jsonl(args, linters, stream)
    return _check_files(args, linters, stream)


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
    by_key = {rule.code: rule for rule in linter.rules} | {rule.name: rule for rule in linter.rules}
    rule = by_key.get(wanted.upper()) or by_key.get(wanted.lower())
    if rule is None:
        codes = sorted(rule.code for rule in linter.rules)
        close = [code for code in codes if code.startswith(wanted.upper())] if wanted else []
        close += difflib.get_close_matches(wanted.upper(), codes, n=3, cutoff=0.6)
        close += difflib.get_close_matches(wanted.lower(), [r.name for r in linter.rules], n=3, cutoff=0.6)
        hint = f"; did you mean {', '.join(sorted(set(close)))}?" if close else "; see `msglint rules`"
        _error(f"no rule {wanted!r}{hint}")
        return EXIT_ERROR
    doc = RuleDoc.of(
        rule,
        severity=linter.severity_of(rule.code),
        enabled=linter.is_enabled(rule.code),
        policy=linter.policy.name,
        clauses=linter.policy.clauses,
    )
    sys.stdout.write(doc.text())
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
