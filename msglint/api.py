"""The one place a message enters msglint: :func:`lint` and :class:`Linter`."""

from __future__ import annotations

import functools
import gc
import itertools
import threading
from bisect import bisect_left
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from msglint import suppress
from msglint.checkers.base import Checker, CheckerContext, Hit, load_rules
from msglint.config import (
    PolicyPack,
    Settings,
    check_entries,
    is_selected,
    load_policy,
    load_settings,
    most_specific,
    settings_from_mapping,
    severity_for,
)
from msglint.document import Document
from msglint.errors import ConfigError, PolicyViolation
from msglint.models import Finding, Message, Report, Rule, Severity, Span
from msglint.nlp import Pipeline, resolve_lang
from msglint.normalize import normalize
from msglint.registry import ENTRY_POINT_GROUP, Registry
from msglint.watchdog import CheckerTimeout, shared_watchdog

if TYPE_CHECKING:
    from concurrent.futures import Future

ENGINE = "engine"
CHECKER_FAILED = "MSG001"
UNUSED_SUPPRESSION = "MSG002"
MESSAGE_TOO_LONG = "MSG003"
INVALID_OUTPUT = "MSG004"

P = ParamSpec("P")
R = TypeVar("R")
MessageLike = str | Message | Mapping[str, Any]
ConfigLike = Settings | Mapping[str, Any] | str | Path | None


@cache
def default_registry() -> Registry:
    """The checkers installed under the ``msglint.checkers`` entry-point group."""
    return Registry.from_entry_points()


def engine_rules() -> tuple[Rule, ...]:
    return load_rules("msglint.rules", "engine", ENGINE)


def _settings(config: ConfigLike) -> tuple[Settings, str | None]:
    if config is None:
        return Settings(), None
    if isinstance(config, Settings):
        return config, None
    if isinstance(config, str | Path):
        return load_settings(config), str(config)
    if isinstance(config, Mapping):
        return settings_from_mapping(config), None
    raise TypeError(f"config must be Settings, a mapping, a path or None, not {type(config).__name__}")


def _message(message: MessageLike) -> Message:
    if isinstance(message, Message):
        return message
    if isinstance(message, str):
        return Message(text=message)
    if isinstance(message, Mapping):
        return Message.model_validate(message)
    raise TypeError(
        f"lint() takes a str, a msglint.Message or a mapping of Message fields, not {type(message).__name__}"
    )


class Linter:
    """Checks messages against one policy and configuration. Build once, reuse; thread-safe.

    ``policy`` names a built-in policy pack (default: the configuration's, else ``amazon``) or a
    pack file. ``config`` is a :class:`~msglint.config.Settings`, a mapping of its keys, or the
    path of a ``.msglint.toml``/``pyproject.toml``. ``ignore`` turns rules off for this Linter.
    """

    def __init__(
        self,
        policy: str | None = None,
        config: ConfigLike = None,
        *,
        registry: Registry | None = None,
        ignore: Iterable[str] = (),
    ) -> None:
        self.settings, config_path = _settings(config)
        self.policy: PolicyPack
        self._policy_arg = policy or self.settings.policy
        self.policy, _ = load_policy(self._policy_arg)
        self.registry = registry if registry is not None else default_registry()
        self._ignore = tuple(ignore)
        self._rules: dict[str, Rule] = {r.code: r for r in (*engine_rules(), *self.registry.rules)}
        rules = list(self._rules.values())
        settings = self.settings
        for key, entries in (
            ("select", settings.select or ()),
            ("extend-select", settings.extend_select),
            ("ignore", settings.ignore),
            ("severity", tuple(settings.severity)),
            ("extra-terms", tuple(settings.extra_terms)),
        ):
            check_entries(entries, rules, path=config_path, key=key)
        check_entries(self._ignore, rules, path=None, key="ignore")

        select = (*(settings.select if settings.select is not None else self.policy.select), *settings.extend_select)
        ignored = (*self.policy.ignore, *settings.ignore, *self._ignore)
        self._enabled = {
            code for code, rule in self._rules.items() if rule.checker == ENGINE or is_selected(rule, select, ignored)
        }
        self._enabled -= {code for code in self._enabled if most_specific(ignored, self._rules[code]) >= 0}
        self._severity = {
            code: severity_for(rule, (self.policy.severity, settings.severity)) for code, rule in self._rules.items()
        }
        context_domains = frozenset(d.lower() for d in (*self.policy.allowed_domains, *settings.allowed_domains))
        # A checker that cannot be loaded or started is reported on every message (MSG001), not raised:
        # one broken plugin must not stop a seller's messages from being checked by the others.
        self._failures: dict[str, str] = {b.name: f"could not be loaded ({b.error})" for b in self.registry.broken}
        if registry is None and not self.registry.checkers:
            # Never a silent pass: a message checked by nothing must not come back "allow" unremarked.
            self._failures["msglint"] = (
                f"found no checkers under the '{ENTRY_POINT_GROUP}' entry points (is msglint installed?)"
            )
        self._checkers: list[Checker] = []
        for checker_id, checker_cls in self.registry.checkers.items():
            if any(rule.code in self._enabled for rule in checker_cls.rules):
                context = CheckerContext(
                    policy=self.policy.name,
                    options=self.policy.options.get(checker_id, {}),
                    allowed_domains=context_domains,
                    extra_terms=settings.extra_terms,
                )
                try:
                    self._checkers.append(checker_cls(context))
                except ConfigError:
                    raise
                except Exception as exc:  # noqa: BLE001 - reported as MSG001 instead
                    self._failures[checker_id] = f"could not start ({type(exc).__name__}: {exc})"
        self._declared = {c.id: frozenset(r.code for r in c.rules) for c in self._checkers}
        self._pipelines: dict[str, Pipeline] = {}
        self._lock = threading.Lock()
        self._pipeline("en")

    # --- what this Linter knows -------------------------------------------------------------

    @property
    def rules(self) -> list[Rule]:
        """Every rule this Linter knows, engine rules first, with its documentation."""
        return list(self._rules.values())

    def rule(self, code: str) -> Rule:
        return self._rules[code]

    def is_enabled(self, code: str) -> bool:
        return code in self._enabled

    def severity_of(self, code: str) -> Severity:
        return self._severity[code]

    @property
    def fail_on(self) -> str:
        return self.settings.fail_on

    # --- linting ----------------------------------------------------------------------------

    def lint(self, message: MessageLike, *, ignore: Sequence[str] = (), template: bool = False) -> Report:
        """Check one message. Never raises for message content.

        ``ignore`` turns rules off for this call. ``template`` treats the text as a message template
        file: placeholders and template syntax are masked (offsets kept) and ``msglint: disable…``
        directives are honoured; both belong in template files only (see :mod:`msglint.templates`).
        """
        msg = _message(message)
        pipeline = self._pipeline(resolve_lang(msg.lang))
        checked = self._within_limit(msg)
        masked = None
        if template:
            from msglint.templates import mask_template

            masked = mask_template(checked.text)
            checked = checked.model_copy(update={"text": masked.text})
        with pipeline.lock:
            findings = self._check(Document(checked, pipeline, template=masked, source=msg.text))
        if pipeline.worn_out():
            self._renew(pipeline)
        return self._report(msg, findings, ignore, template)

    def lint_many(
        self,
        messages: Iterable[MessageLike],
        *,
        batch_size: int = 256,
        n_process: int = 1,
        ignore: Sequence[str] = (),
    ) -> Iterator[Report]:
        """Check a stream of messages, yielding reports in the same order; memory stays flat.

        With ``n_process > 1`` batches are spread over that many worker processes.
        """
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        if n_process < 1:
            raise ValueError("n_process must be at least 1")
        batches = _batched((_message(m) for m in messages), batch_size)
        if n_process == 1:
            for batch in batches:
                yield from self._lint_batch(batch, tuple(ignore))
            return
        yield from self._lint_parallel(batches, n_process, tuple(ignore))

    def guard(self, message: MessageLike, *, ignore: Sequence[str] = ()) -> Report:
        """The report when the message may go out; raises :class:`PolicyViolation` when it is blocked."""
        report = self.lint(message, ignore=ignore)
        if report.verdict == "block":
            raise PolicyViolation(report)
        return report

    def guarded(self, send: Callable[Concatenate[Any, P], R]) -> Callable[Concatenate[Any, P], R]:
        """Decorate a send function whose first argument is the message: it is called only when
        :meth:`guard` lets the message go, and raises :class:`PolicyViolation` otherwise."""

        @functools.wraps(send)
        def checked_send(message: Any, /, *args: P.args, **kwargs: P.kwargs) -> R:
            self.guard(message)
            return send(message, *args, **kwargs)

        return checked_send

    # --- internals --------------------------------------------------------------------------

    def _pipeline(self, lang: str) -> Pipeline:
        pipeline = self._pipelines.get(lang)
        if pipeline is None:
            with self._lock:
                pipeline = self._pipelines.get(lang)
                if pipeline is None:
                    pipeline = self._pipelines[lang] = self._build_pipeline(lang)
        return pipeline

    def _build_pipeline(self, lang: str) -> Pipeline:
        # Building allocates some 40,000 objects that live as long as the Linter; the collector would
        # scan the whole heap two or three times meanwhile (~60 ms each) to find no garbage in them.
        collecting = gc.isenabled()
        gc.disable()
        try:
            pipeline = Pipeline(lang)
            for checker in self._checkers:
                try:
                    checker.prepare(pipeline)
                except ConfigError:
                    raise  # a malformed lexicon or option: the user's to fix, named by file and line
                except Exception as exc:  # noqa: BLE001 - reported as MSG001 instead
                    self._failures[checker.id] = f"could not start ({type(exc).__name__}: {exc})"
            self._checkers = [c for c in self._checkers if c.id not in self._failures]
            pipeline.seal()
            return pipeline
        finally:
            if collecting:
                gc.enable()

    def _renew(self, worn: Pipeline) -> None:
        """Replace a pipeline that learned too many words; callers still using it finish safely."""
        with self._lock:
            if self._pipelines.get(worn.lang) is worn:
                self._pipelines[worn.lang] = self._build_pipeline(worn.lang)

    def _within_limit(self, msg: Message) -> Message:
        limit = self.settings.max_message_chars
        return msg if len(msg.text) <= limit else msg.model_copy(update={"text": msg.text[:limit]})

    def _lint_batch(self, batch: list[Message], ignore: tuple[str, ...]) -> list[Report]:
        by_lang: dict[str, list[int]] = {}
        for index, msg in enumerate(batch):
            by_lang.setdefault(resolve_lang(msg.lang), []).append(index)
        reports: list[Report | None] = [None] * len(batch)
        for lang, indices in by_lang.items():
            pipeline = self._pipeline(lang)
            checked = [self._within_limit(batch[i]) for i in indices]
            views = [normalize(m.text) for m in checked]
            with pipeline.lock:
                docs = pipeline.docs((folded.text for _, folded in views), batch_size=len(views))
                found = [
                    self._check(Document(msg, pipeline, views=view, doc=doc))
                    for msg, view, doc in zip(checked, views, docs, strict=True)
                ]
            if pipeline.worn_out():
                self._renew(pipeline)
            for i, findings in zip(indices, found, strict=True):
                reports[i] = self._report(batch[i], findings, ignore, False)
        return [r for r in reports if r is not None]

    def _lint_parallel(
        self, batches: Iterator[list[Message]], n_process: int, ignore: tuple[str, ...]
    ) -> Iterator[Report]:
        from concurrent.futures import ProcessPoolExecutor  # 20 ms of import only batch jobs need
        from multiprocessing import get_context

        checkers = None if self.registry is default_registry() else tuple(self.registry.checkers.values())
        init = (self._policy_arg, self.settings, self._ignore, checkers)
        with ProcessPoolExecutor(
            n_process, mp_context=get_context("spawn"), initializer=_worker_init, initargs=init
        ) as pool:
            pending: deque[Future[list[Report]]] = deque()
            for batch in batches:
                pending.append(pool.submit(_worker_lint, batch, ignore))
                if len(pending) >= 2 * n_process:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()

    def _check(self, document: Document) -> list[Finding]:
        findings = [
            self._engine_finding(document.text, CHECKER_FAILED, f"Checker {name!r} {why}; its rules were not applied.")
            for name, why in self._failures.items()
        ]
        found = self._run_checkers(document)
        readings = document.respaced()
        if readings:
            # Words glued together ("leaveus5stars") read apart: what the checkers find in a re-spaced
            # stretch is reported on the glued words, where the message as written raised nothing of
            # its kind.
            taken = _Taken(found)
            found.extend(f for reading in readings for f in self._run_checkers(reading) if not taken.overlaps(f))
        findings.extend(found)
        return _dedupe(findings)

    def _run_checkers(self, document: Document) -> list[Finding]:
        findings: list[Finding] = []
        budget = self.settings.checker_timeout_seconds
        watchdog = shared_watchdog()
        for checker in self._checkers:
            try:
                watchdog.arm(budget)
                try:
                    hits = list(checker.check(document))
                finally:
                    watchdog.disarm()
            except CheckerTimeout:
                note = f"Checker {checker.id!r} ran past its {budget:g} s time budget; its rules were not applied."
                findings.append(self._engine_finding(document.text, CHECKER_FAILED, note))
                continue
            except Exception as exc:  # noqa: BLE001 - one checker must not take the report down
                note = f"Checker {checker.id!r} failed ({type(exc).__name__}: {exc}); its rules were not applied."
                findings.append(self._engine_finding(document.text, CHECKER_FAILED, note))
                continue
            invalid = 0
            for hit in hits:
                finding = self._finding(document, checker, hit)
                if finding is None:
                    invalid += 1
                elif finding is not _UNSELECTED:
                    findings.append(finding)  # type: ignore[arg-type]
            if invalid:
                note = f"Checker {checker.id!r} produced {invalid} invalid finding(s), which were dropped."
                findings.append(self._engine_finding(document.text, INVALID_OUTPUT, note))
        return findings

    def _finding(self, document: Document, checker: Checker, hit: object) -> Finding | object | None:
        if not isinstance(hit, Hit) or hit.rule not in self._declared[checker.id]:
            return None
        if hit.rule not in self._enabled:
            return _UNSELECTED
        if not (isinstance(hit.start, int) and isinstance(hit.end, int) and hit.start < hit.end):
            return None
        try:
            start, end = document.to_original(hit.view, hit.start, hit.end)
        except (ValueError, IndexError):
            return None
        rule = self._rules[hit.rule]
        text = document.source
        try:
            return Finding(
                rule=rule.code,
                name=rule.name,
                category=rule.category,
                severity=self._severity[rule.code],
                message=hit.message or rule.message or rule.summary,
                span=document.lines.span(start, end),
                text=text[start:end],
                suggestion=hit.suggestion or rule.suggestion,
                policy=self._clause(rule),
                confidence=hit.confidence,
            )
        except ValueError:
            return None

    def _clause(self, rule: Rule) -> str | None:
        return f"{self.policy.name}:{rule.policy}" if rule.policy else None

    def _engine_finding(self, text: str, code: str, message: str, start: int = 0, end: int = 0) -> Finding:
        rule = self._rules[code]
        return Finding(
            rule=code,
            name=rule.name,
            category=None,
            severity=self._severity[code],
            message=message,
            span=Span.in_text(text, start, end),
            text=text[start:end],
            suggestion=rule.suggestion,
            policy=None,
        )

    def _report(self, msg: Message, findings: list[Finding], ignore: Sequence[str], template: bool) -> Report:
        text = msg.text
        limit = self.settings.max_message_chars
        if len(text) > limit and MESSAGE_TOO_LONG in self._enabled:
            note = f"Only the first {limit:,} of {len(text):,} characters were checked; the rest starts here."
            findings.append(self._engine_finding(text, MESSAGE_TOO_LONG, note, limit, limit + 1))
        if template:
            findings = self._apply_directives(text, findings)
        if ignore:
            entries = self._runtime_ignore(tuple(ignore))
            findings = [f for f in findings if most_specific(entries, self._rules[f.rule]) < 0]
        return Report(policy=self.policy.name, message_id=msg.id, findings=tuple(findings))

    def _apply_directives(self, text: str, findings: list[Finding]) -> list[Finding]:
        directives = suppress.find_directives(text)
        if not directives:
            return findings
        findings, unused = suppress.apply(findings, directives, self._rules)
        if UNUSED_SUPPRESSION in self._enabled:
            for directive, entry in unused:
                what = f"'{entry}'" if entry else "any rule"
                note = f"This msglint: {directive.kind} directive suppresses nothing for {what}."
                findings.append(self._engine_finding(text, UNUSED_SUPPRESSION, note, directive.start, directive.end))
        return findings

    @lru_cache(maxsize=64)  # noqa: B019 - bounded, and a Linter lives as long as its users
    def _runtime_ignore(self, entries: tuple[str, ...]) -> tuple[str, ...]:
        check_entries(entries, self._rules.values(), path=None, key="ignore")
        return entries


_UNSELECTED = object()


class _Taken:
    """The spans of some findings per category, to ask in log time whether a finding overlaps one."""

    def __init__(self, findings: Iterable[Finding]) -> None:
        spans: dict[object, list[tuple[int, int]]] = {}
        for f in findings:
            spans.setdefault(f.category, []).append((f.span.start, f.span.end))
        self._starts: dict[object, list[int]] = {}
        self._reach: dict[object, list[int]] = {}  # the furthest end among the spans up to each one
        for category, pairs in spans.items():
            pairs.sort()
            self._starts[category] = [start for start, _ in pairs]
            self._reach[category] = list(itertools.accumulate((end for _, end in pairs), max))

    def overlaps(self, finding: Finding) -> bool:
        starts = self._starts.get(finding.category)
        if not starts:
            return False
        before = bisect_left(starts, finding.span.end)  # the spans that start before it ends
        return before > 0 and self._reach[finding.category][before - 1] > finding.span.start


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """Drop a finding that overlaps an earlier, longer one of the same rule."""
    findings.sort(key=lambda f: (f.span.start, -f.span.end, f.rule))
    last_end: dict[str, int] = {}
    kept = []
    for finding in findings:
        if finding.span.start < last_end.get(finding.rule, -1):
            continue
        last_end[finding.rule] = max(finding.span.end, finding.span.start + 1)
        kept.append(finding)
    return kept


def _batched(items: Iterable[Message], size: int) -> Iterator[list[Message]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


_worker: Linter | None = None


def _worker_init(
    policy: str, settings: Settings, ignore: tuple[str, ...], checkers: tuple[type[Checker], ...] | None
) -> None:
    global _worker  # noqa: PLW0603 - one Linter per worker process
    registry = None if checkers is None else Registry(checkers)
    _worker = Linter(policy, settings, registry=registry, ignore=ignore)


def _worker_lint(batch: list[Message], ignore: tuple[str, ...]) -> list[Report]:
    assert _worker is not None
    return _worker._lint_batch(batch, ignore)


@lru_cache(maxsize=8)
def _shared_linter(policy: str | None, settings: Settings) -> Linter:
    return Linter(policy, settings)


def lint(
    message: MessageLike, *, policy: str | None = None, config: ConfigLike = None, ignore: Sequence[str] = ()
) -> Report:
    """Check one message with a shared :class:`Linter` for ``policy`` and ``config`` (built on first use)."""
    settings, _ = _settings(config)
    return _shared_linter(policy, settings).lint(message, ignore=ignore)
