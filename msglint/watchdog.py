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
from collections.abc import Iterator
from contextlib import contextmanager

_POLL_SECONDS = 0.02


class CheckerTimeout(Exception):
    """A checker ran past its time budget and was interrupted."""


class Watchdog:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._deadlines: dict[int, tuple[float, object]] = {}
        self._thread: threading.Thread | None = None

    @contextmanager
    def budget(self, seconds: float) -> Iterator[None]:
        """Run the body with a deadline; past it, :class:`CheckerTimeout` is raised inside it."""
        thread_id = threading.get_ident()
        token = object()
        if self._thread is None:
            self._start()
        with self._lock:
            self._deadlines[thread_id] = (time.monotonic() + seconds, token)
        try:
            yield
        finally:
            with self._lock:
                entry = self._deadlines.get(thread_id)
                if entry is not None and entry[1] is token:
                    del self._deadlines[thread_id]

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
                for thread_id, (deadline, _token) in list(self._deadlines.items()):
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
