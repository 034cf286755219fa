"""A folder destination (a USB stick, a network share): bundles written beside, checked, then renamed in.

The order is what makes a pulled stick harmless: every file is written under ``.partial-<name>/`` and
fsynced; then each is read back from the medium (its cached pages dropped first, where the system
allows, so a stick that acknowledged writes it never kept is caught) and compared with the SHA-256
computed while writing; then the folders are fsynced, the partial folder renamed to ``<name>`` and
the parent fsynced. A bundle is therefore either complete under its own name or absent; a partial
folder left by a crash is removed by the next ``begin`` of that name. Nothing outside the bundle's
own two folders is ever written, renamed or removed.

The destination folder must already exist: creating it would, with the stick unplugged, write the
bundles onto the laptop's own disk under the empty mount point.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, cast

from kiosk.exchange import destination_errors as errors
from kiosk.exchange.destination_errors import DestinationError
from kiosk.exchange.fat_names import check_bundle_name
from kiosk.exchange.sink import PARTIAL_PREFIX, RECEIPTS_FOLDER
from kiosk.exchange.written import HashingStream, TrackedSink, sha256_of


def fsync_folder(path: Path) -> None:
    """Make a folder's entries (a created file, a rename) durable; a no-op where folders cannot be opened."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


#: large reads keep the disk streaming while the previous block is hashed (1 MiB reads ran at about half the speed)
READ_BACK_BLOCK = 8 << 20


def _drop_cache(fd: int) -> None:
    """Ask the kernel to forget the file's (clean, just synced) pages, so the read-back comes from the medium."""
    if hasattr(os, "posix_fadvise"):
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_SEQUENTIAL)  # and read ahead generously
        except OSError:
            pass  # advice only: a file system that ignores it still gets the comparison, from the cache


class FolderDestination:
    """Bundles at ``<path>/<name>/``; the hub's receipts read from ``<path>/receipts/``."""

    def __init__(self, path: str | os.PathLike[str], *, read_back: bool = True) -> None:
        self.path = Path(path)
        self.read_back = read_back
        #: the path alone: messages name it inside a sentence of the reader's language
        self.description = str(self.path)

    def _root(self) -> Path:
        if not self.path.is_dir():
            raise errors.not_a_folder(self.description) if self.path.exists() else errors.missing(self.description)
        return self.path

    def has(self, name: str) -> bool:
        check_bundle_name(name)
        try:
            return (self._root() / name).is_dir()
        except OSError as exc:
            raise errors.from_os_error(exc, self.description, name) from exc

    def begin(self, name: str) -> FolderSink:
        check_bundle_name(name)
        root = self._root()
        partial = root / f"{PARTIAL_PREFIX}{name}"
        try:
            if (root / name).exists():
                raise errors.already_there(self.description, name)
            if partial.exists() or partial.is_symlink():
                shutil.rmtree(partial)
            partial.mkdir()
        except OSError as exc:
            raise errors.from_os_error(exc, self.description, name) from exc
        return FolderSink(self, name, partial, root / name)

    def receipts(self) -> Iterator[tuple[str, bytes]]:
        folder = self._root() / RECEIPTS_FOLDER
        try:
            entries = sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
            for entry in entries:
                yield entry.name, entry.read_bytes()
        except OSError as exc:
            raise errors.from_os_error(exc, self.description, RECEIPTS_FOLDER) from exc

    def close(self) -> None:
        """Nothing to release: every file is closed when its bundle is."""


class FolderSink(TrackedSink):
    """One bundle being written into ``.partial-<name>/``; see the module docstring for the order of steps."""

    def __init__(self, destination: FolderDestination, name: str, partial: Path, final: Path) -> None:
        super().__init__(name)
        self._destination = destination
        self._partial = partial
        self._final = final

    def _error(self, exc: OSError) -> DestinationError:
        return errors.from_os_error(exc, self._destination.description, self.name)

    @contextmanager
    def _open(self, relpath: str) -> Iterator[BinaryIO]:
        parts = self._claim(relpath)
        target = self._partial.joinpath(*parts)
        try:
            folder = self._partial
            for part in parts[:-1]:  # never parents=True: a vanished stick's folder must not come back
                folder = folder / part
                if not folder.is_dir():
                    folder.mkdir()
            handle = open(target, "xb")
        except OSError as exc:
            self._broken = exc
            raise self._error(exc) from exc
        stream = HashingStream(relpath, handle.write, self._error)
        try:
            yield cast(BinaryIO, stream)
            handle.flush()
            os.fsync(handle.fileno())
        except OSError as exc:
            self._broken = exc
            raise self._error(exc) from exc
        except BaseException as exc:
            self._broken = exc
            raise
        finally:
            try:
                handle.close()
            except OSError as exc:  # the last buffered bytes failed: the flush above was skipped by an error
                self._broken = self._broken or exc
            if self._broken is not None:
                stream.close()  # ends its hashing thread
        self._files[relpath] = stream.result()

    def commit(self) -> None:
        self._may_commit()
        try:
            if self._destination.read_back:
                self._verify()
            for folder in sorted({p for p in self._partial.rglob("*") if p.is_dir()}, key=lambda p: -len(p.parts)):
                fsync_folder(folder)
            fsync_folder(self._partial)
            if self._final.exists():
                raise errors.already_there(self._destination.description, self.name)
            os.rename(self._partial, self._final)
            fsync_folder(self._final.parent)
        except DestinationError:
            self.abort()
            raise
        except OSError as exc:
            self.abort()
            raise self._error(exc) from exc
        self._finished = True

    def _verify(self) -> None:
        for written in self._files.values():
            with open(self._partial.joinpath(*written.relpath.split("/")), "rb", buffering=0) as handle:
                _drop_cache(handle.fileno())
                size, digest = sha256_of(handle.read, READ_BACK_BLOCK)
            if (size, digest) != (written.size, written.sha256):
                raise errors.verification_failed(self._destination.description, self.name, written.relpath)

    def abort(self) -> None:
        self._finished = True
        shutil.rmtree(self._partial, ignore_errors=True)
