"""Same input, same output: across runs, processes, lint vs lint_many, and one or two workers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from msglint import Linter

CORPORA = Path(__file__).resolve().parent.parent / "corpora"


def corpus_texts(limit: int = 400) -> list[str]:
    texts = [
        json.loads(line)["text"]
        for path in sorted(CORPORA.glob("*.jsonl"))
        for line in path.read_text("utf-8").splitlines()
        if line.strip()
    ]
    return [*texts[:: max(1, len(texts) // limit)], "", "hello", "ѕhop\u200b now"]


def as_json(reports) -> list[str]:
    return [report.to_json() for report in reports]


def test_a_fresh_process_gives_identical_reports(linter: Linter) -> None:
    texts = corpus_texts()
    script = (
        "import json, sys, msglint\n"
        "linter = msglint.Linter()\n"
        "print(json.dumps([linter.lint(t).to_json() for t in json.load(sys.stdin)]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], input=json.dumps(texts), capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout) == as_json(linter.lint(t) for t in texts)


def test_repeated_runs_lint_many_and_two_processes_agree(linter: Linter) -> None:
    texts = corpus_texts(200)
    once = as_json(linter.lint(t) for t in texts)
    assert as_json(linter.lint(t) for t in texts) == once
    assert as_json(linter.lint_many(texts, batch_size=32)) == once
    assert as_json(linter.lint_many(texts, batch_size=32, n_process=2)) == once
