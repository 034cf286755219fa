"""Long jobs (reports, exports, later sync) on Qt's thread pool, with results back on the GUI thread.

Be careful not to touch any widget inside a job: it runs on a worker thread. The job's outcome
comes back through ``finished`` or ``failed``, which Qt delivers on the thread that created the
``Job`` (the GUI thread).
"""

from __future__ import annotations

import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class Job(QObject):
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, function: Callable[..., object], *args: object) -> None:
        super().__init__()
        self._function = function
        self._args = args

    def start(self, pool: QThreadPool | None = None) -> "Job":
        (pool or QThreadPool.globalInstance()).start(_Runner(self))
        return self

    def _run(self) -> None:
        try:
            result = self._function(*self._args)
        except Exception as exc:  # noqa: BLE001 (reported to the facilitator, never swallowed)
            traceback.print_exc()
            self.failed.emit(str(exc) or type(exc).__name__)
        else:
            self.finished.emit(result)


class _Runner(QRunnable):
    def __init__(self, job: Job) -> None:
        super().__init__()
        self.job = job

    def run(self) -> None:
        self.job._run()
