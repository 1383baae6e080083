"""A time budget for each checker call, so one stuck plugin cannot hang a seller's send button.

One daemon thread per process watches the deadlines that running checker calls registered and,
when one passes, raises :class:`CheckerTimeout` inside the thread running that checker
(``PyThreadState_SetAsyncExc``). Registering costs a lock and a dict entry, nothing per character.

Limit: the exception is delivered at the thread's next Python bytecode, so a checker stuck inside
one long C call (a catastrophic stdlib ``re`` match, say) is stopped only when that call returns.
msglint's own patterns are linear; ``regex`` patterns can carry their own ``timeout=``.
"""

from __future__ import annotations

import ctypes
import threading
import time

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


def shared_watchdog() -> Watchdog:
    """The process's watchdog, started on first use (never at import)."""
    global _shared  # noqa: PLW0603 - one watcher thread per process is the point
    if _shared is None:
        with _shared_lock:
            if _shared is None:
                _shared = Watchdog()
    return _shared
