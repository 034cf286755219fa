"""Resume reads the right session, an interruption records exactly what was known, and the timeline
reads in the console's language.

Issue 8: written against the mutants that survived `mutmut` on kiosk/session/engine.py (resume),
lifecycle.py and describe.py after the engine was split (docs/testing.md, "Mutation testing").
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from conftest import consent
from kiosk.i18n import default_catalog
from kiosk.session import InvalidAction, Outcome, SessionEngine, Step
from kiosk.session.clock import SimulatedClock
from kiosk.session.describe import describe_event

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def _running(store, study, clock, code: str) -> SessionEngine:
    engine = SessionEngine.start(store, study, code, clock, facilitator="F1")
    engine.continue_from_welcome()
    consent(engine)
    engine.answer("50-64")
    engine.answer("never")
    engine.answer(["phone"])
    engine.start_task()
    return engine


# -- resume -------------------------------------------------------------------------------------------


def test_resume_reads_its_own_session_among_others(store, demo_study) -> None:
    clock = SimulatedClock(T0, epoch="run-1")
    older = SessionEngine.start(store, demo_study, "R-0001", clock, facilitator="F1")
    older.continue_from_welcome()
    clock.advance(1)
    ours = _running(store, demo_study, clock, "R-0002")
    clock.advance(5)
    ours.heartbeat()  # only our session has beaten
    clock.advance(2)
    resumed = SessionEngine.resume(store, ours.record.id, clock)
    assert resumed.record.participant_code == "R-0002"
    assert resumed.step is Step.RUNNING and resumed.task_active_seconds() == 5.0
    interrupted = store.events(ours.record.id)[-1]
    assert interrupted.payload == {"step": "running", "alive_mono_ns": 6 * 10**9, "alive_epoch": "run-1",
                                   "alive_utc": "2026-11-02T09:00:06.000+00:00", "gap_seconds": 2.0}
    assert [e.kind for e in store.events(older.record.id)] == ["session_started", "step_advanced"]


def test_a_session_that_holds_nothing_says_so_in_full(store, demo_study, clock) -> None:
    engine = SessionEngine.start(store, demo_study, "R-0003", clock, facilitator="F1")
    with store.write() as conn:
        conn.execute("DELETE FROM events WHERE session_id = ?", (engine.record.id,))
    message = ("the session of R-0003 was interrupted while it was being created and holds nothing; "
               "start a new session")
    with pytest.raises(InvalidAction, match=f"^{re.escape(message)}$"):
        SessionEngine.resume(store, engine.record.id, clock)


def test_an_immediate_resume_records_no_gap(store, demo_study, clock) -> None:
    engine = _running(store, demo_study, clock, "R-0004")
    SessionEngine.resume(store, engine.record.id, clock)
    assert store.events(engine.record.id)[-1].payload == {"step": "running", "gap_seconds": 0.0}


def test_a_heartbeat_at_the_instant_of_the_last_event_adds_nothing(store, demo_study, clock) -> None:
    """Only a heartbeat later than the last event tells more; one at the same instant is not recorded."""
    engine = _running(store, demo_study, clock, "R-0005")
    engine.heartbeat()
    clock.advance(4)
    SessionEngine.resume(store, engine.record.id, clock)
    assert store.events(engine.record.id)[-1].payload == {"step": "running", "gap_seconds": 4.0}


def test_a_language_outside_the_plan_is_refused_naming_the_plans_languages(store, demo_study, clock) -> None:
    engine = SessionEngine.start(store, demo_study, "R-0006", clock, facilitator="F1")
    with pytest.raises(InvalidAction, match=r"^'de' is not offered by this study \(sr-Cyrl, sr-Latn, en, hu\)$"):
        engine.choose_language("de")


def test_skipping_a_task_without_a_reason_records_none(store, demo_study, clock) -> None:
    engine = _running(store, demo_study, clock, "R-0007")
    engine.record_outcome(Outcome.SUCCESS)
    engine.skip_question()
    engine.skip_task()
    skipped = store.events(engine.record.id)[-1]
    assert skipped.payload == {"outcome": "skipped", "reason": "", "task_id": engine.record.task_order[1]}


# -- the timeline in every language -------------------------------------------------------------------


def test_the_timeline_reads_in_serbian(store, demo_study, clock) -> None:
    from test_session_describe import _timeline

    events, _ = _timeline(store, demo_study, clock)
    catalog = default_catalog()
    lines = [describe_event(catalog, "sr-Cyrl", event, demo_study) for event in events]
    assert lines == [
        "Сесија је почела", "Језик: Енглески", "Настављено", "Текст сагласности прочитан",
        "Изабране опције сагласности", "Настављено", "Сагласност дата", "Одговор на „Колико имате година?”: 65 до 74",
        "Без одговора на „Да ли сте раније користили електронске услуге…”",
        "Одговор на „Које уређаје користите?”: Мобилни телефон, Таблет",
        "Задатак почео: Упис пољопривредног газдинства", "Учесник је тражио помоћ",
        "Белешка: [Збуњеност] [custom] lost", "Задатак завршен", "Исход: Успех уз помоћ (showed menu)",
        "Одговор на SEQ „Све у свему, колико вам је било тешко или лако…”: 5", "Задатак прескочен: Захтев за подстицај по хектару",
        "Прекид (апликација затворена) 125 с", "Сесија прекинута: fire alarm",
    ]
    latin = [describe_event(catalog, "sr-Latn", event, demo_study) for event in events]
    assert latin[12] == "Beleška: [Zbunjenost] [custom] lost" and latin[17] == "Prekid (aplikacija zatvorena) 125 s"


def test_events_without_their_optional_fields_still_read(store, demo_study, clock) -> None:
    """Events are read back from any database, including ones written before a field existed."""
    from test_session_describe import _timeline

    events, _ = _timeline(store, demo_study, clock)
    catalog = default_catalog()
    by_kind = {e.kind: e for e in events}
    note = replace(by_kind["note_added"], payload={"tags": ["quote"]})
    assert describe_event(catalog, "en", note, demo_study) == "Note: [Quote]"
    abandoned = replace(by_kind["session_abandoned"], payload={})
    assert describe_event(catalog, "en", abandoned, demo_study) == "Session abandoned: "
    interrupted = replace(by_kind["session_interrupted"], payload={})
    assert describe_event(catalog, "en", interrupted, demo_study) == "Interrupted (app closed) for 0 s"


def test_a_session_without_consent_has_no_consent_to_quote(store, demo_study, clock) -> None:
    from kiosk.session.summary import summarize

    engine = SessionEngine.start(store, demo_study, "R-0008", clock, facilitator="F1")
    engine.continue_from_welcome()
    engine.decline_consent()
    summary = summarize(store.session(engine.record.id), store.events(engine.record.id))
    assert summary.consent == {} and not summary.may_quote()
    assert summary.abandon_reason == "consent_declined" and summary.ended_utc == summary.started_utc


def test_a_heartbeat_of_another_clock_run_is_ignored_by_replay_too(demo_study) -> None:
    """Monotonic times of two runs cannot be compared (kiosk.session.clock): replay keeps task time up
    to the last event when an interruption names a heartbeat of another run."""
    from kiosk.session.flow import build_stages
    from kiosk.session.state import SessionState, TaskClock, reduce
    from kiosk.store.records import EventRecord

    stages = build_stages(demo_study, tuple(t.id for t in demo_study.tasks))
    running = SessionState(stage_index=3, phase=Step.RUNNING, clock=TaskClock(running_since=10 * 10**9),
                           last_mono=30 * 10**9, last_epoch="run-1", last_utc="2026-11-02T09:00:30.000+00:00")

    def interrupted(epoch: str) -> SessionState:
        event = EventRecord(id="e", session_id="s", seq=9, kind="session_interrupted",
                            utc="2026-11-02T09:10:00.000+00:00", mono_ns=5 * 10**9, clock_epoch="run-2",
                            laptop_id="L", payload={"step": "running", "alive_mono_ns": 50 * 10**9,
                                                    "alive_epoch": epoch, "gap_seconds": 10.0})
        return reduce(running, event, stages)

    assert interrupted("run-1").clock == TaskClock(active_ns=40 * 10**9, running_since=5 * 10**9)
    assert interrupted("run-0").clock == TaskClock(active_ns=20 * 10**9, running_since=5 * 10**9)
