"""Where bundles are written: the one contract between the bundle writer and the places bundles travel to.

A bundle is a folder of files (a BagIt bag). The writer streams each file once, hashing and, when
sealed, encrypting as it goes, straight into a destination: a folder on this disk or a USB stick, or
an SFTP server. It never builds the bundle elsewhere first and copies it, so sending 1 GB of
recordings writes 1 GB once.

A bundle becomes visible under its final name only when it is complete: until ``commit`` its files
live under a temporary name, so a pulled stick, a dropped connection or a killed process leaves at
worst a temporary folder that the next attempt removes and writes again. A destination that already
holds a bundle of that name is not written twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import BinaryIO, Protocol

from kiosk.exchange.fat_names import RECEIPTS_FOLDER as RECEIPTS_FOLDER  # re-exported: defined beside the name rules

#: Prefix of a bundle that is still being written; readers (the hub's import) skip such folders.
PARTIAL_PREFIX = ".partial-"


@dataclass(frozen=True)
class WrittenFile:
    """One file of a bundle as the sink received it: what the manifest lists and the read-back compares."""

    relpath: str
    size: int
    sha256: str


class BundleSink(Protocol):
    """One bundle being written. ``open`` may be called once per relative path (``a/b.txt``, "/" only)."""

    def open(self, relpath: str) -> AbstractContextManager[BinaryIO]:
        """A write-only binary stream for one file of the bundle; parent folders are created."""
        ...

    def written(self, relpath: str) -> WrittenFile:
        """Size and SHA-256 of a file already closed, as the sink received it: the manifest lists this digest,
        so each byte is hashed once while written (and once more when read back from the medium)."""
        ...

    def commit(self) -> None:
        """Make every byte durable, check what was written, then give the bundle its final name."""
        ...

    def abort(self) -> None:
        """Remove what was written so far (best effort: the next ``begin`` removes leftovers too)."""
        ...


class Destination(Protocol):
    """A place bundles are written to and the hub's receipts are read from."""

    #: How a person names it in a message ("the folder /media/usb/inbox", "sftp://hub@10.0.0.2/inbox");
    #: never contains a password.
    description: str

    def has(self, name: str) -> bool:
        """Whether a complete bundle of that name is already there."""
        ...

    def begin(self, name: str) -> BundleSink:
        """Start writing bundle ``name`` (a FAT32-safe folder name) under a temporary name."""
        ...

    def receipts(self) -> Iterator[tuple[str, bytes]]:
        """Each receipt file in ``RECEIPTS_FOLDER``: (file name, content)."""
        ...

    def close(self) -> None: ...
