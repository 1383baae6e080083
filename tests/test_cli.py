"""The installed ``msglint`` command, run as a user runs it: exit codes, bad input, stdin, JSON Lines.

Most tests select only the rules this suite controls (``--select TPL,MSG``), so they do not change
when the message checkers learn new words; the few about real findings pick violations that are
certain ("Visit https://example.com") and assert structure, not another checker's exact code.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import msglint

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = Path(sys.executable).with_name("msglint")
MINE = ("--select", "TPL,MSG")
COLOUR_VARIABLES = ("NO_COLOR", "FORCE_COLOR")  # the caller's must not colour what the tests read


def msglint_command() -> list[str]:
    return [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "msglint"]


def run(*args: str, stdin: str | bytes | None = None, cwd: Path | None = None, **env: str):
    environment = {k: v for k, v in os.environ.items() if k not in COLOUR_VARIABLES} | env
    data = stdin.encode() if isinstance(stdin, str) else stdin
    return subprocess.run(
        [*msglint_command(), *args],
        input=data,
        capture_output=True,
        cwd=cwd,
        env=environment,
        timeout=300,
        check=False,
    )


def out(result) -> str:
    return result.stdout.decode()


def err(result) -> str:
    return result.stderr.decode()


def no_traceback(result) -> None:
    assert "Traceback" not in err(result), err(result)


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    (tmp_path / "clean.txt").write_text("Hi {{ buyer_name }}, your order {{ order_id }} has shipped.\n")
    (tmp_path / "coupon.txt").write_text("Hi {{ buyer_name }},\nhere is your code: {{ coupon_code }}\n")
    return tmp_path


# --- exit codes -------------------------------------------------------------------------------


def test_clean_template_exits_0(templates: Path) -> None:
    result = run("check", *MINE, str(templates / "clean.txt"))
    assert result.returncode == 0
    assert "No problems found (1 file checked)." in out(result)


def test_a_warning_does_not_fail_the_default_threshold(templates: Path) -> None:
    result = run("check", *MINE, str(templates / "coupon.txt"))
    assert result.returncode == 0
    assert "TPL002 [warning]" in out(result)


def test_a_finding_at_the_fail_on_threshold_exits_1(templates: Path) -> None:
    assert run("check", *MINE, "--fail-on", "warning", str(templates / "coupon.txt")).returncode == 1
    assert run("check", *MINE, "--fail-on", "info", str(templates / "coupon.txt")).returncode == 1


def test_fail_on_never_exits_0_whatever_is_found(templates: Path) -> None:
    result = run("check", *MINE, "--fail-on", "never", "--format", "json", str(templates))
    assert result.returncode == 0
    assert json.loads(out(result))["summary"]["findings"] == 1


def test_a_real_error_finding_exits_1_and_points_at_the_link(tmp_path: Path) -> None:
    (tmp_path / "link.txt").write_text("Hello {{ buyer_name }},\nVisit https://example.com for 20% off\n")
    result = run("check", "--format", "json", str(tmp_path / "link.txt"))
    assert result.returncode == 1
    findings = json.loads(out(result))["results"][0]["findings"]
    links = [f for f in findings if f["category"] == "external-contact"]
    assert links and links[0]["severity"] == "error"
    assert "example.com" in links[0]["text"]
    assert links[0]["span"]["line"] == 2


def test_a_usage_error_exits_2() -> None:
    result = run("check", "--format", "xml", "x.txt")
    assert result.returncode == 2
    assert "invalid choice: 'xml'" in err(result)


def test_an_unknown_rule_in_select_exits_2_naming_the_option(templates: Path) -> None:
    result = run("check", "--select", "NOPE999", str(templates))
    assert result.returncode == 2
    assert err(result).strip().splitlines() == [
        "msglint: error: command line: key '--select': 'NOPE999' names no rule; use a rule code (EXT001), "
        "a prefix (EXT), a rule name, a category, a checker id or ALL (see `msglint rules`)"
    ]


def test_a_configuration_error_is_one_line_naming_the_file_and_key(templates: Path) -> None:
    config = templates / ".msglint.toml"
    config.write_text('fail-on = "warning"\nselekt = ["TPL"]\n')
    result = run("check", str(templates / "clean.txt"))
    assert result.returncode == 2
    assert err(result).strip() == f"msglint: error: {config.resolve()}: key 'selekt': unknown key"


def test_help_documents_the_exit_codes() -> None:
    result = run("check", "--help")
    assert result.returncode == 0
    text = out(result)
    assert "0  nothing at or above --fail-on was found" in text
    assert "1  a finding at or above --fail-on was found" in text
    assert "2  usage, configuration or input error" in text


def test_version() -> None:
    result = run("--version")
    assert (result.returncode, out(result).strip()) == (0, f"msglint {msglint.__version__}")


def test_python_dash_m_runs_the_same_command(templates: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "msglint", "check", *MINE, "--fail-on", "warning", str(templates / "coupon.txt")],
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 1
    assert b"TPL002" in result.stdout


# --- bad input --------------------------------------------------------------------------------


def test_a_missing_path_is_reported_and_the_others_still_checked(templates: Path) -> None:
    result = run("check", *MINE, str(templates / "missing.txt"), str(templates / "coupon.txt"))
    assert result.returncode == 2
    assert f"msglint: error: {(templates / 'missing.txt').as_posix()}: no such file or directory" in err(result)
    assert "TPL002" in out(result)
    no_traceback(result)


def test_a_directory_without_templates_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    result = run("check", str(tmp_path))
    assert result.returncode == 2
    assert f"{tmp_path.as_posix()}: no files to check (looked for *.txt *.md" in err(result)
    no_traceback(result)


def test_a_file_that_is_not_utf8_is_named_with_the_offending_byte(tmp_path: Path) -> None:
    (tmp_path / "latin1.txt").write_bytes("Grüße".encode("latin-1"))
    result = run("check", str(tmp_path / "latin1.txt"))
    assert result.returncode == 2
    assert "latin1.txt: not UTF-8 text: byte 0xfc at offset 2 (line 1); save the file as UTF-8" in err(result)
    no_traceback(result)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_a_file_with_a_byte_order_mark_is_read(tmp_path: Path, encoding: str) -> None:
    (tmp_path / "bom.txt").write_bytes("Grüße, {{ coupon_code }}".encode(encoding))
    result = run("check", *MINE, "--format", "json", str(tmp_path / "bom.txt"))
    assert result.returncode == 0
    (finding,) = json.loads(out(result))["results"][0]["findings"]
    assert (finding["rule"], finding["text"], finding["span"]["column"]) == ("TPL002", "{{ coupon_code }}", 8)


def test_a_binary_file_is_reported_not_checked(tmp_path: Path) -> None:
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = run("check", str(tmp_path / "image.txt"))
    assert result.returncode == 2
    assert "image.txt: binary file (NUL byte at offset 8), not a text template" in err(result)
    no_traceback(result)


def test_an_empty_file_is_clean(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run("check", str(tmp_path / "empty.txt"))
    assert (result.returncode, err(result)) == (0, "")
    assert "No problems found (1 file checked)." in out(result)


def test_a_10_mb_file_is_checked_up_to_the_limit_and_says_so(tmp_path: Path) -> None:
    line = "Hello {{ buyer_name }}, your order has shipped and will arrive on Tuesday. Thank you! " * 8 + "\n"
    big = tmp_path / "big.txt"
    big.write_text(line * (10_000_000 // len(line) + 1))
    result = run("check", *MINE, "--format", "json", str(big))
    assert result.returncode == 1  # text that was not checked fails closed
    (finding,) = json.loads(out(result))["results"][0]["findings"]
    assert (finding["rule"], finding["severity"]) == ("MSG003", "error")
    assert finding["span"]["start"] == 100_000


def test_a_10_mb_file_in_text_format_shows_a_short_excerpt(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("x" * 10_000_000)
    result = run("check", *MINE, str(big))
    assert result.returncode == 1
    expected = (
        "MSG003 [error] Only the first 100,000 of 10,000,000 characters were checked (the limit is 100,000, "
        "counted after folding look-alike characters); the rest, from here on, was not."
    )
    assert expected in out(result)
    assert len(out(result)) < 2_000


# --- standard input ---------------------------------------------------------------------------


def test_standard_input_is_checked_as_a_template_under_its_given_name() -> None:
    result = run("check", *MINE, "--stdin-filename", "templates/x.hbs", "-", stdin="Use {{coupon_code}} today")
    assert result.returncode == 0
    assert out(result).startswith("templates/x.hbs:1:5: TPL002 [warning]")


def test_standard_input_without_a_name_is_one_message_shown_as_dash() -> None:
    result = run("check", "-", stdin="Visit shop.example.com today")
    assert out(result).startswith("-:1:7: EXT001")


def test_standard_input_is_a_message_whose_directives_are_never_read() -> None:
    # A draft piped in by a helpdesk must not be able to switch the linter off.
    result = run("check", "-", stdin="Visit shop.example.com <!-- msglint: disable-file -->")
    assert result.returncode == 1
    assert out(result).startswith("-:1:7: EXT001")
    assert "MSG" not in out(result)


def test_stdin_filename_of_a_template_opts_into_template_handling() -> None:
    result = run("check", *MINE, "--stdin-filename", "templates/coupon.hbs", "-", stdin="Use {{coupon_code}} today")
    assert out(result).startswith("templates/coupon.hbs:1:5: TPL002")


# --- JSON Lines -------------------------------------------------------------------------------

JSONL = "\n".join(
    [
        '{"id": "m1", "text": "Your parcel left today."}',
        '{"id": "m2", "text": "Use {{ coupon_code }} now"}',
        "this is not json",
        '{"id": "m4"}',
        '{"id": "m5", "text": "Hello", "language": "english"}',
        "",
        '{"id": 6, "text": "Thanks for your order!", "lang": "en", "labels": []}',
        '["a list"]',
        '{"id": "m9", "text": "Bye"}',
    ]
)


def test_jsonl_answers_every_line_in_order_and_bad_lines_in_their_place() -> None:
    result = run("check", *MINE, "--jsonl", "-", stdin=JSONL)
    assert result.returncode == 2
    rows = [json.loads(line) for line in out(result).splitlines()]
    assert [(r["line"], r["id"], r["verdict"]) for r in rows] == [
        (1, "m1", "allow"),
        (2, "m2", "allow"),  # a real message: placeholders are not template syntax here
        (3, None, "block"),
        (4, "m4", "block"),
        (5, "m5", "block"),
        (7, "6", "allow"),
        (8, None, "block"),
        (9, "m9", "allow"),
    ]
    unreadable = {r["line"]: r["findings"] for r in rows if r["verdict"] == "block"}
    assert {line: [(f["rule"], f["severity"]) for f in found] for line, found in unreadable.items()} == {
        line: [("MSG006", "error")] for line in (3, 4, 5, 8)
    }
    assert unreadable[5][0]["message"] == (
        "This input is not a message msglint can check: line 5: field 'language': expected a BCP 47 language tag "
        "such as 'en', 'de-DE' or 'pt-BR', got 'english' (got 'english'). Nothing in it was checked."
    )
    errors = err(result)
    assert "msglint: error: -:3: not valid JSON: Expecting value (column 1); this line was not checked" in errors
    assert "msglint: error: -:4: missing field 'text'; this line was not checked" in errors
    assert "msglint: error: -:8: expected a JSON object, got list; this line was not checked" in errors
    assert "msglint: note: -: skipped 1 blank line(s)" in errors
    assert "msglint: error: -: 4 line(s) could not be checked (see their reports)" in errors
    no_traceback(result)


def test_jsonl_from_a_file_finds_real_violations_and_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "sent.jsonl"
    path.write_text(
        '{"id": "ok", "text": "Your order has shipped."}\n{"id": "bad", "text": "Visit https://example.com today"}\n'
    )
    result = run("check", "--jsonl", str(path))
    assert result.returncode == 1
    rows = [json.loads(line) for line in out(result).splitlines()]
    assert [(r["id"], r["ok"]) for r in rows] == [("ok", True), ("bad", False)]
    assert all(r["path"] == path.as_posix() for r in rows)


def test_jsonl_results_stream_before_the_input_ends() -> None:
    process = subprocess.Popen(
        [*msglint_command(), "check", *MINE, "--jsonl", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        assert process.stdin is not None and process.stdout is not None
        for number in range(600):
            process.stdin.write(json.dumps({"id": str(number), "text": "Your order shipped."}).encode() + b"\n")
        process.stdin.flush()
        first = json.loads(process.stdout.readline())  # arrives while standard input is still open
        assert first["id"] == "0"
        process.stdin.close()
        rest = process.stdout.read().decode().splitlines()
        assert len(rest) == 599
        assert process.wait(timeout=120) == 0
    finally:
        process.kill()


def test_jsonl_from_a_pipe_answers_each_line_as_it_is_read() -> None:
    # A seller tool keeps one msglint open as a co-process and writes one draft a line.
    process = subprocess.Popen(
        [*msglint_command(), "check", "--jsonl", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        assert process.stdin is not None and process.stdout is not None
        drafts = [
            ("d1", "Your order shipped today.", "allow", []),
            ("d2", "Visit shop.example.com for 20% off", "block", ["EXT001"]),
            ("d3", "{not json", "block", ["MSG006"]),
            ("d4", "Thanks, the replacement is on its way.", "allow", []),
        ]
        for draft_id, text, verdict, rules in drafts:
            line = text if draft_id == "d3" else json.dumps({"id": draft_id, "text": text})
            process.stdin.write(line.encode() + b"\n")
            process.stdin.flush()
            answer = json.loads(process.stdout.readline())  # standard input is still open
            assert (answer["verdict"], [f["rule"] for f in answer["findings"] if f["rule"] in rules]) == (
                verdict,
                rules,
            )
            assert answer["id"] == (None if draft_id == "d3" else draft_id)
        process.stdin.close()
        assert process.stdout.read() == b""
        assert process.wait(timeout=120) == 2  # one line could not be checked
    finally:
        process.kill()


def test_jsonl_shows_no_progress_when_stderr_is_not_a_terminal() -> None:
    result = run("check", *MINE, "--jsonl", "-", stdin='{"text": "hello"}\n' * 300)
    assert result.returncode == 0
    assert err(result) == ""


def test_jsonl_refuses_file_only_formats_and_paths() -> None:
    assert run("check", "--jsonl", "-", "--format", "sarif", stdin="").returncode == 2
    assert run("check", "--jsonl", "-", "x.txt", stdin="").returncode == 2


def test_jsonl_missing_file_exits_2(tmp_path: Path) -> None:
    result = run("check", "--jsonl", str(tmp_path / "none.jsonl"))
    assert result.returncode == 2
    assert "none.jsonl: No such file or directory" in err(result)


# --- colour -----------------------------------------------------------------------------------


def _on_a_terminal(*args: str, **env: str) -> str:
    """Run with standard output on a pseudo-terminal; returns what it printed."""
    pty = pytest.importorskip("pty")
    controller, terminal = pty.openpty()
    environment = {k: v for k, v in os.environ.items() if k not in COLOUR_VARIABLES} | env
    with subprocess.Popen(
        [*msglint_command(), *args], stdout=terminal, stderr=subprocess.DEVNULL, env=environment
    ) as process:
        os.close(terminal)
        chunks = []
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.wait(timeout=120)
    os.close(controller)
    return b"".join(chunks).decode()


def test_colour_on_a_terminal_unless_no_color_or_color_never(templates: Path) -> None:
    target = str(templates / "coupon.txt")
    assert "\033[" in _on_a_terminal("check", *MINE, target)
    assert "\033[" not in _on_a_terminal("check", *MINE, "--color", "never", target)
    assert "\033[" not in _on_a_terminal("check", *MINE, "--no-color", target)
    assert "\033[" not in _on_a_terminal("check", *MINE, target, NO_COLOR="1")


def test_no_colour_when_output_is_piped_unless_asked(templates: Path) -> None:
    target = str(templates / "coupon.txt")
    assert b"\033[" not in run("check", *MINE, target).stdout
    assert b"\033[" in run("check", *MINE, target, FORCE_COLOR="1").stdout
    assert b"\033[" in run("check", *MINE, "--color", "always", target).stdout


# --- the bundled examples ---------------------------------------------------------------------


def test_quick_start_on_the_bundled_examples_exits_0() -> None:
    result = run("check", "examples/templates", "--fail-on", "never", cwd=ROOT)
    assert result.returncode == 0
    assert "(6 files checked)" in out(result)


def test_bundled_examples_flag_the_violating_templates_only(tmp_path: Path) -> None:
    result = run("check", "examples/templates", "--format", "json", "--fail-on", "never", cwd=ROOT)
    flagged = {r["path"].rsplit("/", 1)[1]: r for r in json.loads(out(result))["results"]}
    assert {name for name, r in flagged.items() if r["findings"]} == {
        "coupon-code.md",
        "follow-us.html",
        "review-for-discount.txt",
    }
    rules = {name: {f["rule"] for f in r["findings"]} for name, r in flagged.items()}
    assert "TPL002" in rules["coupon-code.md"]
    assert "TPL001" in rules["follow-us.html"]
    assert "TPL003" in rules["review-for-discount.txt"]
    assert "external-contact" in {f["category"] for f in flagged["follow-us.html"]["findings"]}
    assert not flagged["follow-us.html"]["ok"]
