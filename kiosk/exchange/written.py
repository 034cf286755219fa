"""What a sink learns while a file streams through it: its size and SHA-256, kept to check the copy afterwards.

Both destinations hash while writing, never by reading the source again, so that what is compared on
read-back is exactly the bytes the bundle writer handed over. The stream also enforces the FAT32 size
limit and turns the medium's ``OSError`` into the destination's words as it happens, mid-file.
"""

from __future__ import annotations

import hashlib
import io
import queue
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import BinaryIO

from kiosk.exchange.destination_errors import DestinationError, UnsafeName
from kiosk.exchange.fat_names import MAX_FILE_BYTES, check_relpath, folded
from kiosk.exchange.sink import WrittenFile


#: a file that has grown this large is hashed on a thread of its own while the next bytes are written
THREADED_FROM = 4 << 20


class ThreadedHash:
    """SHA-256 on a thread of its own, continuing ``start``: a large file is hashed while the next chunk is
    written (hashlib releases the interpreter for large blocks). Blocks wait in a short queue, so memory
    stays at a few MiB; anything but immutable bytes is copied first, since the writer may reuse its buffer."""

    def __init__(self, start: hashlib._Hash | None = None) -> None:
        self._hash = start or hashlib.sha256()
        self._queue: queue.Queue[bytes | memoryview | None] = queue.Queue(maxsize=8)
        self._thread = threading.Thread(target=self._run, name="bundle-hash", daemon=True)
        self._thread.start()
        self._digest = ""

    def _run(self) -> None:
        while (item := self._queue.get()) is not None:
            self._hash.update(item)

    def update(self, data: bytes | memoryview) -> None:
        if isinstance(data, memoryview) and not isinstance(data.obj, bytes):
            data = bytes(data)
        elif not isinstance(data, (bytes, memoryview)):
            data = bytes(data)
        self._queue.put(data)

    def hexdigest(self) -> str:
        """The digest, once every queued block is hashed; ends the thread (call it to stop one, too)."""
        if not self._digest:
            self._queue.put(None)
            self._thread.join()
            self._digest = self._hash.hexdigest()
        return self._digest


class HashingStream(io.RawIOBase):
    """A write-only stream that hashes and counts, then hands every byte to ``sink`` (which writes all of it).

    Its digest is the only one taken of a bundle file while it is written: the bundle writer lists it in the
    manifest (``BundleSink.written``), and the read-back after fsync is compared with it.
    """

    def __init__(self, relpath: str, sink: Callable[[memoryview], object],
                 translate: Callable[[OSError], DestinationError]) -> None:
        super().__init__()
        self.relpath = relpath
        self._sink = sink
        self._translate = translate
        self._hash: hashlib._Hash | ThreadedHash = hashlib.sha256()
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:  # any bytes-like object, as BinaryIO.write takes
        view = memoryview(data).cast("B")
        if self.size + len(view) > MAX_FILE_BYTES:
            raise UnsafeName(f"{self.relpath} would be 4 GiB or larger, which a FAT32 stick cannot hold",
                             key="exchange.error.file_too_large", file=self.relpath)
        try:
            self._sink(view)
        except OSError as exc:
            raise self._translate(exc) from exc
        if self.size >= THREADED_FROM and not isinstance(self._hash, ThreadedHash):
            self._hash = ThreadedHash(self._hash)
        self._hash.update(view)
        self.size += len(view)
        return len(view)

    def result(self) -> WrittenFile:
        return WrittenFile(self.relpath, self.size, self._hash.hexdigest())

    def close(self) -> None:
        """Ends a hashing thread too (a file that failed is closed without ``result``)."""
        if isinstance(self._hash, ThreadedHash):
            self._hash.hexdigest()
        super().close()


def sha256_of(read: Callable[[int], bytes], chunk: int = 1 << 20) -> tuple[int, str]:
    """(size, SHA-256 hex) of everything ``read`` returns until it returns nothing.

    The reading runs on a thread of its own, a few blocks ahead of the hashing, so a read-back from a stick
    takes about the longer of the two, not their sum."""
    blocks: queue.Queue[bytes | BaseException | None] = queue.Queue(maxsize=3)
    stop = threading.Event()

    def run() -> None:
        try:
            while not stop.is_set() and (block := read(chunk)):
                blocks.put(block)
            blocks.put(None)
        except BaseException as exc:  # raised on the hashing side
            blocks.put(exc)

    reader = threading.Thread(target=run, name="read-back", daemon=True)
    reader.start()
    digest, size = hashlib.sha256(), 0
    try:
        while (item := blocks.get()) is not None:
            if isinstance(item, BaseException):
                raise item
            digest.update(item)
            size += len(item)
    finally:
        stop.set()
        while reader.is_alive():  # unblock a reader waiting on a full queue
            try:
                blocks.get_nowait()
            except queue.Empty:
                reader.join(0.01)
    return size, digest.hexdigest()


class TrackedSink:
    """What every destination's sink keeps the same way: each file named once (names ignore case on a stick),
    nothing written after ``commit`` or ``abort``, and no commit after a file failed. Subclasses write the
    files (``_open``) and make them durable (``commit``)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._files: dict[str, WrittenFile] = {}
        self._folded: set[str] = set()
        self._broken: BaseException | None = None
        self._finished = False

    def _claim(self, relpath: str) -> tuple[str, ...]:
        """The path's parts, once it is known to be new in this bundle and the bundle still open."""
        parts = check_relpath(relpath)
        if folded(relpath) in self._folded:
            raise UnsafeName(f"{relpath} is written twice in bundle {self.name} (names ignore case on a stick)",
                             key="exchange.error.unsafe_name", name=relpath)
        if self._finished:
            raise RuntimeError(f"bundle {self.name} is already committed or aborted")
        self._folded.add(folded(relpath))
        return parts

    def _open(self, relpath: str) -> AbstractContextManager[BinaryIO]:
        raise NotImplementedError

    def open(self, relpath: str) -> AbstractContextManager[BinaryIO]:
        return self._open(relpath)

    @property
    def files(self) -> tuple[WrittenFile, ...]:
        return tuple(self._files.values())

    def written(self, relpath: str) -> WrittenFile:
        """Size and SHA-256 of a file of this bundle, as received (once its stream is closed)."""
        return self._files[relpath]

    def _may_commit(self) -> None:
        """Refuse a second commit, and a commit after a failed file (which also removes what was written)."""
        if self._finished:
            raise RuntimeError(f"bundle {self.name} is already committed or aborted")
        if self._broken is not None:
            self.abort()
            raise RuntimeError(f"bundle {self.name} had a file that failed; it cannot be committed") \
                from self._broken

    def abort(self) -> None:
        raise NotImplementedError
