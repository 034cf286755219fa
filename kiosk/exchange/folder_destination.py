"""A folder as a bundle destination (a USB stick, a network share): temporary name, fsync, rename.

Minimal, for ``ux-kiosk export``; the sync helper's destination (resume, verification, a pulled stick)
replaces it when both branches are merged.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from kiosk.exchange.sink import PARTIAL_PREFIX, RECEIPTS_FOLDER


def _fsync_folder(path: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class FolderSink:
    def __init__(self, folder: Path, partial: Path, name: str) -> None:
        self.folder, self.partial, self.final = folder, partial, folder / name
        self._opened: set[str] = set()
        self._folders: set[Path] = {partial}

    @contextmanager
    def open(self, relpath: str) -> Iterator[BinaryIO]:
        if relpath in self._opened or relpath.startswith("/") or ".." in relpath.split("/"):
            raise ValueError(f"{relpath!r} cannot be written into a bundle (twice, or outside it)")
        self._opened.add(relpath)
        target = self.partial / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        self._folders.add(target.parent)
        with target.open("xb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())

    def commit(self) -> None:
        for folder in sorted(self._folders, key=lambda p: len(p.parts), reverse=True):
            _fsync_folder(folder)
        os.replace(self.partial, self.final)
        _fsync_folder(self.folder)

    def abort(self) -> None:
        shutil.rmtree(self.partial, ignore_errors=True)


class FolderDestination:
    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.description = f"the folder {self.folder}"
        self.folder.mkdir(parents=True, exist_ok=True)

    def has(self, name: str) -> bool:
        return (self.folder / name).is_dir()

    def begin(self, name: str) -> FolderSink:
        partial = self.folder / f"{PARTIAL_PREFIX}{name}"
        if partial.exists():  # what an interrupted attempt left
            shutil.rmtree(partial)
        partial.mkdir()
        return FolderSink(self.folder, partial, name)

    def receipts(self) -> Iterator[tuple[str, bytes]]:
        folder = self.folder / RECEIPTS_FOLDER
        if folder.is_dir():
            for path in sorted(folder.iterdir()):
                if path.is_file():
                    yield path.name, path.read_bytes()

    def close(self) -> None:
        pass
