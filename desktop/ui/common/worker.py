"""Run a service call off the GUI thread and hear back on it.

`fn` must not touch widgets: it runs on a pool thread and opens its own session
through the service it calls. `on_done` / `on_error` run on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay):
        super().__init__()
        self.fn = fn
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as exc:  # handed to the GUI thread, which decides how to show it
            self.relay.failed.emit(exc)
        else:
            self.relay.done.emit(result)


_live: set[_Relay] = set()


def run_in_background(fn: Callable[[], Any], on_done: Callable[[Any], None],
                      on_error: Callable[[BaseException], None]) -> _Relay:
    """Start `fn` on the global pool; returns the relay whose signals report the outcome."""
    relay = _Relay()
    _live.add(relay)

    def finish(callback, value):
        _live.discard(relay)
        callback(value)

    relay.done.connect(lambda r: finish(on_done, r))
    relay.failed.connect(lambda e: finish(on_error, e))
    # Start on the next turn of the event loop, so a caller can still connect to the relay's
    # signals (a fast task could otherwise report before anyone listens).
    QTimer.singleShot(0, lambda: QThreadPool.globalInstance().start(_Task(fn, relay)))
    return relay
