"""The store's answers in the cases no other fast test reached: unknown ids, a second session beside the
one asked about, a number already taken, a database that would not open for each of its causes.

Written against the mutants of kiosk/store/db.py that survived `mutmut` (docs/testing.md); each test
states what a caller relies on, with exact values.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.resources import demo_plan_path
from kiosk.session import SessionEngine
from kiosk.session.engine import InvalidAction
from kiosk.store import ConsentRecord, IncompleteConsent, Store, StoreError, StoreReader, schema
from kiosk.store.db import _open_failure
from kiosk.store.erasure import erase_participant
from kiosk.store.records import Heartbeat
from kiosk.store.schema import migrate


def test_a_database_that_will_not_open_is_explained_by_its_cause() -> None:
    path = Path("/data/ux-kiosk/kiosk.sqlite3")
    full = sqlite3.OperationalError("database or disk is full")
    assert _open_failure(path, full) == (
        "the disk holding /data/ux-kiosk is full, so the database could not be opened: free some space and start "
        "ux-kiosk again. Nothing saved before was changed.")
    for text in ("database is locked", "Database Busy"):
        assert _open_failure(path, sqlite3.OperationalError(text)) == (
            f"the database {path} is in use by another program ({text}); close other copies of ux-kiosk and retry")
    assert _open_failure(path, sqlite3.DatabaseError("file is not a database")) == (
        f"cannot open the database {path}: file is not a database. If the file is damaged, keep a copy of the "
        "whole data folder and contact the hub team.")


def test_a_plans_folder_is_kept_and_an_unknown_plan_has_none(store: Store, demo_study, clock) -> None:
    """Resume finds the plan's audio clips relative to this folder; a plan the database lacks has no folder."""
    SessionEngine.start(store, demo_study, "F-0001", clock, facilitator="F1")
    reader = StoreReader(store.path)
    try:
        for source in (store, reader):
            assert source.plan_folder(demo_study.content_hash) == str(demo_plan_path().parent)
            assert source.plan_folder("0" * 64) == ""
    finally:
        reader.close()


def test_a_plan_saved_without_its_folder_gets_it_when_a_session_brings_it(store: Store, demo_study, clock) -> None:
    """A plan stored by a version that did not keep folders learns its folder; a known folder is not replaced."""
    store.save_plan(demo_study.id, demo_study.version, demo_study.content_hash, demo_study.source_text)
    assert store.plan_folder(demo_study.content_hash) == ""
    SessionEngine.start(store, demo_study, "F-0002", clock, facilitator="F1")
    assert store.plan_folder(demo_study.content_hash) == str(demo_plan_path().parent)


def test_the_last_heartbeat_is_the_asked_sessions_own(store: Store, demo_study, clock) -> None:
    beating = SessionEngine.start(store, demo_study, "H-0001", clock, facilitator="F1")
    clock.advance(1)
    silent = SessionEngine.start(store, demo_study, "H-0002", clock, facilitator="F1")
    clock.advance(4)
    beating.heartbeat()

    assert store.last_heartbeat(beating.record.id) == Heartbeat("2026-11-02T09:00:05.000+00:00", 5 * 10**9,
                                                                clock.epoch)
    assert store.last_heartbeat(silent.record.id) is None  # the other session's beat is not this one's
    assert store.last_heartbeat("no-such-session") is None
    # a heartbeat is not an event and does not move the session's step or time
    assert [e.kind for e in store.events(beating.record.id)] == ["session_started"]
    assert store.session(beating.record.id).updated_utc == beating.record.updated_utc


def test_the_writer_is_back_at_full_sync_after_a_heartbeat(store: Store, demo_study, clock) -> None:
    """Heartbeats are committed with synchronous=NORMAL; every event after them must be FULL again."""
    engine = SessionEngine.start(store, demo_study, "H-0003", clock, facilitator="F1")
    engine.heartbeat()
    assert store._conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_a_number_already_taken_names_the_next_free_one(store: Store, demo_study, clock) -> None:
    SessionEngine.start(store, demo_study, "N-0001", clock, facilitator="F1", participant_number=4)
    SessionEngine.start(store, demo_study, "N-0002", clock, facilitator="F1", participant_number=2)
    with pytest.raises(InvalidAction) as taken:
        SessionEngine.start(store, demo_study, "N-0003", clock, facilitator="F1", participant_number=4)
    assert str(taken.value) == ("participant number 4 is already used in demo-farm-subsidy; "
                                "the next free number is 5")
    # another study's numbers are its own
    assert store.next_participant_number("other-study") == 1 and store.next_participant_number(demo_study.id) == 5


def test_a_session_from_before_schema_3_reads_back_which_earlier_session_it_repeats(tmp_path: Path) -> None:
    """Reports tell a repeated participant apart by ``duplicate_of``; the reader must carry it, not drop it."""
    path = tmp_path / "kiosk.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, schema.MIGRATIONS[:2])
    conn.execute("INSERT INTO plans VALUES ('h', 's', '1', 'src', '2026-01-01')")
    for sid, number, utc in (("a", 1, "2026-01-01T09:00"), ("b", 2, "2026-01-01T09:01")):
        conn.execute("INSERT INTO sessions (id, laptop_id, study_id, plan_hash, plan_version, participant_code, "
                     "participant_number, task_order, mode, status, step, created_utc, updated_utc) VALUES "
                     "(?, 'L', 's', 'h', '1', 'P-0001', ?, '[]', 'one_screen', 'ended', 'ended', ?, ?)",
                     (sid, number, utc, utc))
    conn.close()
    store = Store(path)  # migrates to the newest schema
    reader = StoreReader(path)
    try:
        assert (store.session("a").duplicate_of, store.session("b").duplicate_of) == (None, "a")
        assert [(s.id, s.duplicate_of) for s in reader.sessions("s")] == [("b", "a"), ("a", None)]
    finally:
        reader.close()
        store.close()


def test_a_consent_text_that_does_not_match_its_hash_is_named_as_such() -> None:
    """The proof is the text and its SHA-256 together; a record whose two disagree must not be saved."""
    shown = "Учешће је добровољно."
    good = dict(id="c", session_id="s", participant_code="P-1", study_id="x", plan_version="1", consent_version="1",
                text_sha256=hashlib.sha256(shown.encode("utf-8")).hexdigest(), language="sr", script="Cyrl",
                options={"take_part": True}, method="verbal", facilitator="F", utc="2026-01-01T00:00:00+00:00",
                local_time="2026-01-01T01:00:00+01:00", laptop_id="L", witness="W-1", text=shown)
    assert ConsentRecord(**good).verifies()
    with pytest.raises(IncompleteConsent) as raised:
        ConsentRecord(**{**good, "text": shown + " "})
    assert str(raised.value) == ("consent cannot be saved without: "
                                 "text (the text stored is not the one text_sha256 was taken of)")


def test_a_data_folder_named_with_hash_or_percent_holds_its_own_database(tmp_path: Path) -> None:
    """SQLite reads the path as a URI: an unescaped '#' cut it short, so "Study #3" and "Study #4" both opened
    a file named "Study " beside them (outside the private folder), and "%" made the open fail."""
    folders = [tmp_path / "Study #3", tmp_path / "Study #4", tmp_path / "100% Ана"]
    for n, folder in enumerate(folders):
        store = Store(folder / "kiosk.sqlite3")
        try:
            store.save_plan(f"study-{n}", "1", f"{n}" * 64, f"plan {n}")
        finally:
            store.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f.name for f in folders)
    for n, folder in enumerate(folders):
        reader = StoreReader(folder / "kiosk.sqlite3")
        try:
            assert reader.plan_source(f"{n}" * 64) == f"plan {n}"
            with pytest.raises(StoreError, match="is not in the database"):
                reader.plan_source(f"{(n + 1) % 3}" * 64)
        finally:
            reader.close()


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_the_wal_shared_memory_and_journal_of_an_older_install_are_narrowed(tmp_path: Path) -> None:
    """They hold the same data as the database; an older, more open install (or its crash) left them 0644."""
    path = tmp_path / "kiosk.sqlite3"
    Store(path).close()
    crashed = sqlite3.connect(path, isolation_level=None)  # still open, as a killed process leaves them
    crashed.execute("INSERT INTO meta (key, value) VALUES ('written', 'by the old install')")
    path.with_name("kiosk.sqlite3-journal").write_bytes(b"")
    sidecars = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]
    for sidecar in [path, *sidecars]:
        sidecar.chmod(0o644)
    try:
        store = Store(path)
        try:
            assert {p.name: oct(stat.S_IMODE(p.stat().st_mode)) for p in [path, *sidecars]} == {
                p.name: oct(0o600) for p in [path, *sidecars]}
            assert store._meta_value("written") == "by the old install"
        finally:
            store.close()
    finally:
        crashed.close()


def test_times_the_store_writes_itself_are_utc_with_their_offset(store: Store, demo_study, clock) -> None:
    """Tombstones and contacts travel to the hub from laptops in any time zone: their time says it is UTC."""
    SessionEngine.start(store, demo_study, "T-0001", clock, facilitator="F1")
    store.save_contact("K-0001", demo_study.id, "s", "k@example.org")
    tombstone = erase_participant(store, demo_study.id, "T-0001", "asked").tombstone
    (first_seen,), = store._conn.execute("SELECT first_seen_utc FROM plans").fetchall()
    for written in (tombstone.withdrawn_utc, store.contacts(demo_study.id)[0]["utc"], first_seen):
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", written), written
        assert abs((datetime.now(UTC) - datetime.fromisoformat(written)).total_seconds()) < 60


def test_a_second_opener_of_a_new_database_adopts_the_first_ones_laptop_id(store: Store) -> None:
    """Two processes opening a new data folder race to name the laptop; the loser must take the winner's id
    (INSERT OR IGNORE keeps the first), or its rows would carry a laptop id the database does not know."""
    assert store._init_laptop_id() == store.laptop_id == store._meta_value("laptop_id")


def test_a_data_folder_that_cannot_be_made_is_named_with_the_systems_reason(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError) as raised:
        Store(blocker / "ux-kiosk" / "kiosk.sqlite3")
    # the operating system's words ("Not a directory"), not Python's "[Errno 20] ..." repr
    assert re.fullmatch(rf"cannot create the data folder {re.escape(str(blocker / 'ux-kiosk'))}: [^\[;]+; "
                        r"choose another with --data-dir", str(raised.value)), str(raised.value)


def test_a_migration_cut_off_mid_statement_fails_as_sqlite_error_and_changes_nothing(tmp_path: Path) -> None:
    """A last statement with no end (a lost quote) must not be dropped silently: SQLite refuses it, all rolls back."""
    conn = sqlite3.connect(tmp_path / "k.sqlite3", isolation_level=None)

    def cut_off(c: sqlite3.Connection) -> None:
        schema._run(c, "CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('no closing quote")

    with pytest.raises(sqlite3.OperationalError, match="unrecognized token"):
        migrate(conn, [cut_off])
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 0
    assert conn.execute("SELECT name FROM sqlite_master WHERE name = 't'").fetchone() is None


def test_an_empty_id_is_refused_by_name_rather_than_matching_every_row(store: Store) -> None:
    with pytest.raises(StoreError) as raised:
        store.events("  ")
    assert str(raised.value) == ("an empty session id was asked for in events; name which one "
                                 "(this is a bug in the caller)")
    with pytest.raises(StoreError, match=r"^an empty id was asked for in sessions; "):
        store.session("")
