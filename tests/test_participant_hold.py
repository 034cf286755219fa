"""The mark that the participant holds the device outlives the process, so a restart knows to stay locked.

Real database files, reopened as a restarted app would open them; no Qt.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.session import SessionEngine
from kiosk.store import Store, StoreError
from kiosk.store.erasure import erase_participant
from kiosk.store.handover import HOLD_KEY, ParticipantHold, hand_to_participant, left_with_participant, take_back


def reopened(store: Store) -> Store:
    """The same file opened anew, as the next start of the app opens it."""
    path = store.path
    store.close()
    return Store(path)


def start(store: Store, study, clock, code: str = "H-0001") -> str:
    return SessionEngine.start(store, study, code, clock, facilitator="F1").record.id


def test_a_new_store_was_left_with_nobody(store: Store) -> None:
    assert left_with_participant(store) is None


def test_a_hand_over_is_committed_before_it_returns_and_survives_a_restart(tmp_path: Path, demo_study,
                                                                           clock) -> None:
    store = Store(tmp_path / "kiosk.sqlite3")
    session_id = start(store, demo_study, clock)
    hold = hand_to_participant(store, session_id, "2026-11-02T09:00:00.000+00:00")
    assert hold == ParticipantHold(session_id, "2026-11-02T09:00:00.000+00:00")
    # another connection (a restarted process) sees it at once: it was committed, not kept in memory
    other = Store(store.path)
    assert left_with_participant(other) == hold
    other.close()
    store = reopened(store)
    assert left_with_participant(store) == hold
    store.close()


def test_taking_the_device_back_clears_the_mark_for_good(tmp_path: Path, demo_study, clock) -> None:
    store = Store(tmp_path / "kiosk.sqlite3")
    session_id = start(store, demo_study, clock)
    hand_to_participant(store, session_id, "2026-11-02T09:00:00.000+00:00")
    take_back(store)
    assert left_with_participant(store) is None
    take_back(store)  # taking back what nobody holds changes nothing and does not fail
    store = reopened(store)
    assert left_with_participant(store) is None
    store.close()


def test_the_latest_hand_over_is_the_one_remembered(store: Store, demo_study, clock) -> None:
    first, second = start(store, demo_study, clock, "H-0001"), start(store, demo_study, clock, "H-0002")
    hand_to_participant(store, first, "2026-11-02T09:00:00.000+00:00")
    hand_to_participant(store, second, "2026-11-02T09:30:00.000+00:00")
    assert left_with_participant(store) == ParticipantHold(second, "2026-11-02T09:30:00.000+00:00")


def test_the_device_stays_held_when_the_participant_erased_their_own_session(store: Store, demo_study,
                                                                              clock) -> None:
    """'Stop and delete everything about me' leaves the participant holding the device, with no session
    left in the store: the mark belongs to the device, not to the session, or a crash then would unlock it."""
    session_id = start(store, demo_study, clock)
    hand_to_participant(store, session_id, "2026-11-02T09:00:00.000+00:00")
    erase_participant(store, demo_study.id, "H-0001", "participant stopped")
    assert store.sessions() == []
    assert left_with_participant(store) == ParticipantHold(session_id, "2026-11-02T09:00:00.000+00:00")


def test_a_damaged_mark_still_counts_as_held(store: Store) -> None:
    """Whatever wrote it, a mark that cannot be read must not unlock the console: fail closed."""
    with store.write() as conn:
        conn.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (HOLD_KEY, "{not json"))
    assert left_with_participant(store) == ParticipantHold("", "")


def test_an_empty_session_id_is_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="session"):
        hand_to_participant(store, " ", "2026-11-02T09:00:00.000+00:00")
    assert left_with_participant(store) is None
