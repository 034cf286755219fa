"""Step-aside mode (issue 10): a task done in another program leaves the screen to it, with a bar on top."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt

from conftest import KIOSK_PIN, make_kiosk
from kiosk.session import Step
from kiosk.session.events import EventKind
from kiosk.study import PlanError, load_plan
from kiosk.study.loader import load_plan_text
from test_prototype_plan import SOCIAL
from test_prototype_session import _to_prototype_task

pytestmark = pytest.mark.gui


def _plan(tmp_path: Path, extra: str = "step_aside = true\n") -> Path:
    text = SOCIAL.read_text(encoding="utf-8").replace("expected_minutes = 4\n", "expected_minutes = 4\n" + extra, 1)
    plan = tmp_path / "plan.toml"
    plan.write_text(text, encoding="utf-8")
    return plan


def test_step_aside_is_checked_in_the_plan(tmp_path: Path) -> None:
    assert load_plan(_plan(tmp_path)).task("check-eligibility").step_aside is True
    with pytest.raises(PlanError, match="expected true or false"):
        load_plan_text(_plan(tmp_path, 'step_aside = "yes"\n').read_text(encoding="utf-8"), tmp_path / "plan.toml")
    with pytest.raises(PlanError, match="not both"):
        load_plan_text(_plan(tmp_path, 'step_aside = true\nprototype = { folder = "x", start = "a", goals = ["b"] }\n')
                       .read_text(encoding="utf-8"), tmp_path / "plan.toml")


@pytest.fixture
def kiosk(qtbot, store, clock, tmp_path):
    study = load_plan(_plan(tmp_path))
    kiosk = make_kiosk(qtbot, store, [study], clock)
    kiosk.start_session(study, "P-0300", 1, "one_screen", facilitator="F-07")
    kiosk.bridge.engine.choose_language("en")
    yield kiosk
    kiosk.bridge = None


def test_the_participant_view_steps_aside_for_the_other_program_and_comes_back(kiosk, qtbot, store) -> None:
    participant, bar = kiosk.participant, kiosk.participant.step_aside_bar
    engine = kiosk.bridge.engine
    _to_prototype_task(engine)  # starts the step-aside task
    qtbot.waitUntil(bar.isVisible)
    assert participant.isHidden()
    screen = bar.screen().availableGeometry()
    assert bar.width() == screen.width() and bar.height() <= screen.height() * 0.15
    assert bar.geometry().bottom() == screen.bottom()  # along the bottom edge, the rest left to the other program
    assert bar.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    left_to_the_other_program = QRect(screen.topLeft(), QPoint(screen.right(), bar.geometry().top() - 1))
    assert left_to_the_other_program.height() >= screen.height() * 0.85
    assert bar.title.text() == "Check eligibility" and bar.done_button.text() == "I have finished"
    bar.grab().save("/tmp/step-aside-bar.png")
    qtbot.mouseClick(bar.help_button, Qt.MouseButton.LeftButton)
    assert engine.state.help_pending and engine.step is Step.RUNNING and bar.isVisible()
    qtbot.mouseClick(bar.done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(participant.isVisible)  # asks first (tests/test_gui_prototype_finish.py)
    qtbot.mouseClick(participant.screen_widget.yes, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: engine.step is Step.OUTCOME)
    qtbot.waitUntil(lambda: not bar.isVisible())
    assert participant.isVisible()
    kinds = [e.kind for e in store.events(engine.record.id)]
    assert kinds[-2:] == [EventKind.HELP_REQUESTED, EventKind.TASK_ENDED]


def test_closing_the_bar_asks_for_the_pin_instead(kiosk, qtbot) -> None:
    _to_prototype_task(kiosk.bridge.engine)
    bar = kiosk.participant.step_aside_bar
    qtbot.waitUntil(bar.isVisible)
    asked = []
    kiosk.pin_prompt = lambda: asked.append(True) or False
    bar.close()
    assert asked == [True] and bar.isVisible() and kiosk.console.isHidden()  # a wrong PIN leaves all as it was


def test_the_facilitator_takes_over_and_hands_back_during_a_step_aside_task(kiosk, qtbot) -> None:
    from kiosk.lock import PinLock

    _to_prototype_task(kiosk.bridge.engine)
    bar = kiosk.participant.step_aside_bar
    qtbot.waitUntil(bar.isVisible)
    kiosk.pin_prompt = lambda: PinLock.in_folder(kiosk.store.path.parent).check(KIOSK_PIN).accepted
    kiosk.take_back()
    assert kiosk.console.isVisible() and not bar.isVisible() and kiosk.participant.isHidden()
    kiosk.hand_over()
    qtbot.waitUntil(bar.isVisible)
    assert kiosk.participant.isHidden() and kiosk.console.isHidden()
