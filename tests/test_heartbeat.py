"""Crash-safe time accounting: work done up to the last heartbeat before a crash counts as task time,
and only the time after it is recorded as the interruption."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import consent

from kiosk.session import SessionEngine, Step, SystemClock
from kiosk.session.clock import SimulatedClock
from kiosk.session.lifecycle import HEARTBEAT_SECONDS
from kiosk.store import Store

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def _running_task(store, study, clock, code="H-0001") -> SessionEngine:
    engine = SessionEngine.start(store, study, code, clock, facilitator="F1")
    engine.continue_from_welcome()
    consent(engine)
    engine.answer("50-64")
    engine.answer("with-help")
    engine.answer(["phone"])
    engine.start_task()
    assert engine.step is Step.RUNNING
    return engine


def test_work_before_a_crash_counts_up_to_the_last_heartbeat(store: Store, demo_study) -> None:
    clock = SimulatedClock(T0, epoch="before-crash")
    engine = _running_task(store, demo_study, clock)
    for _ in range(4):  # 20 s of real work, a heartbeat every 5 s
        clock.advance(HEARTBEAT_SECONDS)
        engine.heartbeat()
    clock.advance(3)  # the crash: 3 s after the last heartbeat, never recorded

    after = SimulatedClock(T0.replace(minute=5), epoch="after-crash")  # restarted 5 minutes after T0
    resumed = SessionEngine.resume(store, engine.record.id, after)
    assert resumed.task_active_seconds() == pytest.approx(20.0)
    interrupted = store.events(engine.record.id)[-1]
    assert interrupted.kind == "session_interrupted"
    assert interrupted.payload["gap_seconds"] == pytest.approx(300 - 20)
    after.advance(7)
    resumed.end_task()
    assert resumed.state.clock.active_ns == pytest.approx(27e9)


def test_a_pause_before_the_crash_counts_as_paused_up_to_the_heartbeat(store: Store, demo_study) -> None:
    clock = SimulatedClock(T0, epoch="before-crash")
    engine = _running_task(store, demo_study, clock)
    clock.advance(10)
    engine.pause_task()
    clock.advance(HEARTBEAT_SECONDS)
    engine.heartbeat()
    resumed = SessionEngine.resume(store, engine.record.id, SimulatedClock(T0.replace(minute=9), epoch="after"))
    assert resumed.step is Step.PAUSED
    assert resumed.state.clock.active_ns == 10e9
    assert resumed.state.clock.paused_ns == HEARTBEAT_SECONDS * 1e9


def test_a_heartbeat_older_than_the_last_event_or_from_another_run_is_ignored(store: Store, demo_study) -> None:
    clock = SimulatedClock(T0, epoch="run-1")
    engine = _running_task(store, demo_study, clock)
    clock.advance(4)
    engine.heartbeat()
    clock.advance(2)
    engine.add_note("later than the heartbeat")
    first = SessionEngine.resume(store, engine.record.id, SimulatedClock(T0.replace(minute=1), epoch="run-2"))
    assert first.task_active_seconds() == pytest.approx(6.0)
    # run-2 never beat: the heartbeat of run-1 must not be measured against run-2's clock.
    second = SessionEngine.resume(store, engine.record.id, SimulatedClock(T0.replace(minute=2), epoch="run-3"))
    assert second.task_active_seconds() == pytest.approx(6.0)


def test_heartbeats_do_not_sync_to_disk_and_leave_events_at_full_durability(store: Store, demo_study) -> None:
    engine = _running_task(store, demo_study, SimulatedClock(T0))
    engine.heartbeat()
    assert store._conn.execute("PRAGMA synchronous").fetchone()[0] == 2, "FULL again after the heartbeat"
    events = len(store.events(engine.record.id))
    engine.heartbeat()
    assert len(store.events(engine.record.id)) == events, "a heartbeat is not an event"


def test_no_heartbeat_is_written_once_the_session_is_over(store: Store, demo_study) -> None:
    clock = SimulatedClock(T0)
    engine = _running_task(store, demo_study, clock)
    engine.withdraw()
    engine.heartbeat()
    row = sqlite3.connect(store.path).execute("SELECT heartbeat_utc FROM sessions").fetchone()
    assert row == (None,)


CHILD = textwrap.dedent(
    """
    import sys, time
    from kiosk.resources import demo_plan_path
    from kiosk.session import SessionEngine, SystemClock
    from kiosk.simulate import mark_png
    from kiosk.store import Store
    from kiosk.study import load_plan
    from kiosk.study.model import ConsentMethod

    store = Store(sys.argv[1])
    engine = SessionEngine.start(store, load_plan(demo_plan_path()), "HB-0001", SystemClock(), facilitator="F1")
    engine.continue_from_welcome()
    engine.read_consent()
    engine.choose_consent_options({o.value: o.value == "take_part" for o in engine.study.consent.options})
    engine.confirm_consent_choices()
    engine.give_consent(ConsentMethod.MARK, mark_png())
    engine.answer("50-64")
    engine.answer("with-help")
    engine.answer(["phone"])
    engine.start_task()
    interval = float(sys.argv[2])
    while True:  # the Qt timer's job, without Qt
        time.sleep(interval)
        engine.heartbeat()
        print("BEAT", engine.task_active_seconds(), flush=True)
    """
)


@pytest.mark.slow
def test_sigkill_mid_task_keeps_the_work_up_to_the_last_heartbeat(tmp_path: Path) -> None:
    db = tmp_path / "kiosk.sqlite3"
    interval = 0.2
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(db), str(interval)], stdout=subprocess.PIPE,
                             text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert child.stdout is not None
    last_beat = 0.0
    for line in child.stdout:
        last_beat = float(line.split()[1])
        if last_beat >= 1.5:
            break
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    for line in child.stdout:  # beats confirmed before the kill landed, if this process was slow to read
        last_beat = float(line.split()[1])

    store = Store(db)
    [record] = store.sessions()
    engine = SessionEngine.resume(store, record.id, SystemClock())
    active = engine.state.clock.active_ns / 1e9
    # At least the work up to the last confirmed heartbeat; at most one more (committed, not yet printed).
    assert last_beat - 0.01 <= active <= last_beat + interval + 0.3, (last_beat, active)


@pytest.mark.gui
def test_the_app_beats_while_a_session_is_open(kiosk, qtbot, store, demo_study) -> None:
    assert kiosk.heartbeat_timer.interval() == HEARTBEAT_SECONDS * 1000
    kiosk.heartbeat_timer.setInterval(20)
    kiosk.start_session(demo_study, "G-0001", 1, "one_screen", "F1")
    session_id = kiosk.bridge.engine.record.id
    qtbot.waitUntil(lambda: store.last_heartbeat(session_id) is not None, timeout=5_000)


def test_a_heartbeat_due_after_the_store_closed_writes_nothing_and_raises_nothing(qtbot, tmp_path, demo_study,
                                                                                 clock) -> None:
    """A controller's heartbeat timer can fire after its store was closed (at shutdown, or a test's store
    closed while another test runs): it raised 'Cannot operate on a closed database' in the Qt event loop."""
    from kiosk.i18n import default_catalog
    from kiosk.qt.controller import KioskController
    from kiosk.store import Store
    from kiosk.theme import load_theme

    store = Store(tmp_path / "k.sqlite3")
    engine = SessionEngine.start(store, demo_study, "P-0900", clock, facilitator="F1")
    controller = KioskController(store, [demo_study], [], default_catalog(), "en", load_theme(), clock=clock,
                                 pin_prompt=lambda: True)
    qtbot.addWidget(controller.console, before_close_func=lambda w: w.allow_close())
    qtbot.addWidget(controller.participant, before_close_func=lambda w: w.allow_close())
    controller.resume_session(engine.record.id)
    store.close()
    controller._on_heartbeat_due()  # the timer's slot, as Qt would call it
    assert store.closed
