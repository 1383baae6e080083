"""A time budget for each checker call, so one stuck plugin cannot hang a seller's send button.

One daemon thread per process watches the deadlines that running checker calls registered and,
when one passes, raises :class:`CheckerTimeout` inside the thread running that checker
(``PyThreadState_SetAsyncExc``). Registering costs a lock and a dict entry, nothing per character.

The exception is delivered at the thread's next Python bytecode, so a call blocked in C (a sleep, a
socket, a catastrophic stdlib ``re`` match) is not stopped by it. msglint's own checkers make no such
calls; a plugin's checker runs in a :class:`Sandbox` thread instead, which its caller abandons when
the budget is spent, so the budget holds for the caller whatever the plugin does.
"""

from __future__ import annotations

import ctypes
import os
import queue
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")

_POLL_SECONDS = 0.02


class CheckerTimeout(Exception):
    """A checker ran past its time budget and was interrupted."""


class Watchdog:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._deadlines: dict[int, float] = {}
        self._thread: threading.Thread | None = None

    def arm(self, seconds: float) -> None:
        """Start this thread's deadline; :meth:`disarm` must follow in a ``finally``.

        :class:`CheckerTimeout` may be raised anywhere from here until :meth:`disarm` returns, never
        after: the watcher sends it while holding the lock that :meth:`disarm` takes. (The bare pair
        costs a fraction of the context manager, which a message pays once per checker.)
        """
        if self._thread is None:
            self._start()
        deadline = time.monotonic() + seconds
        with self._lock:
            self._deadlines[threading.get_ident()] = deadline

    def disarm(self) -> None:
        with self._lock:
            self._deadlines.pop(threading.get_ident(), None)

    @contextmanager
    def held(self) -> Iterator[None]:
        """Hold the watchdog's lock (around a fork, so that no other thread holds it then)."""
        with self._lock:
            yield

    def _start(self) -> None:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._watch, name="msglint-watchdog", daemon=True)
                self._thread.start()

    def _watch(self) -> None:
        while True:
            time.sleep(_POLL_SECONDS)
            now = time.monotonic()
            with self._lock:
                for thread_id, deadline in list(self._deadlines.items()):
                    if deadline <= now:
                        del self._deadlines[thread_id]
                        ctypes.pythonapi.PyThreadState_SetAsyncExc(
                            ctypes.c_ulong(thread_id), ctypes.py_object(CheckerTimeout)
                        )


_shared: Watchdog | None = None
_shared_lock = threading.Lock()


def _forget_after_fork() -> None:
    # The watcher thread does not exist in a forked child: the child starts its own on first use.
    global _shared, _shared_lock  # noqa: PLW0603
    _shared = None
    _shared_lock = threading.Lock()


os.register_at_fork(after_in_child=_forget_after_fork)


class _Call:
    """One call handed to a sandbox thread, and its outcome."""

    __slots__ = ("done", "error", "function", "result")

    def __init__(self, function: Callable[[], Any]) -> None:
        self.function = function
        self.done = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self.function()
        except BaseException as exc:  # noqa: BLE001 - handed back to the caller, whatever it is
            self.error = exc
        finally:
            self.done.set()


class Sandbox:
    """Daemon threads that run calls their callers may abandon: :meth:`run` returns within ``timeout``
    whatever the call does, and a thread stuck in an abandoned call is replaced by a new one.

    Threads are daemons, so a call blocked for good never keeps the process from exiting; at most
    ``max_threads`` exist at once, and a call that finds them all stuck fails at its deadline.
    """

    def __init__(self, max_threads: int = 32) -> None:
        self._calls: queue.SimpleQueue[_Call] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._threads = 0
        self._idle = 0
        self._max_threads = max_threads

    def run(self, function: Callable[[], T], timeout: float) -> T:
        """``function()``'s result or exception; :class:`TimeoutError` when it takes longer than ``timeout``."""
        call = _Call(function)
        with self._lock:
            if self._idle > 0:
                self._idle -= 1  # that thread is this call's
            elif self._threads < self._max_threads:
                self._threads += 1
                threading.Thread(target=self._serve, name="msglint-sandbox", daemon=True).start()
        self._calls.put(call)
        if not call.done.wait(timeout):
            raise TimeoutError(f"the call ran past its {timeout:g} s budget")
        if call.error is not None:
            raise call.error
        return call.result  # type: ignore[no-any-return]

    def _serve(self) -> None:
        while True:
            self._calls.get().run()
            with self._lock:
                self._idle += 1


def shared_watchdog() -> Watchdog:
    """The process's watchdog, started on first use (never at import)."""
    global _shared  # noqa: PLW0603 - one watcher thread per process is the point
    if _shared is None:
        with _shared_lock:
            if _shared is None:
                _shared = Watchdog()
    return _shared
