"""The console's task box says nothing of an expected time the plan does not give (issue 10, second new-user
run: "Expected: 0 min" for a task without expected_minutes), and still says it when the plan gives one."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import consent
from kiosk.i18n import default_catalog
from kiosk.session import SessionEngine, Step
from kiosk.study import load_plan
from prototype_study import TASK, write_plan

pytestmark = pytest.mark.gui


def _task_info(qtbot, store, clock, study, task_id: str) -> str:
    from kiosk.qt.controller import KioskController
    from kiosk.theme import load_theme

    engine = SessionEngine.start(store, study, "C-0001", clock, facilitator="F1")
    engine.continue_from_welcome()
    consent(engine)
    for _ in study.pre_questions:
        engine.skip_question()
    while engine.current_task.id != task_id:
        engine.skip_task("not this one")
        while engine.step is Step.QUESTION:
            engine.skip_question()
    kiosk = KioskController(store, [study], [], default_catalog(), "en", load_theme(), clock=clock,
                            pin_prompt=lambda: True)
    qtbot.addWidget(kiosk.console, before_close_func=lambda w: w.allow_close())
    qtbot.addWidget(kiosk.participant, before_close_func=lambda w: w.allow_close())
    kiosk.console.show()
    kiosk.resume_session(engine.record.id)
    kiosk.take_back()
    page = kiosk.console.session_page
    qtbot.waitUntil(page.task_box.isVisible)
    text = page.task_info.text()
    kiosk.bridge = None
    return text


def test_no_expected_time_no_line(qtbot, store, clock, tmp_path: Path) -> None:
    study = load_plan(write_plan(tmp_path / "study", ""))
    assert study.task(TASK).expected_seconds == 0
    assert "Expected" not in _task_info(qtbot, store, clock, study, TASK)


def test_an_expected_time_is_shown(qtbot, store, clock, tmp_path: Path) -> None:
    study = load_plan(write_plan(tmp_path / "study"))
    assert "Expected: 4 min" in _task_info(qtbot, store, clock, study, TASK)
