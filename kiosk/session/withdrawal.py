"""Withdrawal by participant code: keep what was recorded (every session marked withdrawn), or erase.

One function, so the console, a participant's Stop, and later the hub's requests all do the same.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.session.clock import Clock
from kiosk.session.engine import SessionEngine
from kiosk.store.db import Store
from kiosk.store.erasure import erase_participant
from kiosk.store.records import SessionStatus


@dataclass(frozen=True)
class WithdrawalResult:
    sessions: int
    erased: bool
    files: int = 0


def withdraw_participant(store: Store, study_id: str, code: str, erase: bool, reason: str, clock: Clock,
                         current: SessionEngine | None = None) -> WithdrawalResult:
    """Withdraw ``code`` from ``study_id``. ``current`` is the engine of a session open on screen, if any,
    so that its in-memory state stays in step; a deleted session's engine must not be used again."""
    sessions = [s for s in store.sessions(study_id) if s.participant_code == code]
    if not sessions:
        return WithdrawalResult(0, erased=False)
    if erase:
        result = erase_participant(store, study_id, code, reason)
        return WithdrawalResult(result.sessions, erased=True, files=result.files)
    for record in sessions:
        if record.status is SessionStatus.WITHDRAWN:
            continue
        engine = current if current is not None and current.record.id == record.id else \
            SessionEngine.resume(store, record.id, clock)
        engine.withdraw(reason or "withdrawn by the facilitator")
    return WithdrawalResult(len(sessions), erased=False)
