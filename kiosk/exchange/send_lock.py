"""One send at a time from a data folder: the console's Send window and ``ux-kiosk sync`` must not write the same
bundles to the same stick at once.

Two sends did no damage (a bundle appears whole or not at all), but each reported the other's work as a
fault: one said the stick "went away" when the other renamed its partial folder, the other "File exists".
The lock is the operating system's (``flock`` on Linux and macOS, ``msvcrt.locking`` on Windows) on a file in
the data folder, so a killed process never leaves it held.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kiosk.explained import ExplainedError
from kiosk.paths import private_file

LOCK_NAME = "send.lock"


class SendBusy(ExplainedError):
    """Another send from this data folder is running."""


@contextmanager
def one_send_at_a_time(data_root: Path) -> Iterator[None]:
    """Hold the data folder's send lock for the ``with`` block; SendBusy at once if another send holds it."""
    path = Path(data_root) / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        private_file(path)
        if not _try_lock(fd):
            raise SendBusy("another send from this laptop is running (the console's Send window or 'ux-kiosk "
                           "sync'): wait for it to finish, then send again", key="exchange.error.send_busy")
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)


def _try_lock(fd: int) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
            return True
        except OSError:
            return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def _unlock(fd: int) -> None:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
        return
    fcntl.flock(fd, fcntl.LOCK_UN)
