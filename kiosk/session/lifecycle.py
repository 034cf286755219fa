"""The rows that begin a session and the record of an interruption: pure values the engine commits.

Kept apart from the engine so that the one-transaction start and the crash-time accounting can be
read (and tested) without the engine's step rules around them.
"""

from __future__ import annotations

from datetime import datetime

from kiosk import __version__ as APP_VERSION
from kiosk.session.access import AccessSettings
from kiosk.session.clock import HEARTBEAT_SECONDS as HEARTBEAT_SECONDS  # where the tests look for it
from kiosk.session.clock import Clock
from kiosk.session.events import EventKind
from kiosk.session.flow import Step
from kiosk.session.order import task_order_for
from kiosk.session.state import SessionState
from kiosk.store.db import new_id
from kiosk.store.records import EventRecord, Heartbeat, PlanSnapshot, SessionRecord, SessionStatus
from kiosk.study.model import Study, TaskOrder

def plan_snapshot(study: Study) -> PlanSnapshot:
    folder = str(study.source_path.parent) if study.source_path is not None else ""
    return PlanSnapshot(study.content_hash, study.id, study.version, study.source_text, folder)


def first_rows(study: Study, session_id: str, laptop_id: str, code: str, number: int, clock: Clock, *,
               mode: str, language: str | None, facilitator: str, guardian: str,
               access: AccessSettings | None = None) -> tuple[SessionRecord, EventRecord]:
    """The session row and its session_started event for participant ``number`` (it decides the task order)."""
    now = clock.utc_now().isoformat(timespec="milliseconds")
    order = task_order_for([t.id for t in study.tasks], number, study.task_order is TaskOrder.COUNTERBALANCED)
    record = SessionRecord(
        id=session_id, laptop_id=laptop_id, study_id=study.id, plan_hash=study.content_hash,
        plan_version=study.version, participant_code=code, participant_number=number, task_order=order,
        mode=mode, status=SessionStatus.IN_PROGRESS, step=Step.WELCOME.value, created_utc=now,
        updated_utc=now, facilitator=facilitator, guardian=guardian,
    )
    first = EventRecord(
        id=new_id(), session_id=session_id, seq=1, kind=EventKind.SESSION_STARTED.value, utc=now,
        mono_ns=clock.monotonic_ns(), clock_epoch=clock.epoch, laptop_id=laptop_id, payload={
            "participant_code": code, "plan_hash": study.content_hash, "plan_version": study.version,
            "task_order": list(order), "language": language or study.default_language, "mode": mode,
            "facilitator": facilitator, "minor": bool(guardian), "app_version": APP_VERSION,
            "access": (access or AccessSettings()).payload(),
        })
    return record, first


def interruption(state: SessionState, step: Step, beat: Heartbeat | None, clock: Clock) -> dict[str, object]:
    """The session_interrupted payload: the gap since the last sign of life, an event or a later heartbeat.

    A heartbeat counts only if it comes from the same clock run as the last event (monotonic times of
    different runs cannot be compared) and is later than it; replay then keeps task time up to it.
    """
    payload: dict[str, object] = {"step": step.value}
    last = datetime.fromisoformat(state.last_utc) if state.last_utc else clock.utc_now()
    if beat is not None and beat.clock_epoch == state.last_epoch and beat.mono_ns > state.last_mono:
        last = datetime.fromisoformat(beat.utc)
        payload.update(alive_mono_ns=beat.mono_ns, alive_epoch=beat.clock_epoch, alive_utc=beat.utc)
    payload["gap_seconds"] = round(max((clock.utc_now() - last).total_seconds(), 0.0), 3)
    return payload
