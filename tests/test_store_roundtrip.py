"""What the store is given comes back unchanged, in order, filtered by study, through a worker's reader.

Written against the mutants that survived `mutmut` on kiosk/store (docs/testing.md): a field read
back as None, a lost ORDER BY or a dropped study filter each break a report without any error.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from conftest import consent
from kiosk.session import SessionEngine
from kiosk.store import SessionStatus, Store, StoreError, StoreReader
from kiosk.store.erasure import erase_participant
from kiosk.resources import demo_plan_path
from kiosk.study import load_plan_text

OTHER = load_plan_text(demo_plan_path().read_text(encoding="utf-8").replace(
    'id = "demo-farm-subsidy"', 'id = "other-study"'))


def _raw(store: Store, sql: str, *args) -> list[tuple]:
    conn = sqlite3.connect(store.path)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def test_a_session_reads_back_field_for_field(store, demo_study, clock) -> None:
    engine = SessionEngine.start(store, demo_study, "R-0001", clock, facilitator=" F-07 ", participant_number=3,
                                 mode="two_screens", guardian=" G-Ana ")
    reader = StoreReader(store.path)
    for source in (store, reader):
        got = source.session(engine.record.id)
        assert got == engine.record
        assert (got.laptop_id, got.study_id, got.plan_hash, got.plan_version) == (
            store.laptop_id, demo_study.id, demo_study.content_hash, demo_study.version)
        assert (got.participant_code, got.participant_number, got.mode) == ("R-0001", 3, "two_screens")
        assert (got.facilitator, got.guardian, got.status, got.step) == ("F-07", "G-Ana", SessionStatus.IN_PROGRESS,
                                                                         "welcome")
        assert got.task_order == engine.record.task_order and len(got.task_order) == len(demo_study.tasks)
        assert got.created_utc == got.updated_utc == engine.record.created_utc
    reader.close()


def test_events_read_back_in_order_with_every_field(store, demo_study, clock) -> None:
    engine = SessionEngine.start(store, demo_study, "R-0002", clock, facilitator="F1")
    clock.advance(5)
    engine.choose_language("en")
    events = StoreReader(store.path).events(engine.record.id)
    assert [e.seq for e in events] == [1, 2] and [e.kind for e in events] == ["session_started", "language_changed"]
    second = events[1]
    assert (second.session_id, second.mono_ns, second.clock_epoch, second.laptop_id) == (
        engine.record.id, 5 * 10**9, clock.epoch, store.laptop_id)
    assert second.utc.startswith("2026-11-02T09:00:05") and second.payload["language"] == "en"
    # many events: still in commit order, not in id or insertion-page order
    for n in range(30):
        engine.add_note(f"note {n}")
    texts = [e.payload["text"] for e in store.events(engine.record.id) if e.kind == "note_added"]
    assert texts == [f"note {n}" for n in range(30)]
    assert store.session(engine.record.id).updated_utc == store.events(engine.record.id)[-1].utc


def test_payload_is_stored_as_readable_utf8_with_sorted_keys(store, demo_study, clock) -> None:
    """The raw column is what a hub, Datasette or an auditor reads: Cyrillic as text, one canonical key order."""
    engine = SessionEngine.start(store, demo_study, "R-0003", clock, facilitator="F1")
    engine.add_note("Учешће је добровољно", ["quote"])
    (payload,), = _raw(store, "SELECT payload FROM events WHERE session_id = ? AND kind = 'note_added'",
                       engine.record.id)
    assert "Учешће је добровољно" in payload
    assert list(json.loads(payload)) == sorted(json.loads(payload))


def test_consent_reads_back_with_its_options_in_canonical_order(store, demo_study, clock) -> None:
    engine = SessionEngine.start(store, demo_study, "R-0004", clock, facilitator="F1")
    engine.continue_from_welcome()
    consent(engine, "quotes", "audio")
    record = StoreReader(store.path).consent_record(engine.record.id)
    assert record is not None and record == store.consent_records(demo_study.id)[0]
    assert record.options["quotes"] is True and record.options["audio"] is True and record.options["screen"] is False
    (raw,), = _raw(store, "SELECT options FROM consent_records")
    assert list(json.loads(raw)) == sorted(record.options)


def test_queries_keep_to_their_study(store, demo_study, clock) -> None:
    mine = SessionEngine.start(store, demo_study, "S-0001", clock, facilitator="F1")
    clock.advance(1)
    theirs = SessionEngine.start(store, OTHER, "S-0001", clock, facilitator="F1")
    for engine in (mine, theirs):
        engine.continue_from_welcome()
        consent(engine, "future_contact")
        engine.save_contact(f"{engine.study.id}@example.org")
    reader = StoreReader(store.path)
    for source in (store, reader):
        assert [s.id for s in source.sessions(demo_study.id)] == [mine.record.id]
        assert [s.id for s in source.sessions()] == [theirs.record.id, mine.record.id]  # newest first
        assert [c.session_id for c in source.consent_records(OTHER.id)] == [theirs.record.id]
        assert [c["contact"] for c in source.contacts(demo_study.id)] == ["demo-farm-subsidy@example.org"]
    assert [s.id for s in store.sessions(status=SessionStatus.IN_PROGRESS)] == [theirs.record.id, mine.record.id]
    theirs.withdraw("changed mind")
    assert [s.id for s in store.sessions(status=SessionStatus.IN_PROGRESS)] == [mine.record.id]
    assert [s.id for s in store.sessions(demo_study.id, SessionStatus.WITHDRAWN)] == []
    erase_participant(store, OTHER.id, "S-0001", "  ")
    tombstones = reader.tombstones(OTHER.id)
    assert [(t.participant_code, t.study_id, t.reason, t.laptop_id) for t in tombstones] == [
        ("S-0001", OTHER.id, "withdrawn", store.laptop_id)]
    assert reader.tombstones(demo_study.id) == [] and len(tombstones[0].id) == 36
    assert [s.id for s in store.sessions()] == [mine.record.id]  # only the other study's S-0001 was erased
    assert [c["contact"] for c in store.contacts(demo_study.id)] == ["demo-farm-subsidy@example.org"]
    reader.close()


def test_erasure_reports_what_it_did_and_refuses_an_unknown_code(store, demo_study, clock) -> None:
    engine = SessionEngine.start(store, demo_study, "E-0001", clock, facilitator="F1")
    receipts = store.path.parent / "receipts"
    receipts.mkdir()
    (receipts / f"{engine.record.id}.pdf").write_bytes(b"%PDF-")
    result = erase_participant(store, demo_study.id, "E-0001", "asked by phone")
    assert (result.sessions, result.files, result.fully_compacted) == (1, 1, True)
    assert result.tombstone == store.tombstones()[0] and result.tombstone.reason == "asked by phone"
    with pytest.raises(StoreError, match=r"^no participant E-0001 in study demo-farm-subsidy$"):
        erase_participant(store, demo_study.id, "E-0001", "again")


def test_laptop_id_survives_reopening_and_a_new_folder_is_made(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "kiosk.sqlite3"
    first = Store(path)
    laptop = first.laptop_id
    first.close()
    again = Store(path)
    assert again.laptop_id == laptop and len(laptop) == 36
    again.close()


def test_missing_things_are_named(tmp_path: Path, store, demo_study, clock) -> None:
    with pytest.raises(StoreError, match=r"^no database at .*nothing\.sqlite3$"):
        StoreReader(tmp_path / "nothing.sqlite3")
    with pytest.raises(StoreError, match=r"^no session 'nope' in "):
        store.session("nope")
    with pytest.raises(StoreError, match=r"^the plan 0123456789ab used by this session is not in the database$"):
        store.plan_source("0123456789abcdef")
