"""The one place a message enters msglint: :func:`lint` and :class:`Linter`."""

from __future__ import annotations

import functools
import gc
import itertools
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from pydantic import ValidationError

from msglint import suppress
from msglint.checkers.base import Checker, CheckerContext, Hit, load_rules
from msglint.config import (
    PolicyPack,
    Settings,
    check_entries,
    check_per_file_ignores,
    is_selected,
    load_policy,
    load_rule_texts,
    load_settings,
    most_specific,
    rule_text_languages,
    settings_from_mapping,
    severity_for,
)
from msglint.document import Document
from msglint.engine import detect as detection
from msglint.engine.detect import Detected, detect
from msglint.engine.language import supported_languages
from msglint.errors import ConfigError, PolicyViolation
from msglint.intervals import Intervals
from msglint.models import (
    DEFAULT_LANGUAGE,
    Finding,
    Message,
    Report,
    Rule,
    Severity,
    Span,
    describe_validation_error,
)
from msglint.nlp import Pipeline, wait_for_warm_up, warm_up_in_background
from msglint.normalize import FoldedText, normalize
from msglint.registry import ENTRY_POINT_GROUP, Registry
from msglint.watchdog import CheckerTimeout, Sandbox, shared_watchdog

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

ENGINE = "engine"
CHECKER_FAILED = "MSG001"
UNUSED_SUPPRESSION = "MSG002"
MESSAGE_TOO_LONG = "MSG003"
INVALID_OUTPUT = "MSG004"
LANGUAGE_NOT_COVERED = "MSG005"
UNREADABLE_MESSAGE = "MSG006"
MALFORMED_DIRECTIVE = "MSG007"
ENGINE_FAILED = "MSG008"

#: What a message field holds when it is not given (see ``Message.has``).
_NOT_GIVEN = (None, (), "")

P = ParamSpec("P")
R = TypeVar("R")
MessageLike = str | Message | Mapping[str, Any]
ConfigLike = Settings | Mapping[str, Any] | str | Path | None


@cache
def default_registry() -> Registry:
    """The checkers installed under the ``msglint.checkers`` entry-point group."""
    return Registry.from_entry_points()


@cache
def builtin_rules() -> tuple[Rule, ...]:
    """Every rule msglint documents (``msglint/rules/*.toml``), whichever checkers are installed."""
    files = resources.files("msglint.rules").iterdir()
    names = sorted(p.name.removesuffix(".toml") for p in files if p.name.endswith(".toml"))
    return tuple(rule for name in names for rule in load_rules("msglint.rules", name, name))


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


@dataclass(frozen=True)
class Unreadable:
    """An input that is not a message msglint can check, and why. :meth:`Linter.lint_many` answers it
    with a report holding one engine error (``MSG006``) in its place, so a stream keeps its order.
    The command line passes its malformed JSON Lines this way."""

    problem: str
    id: str | None = None


def _message(message: object) -> Message | Unreadable:
    """The message to check, or why there is none. Never raises: a bad input is answered, not thrown."""
    if isinstance(message, Message | Unreadable):
        return message
    if isinstance(message, str):
        return Message(text=message)
    if isinstance(message, Mapping):
        try:
            return Message.model_validate(message)
        except ValidationError as exc:
            found = message.get("id")
            return Unreadable(describe_validation_error(exc), found if isinstance(found, str) else None)
    return Unreadable(f"expected a str, a msglint.Message or a mapping of Message fields, got {type(message).__name__}")


#: Linted once per language by :meth:`Linter.prepare`: ordinary order talk, through every checker.
PREPARE_TEXT = "Thank you for your order 123-4567890-1234567, it ships today: www.amazon.com/orders"


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
        self.policy, policy_path = load_policy(self._policy_arg)
        self.registry = registry if registry is not None else default_registry()
        self._ignore = tuple(ignore)
        # Each rule as this marketplace reads it: its documentation names this marketplace, not another.
        self._rules: dict[str, Rule] = {
            r.code: _rendered(r, self.policy) for r in (*engine_rules(), *self.registry.rules)
        }
        # The rules' message and suggestion in each language msglint has them in (msglint/rules/texts), checked
        # against every rule msglint knows (a test's registry may lack some checkers).
        known = {r.code: r for r in (*builtin_rules(), *self.registry.rules)}
        texts = {lang: load_rule_texts(lang, known) for lang in rule_text_languages()}
        # The pack and its rules' texts as buyers writing in another language read them: the rules' texts in
        # that language, with the names the pack gives for it ([by-language.*]).
        self._policy_in = {lang: self.policy.for_language(lang) for lang in self.policy.by_language}
        self._rules_in = {
            lang: {
                r.code: _rendered(_localized(r, texts.get(lang, {}).get(r.code)), self.policy.for_language(lang))
                for r in (*engine_rules(), *self.registry.rules)
            }
            for lang in {*self._policy_in, *texts}
        }
        #: Per language, the rules whose message is written in it.
        self._localized = {
            lang: frozenset(code for code, table in by_code.items() if "message" in table)
            for lang, by_code in texts.items()
        }
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
        # A pack's selector that names no rule would silently select nothing (every message allowed) or
        # turn nothing off: the same error as in a configuration file.
        for key, entries in (
            ("select", self.policy.select),
            ("ignore", self.policy.ignore),
            ("severity", tuple(self.policy.severity)),
        ):
            # A built-in pack turns off other marketplaces' rules by code: known even to a Linter whose
            # registry (a test's, a plugin author's) lacks their checkers.
            check_entries(entries, [*rules, *builtin_rules()] if key == "ignore" else rules, path=policy_path, key=key)
        check_per_file_ignores(settings, rules, path=config_path)

        select = (*(settings.select if settings.select is not None else self.policy.select), *settings.extend_select)
        ignored = (*self.policy.ignore, *settings.ignore, *self._ignore)
        self._enabled = {
            code for code, rule in self._rules.items() if rule.checker == ENGINE or is_selected(rule, select, ignored)
        }
        self._enabled -= {code for code in self._enabled if most_specific(ignored, self._rules[code]) >= 0}
        self._index_needs()
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
                    pack=self.policy,
                    lexicon_overlays=self.policy.lexicon,
                    pack_path=policy_path,
                )
                try:
                    self._checkers.append(checker_cls(context))
                except ConfigError:
                    raise
                except Exception as exc:  # noqa: BLE001 - reported as MSG001 instead
                    self._failures[checker_id] = f"could not start ({type(exc).__name__}: {exc})"
        self._declared = {c.id: frozenset(r.code for r in c.rules) for c in self._checkers}
        self._builtin = frozenset(c.id for c in self._checkers if type(c).__module__.startswith("msglint."))
        self._sandbox = Sandbox()
        self._pipelines: dict[str, Pipeline] = {}
        self._workers: tuple[int, ProcessPoolExecutor] | None = None
        self._lock = threading.RLock()
        #: The languages a message may be in when neither it nor its marketplace says: every language
        #: msglint has words for, the default first. (Adding the languages of every marketplace would report
        #: a few English messages as Dutch or Swedish, and so not covered: a false alarm.)
        self._languages = (DEFAULT_LANGUAGE, *(lang for lang in supported_languages() if lang != DEFAULT_LANGUAGE))
        # The detector is restricted to each set of languages a message may be told among once, in the
        # background warm-up, not per message.
        detection.expect((self._languages, *self.policy.marketplaces.values()))
        self._pipeline(DEFAULT_LANGUAGE)
        warm_up_in_background(supported_languages())

    def _index_needs(self) -> None:
        """The fields the selected rules need (``Rule.needs``), read once for every message."""
        self._needs = {code: self._rules[code].needs for code in self._enabled if self._rules[code].needs}
        self._need_fields = frozenset(need for needs in self._needs.values() for need in needs)
        # The message's own fields those paths start at: when none of them is given (most messages), every
        # rule with a need is not run, with no path walked.
        self._need_tops = tuple(sorted({alt.split(".", 1)[0] for need in self._need_fields for alt in need.split("|")}))
        self._none_given = frozenset(self._needs)

    # --- what this Linter knows -------------------------------------------------------------

    @property
    def rules(self) -> list[Rule]:
        """Every rule this Linter knows, engine rules first, with its documentation."""
        return list(self._rules.values())

    def rule(self, code: str, lang: str | None = None) -> Rule:
        """The rule's documentation; with ``lang`` (a language tag: ``de-AT`` reads ``de``), its message and
        suggestion in that language where msglint has them, and the policy's names for buyers writing in it."""
        return self._rules_in.get(_base_language(lang), self._rules)[code]

    def find_rule(self, key: str) -> Rule | None:
        """The rule a user names by its code (any case) or its name, or None."""
        key = key.strip()
        return self._rules.get(key.upper()) or next((r for r in self._rules.values() if r.name == key.lower()), None)

    def is_enabled(self, code: str) -> bool:
        return code in self._enabled

    def severity_of(self, code: str) -> Severity:
        return self._severity[code]

    @property
    def fail_on(self) -> str:
        return self.settings.fail_on

    # --- linting ----------------------------------------------------------------------------

    def prepare(self, languages: Iterable[str] | None = None) -> Linter:
        """Build now what the first message of each language would wait for, and return this Linter.

        A Linter builds its English words when it is made and another language's on its first message
        (about a second each: the checkers' words and frames compiled for it). A seller tool that keeps a
        Linter calls this once at start, so that no buyer's first German message waits;
        ``msglint serve`` does. ``languages`` defaults to every language msglint has words for.
        """
        wanted = tuple(languages) if languages is not None else supported_languages()
        wait_for_warm_up()  # the language data the background warm-up is loading, not a second copy
        for lang in wanted:
            self.lint(Message(text=PREPARE_TEXT, language=lang))
        return self

    def lint(self, message: MessageLike, *, ignore: Sequence[str] = (), template: bool = False) -> Report:
        """Check one message. Never raises for message content: whatever could not be checked is an
        engine finding in the report, and a message that could not be fully checked is never ``allow``.

        ``ignore`` turns rules off for this call. ``template`` treats the text as a message template
        file: placeholders and template syntax are masked (offsets kept) and ``msglint: disable…``
        directives are honoured; both belong in template files only (see :mod:`msglint.templates`).
        A message that is not a template never has its directives read.
        """
        return self._lint(_message(message), tuple(ignore), template)

    def lint_many(
        self,
        messages: Iterable[MessageLike | Unreadable],
        *,
        batch_size: int = 256,
        n_process: int = 1,
        ignore: Sequence[str] = (),
    ) -> Iterator[Report]:
        """Check a stream of messages, yielding one report per input in the same order; memory stays flat.

        An input that is not a valid message gets a report with an engine error (``MSG006``) in its
        place and the stream goes on. With ``n_process > 1`` batches go to that many worker processes,
        forked from this Linter on first use (where the platform can fork) and kept for later calls.
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

    def close(self) -> None:
        """Stop the worker processes ``lint_many(n_process=…)`` started; the Linter stays usable."""
        with self._lock:
            workers, self._workers = self._workers, None
        if workers is not None:
            workers[1].shutdown(wait=True, cancel_futures=True)

    # --- internals --------------------------------------------------------------------------

    def _lint(self, msg: Message | Unreadable, ignore: tuple[str, ...], template: bool) -> Report:
        if not isinstance(msg, Unreadable) and (problem := self.message_problem(msg)) is not None:
            msg = Unreadable(problem, msg.id)
        if isinstance(msg, Unreadable):
            note = f"This input is not a message msglint can check: {msg.problem}. Nothing in it was checked."
            finding = self._engine_finding("", UNREADABLE_MESSAGE, note)
            return Report(policy=self.policy.name, message_id=msg.id, findings=(finding,))
        not_run = self._not_run(msg)
        cut: int | None = None
        found = Detected(DEFAULT_LANGUAGE, "default")
        try:
            found = self._language_of(msg)
            pipeline = self._pipeline(found.language)
            text, views, cut = self._within_limit(msg.text, pipeline.lang)
            masked = None
            if template:
                from msglint.templates import mask_template

                masked = mask_template(text)
                text, views = masked.text, None
            checked = msg if text is msg.text else msg.model_copy(update={"text": text})
            document = Document(
                checked, pipeline, views=views, template=masked, source=msg.text, not_run=not_run, detected=found
            )
            findings = self._check(document)
            if pipeline.worn_out():
                self._renew(pipeline)
        except Exception as exc:  # noqa: BLE001 - the engine failing on a message must not pass it, nor raise
            note = f"msglint failed on this message ({type(exc).__name__}: {exc}); nothing in it was checked."
            findings = [self._engine_finding(msg.text, ENGINE_FAILED, note)]
        return self._report(msg, findings, ignore, template, cut, found, not_run=not_run)

    def message_problem(self, message: Message) -> str | None:
        """What makes ``message`` one this Linter cannot check, naming the field; None when nothing does.
        Today: a ``message_type`` the policy pack does not know (the problem lists the pack's types)."""
        return self.policy.message_type_problem(message.message_type)

    def _not_run(self, message: Message) -> frozenset[str]:
        """The selected rules that need a field this message does not give (see ``Rule.needs``)."""
        if all(getattr(message, top, None) in _NOT_GIVEN for top in self._need_tops):
            return self._none_given  # not one of the fields given: every path is missing
        # Each field asked once (17 rules share a handful of fields), not once per rule that needs it.
        missing = frozenset(need for need in self._need_fields if not message.has(need))
        if not missing:
            return frozenset()
        return frozenset(code for code, needs in self._needs.items() if not missing.isdisjoint(needs))

    def _language_of(self, msg: Message) -> Detected:
        """The language ``msg`` is checked in: as given, else detected among its marketplace's languages
        (the policy pack's ``[marketplaces]``; any language msglint has words for when it names none)."""
        if msg.language is not None:
            return Detected(msg.lang, "given")
        marketplace = (msg.marketplace or "").strip().lower()
        known = self.policy.marketplaces.get(marketplace)
        return detect(msg.text, known or self._languages, marketplace=bool(known))

    def _pipeline(self, lang: str) -> Pipeline:
        """The pipeline for a base language code; languages spaCy cannot tokenise share the ``xx`` one."""
        pipeline = self._pipelines.get(lang)
        if pipeline is None:
            with self._lock:
                pipeline = self._pipelines.get(lang)
                if pipeline is None:
                    built = self._build_pipeline(lang)
                    pipeline = self._pipelines.setdefault(built.lang, built)
                    self._pipelines[lang] = pipeline
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
                fresh = self._build_pipeline(worn.lang)
                for lang, pipeline in list(self._pipelines.items()):
                    if pipeline is worn:
                        self._pipelines[lang] = fresh

    def _within_limit(self, text: str, lang: str) -> tuple[str, tuple[FoldedText, FoldedText], int | None]:
        """The part of ``text`` that is checked, its folded views, and where it was cut (None: whole).

        The limit holds for the folded views too: folding can make one character many (NFKC turns
        U+FDFA into 18), and a text within the limit must not become a larger one to tokenise.
        """
        limit = self.settings.max_message_chars
        cut = None
        if len(text) > limit:
            text, cut = text[:limit], limit
        views = normalize(text, lang)
        while (longest := max(views, key=lambda view: len(view.text))) and len(longest.text) > limit:
            # Cut the original before the character the limit falls on, and fold what is left again.
            cut = min(longest.to_original(limit, limit + 1)[0], len(text) - 1)
            text = text[:cut]
            views = normalize(text, lang)
        return text, views, cut

    def _lint_batch(self, batch: list[Message | Unreadable], ignore: tuple[str, ...]) -> list[Report]:
        return [self._lint(msg, ignore, False) for msg in batch]

    def _lint_parallel(
        self, batches: Iterator[list[Message | Unreadable]], n_process: int, ignore: tuple[str, ...]
    ) -> Iterator[Report]:
        from concurrent.futures import CancelledError
        from concurrent.futures.process import BrokenProcessPool

        pool = self._worker_pool(n_process)
        pending: deque[tuple[list[Message | Unreadable], Future[list[Report]], ProcessPoolExecutor]] = deque()

        def next_reports() -> list[Report]:
            nonlocal pool
            batch, future, submitted_to = pending.popleft()
            try:
                return future.result()
            except (BrokenProcessPool, CancelledError):  # cancelled: its pool was dropped for a dead worker
                # A worker died (killed, out of memory, or a message crashed it); every batch in flight
                # broke with it. Each is tried once more on fresh workers; a batch that breaks them
                # again is answered closed, never checked here, where it could take this process down.
                if submitted_to is pool:  # not yet replaced for an earlier batch of the same broken pool
                    self._drop_workers(pool)
                    pool = self._worker_pool(n_process)
            try:
                return pool.submit(_worker_lint, batch, ignore).result()
            except (BrokenProcessPool, CancelledError, RuntimeError):  # RuntimeError: shut down meanwhile
                self._drop_workers(pool)
                pool = self._worker_pool(n_process)
                return self._lint_unchecked(batch, ignore)

        for batch in batches:
            try:
                pending.append((batch, pool.submit(_worker_lint, batch, ignore), pool))
            except (BrokenProcessPool, RuntimeError):  # RuntimeError: shut down by close() or another call
                self._drop_workers(pool)
                pool = self._worker_pool(n_process)
                pending.append((batch, pool.submit(_worker_lint, batch, ignore), pool))
            if len(pending) >= 2 * n_process:
                yield from next_reports()
        while pending:
            yield from next_reports()

    def _lint_unchecked(self, batch: list[Message | Unreadable], ignore: tuple[str, ...]) -> list[Report]:
        """Reports for a batch whose worker process died twice on it: an engine error on each message."""
        note = (
            "The worker process checking this message stopped twice (crashed or was killed) on its batch;"
            " nothing in it was checked."
        )
        return [
            self._lint(msg, ignore, False)
            if isinstance(msg, Unreadable)
            else Report(
                policy=self.policy.name,
                message_id=msg.id,
                findings=(self._engine_finding(msg.text, ENGINE_FAILED, note),),
            )
            for msg in batch
        ]

    def _worker_pool(self, n_process: int) -> ProcessPoolExecutor:
        """Worker processes for ``lint_many``, started once and kept: forked from this Linter where the
        platform forks (nothing to rebuild, and no ``__main__`` guard needed), else spawned."""
        from concurrent.futures import ProcessPoolExecutor
        from multiprocessing import get_all_start_methods, get_context

        with self._lock:
            if self._workers is not None and self._workers[0] == n_process:
                return self._workers[1]
            stale, self._workers = self._workers, None
        if stale is not None:
            stale[1].shutdown(wait=False, cancel_futures=True)
        if "fork" in get_all_start_methods():
            pool = ProcessPoolExecutor(
                n_process, mp_context=get_context("fork"), initializer=_worker_adopt, initargs=(self,)
            )
            # Every worker is forked on the first submit. No thread of this Linter may hold one of its
            # locks meanwhile: a lock held at fork time stays held forever in the child.
            with self._quiet():
                pool.submit(_worker_ready).result()
        else:
            checkers = None if self.registry is default_registry() else tuple(self.registry.checkers.values())
            init = (self._policy_arg, self.settings, self._ignore, checkers)
            pool = ProcessPoolExecutor(
                n_process, mp_context=get_context("spawn"), initializer=_worker_init, initargs=init
            )
        with self._lock:
            self._workers = (n_process, pool)
        return pool

    def _forked(self) -> None:
        """In a forked child: fresh locks (the parent's were held for the fork) and no threads yet."""
        self._lock = threading.RLock()
        for pipeline in self._pipelines.values():
            pipeline.lock = threading.RLock()
        self._sandbox = Sandbox()
        self._workers = None

    def _drop_workers(self, pool: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._workers is not None and self._workers[1] is pool:
                self._workers = None
        pool.shutdown(wait=False, cancel_futures=True)

    @contextmanager
    def _quiet(self) -> Iterator[None]:
        """Hold every lock of this Linter (and of the process's watchdog) for a fork."""
        wait_for_warm_up()
        with self._lock:
            pipelines = list({id(p): p for p in self._pipelines.values()}.values())
        with ExitStack() as held:
            held.enter_context(self._lock)
            for pipeline in pipelines:
                held.enter_context(pipeline.lock)
            held.enter_context(shared_watchdog().held())
            yield

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
                if checker.id in self._builtin:
                    # msglint's own checkers run in this thread: the watchdog interrupts them between
                    # two bytecodes, and they make no blocking calls.
                    watchdog.arm(budget)
                    try:
                        hits = list(checker.check(document))
                    finally:
                        watchdog.disarm()
                else:
                    # A plugin may block in a C call or a sleep: it runs on a sandbox thread and is
                    # abandoned when its budget is spent, so no caller waits longer than that.
                    hits = self._sandbox.run(functools.partial(_all_hits, checker, document, budget), budget)
            except (CheckerTimeout, TimeoutError):
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
        if hit.rule not in self._enabled or hit.rule in document.not_run:
            return _UNSELECTED  # not selected, or needing a field the message does not give
        if not (isinstance(hit.start, int) and isinstance(hit.end, int) and _extent_ok(hit)):
            return None
        try:
            start, end = document.to_original(hit.view, hit.start, hit.end)
        except (ValueError, IndexError):
            return None
        rule = self._rules[hit.rule]
        pack = self._policy_in.get(document.lang, self.policy)
        texts = self._rules_in.get(document.lang, self._rules)[hit.rule]
        text = document.source
        severity = self._severity[rule.code]
        if checker.reads_only_words and checker.languages is not None and document.lang not in checker.languages:
            # Words of another language matched ("retard" is a delay in French): worth a look, never a block.
            severity = max(severity, Severity.WARNING, key=_SEVERITY_ORDER.index)
        try:
            return Finding(
                rule=rule.code,
                name=rule.name,
                category=rule.category,
                severity=severity,
                message=self._message_of(hit, texts, pack, document.lang),
                span=document.lines.span(start, end),
                text=text[start:end],
                suggestion=pack.render(hit.suggestion) if hit.suggestion else texts.suggestion,
                policy=self._clause(rule),
                confidence=hit.confidence,
                field=hit.field,
            )
        except ValueError:
            return None

    def _message_of(self, hit: Hit, texts: Rule, pack: PolicyPack, lang: str) -> str:
        """What a finding says: the checker's own message (a lexicon line's, in that line's language, or a
        note of what it found), else the rule's in the message's language. A note that only adds what was
        found (the domain, the number) to the rule's English message is added to the rule's message in the
        message's language instead."""
        if hit.detail is not None and hit.rule in self._localized.get(lang, ()):
            return f"{(texts.message or texts.summary).rstrip('.')} ({hit.detail})."
        return pack.render(hit.message) if hit.message else texts.message or texts.summary

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

    def _report(  # noqa: PLR0917 - one private caller, which names what it passes
        self,
        msg: Message,
        findings: list[Finding],
        ignore: Sequence[str],
        template: bool,
        cut: int | None,
        found: Detected,
        *,
        not_run: frozenset[str] = frozenset(),
    ) -> Report:
        text = msg.text
        if cut is not None:
            limit = self.settings.max_message_chars
            note = (
                f"Only the first {cut:,} of {len(text):,} characters were checked (the limit is {limit:,}, "
                "counted after folding look-alike characters); the rest, from here on, was not."
            )
            findings.append(self._engine_finding(text, MESSAGE_TOO_LONG, note, cut, cut + 1))
        uncovered = self._uncovered(found.language)
        if uncovered:
            note = (
                f"msglint has no word lists for the language '{found.language}': the wording of {uncovered} was "
                "checked with English words only. Links, e-mail addresses and phone numbers were checked."
            )
            findings.append(self._engine_finding(text, LANGUAGE_NOT_COVERED, note))
        if template:
            findings = self._apply_directives(text, findings)
        if ignore:
            entries = self._runtime_ignore(tuple(ignore))
            findings = [f for f in findings if most_specific(entries, self._rules[f.rule]) < 0]
            not_run = frozenset(code for code in not_run if most_specific(entries, self._rules[code]) < 0)
        findings = [f for f in findings if f.rule in self._enabled]
        return Report(
            policy=self.policy.name,
            message_id=msg.id,
            findings=tuple(findings),
            language=msg.language if found.source == "given" else found.language,
            language_source=found.source,
            not_run=tuple(sorted(not_run)),
        )

    @lru_cache(maxsize=64)  # noqa: B019 - bounded, and a Linter lives as long as its users
    def _uncovered(self, lang: str) -> str:
        """The categories whose checkers have no word lists for ``lang``, as words ('' when none)."""
        categories = sorted(
            {
                rule.category.value
                for checker in self._checkers
                if checker.languages is not None and lang not in checker.languages
                for rule in checker.rules
                if rule.category is not None and rule.code in self._enabled
            }
        )
        return ", ".join(categories[:-1]) + " and " + categories[-1] if len(categories) > 1 else "".join(categories)

    def _apply_directives(self, text: str, findings: list[Finding]) -> list[Finding]:
        directives, malformed = suppress.find_directives(text, self._rules.values())
        findings.extend(
            self._engine_finding(text, MALFORMED_DIRECTIVE, bad.message, bad.start, bad.end) for bad in malformed
        )
        if not directives:
            return findings
        findings, unused = suppress.apply(findings, directives, self._rules)
        for directive, entry in unused:
            what = f"'{entry}'" if entry else "any rule"
            note = f"This msglint: {directive.kind} directive suppresses nothing for {what}."
            findings.append(self._engine_finding(text, UNUSED_SUPPRESSION, note, directive.start, directive.end))
        return findings

    @lru_cache(maxsize=64)  # noqa: B019 - bounded, and a Linter lives as long as its users
    def _runtime_ignore(self, entries: tuple[str, ...]) -> tuple[str, ...]:
        check_entries(entries, self._rules.values(), path=None, key="ignore")
        return entries


def _base_language(lang: str | None) -> str:
    """The base language of a tag, lower case (``"de-AT"`` -> ``"de"``; ``None`` -> ``""``)."""
    return (lang or "").replace("_", "-").split("-", 1)[0].strip().lower()


def _localized(rule: Rule, texts: Mapping[str, str] | None) -> Rule:
    """``rule`` with its ``message`` and ``suggestion`` in another language, where ``texts`` gives them."""
    return rule.model_copy(update=dict(texts)) if texts else rule


def _rendered(rule: Rule, pack: PolicyPack) -> Rule:
    """``rule`` with its placeholders filled with ``pack``'s words (unchanged when it has none)."""
    texts = {key: getattr(rule, key) for key in ("summary", "rationale", "message", "suggestion")}
    examples = rule.examples.violating + rule.examples.compliant
    if not any("{" in text for text in (*texts.values(), *examples) if text):
        return rule
    update: dict[str, Any] = {key: pack.render(text) if text else text for key, text in texts.items()}
    update["examples"] = rule.examples.model_copy(
        update={
            "violating": tuple(map(pack.render, rule.examples.violating)),
            "compliant": tuple(map(pack.render, rule.examples.compliant)),
        }
    )
    return rule.model_copy(update=update)


def _all_hits(checker: Checker, document: Document, budget: float) -> list[Hit]:
    """A plugin's hits, on a sandbox thread: the watchdog also stops it there between two bytecodes."""
    watchdog = shared_watchdog()
    watchdog.arm(budget)
    try:
        return list(checker.check(document))
    finally:
        watchdog.disarm()


_UNSELECTED = object()
#: Severities from the most severe.
_SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def _extent_ok(hit: Hit) -> bool:
    """A hit covers some text; one about metadata (it names a ``field``) may be empty."""
    return hit.start < hit.end or (hit.field is not None and hit.start == hit.end)


class _Taken:
    """The spans of some findings per category, to ask in log time whether a finding overlaps one."""

    def __init__(self, findings: Iterable[Finding]) -> None:
        spans: dict[object, list[tuple[int, int]]] = {}
        for f in findings:
            spans.setdefault(f.category, []).append((f.span.start, f.span.end))
        self._by_category = {category: Intervals(pairs) for category, pairs in spans.items()}

    def overlaps(self, finding: Finding) -> bool:
        taken = self._by_category.get(finding.category)
        return taken is not None and taken.overlaps(finding.span.start, finding.span.end)


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """Drop a finding that overlaps an earlier, longer one of the same rule. The engine's own findings
    are all kept: each failing checker names itself."""
    findings.sort(key=lambda f: (f.span.start, -f.span.end, f.rule))
    last_end: dict[str, int] = {}
    kept = []
    for finding in findings:
        if finding.category is None:
            kept.append(finding)
            continue
        key = finding.rule if finding.field is None else f"{finding.rule} {finding.field}"  # one per field
        if finding.span.start < last_end.get(key, -1):
            continue
        last_end[key] = max(finding.span.end, finding.span.start + 1)
        kept.append(finding)
    return kept


def _batched(items: Iterable[Message | Unreadable], size: int) -> Iterator[list[Message | Unreadable]]:
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


def _worker_adopt(linter: Linter) -> None:
    """A forked worker's Linter: the parent's own, copied with the process."""
    global _worker  # noqa: PLW0603 - one Linter per worker process
    linter._forked()
    _worker = linter


def _worker_ready() -> bool:
    return _worker is not None


def _worker_lint(batch: list[Message | Unreadable], ignore: tuple[str, ...]) -> list[Report]:
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
