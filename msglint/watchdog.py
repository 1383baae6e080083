"""A time budget for each checker call, so one stuck plugin cannot hang a seller's send button.

One daemon thread per process watches the deadlines that running checker calls registered and,
when one passes, raises :class:`CheckerTimeout` inside the thread running that checker
(``PyThreadState_SetAsyncExc``). Registering costs a lock and a dict entry, nothing per character.

The exception is delivered at the thread's next check for pending events (a call, a loop's jump back),
so a call blocked in C (a sleep, a socket, a catastrophic stdlib ``re`` match) is not stopped by it.
CPython keeps one interpreter-wide "pending" signal: when two threads time out together, the first to
take its exception can clear the signal before the second has seen its own, which then stays pending
until some later check — possibly after the checker returned, in the engine's own code. So
:meth:`Watchdog.disarm` settles every timeout it sent before it returns: it sends the thread its
exception again (which re-raises the signal), runs Python code until it arrives, and raises it there,
inside the caller's ``try``. msglint's own checkers make no such
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
        # Threads sent a CheckerTimeout that their disarm has not settled yet.
        self._sent: set[int] = set()
        # Threads inside code that a timeout must not interrupt (see :meth:`shielded`).
        self._shielded: set[int] = set()
        self._thread: threading.Thread | None = None

    def arm(self, seconds: float) -> None:
        """Start this thread's deadline; :meth:`disarm` must follow in a ``finally``.

        :class:`CheckerTimeout` may be raised anywhere from here until :meth:`disarm` returns, never
        after: the watcher sends it while holding the lock that :meth:`disarm` takes, and
        :meth:`disarm` takes a timeout it sent before returning (raising it). (The bare pair
        costs a fraction of the context manager, which a message pays once per checker.)
        """
        if self._thread is None:
            self._start()
        deadline = time.monotonic() + seconds
        with self._lock:
            self._deadlines[threading.get_ident()] = deadline

    def disarm(self) -> None:
        """End this thread's deadline; raise :class:`CheckerTimeout` if the watcher sent it one.

        After this returns no :class:`CheckerTimeout` is pending for the thread, so none can surface
        later in code that does not expect it.
        """
        thread_id = threading.get_ident()
        with self._lock:
            self._deadlines.pop(thread_id, None)
            if thread_id not in self._sent:
                return
            self._sent.discard(thread_id)
        _take_pending_timeout(thread_id)
        # Delivered (or, at worst, still pending and re-signalled): the caller's ``except`` sees a timeout.
        raise CheckerTimeout

    @contextmanager
    def shielded(self) -> Iterator[None]:
        """Defer this thread's timeout until the block ends.

        For calls into libraries that are not safe against an exception raised between any two of
        their bytecodes: phonenumbers loads a region's metadata under a lock it acquires and releases
        without ``try``/``finally``, so a timeout there would leave the lock held and every later phone
        lookup in the process waiting for ever. A deadline that passes inside the block is sent at the
        watcher's first look after it (the block must itself be short). A timeout sent before the block
        and not delivered yet is taken (raised) before the block starts.
        """
        thread_id = threading.get_ident()
        with self._lock:
            settle = thread_id in self._sent
            if settle:
                self._sent.discard(thread_id)
            else:
                self._shielded.add(thread_id)
        if settle:
            _take_pending_timeout(thread_id)
            raise CheckerTimeout
        try:
            yield
        finally:
            with self._lock:
                self._shielded.discard(thread_id)

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
                    if deadline <= now and thread_id not in self._shielded:
                        del self._deadlines[thread_id]
                        self._sent.add(thread_id)
                        _send_timeout(thread_id)


def _send_timeout(thread_id: int) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(CheckerTimeout))


#: How long :func:`_take_pending_timeout` runs Python code waiting for the exception; it arrives at the
#: first check for pending events, microseconds after it is sent, so this is only a bound.
_SETTLE_SECONDS = 1.0


def _take_pending_timeout(thread_id: int) -> None:
    """Make the timeout sent to this thread arrive now, and swallow it.

    The thread's pending exception may already have been raised (and be propagating through the
    caller's ``finally``), or still wait for a signal another thread cleared. Sending it again replaces
    any pending one (one slot per thread) and raises the signal, so exactly one arrives, here: the loop
    below checks for pending events on every turn.
    """
    _send_timeout(thread_id)
    end = time.monotonic() + _SETTLE_SECONDS
    try:
        while time.monotonic() < end:
            pass
    except CheckerTimeout:
        return


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
