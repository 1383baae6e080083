"""``msglint serve``, started for real on a free port of 127.0.0.1 and spoken to over HTTP.

The server runs as a subprocess (``python -m msglint serve --port N``) for the whole module; what
needs a Linter that fails on purpose drives the ASGI application in-process instead.
"""

from __future__ import annotations

import asyncio
import http.client
import json
import logging
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import msglint
from msglint import Linter, Message
from msglint.cli import main
from msglint.engine.language import supported_languages
from msglint.formatters.base import Source
from msglint.formatters.json import result
from msglint.formatters.ruledoc import RuleDoc
from msglint.server import MAX_BATCH, MAX_BODY_BYTES, REPORT_KEYS, ServerOptions, create_app
from tests.corpus import CORPORA, load

ROOT = Path(__file__).resolve().parent.parent
LOOPBACK = "127.0.0.1"
START_TIMEOUT = 90.0
REQUEST_TIMEOUT = 30.0
LOAD_REQUESTS = 400
LOAD_CONNECTIONS = 8
LOAD_DEADLINE = 180.0

Response = tuple[int, Any]


# --- a real server --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


class Server:
    """``msglint serve`` in a subprocess, its log in a file; stopped when the tests are done."""

    def __init__(self, folder: Path, *options: str) -> None:
        self.port = free_port()
        self.log = folder / "server.log"
        self._log_file = self.log.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "msglint", "serve", "--port", str(self.port), *options],
            cwd=folder,  # no configuration file there: the defaults, as in-process Linter() has them
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
        )
        self._wait_until_healthy()

    def _wait_until_healthy(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.stop()
                raise RuntimeError(f"msglint serve exited with {self.process.returncode}:\n{self.log.read_text()}")
            try:
                status, _ = Client(self.port).get("/v1/health")
            except OSError:
                time.sleep(0.1)
                continue
            if status == 200:
                return
        self.stop()
        raise RuntimeError(f"msglint serve was not healthy within {START_TIMEOUT:.0f} s:\n{self.log.read_text()}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self._log_file.close()


class Client:
    """One keep-alive HTTP/1.1 connection to the server."""

    def __init__(self, port: int) -> None:
        self.connection = http.client.HTTPConnection(LOOPBACK, port, timeout=REQUEST_TIMEOUT)

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None
    ) -> Response:
        self.connection.request(method, path, body=body, headers=headers or {})
        response = self.connection.getresponse()
        data = response.read()
        assert response.getheader("content-type") == "application/json", (path, response.status)
        return response.status, json.loads(data)

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(self, path: str, document: Any) -> Response:
        body = json.dumps(document).encode("utf-8")
        return self.request("POST", path, body, {"content-type": "application/json"})


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = Server(tmp_path_factory.mktemp("serve"))
    yield running
    running.stop()


@pytest.fixture
def client(server: Server) -> Client:
    return Client(server.port)


def expected(linter: Linter, message: Message | str) -> dict[str, Any]:
    """What the server must answer: the in-process report, with the keys of a report."""
    dumped = linter.lint(message).model_dump(mode="json")
    return {key: dumped[key] for key in REPORT_KEYS}


def js_index(text: str, offset: int) -> int:
    """JavaScript's index of the code point at ``offset``: UTF-16 code units before it."""
    return len(text[:offset].encode("utf-16-le")) // 2


def codes_and_spans(report: dict[str, Any]) -> list[tuple[str, int, int, str]]:
    return [(f["rule"], f["span"]["start"], f["span"]["end"], f["text"]) for f in report["findings"]]


# --- health ---------------------------------------------------------------------------------------


def test_health_says_version_policy_languages_and_limits(client: Client) -> None:
    assert client.get("/v1/health") == (
        200,
        {
            "status": "ok",
            "version": msglint.__version__,
            "policy": "amazon",
            "languages": list(supported_languages()),
            "limits": {"max_body_bytes": MAX_BODY_BYTES, "max_batch_messages": MAX_BATCH, "max_message_chars": 100_000},
        },
    )


# --- /v1/check ------------------------------------------------------------------------------------


def test_check_answers_the_report_of_lint(client: Client, linter: Linter) -> None:
    text = "Leave us 5 stars and get 10% off!"
    status, report = client.post("/v1/check", {"message": text})
    assert status == 200
    assert report == expected(linter, text)
    assert list(report) == list(REPORT_KEYS)
    assert (report["ok"], report["verdict"]) == (False, "block")
    assert codes_and_spans(report) == [("REV001", 9, 16, "5 stars"), ("REV002", 25, 32, "10% off")]


def test_check_report_is_the_cli_json_result_with_the_message_id(client: Client, linter: Linter) -> None:
    message = Message(text="Email me at help@shop-example.com", id="m-7")
    status, report = client.post("/v1/check", {"message": {"text": message.text, "id": "m-7"}})
    cli = result(Source("-", message.text), linter.lint(message))
    del cli["path"]
    assert status == 200
    assert report == {**cli, "message_id": "m-7"}
    assert codes_and_spans(report) == [("EXT009", 0, 8, "Email me"), ("EXT005", 12, 33, "help@shop-example.com")]


def test_check_takes_every_message_field(client: Client, linter: Linter) -> None:
    message = {
        "text": "Your order shipped today and should arrive on Friday.",
        "id": "order-update-1",
        "language": "en-GB",
        "marketplace": "amazon.co.uk",
        "message_type": "reply",  # one of the pack's types (an unknown one is an error)
        "order_id": "204-5551234-7654321",
        "sent_at": "2026-11-20T10:00:00Z",
        "attachments": [{"filename": "invoice.pdf", "content_type": "application/pdf", "size_bytes": 1024}],
    }
    status, report = client.post("/v1/check", {"message": message})
    assert status == 200
    assert report == expected(linter, Message.model_validate(message))
    assert (report["message_id"], report["verdict"], report["findings"]) == ("order-update-1", "allow", [])


def test_check_reads_messaging_metadata(client: Client) -> None:
    message = {
        "text": "Yes, it fits the 2019 model.",
        "direction": "reply",
        "sent_at": "2026-02-03T10:00:00",
        "reply_to": {"received_at": "2026-02-02T09:00:00Z"},
        "buyer": {"locale": "en-GB", "opted_out": False},
    }
    status, report = client.post("/v1/check", {"message": message})
    assert status == 200
    assert [(f["rule"], f["field"], f["span"]["start"], f["span"]["end"]) for f in report["findings"]] == [
        ("TIM004", "sent_at", 0, 0)
    ]
    assert "OPT001" in report["not_run"]


def test_check_with_ignore_drops_those_rules(client: Client) -> None:
    status, report = client.post("/v1/check", {"message": "Leave us 5 stars and get 10% off!", "ignore": ["REV001"]})
    assert status == 200
    assert codes_and_spans(report) == [("REV002", 25, 32, "10% off")]


def test_utf16_offsets_are_javascripts_indices_after_emoji(client: Client) -> None:
    text = "😀😀 visit shop.example.com"
    _, by_code_point = client.post("/v1/check", {"message": text})
    status, by_unit = client.post("/v1/check", {"message": text, "offsets": "utf16"})
    assert status == 200
    assert codes_and_spans(by_code_point) == [("EXT001", 9, 25, "shop.example.com")]
    assert codes_and_spans(by_unit) == [("EXT001", 11, 27, "shop.example.com")]
    assert (js_index(text, 9), js_index(text, 25)) == (11, 27)
    span = by_unit["findings"][0]["span"]
    assert (span["line"], span["column"], span["end_line"], span["end_column"]) == (1, 12, 1, 28)
    # What a JavaScript client slices: text.slice(11, 27)
    assert text.encode("utf-16-le")[2 * 11 : 2 * 27].decode("utf-16-le") == "shop.example.com"


def test_utf16_columns_count_from_their_own_line(client: Client) -> None:
    text = "Hi 👋🏽,\nyour parcel 📦 left today.\n🎉 Reach us at shop.example.com 😀 or sales@shop.example.com"
    _, by_code_point = client.post("/v1/check", {"message": text})
    status, by_unit = client.post("/v1/check", {"message": text, "offsets": "utf16"})
    assert status == 200
    assert [(f["rule"], f["span"]) for f in by_code_point["findings"]] == [
        ("EXT001", {"start": 47, "end": 63, "line": 3, "column": 15, "end_line": 3, "end_column": 31}),
        ("EXT005", {"start": 69, "end": 91, "line": 3, "column": 37, "end_line": 3, "end_column": 59}),
    ]
    assert [(f["rule"], f["span"]) for f in by_unit["findings"]] == [
        ("EXT001", {"start": 51, "end": 67, "line": 3, "column": 16, "end_line": 3, "end_column": 32}),
        ("EXT005", {"start": 74, "end": 96, "line": 3, "column": 39, "end_line": 3, "end_column": 61}),
    ]
    line_start = js_index(text, text.rindex("\n") + 1)
    for cp, unit in zip(by_code_point["findings"], by_unit["findings"], strict=True):
        assert unit["span"]["start"] == js_index(text, cp["span"]["start"])
        assert unit["span"]["end"] == js_index(text, cp["span"]["end"])
        assert unit["span"]["column"] == unit["span"]["start"] - line_start + 1
        assert unit["text"] == cp["text"]


def test_an_unpaired_surrogate_gives_valid_json_and_never_allow(client: Client) -> None:
    body = b'{"message": "hi \\ud800 visit shop.example.com"}'
    status, report = client.request("POST", "/v1/check", body, {"content-type": "application/json"})
    assert status == 200
    assert (report["ok"], report["verdict"]) == (False, "block")


# --- /v1/check/batch ------------------------------------------------------------------------------


def test_batch_keeps_the_order_of_its_messages(client: Client, linter: Linter) -> None:
    messages: list[Any] = [
        "Thanks for your order!",
        {"text": "Leave us 5 stars and get 10% off!", "id": "b"},
        "😀 visit shop.example.com",
        {"text": "Your parcel left our warehouse today.", "id": "d"},
        "You idiot.",
    ]
    status, body = client.post("/v1/check/batch", {"messages": messages})
    assert status == 200
    reports = body["reports"]
    assert [r["message_id"] for r in reports] == [None, "b", None, "d", None]
    assert [r["verdict"] for r in reports] == ["allow", "block", "block", "allow", "block"]
    assert reports == [expected(linter, m if isinstance(m, str) else Message.model_validate(m)) for m in messages]


def test_batch_offsets_and_ignore_apply_to_every_message(client: Client) -> None:
    messages = ["😀 visit shop.example.com", "Leave us 5 stars and get 10% off!"]
    request = {"messages": messages, "offsets": "utf16", "ignore": ["REV001"]}
    status, body = client.post("/v1/check/batch", request)
    assert status == 200
    assert [codes_and_spans(r) for r in body["reports"]] == [
        [("EXT001", 9, 25, "shop.example.com")],
        [("REV002", 25, 32, "10% off")],
    ]


def test_a_lone_surrogate_in_json_is_checked_like_any_text(client: Client) -> None:
    # Valid JSON that no encoding can write back: it once made the tokenizer raise.
    body = b'{"messages": ["Thanks!", "hi \\ud800 there", "visit shop.example.com"]}'
    status, answer = client.request("POST", "/v1/check/batch", body, {"content-type": "application/json"})
    assert status == 200
    assert [(r["verdict"], r["findings"]) for r in answer["reports"][:2]] == [("allow", []), ("allow", [])]
    assert answer["reports"][2]["verdict"] == "block"
    assert codes_and_spans(answer["reports"][2]) == [("EXT001", 6, 22, "shop.example.com")]


def test_batch_over_the_count_limit_is_413(client: Client) -> None:
    status, error = client.post("/v1/check/batch", {"messages": ["hi"] * (MAX_BATCH + 1)})
    assert status == 413
    assert error == {
        "error": {
            "code": "too-many-messages",
            "message": "1,001 messages; this server checks at most 1,000 per request",
            "field": "messages",
        }
    }


def test_batch_at_the_count_limit_is_checked(client: Client) -> None:
    status, body = client.post("/v1/check/batch", {"messages": [f"Order {n} shipped." for n in range(MAX_BATCH)]})
    assert status == 200
    assert len(body["reports"]) == MAX_BATCH


# --- errors ---------------------------------------------------------------------------------------


def error_of(response: Response) -> tuple[int, str, str | None]:
    status, body = response
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "field"}
    return status, body["error"]["code"], body["error"]["field"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'{"message": "hi"', "not valid JSON: Expecting ',' delimiter (line 1, column 17)"),
        (b"", "the request body is empty; send a JSON object"),
        (b'{"message": "caf\xe9"}', "not UTF-8 text (byte 16 is 0xe9)"),
        (b"[" * 100_000, "the JSON is nested too deeply"),
    ],
    ids=["truncated", "empty", "latin-1", "deep"],
)
def test_malformed_json_is_400(client: Client, body: bytes, message: str) -> None:
    status, error = client.request("POST", "/v1/check", body, {"content-type": "application/json"})
    assert (status, error) == (400, {"error": {"code": "malformed-json", "message": message, "field": None}})


@pytest.mark.parametrize(
    ("document", "field", "message"),
    [
        ({"message": {"text": 5}}, "message.text", "message.text: text must be a str, not int"),
        ({"message": {"text": "hi", "language": "english"}}, "message.language", None),
        ({"message": {"text": "hi", "lang": "en"}}, "message.lang", "message.lang: unknown field"),
        ({"message": 5}, "message", None),
        ({"text": "hi"}, "message", "message: Field required (and 1 more)"),
        ({"message": "hi", "offsets": "bytes"}, "offsets", None),
        ({"message": "hi", "ignore": ["EXT001", "NOPE"]}, "ignore[1]", None),
        ({"messages": ["hi"]}, "message", None),
    ],
    ids=["text-type", "language", "unknown-field", "not-a-message", "missing", "offsets", "ignore", "batch-key"],
)
def test_an_invalid_field_is_422_naming_it(
    client: Client, document: dict[str, Any], field: str, message: str | None
) -> None:
    status, body = client.post("/v1/check", document)
    assert error_of((status, body)) == (422, "invalid-request", field)
    assert body["error"]["message"].startswith(f"{field}: ")
    if message is not None:
        assert body["error"]["message"] == message


def test_an_invalid_message_in_a_batch_is_422_naming_its_index(client: Client) -> None:
    response = client.post("/v1/check/batch", {"messages": ["fine", {"text": "hi", "sent_at": "yesterday"}]})
    assert error_of(response) == (422, "invalid-request", "messages[1].sent_at")


def test_a_body_that_is_not_an_object_is_422(client: Client) -> None:
    assert client.post("/v1/check", ["hi"]) == (
        422,
        {
            "error": {
                "code": "invalid-request",
                "message": "the request body must be a JSON object, not an array",
                "field": None,
            }
        },
    )


@pytest.mark.parametrize("policy", ["shopify", "../msglint/policies/amazon.toml", ""])
def test_an_unknown_policy_is_400(client: Client, policy: str) -> None:
    status, body = client.post("/v1/check", {"message": "hi", "policy": policy})
    assert error_of((status, body)) == (400, "unknown-policy", "policy")
    known = "amazon, ebay, etsy, mercadolibre, walmart"
    assert body["error"]["message"] == f"no policy named {policy!r}; this server has: {known}"


def test_a_body_declared_over_the_limit_is_413_before_it_is_read(client: Client) -> None:
    body = b'{"message": "' + b"a" * MAX_BODY_BYTES + b'"}'
    status, error = client.request("POST", "/v1/check", body, {"content-type": "application/json"})
    assert (status, error["error"]["code"]) == (413, "body-too-large")
    assert client.get("/v1/health")[0] == 200  # the connection is still usable


def test_a_chunked_body_over_the_limit_is_413_while_it_is_read(server: Server) -> None:
    """No Content-Length to trust: the server counts the bytes as they come."""
    chunk = b"a" * 65_536
    chunks = [b'{"message": "', *[chunk] * (2 * MAX_BODY_BYTES // len(chunk)), b'"}']
    connection = http.client.HTTPConnection(LOOPBACK, server.port, timeout=REQUEST_TIMEOUT)
    connection.request(
        "POST", "/v1/check", body=iter(chunks), headers={"content-type": "application/json"}, encode_chunked=True
    )
    response = connection.getresponse()
    assert response.status == 413
    assert json.loads(response.read())["error"] == {
        "code": "body-too-large",
        "message": f"the request body is over this server's limit of {MAX_BODY_BYTES:,} bytes",
        "field": None,
    }


def test_a_body_just_under_the_limit_is_checked_up_to_the_message_limit(client: Client) -> None:
    text = "Thanks for your order. " * ((MAX_BODY_BYTES - 64) // 23)
    status, report = client.post("/v1/check", {"message": text})
    assert (status, report["verdict"]) == (200, "block")  # what was not checked fails closed
    assert [(f["rule"], f["span"]["start"], f["severity"]) for f in report["findings"]] == [
        ("MSG003", 100_000, "error")
    ]


def test_a_body_that_is_not_json_is_415(client: Client) -> None:
    status, error = client.request(
        "POST", "/v1/check", b"message=hi", {"content-type": "application/x-www-form-urlencoded"}
    )
    assert (status, error["error"]["code"]) == (415, "unsupported-media-type")


def test_unknown_paths_and_methods_answer_json(client: Client) -> None:
    assert client.get("/v1/nothing") == (
        404,
        {"error": {"code": "not-found", "message": "no endpoint /v1/nothing; see /openapi.json", "field": None}},
    )
    assert error_of(client.get("/v1/check")) == (405, "method-not-allowed", None)


# --- rules ----------------------------------------------------------------------------------------


def test_rules_are_what_msglint_rules_lists(client: Client, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--format", "json"]) == 0
    status, body = client.get("/v1/rules")
    assert status == 200
    assert body == json.loads(capsys.readouterr().out)
    assert body["policy"] == "amazon"
    assert {
        "code": "REV001",
        "name": "positive-review-request",
        "category": "review-manipulation",
        "default_severity": "error",
        "enabled": True,
        "severity": "error",
        "scope": "message",
    } in body["rules"]


def test_a_rule_is_what_msglint_explain_says(client: Client, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "REV001"]) == 0
    status, rule = client.get("/v1/rules/REV001")
    assert status == 200
    assert rule["text"] == capsys.readouterr().out
    assert (rule["code"], rule["name"], rule["category"], rule["severity"], rule["enabled"]) == (
        "REV001",
        "positive-review-request",
        "review-manipulation",
        "error",
        True,
    )
    assert rule["clause"]["id"] == "no-review-manipulation"
    assert rule["clause"]["text"] == "Do not attempt to solicit or otherwise request feedback or rating manipulation."
    assert rule["examples"]["violating"] and rule["examples"]["compliant"]


def test_a_rule_is_found_by_its_name_too(client: Client) -> None:
    status, rule = client.get("/v1/rules/positive-review-request")
    assert (status, rule["code"]) == (200, "REV001")


def test_an_unknown_rule_is_404(client: Client) -> None:
    assert client.get("/v1/rules/XYZ999") == (
        404,
        {"error": {"code": "unknown-rule", "message": "no rule 'XYZ999'; GET /v1/rules lists them", "field": "code"}},
    )


# --- the OpenAPI document -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def openapi_document(server: Server) -> dict[str, Any]:
    status, document = Client(server.port).get("/openapi.json")
    assert status == 200
    return document


def test_the_checked_in_openapi_document_is_the_served_one(openapi_document: dict[str, Any]) -> None:
    checked_in = json.loads((ROOT / "docs" / "openapi.json").read_text("utf-8"))
    assert checked_in == openapi_document, "regenerate it: python tools/export_openapi.py"


def conforms(document: dict[str, Any], schema: str, instance: Any) -> None:
    validator = {"$ref": f"#/components/schemas/{schema}", "components": document["components"]}
    jsonschema.validate(instance, validator, cls=jsonschema.Draft202012Validator)


def test_answers_conform_to_the_openapi_document(client: Client, openapi_document: dict[str, Any]) -> None:
    paths = openapi_document["paths"]
    assert sorted(paths) == ["/v1/check", "/v1/check/batch", "/v1/health", "/v1/rules", "/v1/rules/{code}"]
    conforms(openapi_document, "Health", client.get("/v1/health")[1])
    conforms(openapi_document, "Report", client.post("/v1/check", {"message": "Leave us 5 stars!"})[1])
    conforms(openapi_document, "BatchReports", client.post("/v1/check/batch", {"messages": ["a", "b c"]})[1])
    conforms(openapi_document, "RuleList", client.get("/v1/rules")[1])
    conforms(openapi_document, "RuleDocumentation", client.get("/v1/rules/EXT001")[1])
    conforms(openapi_document, "ErrorResponse", client.post("/v1/check", {"message": 5})[1])
    conforms(openapi_document, "CheckRequest", {"message": "hi", "offsets": "utf16"})
    conforms(openapi_document, "CheckRequest", {"message": {"text": "hi", "language": "de"}})
    with pytest.raises(jsonschema.ValidationError):
        conforms(openapi_document, "CheckRequest", {"message": {"text": "hi"}, "offsets": "bytes"})


# --- the Node.js example client ---------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js 18+ on PATH")
def test_the_node_example_client_runs_against_the_server(server: Server) -> None:
    example = ROOT / "docs" / "examples" / "node-client.mjs"
    ran = subprocess.run(
        ["node", str(example), f"http://{LOOPBACK}:{server.port}"],
        capture_output=True,
        text=True,
        timeout=REQUEST_TIMEOUT,
        check=False,
    )
    assert (ran.returncode, ran.stderr) == (0, "")
    lines = ran.stdout.splitlines()
    assert lines[0] == f"msglint {msglint.__version__}, policy amazon, languages {', '.join(supported_languages())}"
    assert lines[1:3] == ["order-1: allow", "order-2: block"]
    assert '  REV001 error at [22, 29) "5 stars"' in lines
    assert '  EXT001 error at [40, 56) "shop.example.com"' in lines
    assert "batch: allow, block, allow" in lines
    assert lines[-1].startswith("error: 422 invalid-request: message.language: ")


# --- under load -----------------------------------------------------------------------------------


def corpus_messages(count: int) -> list[Message]:
    texts: dict[str, Message] = {}
    for path in sorted(CORPORA.glob("*.jsonl")):
        for sample in load(path):
            texts.setdefault(sample.text, Message(text=sample.text, id=sample.id, language=sample.lang))
    assert len(texts) >= count
    return list(texts.values())[:count]


def test_load_gives_no_error_and_the_results_of_lint(server: Server, linter: Linter) -> None:
    messages = corpus_messages(LOAD_REQUESTS)
    shares = [messages[n::LOAD_CONNECTIONS] for n in range(LOAD_CONNECTIONS)]

    def send(share: list[Message]) -> list[Response]:
        client = Client(server.port)
        return [client.post("/v1/check", {"message": m.model_dump(mode="json", exclude_none=True)}) for m in share]

    with ThreadPoolExecutor(LOAD_CONNECTIONS) as pool:
        answers = [future.result(timeout=LOAD_DEADLINE) for future in [pool.submit(send, s) for s in shares]]
    responses = {
        m.id: response
        for share, got in zip(shares, answers, strict=True)
        for m, response in zip(share, got, strict=True)
    }
    assert len(responses) == LOAD_REQUESTS
    assert [m.id for m in messages if responses[m.id][0] != 200] == []
    assert [m.id for m in messages if responses[m.id][1] != expected(linter, m)] == []
    assert any(responses[m.id][1]["findings"] for m in messages)


def test_the_log_has_method_path_status_and_time_never_the_message(server: Server, client: Client) -> None:
    secret = "Zebra-7 lives at 12 Quiet Lane, call 0161 496 0000"
    assert client.post("/v1/check", {"message": secret})[0] == 200
    assert client.post("/v1/check", {"message": {"text": secret, "language": "not a language"}})[0] == 422
    assert client.get("/v1/health?token=Zebra-7")[0] == 200
    log = server.log.read_text("utf-8")
    assert "Zebra-7" not in log and "Quiet Lane" not in log
    access = [line for line in log.splitlines() if re.search(r" (GET|POST) ", line)]
    assert access
    for line in access:
        assert re.fullmatch(r"INFO: +(GET|POST) /[\w/.{}-]* \d{3} \d+\.\d ms", line), line
    assert re.search(r"POST /v1/check 422 \d+\.\d ms", log)


def test_health_is_answered_while_a_long_message_is_checked(server: Server) -> None:
    long_text = " ".join(m.text for m in corpus_messages(LOAD_REQUESTS))[:100_000]
    with ThreadPoolExecutor(1) as pool:
        checking = pool.submit(Client(server.port).post, "/v1/check", {"message": long_text})
        client = Client(server.port)
        answered = 0
        while not checking.done():
            assert client.get("/v1/health")[0] == 200
            answered += not checking.done()
        assert checking.result(timeout=LOAD_DEADLINE)[0] == 200
    assert answered >= 5  # linting on the event loop instead answers one, before the check begins


# --- workers ---------------------------------------------------------------------------------------


def test_two_workers_each_build_their_linter_at_start(tmp_path: Path, linter: Linter) -> None:
    two = Server(tmp_path, "--workers", "2", "--no-access-log")
    try:
        messages = corpus_messages(40)

        def send(share: list[Message]) -> list[Response]:
            client = Client(two.port)
            return [client.post("/v1/check", {"message": {"text": m.text}}) for m in share]

        with ThreadPoolExecutor(4) as pool:
            answers = list(pool.map(send, [messages[n::4] for n in range(4)], timeout=LOAD_DEADLINE))
        got = {
            m.text: response
            for n, share in enumerate(answers)
            for m, response in zip(messages[n::4], share, strict=True)
        }
        assert all(got[m.text] == (200, expected(linter, m.text)) for m in messages)
    finally:
        two.stop()
    log = two.log.read_text("utf-8")
    languages = re.escape(", ".join(supported_languages()))
    assert len(set(re.findall(rf"policy 'amazon', languages {languages}, ready in [\d.]+ s \(pid (\d+)\)", log))) == 2
    assert not re.search(r" (GET|POST) /", log)


def test_serve_refuses_bad_options_before_it_starts() -> None:
    assert main(["serve", "--workers", "0"]) == 2
    assert main(["serve", "--port", "70000"]) == 2
    assert main(["serve", "--policy", "shopify"]) == 2


# --- in process: other policies, and a Linter that fails ------------------------------------------


async def _asgi(app: Any, method: str, path: str, document: Any = None) -> Response:
    body = b"" if document is None else json.dumps(document).encode("utf-8")
    path, _, query = path.partition("?")
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [(b"content-type", b"application/json")],
        "client": (LOOPBACK, 50000),
        "server": (LOOPBACK, 8079),
    }
    await app(scope, receive, send)
    start = next(m for m in sent if m["type"] == "http.response.start")
    return start["status"], json.loads(b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body"))


def asgi(app: Any, method: str, path: str, document: Any = None) -> Response:
    return asyncio.run(_asgi(app, method, path, document))


class FailingLinter(Linter):
    """Fails on every message that mentions Zebra-7, quoting it in the exception as a careless bug would."""

    def lint(self, message: Any, **kwargs: Any) -> msglint.Report:
        if "Zebra-7" in str(message):
            raise RuntimeError(f"failed on {message!r}")
        return super().lint(message, **kwargs)

    def lint_many(self, messages: Any, **kwargs: Any) -> Iterator[msglint.Report]:
        messages = list(messages)
        if any("Zebra-7" in str(m) for m in messages):
            raise RuntimeError(f"failed on {messages!r}")
        return super().lint_many(messages, **kwargs)


def test_a_linter_failure_gives_a_blocking_report_not_a_500(caplog: pytest.LogCaptureFixture) -> None:
    app = create_app(ServerOptions(), FailingLinter())
    with caplog.at_level(logging.INFO, logger="msglint.server"):
        status, report = asgi(app, "POST", "/v1/check", {"message": "Zebra-7 says thanks", "offsets": "utf16"})
        batch_status, batch = asgi(app, "POST", "/v1/check/batch", {"messages": ["Thanks!", "Zebra-7 b"]})
    assert status == 200
    assert (report["ok"], report["verdict"]) == (False, "block")
    assert [(f["rule"], f["severity"], f["span"]["start"], f["span"]["end"]) for f in report["findings"]] == [
        ("MSG008", "error", 0, 0)
    ]
    assert (
        report["findings"][0]["message"]
        == "msglint failed while checking this message (RuntimeError); it was not checked."
    )
    assert batch_status == 200
    assert [(r["verdict"], [f["rule"] for f in r["findings"]]) for r in batch["reports"]] == [
        ("allow", []),
        ("block", ["MSG008"]),
    ]
    assert "Zebra-7" not in caplog.text
    assert "linting failed: RuntimeError at test_server.py:" in caplog.text


def test_a_failure_outside_linting_is_a_json_500_logged_without_the_request(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, linter: Linter
) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise KeyError("Zebra-7")

    monkeypatch.setattr(RuleDoc, "of", broken)
    app = create_app(ServerOptions(), linter)
    with caplog.at_level(logging.INFO, logger="msglint.server"):
        response = asgi(app, "GET", "/v1/rules/REV001")
    assert response == (
        500,
        {
            "error": {
                "code": "internal-error",
                "message": "msglint failed to answer this request; it is logged",
                "field": None,
            }
        },
    )
    assert "GET /v1/rules/REV001 failed: KeyError at test_server.py:" in caplog.text
    assert "GET /v1/rules/REV001 500 " in caplog.text
    assert "Zebra-7" not in caplog.text


def test_other_policies_get_their_own_linter_on_first_use(tmp_path: Path) -> None:
    pack = tmp_path / "quiet.toml"
    pack.write_text('name = "quiet"\ntitle = "Only links"\nselect = ["EXT", "MSG"]\n', "utf-8")
    app = create_app(ServerOptions(policy=str(pack)))
    text = "Leave us 5 stars at shop.example.com"
    assert asgi(app, "GET", "/v1/health")[1]["policy"] == "quiet"
    _, default = asgi(app, "POST", "/v1/check", {"message": text})
    _, named = asgi(app, "POST", "/v1/check", {"message": text, "policy": "quiet"})
    _, amazon = asgi(app, "POST", "/v1/check", {"message": text, "policy": "amazon"})
    assert (default["policy"], named["policy"], amazon["policy"]) == ("quiet", "quiet", "amazon")
    assert [f["rule"] for f in default["findings"]] == ["EXT001"]
    assert [f["rule"] for f in amazon["findings"]] == ["REV001", "EXT001"]
    assert asgi(app, "GET", "/v1/rules")[1]["policy"] == "quiet"
    assert asgi(app, "GET", "/v1/rules/REV001")[1]["enabled"] is False
    assert asgi(app, "GET", "/v1/rules/REV001?policy=amazon")[1]["enabled"] is True
