"""Erasure as the domain sees it, without Qt: what is deleted, what is kept, what the result and the
pending mark say, on a real SQLite file in a temporary data folder.

The erasure tests that existed ran it through the console (GUI) or a killed process, so `mutmut`
found 27 mutants of kiosk/store/erasure.py that no fast test reached (docs/testing.md). Each test
here states a property a facilitator or the hub relies on.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from conftest import consent
from erasure_support import OtherReader
from kiosk.resources import demo_plan_path
from kiosk.session import SessionEngine
from kiosk.store import Store, StoreError
from kiosk.store.erasure import (
    PENDING_KEY,
    Compaction,
    compact,
    erase_participant,
    erase_participant_at,
    erasure_pending,
    finish_pending_erasure,
    finish_pending_erasure_at,
    participant_files,
)
from kiosk.study import load_plan_text

OTHER = load_plan_text(demo_plan_path().read_text(encoding="utf-8").replace(
    'id = "demo-farm-subsidy"', 'id = "other-study"'))


def _start(store, study, code, clock, contact: str = "") -> SessionEngine:
    """A participant past consent with a note; with ``contact``, one who agreed to be contacted."""
    engine = SessionEngine.start(store, study, code, clock, facilitator="F1")
    engine.continue_from_welcome()
    consent(engine, *(("future_contact",) if contact else ()))
    if contact:
        engine.save_contact(contact)
    engine.add_note(f"note by {code}")
    clock.advance(1)
    return engine


def _count(path: Path, sql: str, *args) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, args).fetchone()[0]
    finally:
        conn.close()


def _meta(path: Path) -> dict[str, str]:
    conn = sqlite3.connect(path)
    try:
        return dict(conn.execute("SELECT key, value FROM meta"))
    finally:
        conn.close()


def test_erasure_deletes_exactly_the_participants_rows_in_that_study(store, demo_study, clock) -> None:
    gone = _start(store, demo_study, "G-0001", clock, contact="gone@example.org")
    kept = _start(store, demo_study, "K-0001", clock, contact="kept@example.org")
    same_code_elsewhere = _start(store, OTHER, "G-0001", clock, contact="other@example.org")
    kept_events = len(store.events(kept.record.id))
    elsewhere_events = len(store.events(same_code_elsewhere.record.id))

    result = erase_participant(store, demo_study.id, "G-0001", "  asked by phone  ")

    assert (result.sessions, result.fully_compacted, result.pending_pages) == (1, True, 0)
    path = store.path
    assert _count(path, "SELECT COUNT(*) FROM events WHERE session_id = ?", gone.record.id) == 0
    assert _count(path, "SELECT COUNT(*) FROM consent_records WHERE session_id = ?", gone.record.id) == 0
    assert _count(path, "SELECT COUNT(*) FROM sessions WHERE id = ?", gone.record.id) == 0
    assert sorted(c["contact"] for c in store.contacts(demo_study.id)) == ["kept@example.org"]
    assert [c["contact"] for c in store.contacts(OTHER.id)] == ["other@example.org"]
    assert len(store.events(kept.record.id)) == kept_events
    assert len(store.events(same_code_elsewhere.record.id)) == elsewhere_events
    assert store.consent_record(kept.record.id) is not None
    assert store.consent_record(same_code_elsewhere.record.id) is not None
    assert [s.participant_code for s in store.sessions(OTHER.id)] == ["G-0001"]
    # the tombstone names the code, the study, this laptop and the reason without the padding
    assert [(t.participant_code, t.study_id, t.reason, t.laptop_id) for t in store.tombstones()] == [
        ("G-0001", demo_study.id, "asked by phone", store.laptop_id)]
    assert store.tombstones()[0] == result.tombstone


def test_every_session_of_a_participant_goes_including_duplicates_from_before_schema_3(store, demo_study,
                                                                                          clock) -> None:
    """Two writers could store one code twice before schema 3; the migration kept both (``duplicate_of``)."""
    first = _start(store, demo_study, "D-0001", clock)
    duplicate_id = "dddddddd-0000-4000-8000-000000000001"
    with store.write() as conn:
        conn.execute(
            "INSERT INTO sessions (id, laptop_id, study_id, plan_hash, plan_version, participant_code, "
            "participant_number, task_order, mode, status, step, created_utc, updated_utc, duplicate_of) "
            "SELECT ?, laptop_id, study_id, plan_hash, plan_version, participant_code, 99, task_order, mode, "
            "status, step, created_utc, updated_utc, id FROM sessions WHERE id = ?", (duplicate_id, first.record.id))
        conn.execute("INSERT INTO events (id, session_id, seq, kind, utc, mono_ns, clock_epoch, laptop_id, payload) "
                     "VALUES ('e-dup', ?, 1, 'note_added', '2026-11-02T09:00:00', 0, 'x', 'L', '{}')",
                     (duplicate_id,))
    kept = _start(store, demo_study, "K-0002", clock)

    result = erase_participant(store, demo_study.id, "D-0001", "")

    assert result.sessions == 2
    assert _count(store.path, "SELECT COUNT(*) FROM events WHERE session_id IN (?, ?)",
                  first.record.id, duplicate_id) == 0
    assert [s.id for s in store.sessions()] == [kept.record.id]
    assert [t.reason for t in store.tombstones()] == ["withdrawn"]  # no reason given


def test_an_unknown_code_changes_nothing(store, demo_study, clock) -> None:
    _start(store, demo_study, "K-0003", clock)
    with pytest.raises(StoreError, match=r"^no participant K-0003 in study other-study$"):
        erase_participant(store, OTHER.id, "K-0003", "wrong study")
    assert store.tombstones() == [] and not erasure_pending(store)
    assert [s.participant_code for s in store.sessions()] == ["K-0003"]


def test_participant_files_are_their_media_their_receipts_and_every_report(tmp_path: Path) -> None:
    root = tmp_path
    mine, theirs, no_media = "aaaa-1", "bbbb-2", "cccc-3"
    (root / "media" / mine / "audio").mkdir(parents=True)
    (root / "media" / theirs).mkdir(parents=True)
    (root / "receipts").mkdir()
    for name in (f"{mine}.pdf", f"{mine}-sr-Cyrl.pdf", f"{theirs}.pdf", f"{no_media}.pdf"):
        (root / "receipts" / name).write_bytes(b"%PDF")
    (root / "reports").mkdir()
    for name in ("study.pdf", "a-session.pdf"):
        (root / "reports" / name).write_bytes(b"%PDF")

    assert participant_files(root, [mine, no_media]) == [
        root / "media" / mine, root / "receipts" / f"{mine}-sr-Cyrl.pdf", root / "receipts" / f"{mine}.pdf",
        root / "receipts" / f"{no_media}.pdf", root / "reports" / "a-session.pdf", root / "reports" / "study.pdf"]
    # no folders yet: nothing to remove, and no error
    assert participant_files(tmp_path / "empty", [mine]) == []


def test_erasure_removes_the_participants_files_and_reports_and_keeps_the_others(store, demo_study, clock) -> None:
    root = store.path.parent
    gone = _start(store, demo_study, "G-0004", clock)
    kept = _start(store, demo_study, "K-0004", clock)
    for engine in (gone, kept):
        (root / "media" / engine.record.id / "video").mkdir(parents=True)
        (root / "media" / engine.record.id / "video" / "part-1.avi").write_bytes(b"frames")
        (root / "receipts").mkdir(exist_ok=True)
        (root / "receipts" / f"{engine.record.id}.pdf").write_bytes(b"%PDF")
    (root / "reports").mkdir()
    (root / "reports" / "study.pdf").write_bytes(b"%PDF")

    result = erase_participant(store, demo_study.id, "G-0004", "asked")

    assert result.files == 3  # the media folder, the receipt, the report
    assert sorted(p.name for p in (root / "media").iterdir()) == [kept.record.id]
    assert (root / "media" / kept.record.id / "video" / "part-1.avi").read_bytes() == b"frames"
    assert sorted(p.name for p in (root / "receipts").iterdir()) == [f"{kept.record.id}.pdf"]
    assert list((root / "reports").iterdir()) == []
    assert store.path.exists()  # the database is in the same folder and is not a participant file


def test_a_data_folder_given_apart_from_the_database_is_the_one_cleaned(tmp_path: Path, demo_study, clock) -> None:
    """``data_root`` is where media, receipts and reports live; the clean-up after the delete uses it too."""
    store = Store(tmp_path / "db" / "kiosk.sqlite3")
    try:
        data_root = tmp_path / "data"
        _start(store, demo_study, "G-0010", clock)
        left_by_a_killed_erasure = "ffffffff-0000-4000-8000-000000000010"
        (data_root / "media" / left_by_a_killed_erasure).mkdir(parents=True)
        (data_root / "reports").mkdir()
        (data_root / "reports" / "study.pdf").write_bytes(b"%PDF")
        (tmp_path / "db" / "reports").mkdir()
        (tmp_path / "db" / "reports" / "not-in-the-data-folder.pdf").write_bytes(b"%PDF")

        result = erase_participant(store, demo_study.id, "G-0010", "asked", data_root=data_root)

        assert result.fully_compacted and result.files == 1  # the report (no media, no receipt of its own)
        assert list((data_root / "media").iterdir()) == [] and list((data_root / "reports").iterdir()) == []
        assert (tmp_path / "db" / "reports" / "not-in-the-data-folder.pdf").exists()
    finally:
        store.close()


def test_a_linked_media_folder_is_unlinked_and_what_it_points_to_is_left_alone(store, demo_study, clock,
                                                                               tmp_path: Path) -> None:
    """Erasure removes what is in the data folder; it never follows a link out of it (an external disk)."""
    root = store.path.parent
    outside = tmp_path / "external-disk"
    outside.mkdir()
    (outside / "keep.txt").write_text("not the kiosk's")
    gone = _start(store, demo_study, "G-0005", clock)
    (root / "media").mkdir()
    (root / "media" / gone.record.id).symlink_to(outside, target_is_directory=True)

    assert erase_participant(store, demo_study.id, "G-0005", "asked").files == 1

    assert not (root / "media" / gone.record.id).is_symlink()
    assert (outside / "keep.txt").read_text() == "not the kiosk's"


def test_erasure_through_the_database_path_uses_and_closes_a_connection_of_its_own(store, demo_study,
                                                                                   clock) -> None:
    """What the worker thread runs: it must not leave a connection open (the WAL goes when the last one closes)."""
    root = store.path.parent
    gone = _start(store, demo_study, "G-0006", clock)
    (root / "receipts").mkdir()
    (root / "receipts" / f"{gone.record.id}.pdf").write_bytes(b"%PDF")
    store.close()

    result = erase_participant_at(store.path, demo_study.id, "G-0006", "asked")

    assert (result.sessions, result.files, result.fully_compacted) == (1, 1, True)
    assert result.tombstone.reason == "asked" and result.tombstone.participant_code == "G-0006"
    assert not (root / "receipts" / f"{gone.record.id}.pdf").exists()
    assert not store.path.with_name(store.path.name + "-wal").exists()
    again = Store(store.path)
    try:
        assert again.sessions() == [] and again.tombstones() == [result.tombstone]
    finally:
        again.close()


def test_a_busy_reader_leaves_a_durable_mark_that_the_path_entry_point_finishes(store, demo_study, clock) -> None:
    root = store.path.parent
    _start(store, demo_study, "G-0007", clock)
    reader = OtherReader(store.path)
    try:
        result = erase_participant(store, demo_study.id, "G-0007", "asked")
        assert not result.fully_compacted and result.pending_pages > 0
        # the mark is on disk, under the key every version reads, with the erasure's time
        assert _meta(store.path)[PENDING_KEY] == result.tombstone.withdrawn_utc
        assert PENDING_KEY == "erasure_pending"
        (root / "reports").mkdir()
        (root / "reports" / "study.pdf").write_bytes(b"written while the reader read")
        store.close()
        still = finish_pending_erasure_at(store.path)
        assert not still.done and still.pending_pages > 0 and still.error == ""
    finally:
        reader.close()
    outcome = finish_pending_erasure_at(store.path)
    assert outcome == Compaction(True)
    assert PENDING_KEY not in _meta(store.path)
    assert list((root / "reports").iterdir()) == []  # reports written since may quote the erased participant
    assert not store.path.with_name(store.path.name + "-wal").exists()


def test_a_mark_left_by_an_older_run_is_finished_and_orphaned_files_go(store, demo_study, clock) -> None:
    """A kill between the delete and the file clean-up leaves the mark and the files of deleted sessions."""
    root = store.path.parent
    kept = _start(store, demo_study, "K-0008", clock)
    orphan = "eeeeeeee-0000-4000-8000-000000000008"
    for session_id in (kept.record.id, orphan):
        (root / "media" / session_id).mkdir(parents=True)
        (root / "media" / session_id / "a.wav").write_bytes(b"RIFF")
        (root / "receipts").mkdir(exist_ok=True)
        (root / "receipts" / f"{session_id}.pdf").write_bytes(b"%PDF")
        (root / "receipts" / f"{session_id}.sr-Latn.pdf").write_bytes(b"%PDF")
    with store.write() as conn:
        conn.execute("INSERT INTO meta (key, value) VALUES ('erasure_pending', '2026-11-01T10:00:00.000+00:00')")
    assert erasure_pending(store)

    assert finish_pending_erasure(store) == Compaction(True)

    assert not erasure_pending(store)
    assert sorted(p.name for p in (root / "media").iterdir()) == [kept.record.id]
    assert sorted(p.name for p in (root / "receipts").iterdir()) == [f"{kept.record.id}.pdf",
                                                                    f"{kept.record.id}.sr-Latn.pdf"]


def test_without_a_mark_finishing_touches_no_file(store, demo_study, clock) -> None:
    """Reports and orphan-looking files stay unless an erasure is pending: start-up must not delete reports."""
    root = store.path.parent
    (root / "reports").mkdir()
    (root / "reports" / "study.pdf").write_bytes(b"%PDF")
    (root / "media" / "not-a-session").mkdir(parents=True)
    assert finish_pending_erasure(store) == Compaction(True, 0, "")
    assert finish_pending_erasure_at(store.path) == Compaction(True, 0, "")
    assert (root / "reports" / "study.pdf").exists() and (root / "media" / "not-a-session").exists()


def test_compaction_waits_briefly_for_readers_then_restores_the_writers_patience(store, demo_study, clock) -> None:
    _start(store, demo_study, "K-0009", clock)
    assert compact(store) == Compaction(True)
    # later writes wait as long as the connection was opened to (10 s), not compaction's short wait
    assert store._conn.execute("PRAGMA busy_timeout").fetchone()[0] == 10000
    with store.write() as conn:
        conn.execute("INSERT INTO meta (key, value) VALUES ('grows', 'the wal')")
    reader = OtherReader(store.path)
    try:
        busy = compact(store)
        assert not busy.done and busy.pending_pages >= 1 and busy.error == ""
        assert store._conn.execute("PRAGMA busy_timeout").fetchone()[0] == 10000
    finally:
        reader.close()
    assert compact(store).done


def test_erasure_leaves_no_free_pages_behind(store, demo_study, clock) -> None:
    """VACUUM rewrites the file: the erased participant's pages are not kept as free pages (nor is the space)."""
    gone = _start(store, demo_study, "G-0011", clock)
    for n in range(150):
        gone.add_note(f"{n:03d} " + "долга белешка " * 30)
    kept = _start(store, demo_study, "K-0011", clock)
    pages_before = store._conn.execute("PRAGMA page_count").fetchone()[0]

    assert erase_participant(store, demo_study.id, "G-0011", "asked").fully_compacted

    assert store._conn.execute("PRAGMA freelist_count").fetchone()[0] == 0
    assert store._conn.execute("PRAGMA page_count").fetchone()[0] < pages_before / 2
    assert [s.id for s in store.sessions()] == [kept.record.id]


def _wal_frames(path: Path) -> tuple[int, int]:
    """SQLite's own count, from another connection: (frames in the WAL, frames already copied to the database)."""
    conn = sqlite3.connect(path)
    try:
        _busy, log, done = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        return log, done
    finally:
        conn.close()


def test_pages_held_back_by_a_reader_are_counted_as_sqlite_counts_them(store, demo_study, clock) -> None:
    """The console tells the facilitator how many old pages wait: the WAL frames a reader keeps from the wipe."""
    _start(store, demo_study, "K-0012", clock)
    with store.write() as conn:
        conn.execute("INSERT INTO meta (key, value) VALUES ('note', 'first')")
    assert compact(store).done
    # a reader that started before the change: nothing of the change can be copied yet
    reader = OtherReader(store.path)
    try:
        store.save_contact("K-0012", demo_study.id, "s", "k@example.org")
        held = compact(store)
        log, done = _wal_frames(store.path)
        assert log > 0 and done == 0
        assert held == Compaction(False, pending_pages=log)
    finally:
        reader.close()
    assert compact(store).done
    # a reader of the newest snapshot: every frame is copied, but the WAL (with the old images) cannot be emptied
    with store.write() as conn:  # one page changes: the meta row's value, not its key
        conn.execute("UPDATE meta SET value = 'second' WHERE key = 'note'")
    reader = OtherReader(store.path)
    try:
        held = compact(store)
        assert _wal_frames(store.path) == (1, 1)
        assert held == Compaction(False, pending_pages=1)
    finally:
        reader.close()
    assert compact(store).done
    store.save_contact("K-0012", demo_study.id, "s", "k2@example.org")  # several pages (table and indexes)
    reader = OtherReader(store.path)
    try:
        held = compact(store)
        log, done = _wal_frames(store.path)
        assert log == done > 1
        assert held == Compaction(False, pending_pages=log)
    finally:
        reader.close()
    assert compact(store) == Compaction(True)


def test_an_erasure_removes_only_files_named_after_sessions(store, demo_study, clock) -> None:
    """Found by the second new-user trial: 'Delete everything' for one participant also removed every other entry
    of media/ and receipts/ not named after a session in the database (a person's own notes folder, a copied
    PDF), while the console counted 0 files. Only entries named like a session id (and not a session there now)
    are a killed erasure's leftovers."""
    from kiosk.store.erasure import erase_participant

    root = store.path.parent
    gone = _start(store, demo_study, "K-0009", clock)
    theirs = root / "media" / gone.record.id
    theirs.mkdir(parents=True)
    (theirs / "a.wav").write_bytes(b"RIFF")
    leftover = root / "media" / "eeeeeeee-0000-4000-8000-000000000009"  # a killed erasure's: goes too
    leftover.mkdir()
    (leftover / "b.wav").write_bytes(b"RIFF")
    foreign = [root / "media" / "my-notes" / "z.txt", root / "media" / "not-a-session" / "x.bin",
               root / "receipts" / "consent-S-010001.pdf", root / "receipts" / "README.txt"]
    for path in foreign:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"someone's own file")
    erase_participant(store, demo_study.id, "K-0009", "asked")
    finish_pending_erasure(store)
    assert not theirs.exists() and not leftover.exists()
    assert [p for p in foreign if not p.exists()] == []
