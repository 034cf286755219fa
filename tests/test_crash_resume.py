"""A real process is killed with SIGKILL mid-task; every event it confirmed must survive and resume."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kiosk.session import SessionEngine, Step, SystemClock
from kiosk.store import SessionStatus, Store

CHILD = textwrap.dedent(
    """
    import sys
    from kiosk.resources import demo_plan_path
    from kiosk.session import SessionEngine, SystemClock
    from kiosk.store import Store
    from kiosk.simulate import mark_png
    from kiosk.study import load_plan
    from kiosk.study.model import ConsentMethod

    store = Store(sys.argv[1])
    engine = SessionEngine.start(store, load_plan(demo_plan_path()), "K-0001", SystemClock(), facilitator="F1")
    # The listener runs only after the commit returned: exactly what the UI would show as saved.
    engine.add_listener(lambda event, state: print("CONFIRMED", event.id, event.kind, flush=True))
    engine.continue_from_welcome()
    engine.read_consent()
    engine.choose_consent_options({o.value: o.value == "take_part" for o in engine.study.consent.options})
    engine.confirm_consent_choices()
    engine.give_consent(ConsentMethod.MARK, mark_png())
    engine.answer("50-64")
    engine.answer("with-help")
    engine.answer(["phone"])
    engine.start_task()
    n = 0
    while True:  # mid-task: a stream of facilitator notes until the process is killed
        n += 1
        engine.add_note(f"note {n}", ["confusion"] if n % 2 else [])
    """
)


@pytest.mark.slow
def test_sigkill_mid_task_loses_nothing_confirmed(tmp_path: Path) -> None:
    db = tmp_path / "kiosk.sqlite3"
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(db)], stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONUNBUFFERED": "1"})
    confirmed: list[tuple[str, str]] = []
    notes_seen = 0
    assert child.stdout is not None
    for line in child.stdout:
        _, event_id, kind = line.split()
        confirmed.append((event_id, kind))
        notes_seen += kind == "note_added"
        if notes_seen >= 40:
            break
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL

    store = Store(db)
    [record] = store.sessions()
    assert record.status is SessionStatus.IN_PROGRESS
    stored_ids = {e.id for e in store.events(record.id)}
    missing = [c for c in confirmed if c[0] not in stored_ids]
    assert missing == [], f"confirmed events lost after SIGKILL: {missing[:3]}"

    engine = SessionEngine.resume(store, record.id, SystemClock())
    assert engine.step is Step.RUNNING
    assert engine.current_task.id == record.task_order[0]
    assert engine.state.answers == {"age_band": "50-64", "eservice_use": "with-help", "devices": ["phone"]}
    assert store.events(record.id)[-1].kind == "session_interrupted"
