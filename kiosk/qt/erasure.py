"""Erasure off the GUI thread: queued behind the reports already asked for, retried until the bytes are gone.

The console learns two things at two moments: that the participant's rows and files are deleted
(``erasure_finished``), and, if another reader kept old copies in the database files at that moment,
when those copies are finally wiped (``wipe_completed``). It never claims the second before it is true.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.qt.workers import Job
from kiosk.store import erasure


class ErasureService(QObject):
    #: rows and files deleted; carries the ErasureResult (``fully_compacted`` False: old copies remain)
    erasure_finished = Signal(object)
    erasure_failed = Signal(str)
    #: a pending compaction completed: nothing of the erased participants is left in the data folder
    wipe_completed = Signal()

    def __init__(self, database: Path, retry_ms: int = 2000, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.database = Path(database)
        self.retry = QTimer(self)
        self.retry.setSingleShot(True)
        self.retry.setInterval(retry_ms)
        self.retry.timeout.connect(self.retry_pending)
        self._jobs: set[Job] = set()

    @property
    def pending(self) -> bool:
        return self.retry.isActive() or any(job.property("wipe") for job in self._jobs)

    def erase(self, study_id: str, code: str, reason: str) -> Job:
        job = Job(erasure.erase_participant_at, self.database, study_id, code, reason)
        job.finished.connect(lambda result, job=job: self._on_erased(job, result))
        job.failed.connect(lambda error, job=job: self._on_failed(job, error))
        self._jobs.add(job)
        return job.start()

    def retry_pending(self) -> Job:
        """Try the pending compaction again (another reader may have closed), on the same ordered worker."""
        job = Job(erasure.finish_pending_erasure_at, self.database)
        job.setProperty("wipe", True)
        job.finished.connect(lambda outcome, job=job: self._on_retried(job, outcome))
        job.failed.connect(lambda error, job=job: self._on_retry_failed(job, error))
        self._jobs.add(job)
        return job.start()

    def stop(self) -> None:
        """At shutdown: no more retries (the next start finishes a pending compaction)."""
        self.retry.stop()

    def _on_erased(self, job: Job, result: erasure.ErasureResult) -> None:
        self._jobs.discard(job)
        if not result.fully_compacted:
            self.retry.start()
        self.erasure_finished.emit(result)

    def _on_failed(self, job: Job, error: str) -> None:
        self._jobs.discard(job)
        self.erasure_failed.emit(error)

    def _on_retried(self, job: Job, outcome: erasure.Compaction) -> None:
        self._jobs.discard(job)
        if outcome.done:
            self.wipe_completed.emit()
        else:
            self.retry.start()

    def _on_retry_failed(self, job: Job, error: str) -> None:
        self._jobs.discard(job)
        self.retry.start()  # a busy disk or a locked file now is no reason to stop trying
