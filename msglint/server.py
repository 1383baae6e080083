"""``msglint serve``: the pre-send check over HTTP, for seller tools written in Node, PHP or Java.

A Starlette application run by uvicorn (the ``server`` extra). Each worker process builds its
:class:`~msglint.api.Linter` for the default policy, and the pipelines of every language msglint has
lexicons for, before it takes a request; other built-in policies get a Linter of their own on first
use (a few are kept). A worker checks one message at a time: a short one on the event loop, a long
one in a thread, so that the worker keeps answering meanwhile.

Endpoints (``docs/server.md``; the OpenAPI document is ``docs/openapi.json``):

* ``GET /v1/health`` — status, version, policy, languages and limits;
* ``POST /v1/check`` — one message in, its report out, as ``msglint check --format json`` writes one;
* ``POST /v1/check/batch`` — many messages in, their reports out in the same order;
* ``GET /v1/rules`` and ``GET /v1/rules/{code}`` — what ``msglint rules`` and ``msglint explain`` say;
* ``GET /openapi.json``.

Every error is ``{"error": {"code", "message", "field"}}``, ``field`` null when no field is at fault.
Message content never gives a 500: a failure while linting gives a report that blocks (``MSG008``).
Nothing of a request but its method, path, status and time is ever logged.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import threading
import time
import traceback
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from copy import deepcopy
from typing import Annotated, Any, Literal, ParamSpec, TypeVar

import anyio
import anyio.to_thread
import uvicorn
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError
from pydantic.json_schema import GenerateJsonSchema, GetJsonSchemaHandler, JsonSchemaValue, models_json_schema
from pydantic_core import CoreSchema
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send
from starlette.types import Message as AsgiMessage

from msglint import __version__
from msglint.api import ENGINE_FAILED, Linter
from msglint.config import Settings, builtin_policies, check_entries
from msglint.engine.language import supported_languages
from msglint.errors import ConfigError
from msglint.formatters.ruledoc import RuleDoc
from msglint.models import Category, Finding, Message, Report, Rule, RuleExamples, Severity, Span
from msglint.offsets import Utf16Offsets

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8079
MAX_BODY_BYTES = 1024 * 1024
MAX_BATCH = 1000
#: Up to this many characters a message is checked on the event loop (a few milliseconds, and no
#: hand-over between threads); a longer one in a thread, so that the worker keeps answering meanwhile.
INLINE_CHARS = 2000
#: Linters kept for policies other than the default (each holds its own pipelines, ~100 MB).
MAX_OTHER_POLICIES = 4
#: Where ``msglint serve --workers N`` hands its options to the worker processes it starts.
OPTIONS_VARIABLE = "MSGLINT_SERVER_OPTIONS"
#: Linted once per language at start, so that the first request pays for nothing (it has a word of
#: four letters or more, which loads the word lists of glued words).

log = logging.getLogger("msglint.server")

Offsets = Literal["codepoint", "utf16"]
P = ParamSpec("P")
R = TypeVar("R")


class ServerOptions(BaseModel):
    """How ``msglint serve`` runs; crosses to worker processes as JSON."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    host: str = DEFAULT_HOST
    port: int = Field(default=DEFAULT_PORT, ge=0, le=65535)
    workers: int = Field(default=1, ge=1)
    policy: str | None = Field(default=None, description="default policy: a built-in name or a pack file")
    settings: Settings = Settings()
    max_body_bytes: int = Field(default=MAX_BODY_BYTES, ge=1)
    max_batch: int = Field(default=MAX_BATCH, ge=1)
    access_log: bool = True
    inline_chars: int = Field(
        default=INLINE_CHARS,
        ge=0,
        description="a message (or batch) of up to this many characters is checked on the event loop, "
        "a longer one in a thread",
    )


# --- what crosses the wire ----------------------------------------------------------------------

_REQUEST = ConfigDict(frozen=True, extra="forbid")


def _as_message(value: Any) -> Any:
    return {"text": value} if isinstance(value, str) else value


class _TextOrMessageSchema:
    """Documents a message field as what it accepts: a Message, or its text alone."""

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        return {"anyOf": [handler(schema), {"type": "string", "description": "the message text alone"}]}


MessageOrText = Annotated[Message, BeforeValidator(_as_message), _TextOrMessageSchema()]

_POLICY = Field(default=None, description="a built-in policy pack's name (default: the server's policy)")
_IGNORE = Field(default=(), description="rules not to report for this request: codes, prefixes, names, categories")
_OFFSETS = Field(
    default="codepoint",
    description="what span.start/end and the columns count: code points (Python) or UTF-16 code units "
    "(JavaScript, Java, C#)",
)


class CheckRequest(BaseModel):
    """One message to check (``POST /v1/check``)."""

    model_config = _REQUEST

    message: MessageOrText
    policy: str | None = _POLICY
    ignore: tuple[str, ...] = _IGNORE
    offsets: Offsets = _OFFSETS


class BatchRequest(BaseModel):
    """Messages to check together (``POST /v1/check/batch``)."""

    model_config = _REQUEST

    messages: tuple[MessageOrText, ...] = Field(description="at most the server's limit (1,000 by default)")
    policy: str | None = _POLICY
    ignore: tuple[str, ...] = _IGNORE
    offsets: Offsets = _OFFSETS


class BatchReports(BaseModel):
    """The reports of a batch, in the order of its messages."""

    reports: tuple[Report, ...]


class Limits(BaseModel):
    max_body_bytes: int
    max_batch_messages: int
    max_message_chars: int = Field(description="characters of a message checked; the rest is reported (MSG003)")


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    policy: str
    languages: tuple[str, ...] = Field(description="languages with lexicons, their pipelines built at start")
    limits: Limits


class RuleState(BaseModel):
    """A rule as ``msglint rules --format json`` lists it."""

    code: str
    name: str
    category: Category | None
    default_severity: Severity
    enabled: bool
    severity: Severity = Field(description="its severity in this policy and configuration")
    scope: Literal["message", "template"]

    @classmethod
    def of(cls, linter: Linter, rule: Rule) -> RuleState:
        return cls(**_rule_state(linter, rule))


class RuleList(BaseModel):
    policy: str
    rules: tuple[RuleState, ...]


class Clause(BaseModel):
    id: str
    text: str | None = Field(description="the policy's words, when the pack quotes them")
    source: str | None = Field(default=None, description="the policy document those words come from")


class RuleDocumentation(RuleState):
    """A rule's documentation, as ``msglint explain`` gives it."""

    policy: str
    summary: str
    rationale: str
    clause: Clause | None
    examples: RuleExamples
    suggestion: str | None
    text: str = Field(description="the documentation as `msglint explain` prints it")


class ErrorDetail(BaseModel):
    code: str = Field(
        description="malformed-json, unknown-policy, not-found, unknown-rule, method-not-allowed, "
        "body-too-large, too-many-messages, unsupported-media-type, invalid-request, internal-error"
    )
    message: str
    field: str | None = Field(default=None, description="the request field at fault, e.g. message.language; else null")


class ErrorResponse(BaseModel):
    error: ErrorDetail


def _rule_state(linter: Linter, rule: Rule) -> dict[str, Any]:
    return {
        "code": rule.code,
        "name": rule.name,
        "category": rule.category,
        "default_severity": rule.severity,
        "enabled": linter.is_enabled(rule.code),
        "severity": linter.severity_of(rule.code),
        "scope": rule.scope,
    }


# --- reports as JSON ----------------------------------------------------------------------------

#: The keys of a report, as ``msglint check --format json`` writes a result (it has ``path`` where
#: this has ``message_id``).
REPORT_KEYS = (
    *("schema_version", "message_id", "policy", "ok", "verdict", "findings", "language", "language_source"),
    "not_run",
)


def report_json(report: Report, text: str, offsets: Offsets = "codepoint") -> dict[str, Any]:
    """The report of ``text`` as JSON, its spans counted in code points or UTF-16 code units."""
    dumped = report.model_dump(mode="json")
    result = {key: dumped[key] for key in REPORT_KEYS}
    units = Utf16Offsets(text) if offsets == "utf16" and result["findings"] else None
    if units:
        for finding in result["findings"]:
            span = finding["span"]
            span["column"] = units.column(span["start"], span["column"])
            span["end_column"] = units.column(span["end"], span["end_column"])
            span["start"] = units.offset(span["start"])
            span["end"] = units.offset(span["end"])
    return result


def unchecked(linter: Linter, message: Message, exc: BaseException) -> Report:
    """The report of a message that could not be checked: it blocks (fail closed), never allows."""
    rule = linter.rule(ENGINE_FAILED)
    finding = Finding(
        rule=rule.code,
        name=rule.name,
        category=None,
        severity=Severity.ERROR,
        message=f"msglint failed while checking this message ({type(exc).__name__}); it was not checked.",
        span=Span.in_text(message.text, 0, 0),
        text="",
        suggestion=rule.suggestion,
    )
    return Report(policy=linter.policy.name, message_id=message.id, findings=(finding,))


def _lint(linter: Linter, message: Message, ignore: Sequence[str]) -> Report:
    try:
        return linter.lint(message, ignore=ignore)
    except Exception as exc:  # noqa: BLE001 - fail closed: a report that blocks, never a 500
        _log_failure("linting failed", exc)
        return unchecked(linter, message, exc)


def _lint_many(linter: Linter, messages: Sequence[Message], ignore: Sequence[str]) -> list[Report]:
    try:
        return list(linter.lint_many(messages, ignore=ignore))
    except Exception as exc:  # noqa: BLE001 - one message's failure must not fail the others'
        _log_failure("batch linting failed, checking its messages one by one", exc)
        return [_lint(linter, message, ignore) for message in messages]


def _log_failure(what: str, exc: BaseException) -> None:
    """Log a failure by its type and place only: its text could quote the message."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" at {os.path.basename(frames[-1].filename)}:{frames[-1].lineno}" if frames else ""
    log.error("%s: %s%s (message text not logged)", what, type(exc).__name__, where)


# --- linters ------------------------------------------------------------------------------------


def warm_up(linter: Linter, languages: Sequence[str]) -> None:
    """Build each language's pipeline and load what the first message would otherwise wait for."""
    linter.prepare(languages)


class PolicyLinters:
    """One server process's Linters: the default policy's, and others built on first use (a few kept)."""

    def __init__(self, default: Linter, settings: Settings, languages: Sequence[str]) -> None:
        self.default = default
        self._settings = settings
        self._languages = tuple(languages)
        self._known = frozenset(builtin_policies())
        self._others: OrderedDict[str, Linter] = OrderedDict()
        self._lock = threading.Lock()  # held while building, so that two requests build one Linter

    def cached(self, policy: str | None) -> Linter | None:
        """The Linter for ``policy`` when it needs no building; raises ApiError for an unknown policy."""
        if policy is None or policy == self.default.policy.name:
            return self.default
        if policy not in self._known:
            known = ", ".join(sorted(self._known | {self.default.policy.name}))
            raise ApiError(400, "unknown-policy", f"no policy named {policy!r}; this server has: {known}", "policy")
        return self._others.get(policy)

    def build(self, policy: str) -> Linter:
        with self._lock:
            linter = self._others.get(policy)
            if linter is None:
                linter = Linter(policy, self._settings)
                warm_up(linter, self._languages)
                self._others[policy] = linter
                if len(self._others) > MAX_OTHER_POLICIES:
                    self._others.popitem(last=False)
            self._others.move_to_end(policy)
            return linter


# --- errors -------------------------------------------------------------------------------------


class ApiError(Exception):
    """A request msglint will not answer with a report: its status and the JSON error it gets."""

    def __init__(self, status: int, code: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.detail = ErrorDetail(code=code, message=message, field=field)

    def response(self, headers: dict[str, str] | None = None) -> Response:
        body = ErrorResponse(error=self.detail).model_dump(mode="json")
        return JSONResponse(body, status_code=self.status, headers=headers)


def _field(loc: Sequence[str | int]) -> str:
    """``("messages", 3, "text")`` -> ``messages[3].text``."""
    name = ""
    for part in loc:
        name += f"[{part}]" if isinstance(part, int) else f".{part}" if name else part
    return name


def _invalid(exc: ValidationError) -> ApiError:
    errors = exc.errors(include_url=False, include_input=False, include_context=False)
    first = errors[0]
    field = _field(first["loc"])
    problem = "unknown field" if first["type"] == "extra_forbidden" else first["msg"].removeprefix("Value error, ")
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return ApiError(422, "invalid-request", f"{field}: {problem}{more}" if field else problem + more, field or None)


_STATUS_CODES = {404: "not-found", 405: "method-not-allowed"}


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        error = ApiError(404, "not-found", f"no endpoint {request.url.path}; see /openapi.json")
    else:
        error = ApiError(exc.status_code, _STATUS_CODES.get(exc.status_code, "http-error"), str(exc.detail))
    return error.response(headers=dict(exc.headers or {}))


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return exc.response()


class JSONResponse(Response):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        try:
            return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        except UnicodeEncodeError:  # an unpaired surrogate in the message: escaped, the JSON stays valid
            return json.dumps(content, separators=(",", ":")).encode("ascii")


# --- reading requests ---------------------------------------------------------------------------


def _is_json(content_type: str | None) -> bool:
    if content_type is None:
        return True
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or (media.startswith("application/") and media.endswith("+json"))


async def _json_body(request: Request, limit: int) -> dict[str, Any]:
    """The request's JSON object, read no further than ``limit`` bytes whatever Content-Length says."""
    too_large = ApiError(413, "body-too-large", f"the request body is over this server's limit of {limit:,} bytes")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large
    if not _is_json(request.headers.get("content-type")):
        raise ApiError(415, "unsupported-media-type", "send the request as JSON (Content-Type: application/json)")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large
        chunks.append(chunk)
    body = b"".join(chunks)
    if not body.strip():
        raise ApiError(400, "malformed-json", "the request body is empty; send a JSON object")
    try:
        data = json.loads(body)
    except json.JSONDecodeError as exc:
        problem = f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        raise ApiError(400, "malformed-json", problem) from None
    except UnicodeDecodeError as exc:
        raise ApiError(400, "malformed-json", f"not UTF-8 text (byte {exc.start} is 0x{body[exc.start]:02x})") from None
    except RecursionError:
        raise ApiError(400, "malformed-json", "the JSON is nested too deeply") from None
    if not isinstance(data, dict):
        raise ApiError(422, "invalid-request", f"the request body must be a JSON object, not {_json_type(data)}")
    return data


def _json_type(value: Any) -> str:
    return {list: "an array", str: "a string", bool: "a boolean", type(None): "null"}.get(type(value), "a number")


M = TypeVar("M", bound=BaseModel)


def _validated(model: type[M], data: dict[str, Any]) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise _invalid(exc) from None


def _checked_ignore(linter: Linter, entries: Sequence[str]) -> tuple[str, ...]:
    rules = linter.rules
    for index, entry in enumerate(entries):
        try:
            check_entries((entry,), rules, path=None, key="ignore")
        except ConfigError as exc:
            raise ApiError(422, "invalid-request", f"ignore[{index}]: {exc.problem}", f"ignore[{index}]") from None
    return tuple(entries)


# --- the application ----------------------------------------------------------------------------


class _Endpoints:
    def __init__(self, options: ServerOptions, linters: PolicyLinters, languages: Sequence[str]) -> None:
        self.options = options
        self.linters = linters
        self.languages = tuple(languages)
        self.openapi_document = openapi()
        # One message at a time: a Linter holds its pipeline's lock while it checks one, so a second
        # thread would only wait for it, and the GIL passing between them costs throughput.
        self._linting = anyio.Lock()

    async def lint(self, chars: int, func: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        """``func(*args, **kwargs)``, which checks ``chars`` characters: on the event loop or in a thread."""
        async with self._linting:
            if chars <= self.options.inline_chars:
                return func(*args, **kwargs)
            return await anyio.to_thread.run_sync(functools.partial(func, *args, **kwargs))

    def routes(self) -> list[Route]:
        return [
            Route("/v1/health", self.health, methods=["GET"]),
            Route("/v1/check", self.check, methods=["POST"]),
            Route("/v1/check/batch", self.check_batch, methods=["POST"]),
            Route("/v1/rules", self.rules, methods=["GET"]),
            Route("/v1/rules/{code}", self.rule, methods=["GET"]),
            Route("/openapi.json", self.openapi, methods=["GET"]),
        ]

    async def _linter(self, policy: str | None) -> Linter:
        linter = self.linters.cached(policy)
        if linter is None:
            assert policy is not None
            linter = await run_in_threadpool(self.linters.build, policy)
        return linter

    async def health(self, request: Request) -> Response:
        linter = self.linters.default
        health = Health(
            status="ok",
            version=__version__,
            policy=linter.policy.name,
            languages=self.languages,
            limits=Limits(
                max_body_bytes=self.options.max_body_bytes,
                max_batch_messages=self.options.max_batch,
                max_message_chars=linter.settings.max_message_chars,
            ),
        )
        return JSONResponse(health.model_dump(mode="json"))

    async def check(self, request: Request) -> Response:
        checked = _validated(CheckRequest, await _json_body(request, self.options.max_body_bytes))
        linter = await self._linter(checked.policy)
        ignore = _checked_ignore(linter, checked.ignore)
        message = checked.message
        return JSONResponse(await self.lint(len(message.text), self._check, linter, message, ignore, checked.offsets))

    async def check_batch(self, request: Request) -> Response:
        data = await _json_body(request, self.options.max_body_bytes)
        messages = data.get("messages")
        if isinstance(messages, list) and len(messages) > self.options.max_batch:
            raise ApiError(
                413,
                "too-many-messages",
                f"{len(messages):,} messages; this server checks at most {self.options.max_batch:,} per request",
                "messages",
            )
        checked = _validated(BatchRequest, data)
        linter = await self._linter(checked.policy)
        ignore = _checked_ignore(linter, checked.ignore)
        chars = sum(len(message.text) for message in checked.messages)
        reports = await self.lint(chars, self._check_batch, linter, checked.messages, ignore, checked.offsets)
        return JSONResponse({"reports": reports})

    @staticmethod
    def _check(linter: Linter, message: Message, ignore: Sequence[str], offsets: Offsets) -> dict[str, Any]:
        return report_json(_lint(linter, message, ignore), message.text, offsets)

    @staticmethod
    def _check_batch(
        linter: Linter, messages: Sequence[Message], ignore: Sequence[str], offsets: Offsets
    ) -> list[dict[str, Any]]:
        reports = _lint_many(linter, messages, ignore)
        return [report_json(r, m.text, offsets) for r, m in zip(reports, messages, strict=True)]

    async def rules(self, request: Request) -> Response:
        linter = await self._linter(request.query_params.get("policy"))
        listed = RuleList(
            policy=linter.policy.name,
            rules=tuple(RuleState.of(linter, rule) for rule in sorted(linter.rules, key=lambda r: r.code)),
        )
        return JSONResponse(listed.model_dump(mode="json"))

    async def rule(self, request: Request) -> Response:
        linter = await self._linter(request.query_params.get("policy"))
        wanted = request.path_params["code"].strip()
        rule = linter.find_rule(wanted)
        if rule is None:
            raise ApiError(404, "unknown-rule", f"no rule {wanted!r}; GET /v1/rules lists them", "code")
        doc = RuleDoc.in_linter(linter, rule)
        documented = RuleDocumentation(
            **_rule_state(linter, rule),
            policy=linter.policy.name,
            summary=rule.summary,
            rationale=rule.rationale,
            clause=Clause(id=rule.policy, text=doc.clause, source=doc.source) if rule.policy else None,
            examples=rule.examples,
            suggestion=rule.suggestion,
            text=doc.text(),
        )
        return JSONResponse(documented.model_dump(mode="json"))

    async def openapi(self, request: Request) -> Response:
        return JSONResponse(self.openapi_document)


class _Guard:
    """Around every request: the access log (method, path, status, time; never a body or a query) and
    a JSON 500 for a failure outside linting, logged by its type and place only."""

    def __init__(self, app: ASGIApp, access_log: bool) -> None:
        self.app = app
        self.access_log = access_log

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 0

        async def send_status(message: AsgiMessage) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        except ClientDisconnect:
            status = status or 499  # the client went away before sending its whole request
        except Exception as exc:  # noqa: BLE001 - answered as JSON, logged without the request
            _log_failure(f"{scope['method']} {scope['path']} failed", exc)
            if not status:
                error = ApiError(500, "internal-error", "msglint failed to answer this request; it is logged")
                await error.response()(scope, receive, send_status)
        finally:
            if self.access_log:
                took = (time.perf_counter() - started) * 1000
                log.info("%s %s %d %.1f ms", scope["method"], scope["path"], status, took)


def create_app(options: ServerOptions | None = None, linter: Linter | None = None) -> Starlette:
    """The ASGI application, its default policy's Linter built and warmed up (``linter`` if given)."""
    options = options or ServerOptions()
    started = time.perf_counter()
    languages = supported_languages()
    linter = linter or Linter(options.policy, options.settings)
    warm_up(linter, languages)
    endpoints = _Endpoints(options, PolicyLinters(linter, options.settings, languages), languages)
    log.info(
        "msglint %s: policy %r, languages %s, ready in %.1f s (pid %d)",
        __version__,
        linter.policy.name,
        ", ".join(languages),
        time.perf_counter() - started,
        os.getpid(),
    )

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # Once more in a thread, as long messages are: the first use of threads costs 50-100 ms.
        await anyio.to_thread.run_sync(warm_up, linter, languages)
        yield

    return Starlette(
        routes=endpoints.routes(),
        lifespan=lifespan,
        middleware=[Middleware(_Guard, access_log=options.access_log)],
        exception_handlers={ApiError: _api_error, HTTPException: _http_error},
    )


def app_from_environment() -> Starlette:
    """The application of one of ``msglint serve --workers N``'s worker processes."""
    return create_app(ServerOptions.model_validate_json(os.environ[OPTIONS_VARIABLE]))


def log_config() -> dict[str, Any]:
    """uvicorn's logging, with msglint's access log and notes beside its own lines."""
    config = deepcopy(uvicorn.config.LOGGING_CONFIG)
    config["loggers"]["msglint.server"] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    return config


def serve(options: ServerOptions, linter: Linter | None = None) -> None:
    """Run the server until it is stopped (Ctrl-C or SIGTERM). ``linter`` is used with one worker."""
    common: dict[str, Any] = {
        "host": options.host,
        "port": options.port,
        "access_log": False,  # uvicorn's would log query strings and client addresses; ours does not
        "log_config": log_config(),
        "server_header": False,
    }
    if options.workers == 1:
        # A factory, so that what the app logs while it is built goes through uvicorn's logging.
        uvicorn.run(lambda: create_app(options, linter), factory=True, **common)
        return
    os.environ[OPTIONS_VARIABLE] = options.model_dump_json()
    uvicorn.run(f"{__name__}:app_from_environment", factory=True, workers=options.workers, **common)


# --- the OpenAPI document -----------------------------------------------------------------------

_ERRORS = {
    "400": "malformed JSON, or an unknown policy",
    "404": "no such endpoint or rule",
    "413": "the body is over the size limit, or the batch over the count limit",
    "415": "the body is not JSON",
    "422": "a field is invalid; `field` names it",
}


class _AnswerSchema(GenerateJsonSchema):
    """Every field of an answer is in it, null or not: required, so that generated clients rely on it."""

    def field_is_required(self, field: Any, total: bool) -> bool:
        return self.mode == "serialization" or super().field_is_required(field, total)


def openapi() -> dict[str, Any]:
    """The OpenAPI 3.1 document of the server's endpoints (``docs/openapi.json``)."""
    _, top = models_json_schema(
        [
            (CheckRequest, "validation"),
            (BatchRequest, "validation"),
            (Report, "serialization"),
            (BatchReports, "serialization"),
            (Health, "serialization"),
            (RuleList, "serialization"),
            (RuleDocumentation, "serialization"),
            (ErrorResponse, "serialization"),
        ],
        ref_template="#/components/schemas/{model}",
        schema_generator=_AnswerSchema,
    )

    def ref(name: str) -> dict[str, Any]:
        return {"$ref": f"#/components/schemas/{name}"}

    def json_content(name: str, description: str) -> dict[str, Any]:
        return {"description": description, "content": {"application/json": {"schema": ref(name)}}}

    def errors(*statuses: str) -> dict[str, Any]:
        return {status: json_content("ErrorResponse", _ERRORS[status]) for status in statuses}

    policy_query = {
        "name": "policy",
        "in": "query",
        "required": False,
        "schema": {"type": "string"},
        "description": "a built-in policy pack's name (default: the server's policy)",
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "msglint",
            "version": __version__,
            "description": "Check a marketplace seller's message against the marketplace's communication "
            "policy before it is sent. Reports are those of `msglint check --format json`.",
        },
        "paths": {
            "/v1/health": {
                "get": {
                    "operationId": "health",
                    "summary": "Whether the server is ready, and what it checks with",
                    "responses": {"200": json_content("Health", "ready")},
                }
            },
            "/v1/check": {
                "post": {
                    "operationId": "check",
                    "summary": "Check one message",
                    "requestBody": {"required": True, "content": {"application/json": {"schema": ref("CheckRequest")}}},
                    "responses": {
                        "200": json_content("Report", "the message's report"),
                        **errors("400", "413", "415", "422"),
                    },
                }
            },
            "/v1/check/batch": {
                "post": {
                    "operationId": "checkBatch",
                    "summary": "Check many messages; the reports come in the same order",
                    "requestBody": {"required": True, "content": {"application/json": {"schema": ref("BatchRequest")}}},
                    "responses": {
                        "200": json_content("BatchReports", "one report per message, in order"),
                        **errors("400", "413", "415", "422"),
                    },
                }
            },
            "/v1/rules": {
                "get": {
                    "operationId": "listRules",
                    "summary": "Every rule and its state in the policy, as `msglint rules --format json`",
                    "parameters": [policy_query],
                    "responses": {"200": json_content("RuleList", "the rules"), **errors("400")},
                }
            },
            "/v1/rules/{code}": {
                "get": {
                    "operationId": "explainRule",
                    "summary": "A rule's documentation, as `msglint explain`",
                    "parameters": [
                        {
                            "name": "code",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                            "description": "a rule code (REV001) or name (positive-review-request)",
                        },
                        policy_query,
                    ],
                    "responses": {"200": json_content("RuleDocumentation", "the rule"), **errors("400", "404")},
                }
            },
        },
        "components": {"schemas": top["$defs"]},
    }


__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "MAX_BATCH",
    "MAX_BODY_BYTES",
    "ServerOptions",
    "create_app",
    "openapi",
    "report_json",
    "serve",
]
