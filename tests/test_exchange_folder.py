"""A folder destination (a USB stick): bundles appear whole or not at all, and every failure names the stick."""

from __future__ import annotations

from pathlib import Path

import pytest

from exchange_support import (assert_bundle_intact, partials, remount_read_only, tmpfs, visible_bundles,
                              writer)
from kiosk.exchange import destination_errors as errors
from kiosk.exchange.folder import FolderDestination
from kiosk.i18n.catalog import default_catalog
from kiosk.i18n.explain import explain


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    folder = tmp_path / "stick" / "inbox"
    folder.mkdir(parents=True)
    return folder


def test_a_bundle_is_written_whole_under_its_name_and_nothing_partial_stays(stick: Path) -> None:
    destination = FolderDestination(stick)
    assert not destination.has("S-0001")
    writer("S-0001", big=3_000_000)(destination.begin("S-0001"))
    assert destination.has("S-0001")
    assert visible_bundles(stick) == ["S-0001"] and partials(stick) == []
    assert_bundle_intact(stick / "S-0001", "S-0001", big=3_000_000)


def test_before_commit_the_bundle_is_only_a_partial_folder(stick: Path) -> None:
    destination = FolderDestination(stick)
    sink = destination.begin("S-0001")
    writer("S-0001", commit=False)(sink)
    assert visible_bundles(stick) == [] and partials(stick) == [".partial-S-0001"]
    assert not destination.has("S-0001")
    sink.commit()
    assert visible_bundles(stick) == ["S-0001"] and partials(stick) == []


def test_a_file_that_does_not_read_back_as_written_is_caught_and_the_bundle_not_kept(stick: Path) -> None:
    """A stick that acknowledged writes it never kept: the bytes on the medium differ from those hashed."""
    destination = FolderDestination(stick)
    sink = destination.begin("S-0001")
    writer("S-0001", commit=False)(sink)
    damaged = stick / ".partial-S-0001" / "data" / "events.json"
    data = bytearray(damaged.read_bytes())
    data[1234] ^= 0x01
    damaged.write_bytes(bytes(data))
    with pytest.raises(errors.VerificationFailed) as caught:
        sink.commit()
    assert caught.value.values == {"destination": str(stick), "bundle": "S-0001", "file": "data/events.json"}
    assert visible_bundles(stick) == [] and partials(stick) == []


def test_a_lost_tail_is_caught_too(stick: Path) -> None:
    destination = FolderDestination(stick)
    sink = destination.begin("S-0001")
    writer("S-0001", commit=False)(sink)
    damaged = stick / ".partial-S-0001" / "bagit.txt"
    damaged.write_bytes(damaged.read_bytes()[:-1])
    with pytest.raises(errors.VerificationFailed):
        sink.commit()
    assert not destination.has("S-0001")


def test_begin_removes_a_stale_partial_folder_left_by_a_crash(stick: Path) -> None:
    stale = stick / ".partial-S-0001" / "data"
    stale.mkdir(parents=True)
    (stale / "half-written.bin").write_bytes(b"x" * 1000)
    destination = FolderDestination(stick)
    writer("S-0001")(destination.begin("S-0001"))
    assert_bundle_intact(stick / "S-0001", "S-0001")  # no stale file came along
    assert partials(stick) == []


def test_a_complete_bundle_is_never_written_again_nor_touched(stick: Path) -> None:
    destination = FolderDestination(stick)
    writer("S-0001")(destination.begin("S-0001"))
    before = {p: p.stat().st_mtime_ns for p in (stick / "S-0001").rglob("*")}
    with pytest.raises(errors.AlreadyThere):
        destination.begin("S-0001")
    assert {p: p.stat().st_mtime_ns for p in (stick / "S-0001").rglob("*")} == before
    assert partials(stick) == []


def test_a_bundle_that_appeared_meanwhile_is_not_overwritten_at_commit(stick: Path) -> None:
    destination = FolderDestination(stick)
    sink = destination.begin("S-0001")
    writer("S-0001", commit=False)(sink)
    (stick / "S-0001").mkdir()
    (stick / "S-0001" / "theirs.txt").write_text("another writer's")
    with pytest.raises(errors.AlreadyThere):
        sink.commit()
    assert [p.name for p in (stick / "S-0001").iterdir()] == ["theirs.txt"]
    assert partials(stick) == []


def test_a_writer_that_fails_midway_leaves_nothing_that_looks_complete(stick: Path) -> None:
    destination = FolderDestination(stick)
    sink = destination.begin("S-0001")

    def fails(relpath: str, written: int) -> None:
        if relpath == "data/events.json":
            raise RuntimeError("the session's JSON could not be made")

    with pytest.raises(RuntimeError, match="JSON"):
        writer("S-0001", after_chunk=fails)(sink)
    with pytest.raises(RuntimeError, match="cannot be committed"):
        sink.commit()
    assert visible_bundles(stick) == [] and partials(stick) == []


def test_a_missing_folder_is_named_in_every_language(tmp_path: Path) -> None:
    unplugged = tmp_path / "media" / "usb"
    destination = FolderDestination(unplugged)
    with pytest.raises(errors.DestinationMissing) as caught:
        destination.begin("S-0001")
    assert caught.value.stops_sync
    assert not unplugged.exists(), "a missing stick's folder is never created on the laptop's own disk"
    catalog = default_catalog()
    assert explain(caught.value, catalog, "en").startswith(f"{unplugged} is not there: plug in the stick")
    assert explain(caught.value, catalog, "sr-Cyrl").startswith(f"{unplugged} није пронађено")
    assert explain(caught.value, catalog, "sr-Latn").startswith(f"{unplugged} nije pronađeno")
    assert explain(caught.value, catalog, "hu").startswith(f"{unplugged} nem található")
    with pytest.raises(errors.DestinationMissing):
        destination.has("S-0001")


@pytest.mark.parametrize("name", ["CON", "nul.txt", "a:b", "trailing.", ".partial-S-1", "receipts", "two words",
                                  "a/b", "", "x" * 256])
def test_names_a_fat32_stick_cannot_hold_are_refused(stick: Path, name: str) -> None:
    with pytest.raises(errors.UnsafeName):
        FolderDestination(stick).begin(name)
    assert list(stick.iterdir()) == []


@pytest.mark.parametrize("relpath", ["../escape.txt", "/abs.txt", "data//x", "data/aux.json", "data/a?.txt",
                                     "data\\x.txt"])
def test_file_paths_a_fat32_stick_cannot_hold_are_refused(stick: Path, relpath: str) -> None:
    sink = FolderDestination(stick).begin("S-0001")
    with pytest.raises(errors.UnsafeName):
        sink.open(relpath).__enter__()
    assert not (stick.parent / "escape.txt").exists()


def test_names_of_any_script_and_the_writers_escapes_are_accepted(stick: Path) -> None:
    """exchange-core's safe_component keeps letters of any script and prefixes a device name with "_"."""
    sink = FolderDestination(stick).begin("s-3f2a9c-12")
    for relpath in ("data/снимак_1.wav", "data/_CON.txt", "data/Ünnep-2.json", "data/media/x.part-000"):
        with sink.open(relpath) as out:
            out.write(relpath.encode())
    sink.commit()
    assert (stick / "s-3f2a9c-12" / "data" / "снимак_1.wav").read_bytes() == "data/снимак_1.wav".encode()


def test_two_files_whose_names_differ_only_in_case_are_refused(stick: Path) -> None:
    sink = FolderDestination(stick).begin("S-0001")
    with sink.open("data/Notes.txt") as out:
        out.write(b"first")
    with pytest.raises(errors.UnsafeName):
        sink.open("data/notes.TXT").__enter__()


def test_a_file_past_the_fat32_limit_is_refused(stick: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kiosk.exchange.written as written

    monkeypatch.setattr(written, "MAX_FILE_BYTES", 10)
    sink = FolderDestination(stick).begin("S-0001")
    with pytest.raises(errors.UnsafeName) as caught:
        with sink.open("data/big.bin") as out:
            out.write(b"0123456789")
            out.write(b"!")
    assert caught.value.key == "exchange.error.file_too_large"


def test_receipts_are_read_as_names_and_bytes(stick: Path) -> None:
    destination = FolderDestination(stick)
    assert list(destination.receipts()) == []
    (stick / "receipts").mkdir()
    (stick / "receipts" / "S-0002.receipt").write_bytes(b"\x00signed-2")
    (stick / "receipts" / "S-0001.receipt").write_bytes(b"signed-1")
    assert list(destination.receipts()) == [("S-0001.receipt", b"signed-1"), ("S-0002.receipt", b"\x00signed-2")]


def test_a_full_stick_says_so_and_keeps_what_was_complete(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "small", "4m") as small:
        destination = FolderDestination(small)
        writer("S-0001", big=1_000_000)(destination.begin("S-0001"))
        with pytest.raises(errors.DestinationFull) as caught:
            writer("S-0002", big=8_000_000)(destination.begin("S-0002"))
        assert caught.value.stops_sync
        assert caught.value.values == {"destination": str(small), "bundle": "S-0002"}
        assert "is full: bundle S-0002 was not sent" in explain(caught.value, default_catalog(), "en")
        assert visible_bundles(small) == ["S-0001"]
        assert_bundle_intact(small / "S-0001", "S-0001", big=1_000_000)


def test_a_read_only_stick_says_so_and_keeps_what_was_complete(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "locked", "16m") as locked:
        destination = FolderDestination(locked)
        writer("S-0001")(destination.begin("S-0001"))
        remount_read_only(locked)
        with pytest.raises(errors.DestinationReadOnly) as caught:
            writer("S-0002")(destination.begin("S-0002"))
        assert "cannot be written (read-only or no permission)" in str(caught.value)
        assert visible_bundles(locked) == ["S-0001"]
        assert_bundle_intact(locked / "S-0001", "S-0001")


def test_every_file_and_folder_is_fsynced_before_the_rename_and_the_parent_after(
        stick: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The order that makes a power cut harmless: data durable, then the name; recorded from the real calls."""
    import os

    steps: list[tuple[str, str]] = []
    real_fsync, real_rename = os.fsync, os.rename

    def fsync(fd: int) -> None:
        steps.append(("fsync", os.readlink(f"/proc/self/fd/{fd}")))
        real_fsync(fd)

    def rename(src, dst) -> None:
        steps.append(("rename", str(dst)))
        real_rename(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "rename", rename)
    writer("S-0001")(FolderDestination(stick).begin("S-0001"))
    partial = str(stick / ".partial-S-0001")
    renamed = steps.index(("rename", str(stick / "S-0001")))
    before = {path for kind, path in steps[:renamed] if kind == "fsync"}
    assert {f"{partial}/bagit.txt", f"{partial}/manifest-sha256.txt", f"{partial}/data/events.json",
            f"{partial}/data", partial} <= before
    assert steps[renamed + 1:] == [("fsync", str(stick))]


def _hashing_threads() -> list[str]:
    import threading

    return [t.name for t in threading.enumerate() if t.name in ("bundle-hash", "read-back")]


def test_a_large_file_that_fails_midway_leaves_no_hashing_thread_behind(tmp_path: Path) -> None:
    """Past 4 MiB a file is hashed on a thread of its own; a full stick mid-file must end that thread too,
    or every failed send would leave one waiting for ever."""
    with tmpfs(tmp_path / "small", "12m") as small:
        with pytest.raises(errors.DestinationFull):
            writer("S-0002", big=20_000_000)(FolderDestination(small).begin("S-0002"))
        assert _hashing_threads() == []


def test_the_read_back_hashes_what_the_medium_returns_and_passes_on_its_errors() -> None:
    """The read-back reads on a thread a few blocks ahead of the hashing; the digest is the whole file's,
    whatever the block sizes, and a read that fails (a stick pulled during the check) fails the check."""
    import hashlib
    import io

    from kiosk.exchange.written import sha256_of

    data = bytes(range(256)) * 40_000  # 10 MB, not a multiple of the block size
    assert sha256_of(io.BytesIO(data).read, chunk=1 << 20) == (len(data), hashlib.sha256(data).hexdigest())
    assert sha256_of(io.BytesIO(b"").read) == (0, hashlib.sha256(b"").hexdigest())
    source = io.BytesIO(data)

    def pulled(size: int) -> bytes:
        if source.tell() >= 3 << 20:
            raise OSError(5, "Input/output error")
        return source.read(size)

    with pytest.raises(OSError, match="Input/output"):
        sha256_of(pulled)
    assert _hashing_threads() == []


def test_a_target_that_is_a_file_is_named_as_such_not_as_a_missing_stick(tmp_path: Path) -> None:
    """Found by the new-user trial: a file given as the target was reported as 'not there: plug in the stick'."""
    target = tmp_path / "inbox.txt"
    target.write_text("not a folder", encoding="utf-8")
    with pytest.raises(errors.DestinationMissing) as caught:
        FolderDestination(target).begin("S-0001")
    worded = explain(caught.value, default_catalog(), "en")
    assert "is a file, not a folder" in worded and "plug in" not in worded
    assert "је датотека, а не фасцикла" in explain(caught.value, default_catalog(), "sr-Cyrl")
