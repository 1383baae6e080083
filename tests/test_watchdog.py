"""The watchdog's timeout is raised inside the armed call or by disarm, never after disarm returns."""

from __future__ import annotations

import time

import pytest

from msglint.watchdog import CheckerTimeout, Watchdog


def _busy(seconds: float) -> None:
    """Run Python bytecode (not a C sleep) for ``seconds``, so a pending async exception is delivered."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_a_call_within_its_budget_disarms_quietly() -> None:
    dog = Watchdog()
    dog.arm(5.0)
    _busy(0.01)
    dog.disarm()
    _busy(0.1)  # nothing pending arrives afterwards


def test_a_timeout_the_call_swallowed_is_raised_by_disarm() -> None:
    dog = Watchdog()
    caught = []
    dog.arm(0.01)
    try:
        _busy(0.5)
    except CheckerTimeout:  # a careless checker's broad except
        caught.append("swallowed")
    _busy(0.2)  # the timeout was delivered above, inside the armed call
    with pytest.raises(CheckerTimeout):
        dog.disarm()
    assert caught == ["swallowed"]
    _busy(0.1)  # raised once: nothing arrives after disarm
    dog.arm(5.0)  # the thread's next call starts clean
    _busy(0.05)
    dog.disarm()
