"""Send a list of bundles to one destination: each at most once, each whole, every outcome with its reason.

The rules that make a sync safe to interrupt and to repeat:

- A bundle the destination already has (complete, under its own name) is skipped, so running a sync
  again after any interruption sends only what is missing, and never a second copy.
- A bundle is sent whole or not at all (the destination's partial folder, see ``kiosk.exchange.sink``).
  An interrupted bundle is written again from its start next time: a sealed bundle is encrypted with a
  fresh key on every write, so there are no earlier bytes to continue from.
- One bundle's failure (its writer broke, a file did not read back) does not stop the others; a
  destination that is gone, full, read-only or refused the connection stops the sync, and every bundle
  not tried says why.
- Cancelling is checked before every chunk a writer hands over: the bundle being written is abandoned
  (its partial folder removed, or removed by the next attempt) and nothing after it is started.

Nothing here deletes local data or marks it sent: the caller records ``SENT`` results, and only a hub
receipt (read back with ``receipts``) lets local data be purged.
"""

from __future__ import annotations

import enum
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import BinaryIO, cast

from kiosk.exchange.destination_errors import AlreadyThere, DestinationError
from kiosk.exchange.sink import BundleSink, Destination, WrittenFile


class Outcome(enum.Enum):
    SENT = "sent"
    ALREADY_THERE = "already_there"
    FAILED = "failed"
    CANCELLED = "cancelled"
    #: not started: an earlier bundle found the destination gone (the result carries that reason)
    NOT_TRIED = "not_tried"


@dataclass(frozen=True)
class BundleJob:
    """A bundle to send: its FAT32-safe name and the writer that streams its files into a sink (then commits)."""

    name: str
    write: Callable[[BundleSink], None]
    #: bytes the writer will hand over, when known, for the progress bar's total
    size: int | None = None


@dataclass(frozen=True)
class BundleResult:
    name: str
    outcome: Outcome
    #: bytes the writer handed over in this attempt (0 for a bundle skipped or not tried)
    bytes_written: int = 0
    #: why a bundle FAILED or was NOT_TRIED; an ``ExplainedError`` where the cause is known to the domain
    error: BaseException | None = None


@dataclass(frozen=True)
class Progress:
    """Where a sync stands, reported before each bundle and after each chunk."""

    bundle: str
    bundles_done: int
    bundles_total: int
    bytes_written: int
    #: None when a bundle's size is not known in advance
    bytes_total: int | None
    #: bytes of the current bundle written so far, and what it was expected to take (``BundleJob.size``, None:
    #: unknown): a bar can move inside one large bundle, which may take minutes on a stick
    bundle_written: int = 0
    bundle_size: int | None = None


@dataclass(frozen=True)
class SyncResult:
    destination: str
    results: tuple[BundleResult, ...]
    #: the error that stopped the sync early (destination gone, full ...), if one did
    stopped_by: DestinationError | None = None
    cancelled: bool = False

    def names(self, outcome: Outcome) -> list[str]:
        return [r.name for r in self.results if r.outcome is outcome]

    @property
    def complete(self) -> bool:
        """Every bundle is on the destination now (sent in this run or already there)."""
        return all(r.outcome in (Outcome.SENT, Outcome.ALREADY_THERE) for r in self.results)


@dataclass(frozen=True)
class Receipt:
    """A file the hub left in the destination's receipts folder; its content is the hub's to define."""

    name: str
    content: bytes


class SyncCancelled(Exception):
    """Raised inside a writer when the person cancelled; the sync catches it, a writer should let it pass."""


def receipts(destination: Destination) -> list[Receipt]:
    """The hub's receipts on ``destination``, by file name."""
    return [Receipt(name, content) for name, content in destination.receipts()]


class _WatchedSink:
    """The destination's sink, with every chunk counted for progress and the cancel flag checked before it."""

    def __init__(self, inner: BundleSink, chunk_written: Callable[[int], None],
                 cancelled: Callable[[], bool]) -> None:
        self._inner = inner
        self._chunk_written = chunk_written
        self._cancelled = cancelled
        self.committed = False

    @contextmanager
    def _open(self, relpath: str) -> Iterator[BinaryIO]:
        with self._inner.open(relpath) as stream:
            yield cast(BinaryIO, _WatchedStream(stream, self._chunk_written, self._cancelled))

    def open(self, relpath: str) -> AbstractContextManager[BinaryIO]:
        if self._cancelled():
            raise SyncCancelled()
        return self._open(relpath)

    def written(self, relpath: str) -> WrittenFile:
        return self._inner.written(relpath)

    def commit(self) -> None:
        if self._cancelled():
            raise SyncCancelled()
        self._inner.commit()
        self.committed = True

    def abort(self) -> None:
        self._inner.abort()


class _WatchedStream:
    def __init__(self, inner: BinaryIO, chunk_written: Callable[[int], None], cancelled: Callable[[], bool]) -> None:
        self._inner = inner
        self._chunk_written = chunk_written
        self._cancelled = cancelled

    def write(self, data) -> int:
        if self._cancelled():
            raise SyncCancelled()
        written = self._inner.write(data)
        self._chunk_written(written)
        return written

    def writable(self) -> bool:
        return True

    def flush(self) -> None:
        self._inner.flush()


def _cancel_check(cancel: threading.Event | Callable[[], bool] | None) -> Callable[[], bool]:
    if cancel is None:
        return lambda: False
    if isinstance(cancel, threading.Event):
        return cancel.is_set
    return cancel


def sync(jobs: Iterable[BundleJob], destination: Destination, *,
         progress: Callable[[Progress], None] | None = None,
         cancel: threading.Event | Callable[[], bool] | None = None) -> SyncResult:
    """Send each job's bundle to ``destination`` unless it is there already; see the module docstring.

    Runs on the caller's thread (the console runs it on a worker): ``progress`` is called there too, so a
    Qt caller forwards it through a signal. The caller opens and closes ``destination``.
    """
    jobs = list(jobs)
    if len({job.name for job in jobs}) != len(jobs):
        raise ValueError("two bundle jobs have the same name: " + ", ".join(sorted(j.name for j in jobs)))
    cancelled = _cancel_check(cancel)
    results: dict[str, BundleResult] = {}
    to_send: list[BundleJob] = []
    for job in jobs:
        try:
            there = destination.has(job.name)
        except DestinationError as exc:
            if exc.stops_sync:
                return SyncResult(destination.description, tuple(
                    BundleResult(j.name, Outcome.NOT_TRIED, error=exc) for j in jobs), stopped_by=exc)
            results[job.name] = BundleResult(job.name, Outcome.FAILED, error=exc)  # a name no stick can hold
            continue
        if there:
            results[job.name] = BundleResult(job.name, Outcome.ALREADY_THERE)
        else:
            to_send.append(job)
    sizes = [job.size for job in to_send]
    total = None if None in sizes else sum(s or 0 for s in sizes)
    written_before = 0
    stopped_by: DestinationError | None = None
    for done, job in enumerate(to_send):
        if stopped_by is not None or cancelled():
            outcome = Outcome.CANCELLED if stopped_by is None else Outcome.NOT_TRIED
            results[job.name] = BundleResult(job.name, outcome, error=stopped_by)
            continue
        counted = [0]

        def chunk_written(n: int, job: BundleJob = job, done: int = done, counted: list[int] = counted) -> None:
            counted[0] += n
            if progress is not None:
                progress(Progress(job.name, done, len(to_send), written_before + counted[0], total, counted[0],
                                  job.size))

        if progress is not None:
            progress(Progress(job.name, done, len(to_send), written_before, total, 0, job.size))
        result = _send_one(job, destination, chunk_written, cancelled, counted)
        results[job.name] = result
        written_before += result.bytes_written
        if isinstance(result.error, DestinationError) and result.error.stops_sync:
            stopped_by = result.error
    if progress is not None and to_send:
        progress(Progress("", len(to_send), len(to_send), written_before, total))
    ordered = tuple(results[job.name] for job in jobs)
    return SyncResult(destination.description, ordered, stopped_by=stopped_by,
                      cancelled=any(r.outcome is Outcome.CANCELLED for r in ordered))


def _send_one(job: BundleJob, destination: Destination, chunk_written: Callable[[int], None],
              cancelled: Callable[[], bool], counted: list[int]) -> BundleResult:
    try:
        sink = _WatchedSink(destination.begin(job.name), chunk_written, cancelled)
    except AlreadyThere:
        return BundleResult(job.name, Outcome.ALREADY_THERE)
    except DestinationError as exc:
        return BundleResult(job.name, Outcome.FAILED, error=exc)
    try:
        job.write(sink)
        if not sink.committed:
            sink.commit()
    except SyncCancelled:
        _abort_quietly(sink)
        return BundleResult(job.name, Outcome.CANCELLED, counted[0])
    except AlreadyThere:
        return BundleResult(job.name, Outcome.ALREADY_THERE, counted[0])
    except Exception as exc:  # the writer's own failure too: this bundle fails, the next one is tried
        _abort_quietly(sink)
        return BundleResult(job.name, Outcome.FAILED, counted[0], error=exc)
    except BaseException:
        _abort_quietly(sink)
        raise
    return BundleResult(job.name, Outcome.SENT, counted[0])


def _abort_quietly(sink: _WatchedSink) -> None:
    try:
        sink.abort()
    except Exception:  # the destination may be gone: the next begin removes what is left
        pass
