"""Contact details: only while the participant's consent stands, and stored together with their event;
store queries refuse an empty id instead of matching every row."""

from __future__ import annotations

import sqlite3

import pytest
from conftest import consent

from kiosk.session import SessionEngine
from kiosk.session.engine import InvalidAction
from kiosk.store import Store, StoreError, StoreReader


def _consented(store, demo_study, clock, code="C-0001"):
    engine = SessionEngine.start(store, demo_study, code, clock, facilitator="F1")
    engine.continue_from_welcome()
    consent(engine, "future_contact")
    return engine


def test_no_contact_is_taken_after_the_participant_stopped(store, demo_study, clock) -> None:
    engine = _consented(store, demo_study, clock)
    engine.withdraw("participant stopped")
    with pytest.raises(InvalidAction):
        engine.save_contact("+381 64 123 4567")
    assert store.contacts(demo_study.id) == []
    assert [e.kind for e in store.events(engine.record.id)][-1] == "participant_withdrew"


def test_contact_and_its_event_are_saved_together_or_not_at_all(store, demo_study, clock) -> None:
    engine = _consented(store, demo_study, clock)
    # A real SQLite failure on the event insert, on the writer's own connection (a TEMP trigger).
    store._conn.execute("CREATE TEMP TRIGGER refuse_contact_event BEFORE INSERT ON events "
                        "WHEN NEW.kind = 'contact_saved' BEGIN SELECT RAISE(ABORT, 'simulated I/O failure'); END")
    with pytest.raises(sqlite3.DatabaseError, match="simulated"):
        engine.save_contact("+381 64 123 4567")
    assert store.contacts(demo_study.id) == [], "a contact without its event was left behind"
    assert not engine.state.contact_saved
    store._conn.execute("DROP TRIGGER refuse_contact_event")
    engine.save_contact("+381 64 123 4567")
    assert [c["contact"] for c in store.contacts(demo_study.id)] == ["+381 64 123 4567"]
    assert engine.state.contact_saved and store.events(engine.record.id)[-1].kind == "contact_saved"


@pytest.mark.parametrize("query", ["session", "events", "consent_record", "consent_records", "contacts",
                                   "sessions", "tombstones"])
def test_an_empty_id_is_refused_not_matched_against_everything(store, demo_study, clock, query) -> None:
    _consented(store, demo_study, clock)
    reader = StoreReader(store.path)
    try:
        for db in (store, reader):
            with pytest.raises(StoreError, match="empty"):
                getattr(db, query)("")
            with pytest.raises(StoreError, match="empty"):
                getattr(db, query)("   ")
    finally:
        reader.close()


def test_queries_without_a_filter_still_list_everything(store: Store, demo_study, clock) -> None:
    _consented(store, demo_study, clock)
    assert len(store.sessions()) == 1 and store.tombstones() == []
