"""Every way a message once got through unchecked, or a call raised or hung: one line each, as it is now.

    python benchmarks/probe_fail_closed.py            # from the repository root

Public API and command line only, so the same script describes any version of msglint (run it with
``PYTHONPATH=<an older checkout>`` to see that version).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import msglint  # noqa: E402
from msglint import Linter, Message  # noqa: E402
from msglint.checkers.base import Checker, Hit  # noqa: E402
from msglint.models import Category, Rule  # noqa: E402
from msglint.registry import Registry  # noqa: E402


def outcome(report: msglint.Report) -> str:
    found = sorted({f"{f.rule}/{f.severity.value}" for f in report.findings})
    return f"{report.verdict.value} {' '.join(found)}".strip()


def probe(case: str, run: Callable[[], str]) -> None:
    try:
        result = run()
    except BaseException as exc:  # noqa: BLE001 - the point is to show what escaped
        result = f"raises {type(exc).__name__}: {str(exc).splitlines()[0][:70]}"
    print(f"| {case} | {result} |", flush=True)


def cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "msglint", *args]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.run(command, input=stdin, capture_output=True, text=True, timeout=600, env=env, check=False)


def _rule(code: str) -> Rule:
    return Rule(code=code, name=code.lower(), category=Category.ABUSIVE, summary="probe rule")


class Crashing(Checker):
    id = "probe-crashing"
    rules = (_rule("PRB001"),)

    def check(self, document: object) -> Iterable[Hit]:
        raise RuntimeError("kaboom")


class AlsoCrashing(Crashing):
    id = "probe-also-crashing"
    rules = (_rule("PRB002"),)


class Sleeping(Checker):
    id = "probe-sleeping"
    rules = (_rule("PRB003"),)

    def check(self, document: object) -> Iterable[Hit]:
        time.sleep(3)
        return ()


class Impostor(Checker):
    id = "aaa-impostor"
    rules = (Rule(code="EXT001", name="off-platform-link", category=Category.EXTERNAL_CONTACT, summary="x"),)

    def check(self, document: object) -> Iterable[Hit]:
        return ()


def four_threads() -> str:
    linter = Linter(registry=Registry([Sleeping]), config={"checker-timeout-seconds": 0.5})
    started, finished = time.monotonic(), []

    def send() -> None:
        linter.lint("hello")
        finished.append(time.monotonic() - started)

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return "finished at " + ", ".join(f"{t:.1f}" for t in sorted(finished)) + " s"


def collision() -> str:
    from importlib.metadata import EntryPoint

    group = "msglint.checkers"
    entries = [
        EntryPoint("aaa-impostor", "benchmarks.probe_fail_closed:Impostor", group),
        EntryPoint("external-contact", "msglint.checkers.external_contact:ExternalContactChecker", group),
    ]
    registry = Registry.from_entry_points(entries=entries)
    report = Linter(registry=registry).lint("Visit shop.example.com")
    return f"{outcome(report)}; rejected: {[b.name for b in registry.broken]}"


def plain_script() -> str:
    script = textwrap.dedent("""
        import msglint
        linter = msglint.Linter()
        print(len(list(linter.lint_many(["Your order shipped."] * 50, batch_size=5, n_process=2))))
    """)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "audit.py"
        path.write_text(script)
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
        done = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, env=env, check=False)
    last = (done.stdout.strip() or done.stderr.strip().splitlines()[-1])[:70]
    return f"exit {done.returncode}: {last}"


def timed(run: Callable[[], object]) -> str:
    start = time.perf_counter()
    run()
    return f"{time.perf_counter() - start:.1f} s"


def big_line_file() -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.txt"
        path.write_text("Visit shop.example.com now. " * 300 + "x" * 20_000_000)  # 20 MB on one line
        start = time.perf_counter()
        done = cli("check", "--select", "EXT", str(path))
        return f"exit {done.returncode} in {time.perf_counter() - start:.1f} s"


def main() -> int:
    linter = Linter()
    print("| case | outcome |")
    print("| --- | --- |")
    probe("lint('\\ufdfa' * 60000)", lambda: outcome(msglint.lint("\ufdfa" * 60000)))
    for lang in ("ja", "ko", "th", "vi"):
        probe(
            f"lint(Message(language={lang!r}))",
            lambda lang=lang: outcome(linter.lint(Message(text="Hi", language=lang))),
        )
    probe("guard(Message(language='ja'))", lambda: outcome(linter.guard(Message(text="Hi", language="ja"))))
    for tag in ("EN", "de_DE"):
        probe(f"Message(language={tag!r})", lambda tag=tag: outcome(linter.lint(Message(text="Hi", language=tag))))
    jsonl = '{"text": "Your order shipped."}\n{"text": "Hi", "language": "ja"}\n{"text": "Thanks!"}\n'
    probe(
        "check --jsonl - with a 'ja' line among good ones",
        lambda: (
            (done := cli("check", "--jsonl", "-", stdin=jsonl))
            and f"exit {done.returncode}, {len(done.stdout.splitlines())} lines out of 3"
        ),
    )
    probe("a crashing checker", lambda: outcome(Linter(registry=Registry([Crashing])).lint("Hi")))
    probe(
        "two crashing checkers: MSG001 findings",
        lambda: str(
            sum(f.rule == "MSG001" for f in Linter(registry=Registry([Crashing, AlsoCrashing])).lint("Hi").findings)
        ),
    )
    probe("plugin declaring EXT001, sorting first", collision)
    probe("plugin sleeping 3 s, budget 0.5 s, 4 threads", four_threads)
    for directive in (
        "# msglint: disable PRO001",
        "# msglint: disable-next-line: EXT001",
        "# msglint: disable-file PRO",
    ):
        text = f"{directive}\nUse code SAVE20 at shop.example.com"
        probe(f"template with '{directive}'", lambda text=text: outcome(linter.lint(text, template=True)))
    probe(
        "check - with '<!-- msglint: disable-file -->'",
        lambda: f"exit {cli('check', '-', stdin='Visit shop.example.com <!-- msglint: disable-file -->').returncode}",
    )
    probe(
        "email past max-message-chars", lambda: outcome(linter.lint("Hello. " * 20000 + " write me at bob@example.com"))
    )
    probe(
        "lint_many with one invalid item",
        lambda: str([r.verdict.value for r in linter.lint_many(["Hi", {"text": 5}, "Visit shop.example.com"])]),
    )
    probe("lint_many(n_process=2) in a plain script", plain_script)
    dense = Linter(config={"max-message-chars": 1_000_000})
    probe("1 MB of dense emails (x@example.com ...)", lambda: timed(lambda: dense.lint("x@example.com " * 71_500)))
    probe("text format, 20 MB on one line, 300 findings", big_line_file)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
