"""Long jobs (reports, receipts, erasure) on one ordered worker thread, with results back on the GUI thread.

Like Anki's taskman: jobs that read or delete participant data run one at a time, in the order they
were asked for, so an erasure waits for the reports started before it (and then removes what they
wrote), and a report asked for after it only sees what is left. Jobs that touch no data (reading
aloud) may run on Qt's global pool instead: pass it to :meth:`Job.start`.

Be careful not to touch any widget inside a job: it runs on a worker thread. The outcome comes back
through ``finished`` or ``failed``, emitted on the GUI thread from its event loop, never from the
worker: so a caller (or a test) that connects right after ``start()`` cannot miss it.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from kiosk.explained import ExplainedError

_ordered: QThreadPool | None = None
#: jobs whose outcome is still on its way to the GUI thread; kept alive until it arrives
_in_flight: set["Job"] = set()


def ordered_pool() -> QThreadPool:
    """The one thread that runs data jobs in order (QThreadPool keeps FIFO order at equal priority)."""
    global _ordered
    if _ordered is None:
        _ordered = QThreadPool()
        _ordered.setMaxThreadCount(1)
    return _ordered


def drain_ordered_pool(timeout_ms: int = -1) -> bool:
    """Wait until every queued data job has run (at shutdown, so no erasure is cut short)."""
    return _ordered.waitForDone(timeout_ms) if _ordered is not None else True


class Job(QObject):
    finished = Signal(object)
    failed = Signal(str)
    _outcome = Signal(bool, object)

    def __init__(self, function: Callable[..., object], *args: object) -> None:
        super().__init__()
        self._function = function
        self._args = args
        # Queued: the worker only posts the outcome; the public signals fire on this object's (GUI) thread.
        # Qt's automatic connection is queued here, since ``_outcome`` is only emitted on a pool thread;
        # naming Qt.ConnectionType would build Qt's enum namespace, 20 ms of the console's start (issue 8).
        self._outcome.connect(self._deliver)

    def start(self, pool: QThreadPool | None = None) -> "Job":
        _in_flight.add(self)
        (pool or ordered_pool()).start(_Runner(self))
        return self

    def _run(self) -> None:
        try:
            result = self._function(*self._args)
        except Exception as exc:  # noqa: BLE001 (reported to the facilitator, never swallowed)
            if not isinstance(exc, (ExplainedError, OSError)):  # a bug: its traceback is for whoever fixes it
                traceback.print_exc()
            self._outcome.emit(False, str(exc) or type(exc).__name__)
        else:
            self._outcome.emit(True, result)

    @Slot(bool, object)
    def _deliver(self, ok: bool, value: object) -> None:
        _in_flight.discard(self)
        if ok:
            self.finished.emit(value)
        else:
            self.failed.emit(str(value))


class _Runner(QRunnable):
    def __init__(self, job: Job) -> None:
        super().__init__()
        self.job = job

    def run(self) -> None:
        self.job._run()
