"""What a sink learns while a file streams through it: its size and SHA-256, kept to check the copy afterwards.

Both destinations hash while writing, never by reading the source again, so that what is compared on
read-back is exactly the bytes the bundle writer handed over. The stream also enforces the FAT32 size
limit and turns the medium's ``OSError`` into the destination's words as it happens, mid-file.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.exchange.destination_errors import DestinationError, UnsafeName
from kiosk.exchange.fat_names import MAX_FILE_BYTES


@dataclass(frozen=True)
class WrittenFile:
    """One file of a bundle as the sink received it."""

    relpath: str
    size: int
    sha256: str


class HashingStream(io.RawIOBase):
    """A write-only stream that hashes and counts, then hands every byte to ``sink`` (which writes all of it)."""

    def __init__(self, relpath: str, sink: Callable[[memoryview], object],
                 translate: Callable[[OSError], DestinationError]) -> None:
        super().__init__()
        self.relpath = relpath
        self._sink = sink
        self._translate = translate
        self._hash = hashlib.sha256()
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
        self._hash.update(view)
        self.size += len(view)
        return len(view)

    def result(self) -> WrittenFile:
        return WrittenFile(self.relpath, self.size, self._hash.hexdigest())


def sha256_of(read: Callable[[int], bytes], chunk: int = 1 << 20) -> tuple[int, str]:
    """(size, SHA-256 hex) of everything ``read`` returns until it returns nothing."""
    digest = hashlib.sha256()
    size = 0
    while block := read(chunk):
        digest.update(block)
        size += len(block)
    return size, digest.hexdigest()
