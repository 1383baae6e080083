"""The checkers' time budget: a timeout is raised inside the checker's call or by its ``disarm``, never
later in code that does not expect it, and never inside a block that cannot take it."""

from __future__ import annotations

import threading
import time

import pytest

from msglint import Linter
from msglint.checkers import external_contact
from msglint.watchdog import CheckerTimeout, Watchdog

# Pure Python work long enough for the watcher (polling every 20 ms) to look several times.
BUSY_SECONDS = 0.2


def _busy(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_a_timeout_is_raised_in_the_armed_call_and_none_is_left_pending() -> None:
    watchdog = Watchdog()
    with pytest.raises(CheckerTimeout):
        watchdog.arm(0.0)
        try:
            _busy(5.0)
        finally:
            watchdog.disarm()
    # A pending timeout arrives at the first loop turn: none may surface here.
    _busy(BUSY_SECONDS)


def test_disarm_in_time_raises_nothing_and_later_code_is_never_interrupted() -> None:
    watchdog = Watchdog()
    watchdog.arm(60.0)
    watchdog.disarm()
    _busy(BUSY_SECONDS)


def test_a_deadline_passing_inside_a_shielded_block_is_raised_after_it() -> None:
    watchdog = Watchdog()
    finished_inside = False
    with pytest.raises(CheckerTimeout):
        watchdog.arm(0.0)
        try:
            with watchdog.shielded():
                _busy(BUSY_SECONDS)
                finished_inside = True
            _busy(5.0)
        finally:
            watchdog.disarm()
    assert finished_inside
    _busy(BUSY_SECONDS)


def test_a_phone_lookup_is_never_interrupted_by_the_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """phonenumbers holds a lock across its lazy metadata loading without ``finally``: a timeout inside
    it would leave the lock held and hang every later phone lookup in the process."""
    lookups: list[str] = []
    real = external_contact._phone_number_in

    def slow_lookup(candidate: str, regions, cue: bool):
        lookups.append("started")
        _busy(BUSY_SECONDS)
        lookups.append("finished")
        return real(candidate, regions, cue)

    monkeypatch.setattr(external_contact, "_phone_number_in", slow_lookup)
    linter = Linter(config={"checker-timeout-seconds": 0.01})
    report = linter.lint("Call me on 0151 234 5678 or text me tomorrow, I am at home all day.")
    assert lookups[:2] == ["started", "finished"]
    # The deadline passed inside the lookup: the timeout comes after it, or the checker finished first.
    # (Other checkers may run past so short a budget too on a busy machine: only external contact counts.)
    contact = {(f.rule, f.span.start, f.span.end) for f in report.findings if f.rule.startswith("EXT")}
    timed_out = any(f.rule == "MSG001" and "'external-contact'" in f.message for f in report.findings)
    assert (contact, timed_out) in ((set(), True), ({("EXT009", 0, 7), ("EXT006", 11, 24), ("EXT009", 28, 35)}, False))


def test_timeouts_in_many_threads_at_once_are_each_reported_never_escaping() -> None:
    """Threads timing out together: CPython's one pending-exception signal can be cleared by the first
    before the second sees its own, which then arrived later, outside the checker (MSG008 for the whole
    message, or a hang where it landed inside a library's lock)."""
    texts = [
        f"Order {i}: refund under review; visit www.example{i}.com, call 0151 234 {i:04d}, 5 stars = gift"
        for i in range(96)
    ]
    expected = [_found(report) for report in map(Linter(config={"checker-timeout-seconds": 600}).lint, texts)]
    hurried = Linter(config={"checker-timeout-seconds": 0.002})
    got: dict[int, set[tuple[str, int, int]]] = {}
    raised: list[BaseException] = []

    def share(k: int) -> None:
        for i in range(k, len(texts), 8):
            try:
                got[i] = _found(hurried.lint(texts[i]))
            except BaseException as exc:  # noqa: BLE001 - what the test looks for
                raised.append(exc)

    threads = [threading.Thread(target=share, args=(k,), daemon=True) for k in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(300)
    assert not [thread for thread in threads if thread.is_alive()], "a thread hung"
    assert raised == []
    assert sorted(got) == list(range(len(texts)))
    assert not [i for i, found in got.items() if any(rule == "MSG008" for rule, _, _ in found)]
    # A message whose checkers all finished has exactly the findings of an unhurried Linter.
    finished = [i for i, found in got.items() if not any(rule == "MSG001" for rule, _, _ in found)]
    assert [got[i] for i in finished] == [expected[i] for i in finished]


def _found(report) -> set[tuple[str, int, int]]:
    return {(f.rule, f.span.start, f.span.end) for f in report.findings}


def test_the_watcher_thread_serves_threads_that_come_and_go() -> None:
    watchdog = Watchdog()
    outcomes: list[str] = []

    def one(budget: float) -> None:
        try:
            watchdog.arm(budget)
            try:
                # Long enough for the watcher to look however busy the machine; a timeout cuts it short.
                _busy(BUSY_SECONDS if budget else 10.0)
            finally:
                watchdog.disarm()
            outcomes.append("finished")
        except CheckerTimeout:
            outcomes.append("timed out")

    threads = [threading.Thread(target=one, args=(budget,)) for budget in (0.0, 60.0, 0.0, 60.0)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(outcomes) == ["finished", "finished", "timed out", "timed out"]
