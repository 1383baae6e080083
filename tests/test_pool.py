"""lint_many's worker processes: order, errors per message, reuse across calls, close(), and a worker that
dies (killed once: nothing lost; killed by a batch every time: that batch answered closed)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from msglint import Linter, Message
from msglint.api import ENGINE_FAILED

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the workers are forked from the Linter on Linux")

TEXTS = ["Your order has shipped.", "Visit shop.example.com", "Leave us 5 stars for a free gift!"]
CRASH = "crash this worker"


def rules(reports: list) -> list[list[tuple[str, int, int]]]:
    return [[(f.rule, f.span.start, f.span.end) for f in r.findings] for r in reports]


@pytest.fixture
def pooled() -> Linter:
    linter = Linter()
    yield linter
    linter.close()


def test_order_errors_and_reuse_across_calls(pooled: Linter) -> None:
    items = [*TEXTS * 10, {"text": 5, "id": "bad"}, Message(text="Visit shop.example.com", id="link")]
    first = list(pooled.lint_many(items, batch_size=4, n_process=2))
    workers = pooled._workers
    again = list(pooled.lint_many(items, batch_size=4, n_process=2))
    assert pooled._workers is workers  # the same processes answered the second call
    assert first == again == list(pooled.lint_many(items, batch_size=4))
    assert rules(first[:3]) == [[], [("EXT001", 6, 22)], [("REV001", 9, 16), ("REV002", 23, 32)]]
    assert [(r.message_id, rules([r])[0]) for r in first[-2:]] == [
        ("bad", [("MSG006", 0, 0)]),
        ("link", [("EXT001", 6, 22)]),
    ]


def test_close_stops_the_workers_and_the_linter_stays_usable(pooled: Linter) -> None:
    list(pooled.lint_many(TEXTS, batch_size=1, n_process=2))
    pids = [p.pid for p in pooled._workers[1]._processes.values()]
    pooled.close()
    assert pooled._workers is None
    for pid in pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    assert rules(pooled.lint_many(TEXTS, n_process=2)) == rules(pooled.lint_many(TEXTS))


def _dying_lint_batch(original, marker: Path, parent: int):
    def lint_batch(self, batch, ignore):
        if os.getpid() != parent and any(getattr(m, "text", "") == CRASH for m in batch):
            if marker.exists():  # "once": a worker killed from outside, not by the message
                marker.unlink()
                os._exit(1)
            if not marker.parent.joinpath("once").exists():
                os._exit(1)
        return original(self, batch, ignore)

    return lint_batch


def test_a_worker_killed_once_loses_no_message(pooled: Linter, tmp_path: Path, monkeypatch) -> None:
    marker = tmp_path / "kill"
    marker.touch()
    (tmp_path / "once").touch()
    monkeypatch.setattr(Linter, "_lint_batch", _dying_lint_batch(Linter._lint_batch, marker, os.getpid()))
    items = [*TEXTS * 4, CRASH, *TEXTS * 4]
    reports = list(pooled.lint_many(items, batch_size=3, n_process=2))
    assert not marker.exists()  # a worker did die
    assert rules(reports) == rules(pooled.lint_many(items, batch_size=3))


def test_a_batch_that_kills_its_worker_every_time_is_answered_closed(
    pooled: Linter, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr(Linter, "_lint_batch", _dying_lint_batch(Linter._lint_batch, tmp_path / "kill", os.getpid()))
    items = [*TEXTS * 4, "Thanks!", CRASH, {"id": "bad"}, *TEXTS * 4]
    reports = list(pooled.lint_many(items, batch_size=3, n_process=2))
    assert len(reports) == len(items)
    by_one = rules(pooled.lint_many(items, batch_size=3))
    assert rules(reports[:12]) == by_one[:12]
    assert rules(reports[15:]) == by_one[15:]
    assert rules(reports[12:15]) == [[(ENGINE_FAILED, 0, 0)], [(ENGINE_FAILED, 0, 0)], [("MSG006", 0, 0)]]
    assert [r.verdict for r in reports[12:15]] == ["block"] * 3
    assert "worker process checking this message stopped twice" in reports[12].findings[0].message
