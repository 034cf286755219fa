"""Everything in the data folder is private to the user who runs the kiosk: folders 0700, files 0600
(database, WAL, shared memory, receipts, reports), whatever the umask, on new and on existing folders."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from conftest import consent

from kiosk.paths import DataPaths
from kiosk.reports.jobs import receipt_job, session_report_job
from kiosk.session import SessionEngine
from kiosk.store import Store

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")


@pytest.fixture
def lax_umask():
    """The usual desktop umask, which gives 0755 folders and 0644 files unless the app says otherwise."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _everything(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root)) or ".": _mode(p) for p in [root, *root.rglob("*")]}


def test_a_session_with_report_and_receipt_leaves_only_private_files(tmp_path: Path, demo_study, clock,
                                                                      lax_umask) -> None:
    paths = DataPaths(tmp_path / "ux-kiosk").ensure()
    store = Store(paths.database)
    engine = SessionEngine.start(store, demo_study, "M-0001", clock, facilitator="F1")
    engine.continue_from_welcome()
    consent(engine)
    engine.add_note("a note")
    session_report_job(paths.database, engine.record.id, paths.reports, "en")
    receipt_job(paths.database, engine.record.id, paths.receipts)
    found = _everything(paths.root)
    assert {"kiosk.sqlite3", "kiosk.sqlite3-wal", "kiosk.sqlite3-shm", "receipts", "reports", "media"} <= set(found)
    assert any(name.startswith("reports/") and name.endswith(".pdf") for name in found)
    assert any(name.startswith("receipts/") and name.endswith(".pdf") for name in found)
    store.close()
    lax = {name: oct(mode) for name, mode in found.items()
           if mode != (0o700 if (paths.root / name).is_dir() else 0o600)}
    assert lax == {}, f"readable by others: {lax}"


def test_an_existing_data_folder_is_made_private_when_opened(tmp_path: Path, lax_umask) -> None:
    root = tmp_path / "old-install"
    Store(root / "kiosk.sqlite3").close()
    for path in [root, *root.iterdir()]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    (root / "reports").mkdir()
    (root / "reports").chmod(0o755)
    DataPaths(root).ensure()
    Store(root / "kiosk.sqlite3").close()
    assert {name: oct(mode) for name, mode in _everything(root).items()} == {
        ".": oct(0o700), "kiosk.sqlite3": oct(0o600), "reports": oct(0o700), "media": oct(0o700),
        "receipts": oct(0o700)}


def test_a_folder_without_unix_permissions_still_opens(tmp_path: Path, monkeypatch, demo_study, clock) -> None:
    """FAT on a USB stick refuses chmod with EPERM (its mount options decide access): the kiosk must still run."""
    import errno

    def fat_chmod(path, mode, *args, **kwargs):
        raise PermissionError(errno.EPERM, "Operation not permitted", str(path))

    usb = tmp_path / "usb"
    usb.mkdir()
    usb.chmod(0o777)  # what a FAT mount shows for every folder
    (usb / "kiosk.sqlite3").write_bytes(b"")
    (usb / "kiosk.sqlite3").chmod(0o666)
    calls: list[str] = []
    monkeypatch.setattr(os, "chmod", lambda path, *a, **k: (calls.append(str(path)), fat_chmod(path, *a, **k)))
    store = Store(usb / "kiosk.sqlite3")
    DataPaths(tmp_path / "usb").ensure()
    SessionEngine.start(store, demo_study, "U-0001", clock, facilitator="F1")
    store.close()
    assert str(usb) in calls and str(usb / "kiosk.sqlite3") in calls, "the kiosk did try to narrow them"


def test_permissions_are_only_ever_narrowed_never_widened(tmp_path: Path) -> None:
    """A database an archivist made read-only stays read-only; only group and other lose access."""
    from kiosk.paths import make_private, private_file

    archived = tmp_path / "archived.sqlite3"
    archived.write_bytes(b"")
    archived.chmod(0o444)
    private_file(archived)
    assert _mode(archived) == 0o400
    shared = tmp_path / "report.pdf"
    shared.write_bytes(b"%PDF")
    shared.chmod(0o664)
    make_private(shared)
    assert _mode(shared) == 0o600
