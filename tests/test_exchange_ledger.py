"""The bundle ledger: states only move forward, failures keep their reason, nothing is deleted."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kiosk.store import Store
from kiosk.store import schema
from kiosk.store.db import StoreReader
from kiosk.store.ledger import (
    BundleState,
    LedgerEntry,
    entries,
    entry_of,
    mark_received,
    mark_sent,
    record_export,
    record_failure,
    subject_states,
)

ENTRY = LedgerEntry("s-abc-12", "session", "abc", "study-1", "2026-11-02T09:00:00.000+00:00", sealed=True)


def test_a_bundle_goes_exported_sent_received_and_never_back(store: Store) -> None:
    assert entry_of(store, ENTRY.name) is None
    record_export(store, ENTRY, "the folder /media/stick", utc="2026-11-03T10:00:00+00:00")
    got = entry_of(store, ENTRY.name)
    assert got is not None
    assert (got.state, got.destination, got.exported_utc, got.sealed) == (
        BundleState.EXPORTED, "the folder /media/stick", "2026-11-03T10:00:00+00:00", True)
    mark_sent(store, ENTRY, "sftp://hub@10.0.0.2/inbox", utc="2026-11-03T11:00:00+00:00")
    assert mark_received(store, ENTRY.name, utc="2026-11-04T08:00:00+00:00")
    record_export(store, ENTRY, "the folder /media/other", utc="2026-11-05T10:00:00+00:00")
    got = entry_of(store, ENTRY.name)
    assert got is not None
    assert got.state is BundleState.RECEIVED
    assert (got.sent_utc, got.received_utc, got.exported_utc) == (
        "2026-11-03T11:00:00+00:00", "2026-11-04T08:00:00+00:00", "2026-11-05T10:00:00+00:00")


def test_a_receipt_for_an_unknown_bundle_changes_nothing(store: Store) -> None:
    assert not mark_received(store, "s-someone-else-3")
    assert entries(store) == []


def test_a_failure_keeps_its_reason_until_the_next_success(store: Store) -> None:
    record_failure(store, ENTRY, "the folder /media/stick", "No space left on device")
    got = entry_of(store, ENTRY.name)
    assert got is not None and got.state is BundleState.NOT_EXPORTED
    assert got.last_error == "No space left on device" and got.error_utc
    record_export(store, ENTRY, "the folder /media/stick")
    got = entry_of(store, ENTRY.name)
    assert got is not None and got.state is BundleState.EXPORTED and got.last_error == "" and got.error_utc is None
    mark_sent(store, ENTRY, "the folder /media/stick")
    record_failure(store, ENTRY, "sftp://hub/inbox", "connection refused")
    got = entry_of(store, ENTRY.name)
    assert got is not None and got.state is BundleState.SENT and got.last_error == "connection refused"


def test_the_newest_bundle_of_a_session_gives_its_state(store: Store) -> None:
    older = ENTRY
    newer = LedgerEntry("s-abc-15", "session", "abc", "study-1", ENTRY.created_utc, sealed=True)
    other = LedgerEntry("w-tomb", "withdrawal", "tomb", "study-2", ENTRY.created_utc, sealed=False)
    record_export(store, older, "x")
    mark_sent(store, older, "x")
    record_export(store, newer, "x")
    record_export(store, other, "x")
    states = subject_states(store)
    assert states["abc"].name == "s-abc-15" and states["abc"].state is BundleState.EXPORTED
    assert list(subject_states(store, "study-2")) == ["tomb"]
    assert [e.name for e in entries(store, subject_id="abc")] == ["s-abc-12", "s-abc-15"]


def test_a_version_5_database_gains_the_ledger_with_its_data_kept(tmp_path) -> None:
    path = tmp_path / "kiosk.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    schema.migrate(conn, schema.MIGRATIONS[:5])
    conn.execute("INSERT INTO meta (key, value) VALUES ('laptop_id', 'L1')")
    conn.close()
    store = Store(path)
    try:
        assert store.laptop_id == "L1"
        record_export(store, ENTRY, "x")
    finally:
        store.close()
    reader = StoreReader(path)
    try:
        assert [e.name for e in entries(reader)] == [ENTRY.name]
    finally:
        reader.close()


def test_states_are_checked_by_the_database(store: Store) -> None:
    record_export(store, ENTRY, "x")
    with pytest.raises(Exception, match="CHECK"):
        with store.write() as conn:
            conn.execute("UPDATE bundles SET state = 'lost' WHERE name = ?", (ENTRY.name,))


def test_an_errors_words_survive_the_ledger_with_their_kinds(store) -> None:
    """Terms and quantities come back as such (a Serbian reader gets "10.000" and the catalog's word)."""
    from kiosk.explained import ExplainedError, Quantity, Term

    error = ExplainedError("too long", key="error.text_too_long", field=Term("field.note"), limit=Quantity(10000),
                           path=Path("/media/stick"))
    record_failure(store, ENTRY, "the folder /media/stick", error)
    got = entry_of(store, ENTRY.name)
    assert got is not None and got.last_error == "too long"
    problem = got.problem
    assert problem is not None and problem.key == "error.text_too_long"
    assert isinstance(problem.values["field"], Term) and problem.values["field"] == "field.note"
    assert isinstance(problem.values["limit"], Quantity) and problem.values["limit"] == 10000
    assert problem.values["path"] == "/media/stick"
    record_failure(store, ENTRY, "the folder /media/stick", OSError(5, "Input/output error"))
    got = entry_of(store, ENTRY.name)
    assert got is not None and got.last_error == "Input/output error" and got.problem is None
