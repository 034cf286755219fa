"""Issue 10 new-user run, participant side: "I have finished" on a prototype task asks first, and the task's
instruction stays one tap away on the player."""

from __future__ import annotations


import pytest
from PySide6.QtCore import Qt

from conftest import make_kiosk
from kiosk.qt.participant.screens.confirm import FinishConfirmScreen
from kiosk.qt.participant.screens.prototype import PrototypeScreen
from kiosk.session import Step
from kiosk.session.events import EventKind
from kiosk.study import load_plan
from test_gui_prototype_player import player, tap_image  # noqa: F401 (the fixture)
from test_gui_step_aside import _plan as step_aside_plan
from test_prototype_session import _to_prototype_task

pytestmark = pytest.mark.gui


def _click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_i_have_finished_on_the_player_asks_before_ending_the_task(player, qtbot, store) -> None:  # noqa: F811
    """Before: one tap on "I have finished" (an accidental one too) ended the task at once."""
    participant, engine = player.participant, player.bridge.engine
    screen = participant.screen_widget
    tap_image(qtbot, screen, 300, 550)  # on to "form": the way back must land there again
    _click(qtbot, participant.next_button)
    assert engine.step is Step.RUNNING  # nothing ended yet
    confirm = participant.screen_widget
    assert isinstance(confirm, FinishConfirmScreen)
    assert confirm.no.text() == "No, go back to the task" and confirm.yes.text() == "Yes, I have finished"
    assert confirm.no.accessibleName() and confirm.yes.accessibleName()
    assert not participant.next_button.isVisible() and not participant.stop_button.isVisible()
    _click(qtbot, confirm.no)
    qtbot.waitUntil(lambda: isinstance(participant.screen_widget, PrototypeScreen))
    assert participant.screen_widget.navigator.screen == "form" and engine.step is Step.RUNNING
    _click(qtbot, participant.next_button)
    _click(qtbot, participant.screen_widget.yes)
    qtbot.waitUntil(lambda: engine.step is Step.OUTCOME)
    assert participant.overlay is None and not isinstance(participant.screen_widget, FinishConfirmScreen)
    kinds = [e.kind for e in store.events(engine.record.id)]
    assert kinds.count(EventKind.TASK_ENDED) == 1


def test_the_time_on_the_screen_survives_the_question(player, qtbot, store) -> None:  # noqa: F811
    participant = player.participant
    screen = participant.screen_widget
    screen._earlier_ms = 5000  # as if five seconds had passed on "home"
    _click(qtbot, participant.next_button)
    _click(qtbot, participant.screen_widget.no)
    qtbot.waitUntil(lambda: isinstance(participant.screen_widget, PrototypeScreen))
    tap_image(qtbot, participant.screen_widget, 300, 550)
    (tap,) = [e.payload for e in store.events(player.bridge.engine.record.id) if e.kind == EventKind.PROTOTYPE_TAPPED]
    assert tap["ms"] >= 5000


@pytest.fixture
def aside(qtbot, store, clock, tmp_path):
    study = load_plan(step_aside_plan(tmp_path))
    kiosk = make_kiosk(qtbot, store, [study], clock)
    kiosk.start_session(study, "P-0301", 1, "one_screen", facilitator="F-07")
    kiosk.bridge.engine.choose_language("en")
    _to_prototype_task(kiosk.bridge.engine)
    qtbot.waitUntil(kiosk.participant.step_aside_bar.isVisible)
    yield kiosk
    kiosk.bridge = None


def test_i_have_finished_on_the_step_aside_bar_asks_first(aside, qtbot) -> None:
    participant, bar, engine = aside.participant, aside.participant.step_aside_bar, aside.bridge.engine
    _click(qtbot, bar.done_button)
    qtbot.waitUntil(participant.isVisible)
    assert engine.step is Step.RUNNING and not bar.isVisible()
    assert isinstance(participant.screen_widget, FinishConfirmScreen)
    _click(qtbot, participant.screen_widget.no)
    qtbot.waitUntil(bar.isVisible)  # back to the other program, the task still running
    assert participant.isHidden() and engine.step is Step.RUNNING
    _click(qtbot, bar.done_button)
    qtbot.waitUntil(participant.isVisible)
    _click(qtbot, participant.screen_widget.yes)
    qtbot.waitUntil(lambda: engine.step is Step.OUTCOME)
    assert not bar.isVisible() and not isinstance(participant.screen_widget, FinishConfirmScreen)


@pytest.mark.parametrize("lang", ["en", "sr-Cyrl", "hu"])
def test_the_task_can_be_read_again_over_the_prototype_in_one_tap(player, qtbot, lang) -> None:  # noqa: F811
    """Before: only the task's title stayed on the player; the instruction read before the start was gone."""
    participant, engine = player.participant, player.bridge.engine
    engine.choose_language(lang)
    qtbot.waitUntil(lambda: isinstance(participant.screen_widget, PrototypeScreen)
                    and participant.screen_widget.ctx.lang == lang)
    screen = participant.screen_widget
    button = screen.task_button
    t = player.catalog.text
    assert button.text() == t(lang, "prototype.show_task") and button.accessibleName()
    assert screen.task_panel.isHidden()
    _click(qtbot, button)
    assert screen.task_panel.isVisible()
    instructions = engine.current_task.instructions.get(lang)
    assert instructions in screen.task_panel.text.text()
    assert screen.task_panel.close_button.accessibleName() == t(lang, "prototype.hide_task")
    participant.grab().save(f"/tmp/player-task-shown-{lang}.png")
    _click(qtbot, screen.task_panel.close_button)  # one tap closes it
    assert screen.task_panel.isHidden()
    assert engine.step is Step.RUNNING and screen.navigator.screen == "home"  # nothing tapped through it


def test_a_tap_on_the_shown_task_does_not_reach_the_prototype(player, qtbot, store) -> None:  # noqa: F811
    screen = player.participant.screen_widget
    _click(qtbot, screen.task_button)
    qtbot.mouseClick(screen.task_panel, Qt.MouseButton.LeftButton)  # anywhere on the panel: closes it
    assert screen.task_panel.isHidden()
    assert not [e for e in store.events(player.bridge.engine.record.id) if e.kind == EventKind.PROTOTYPE_TAPPED]


def test_i_have_finished_on_a_task_without_a_prototype_asks_too(kiosk, qtbot) -> None:
    """The same button behaves the same everywhere: one accidental tap on "I have finished" ended a task
    without a prototype at once (the tap guard only drops the second half of a double tap)."""
    from prototype_study import to_the_task

    page = kiosk.console.start_page
    qtbot.keyClicks(page.facilitator_edit, "F-07")
    qtbot.keyClicks(page.code_edit, "P-0061")
    _click(qtbot, page.start_button)
    participant, engine = kiosk.participant, kiosk.bridge.engine
    participant.showNormal()
    participant.resize(1280, 800)
    to_the_task(engine, "register-holding", start=False)
    qtbot.waitUntil(lambda: engine.step is Step.INSTRUCTIONS)
    _click(qtbot, participant.next_button)  # "I am ready to start"
    qtbot.waitUntil(lambda: engine.step is Step.RUNNING)
    _click(qtbot, participant.next_button)  # "I have finished"
    assert engine.step is Step.RUNNING and isinstance(participant.screen_widget, FinishConfirmScreen)
    _click(qtbot, participant.screen_widget.no)
    assert engine.step is Step.RUNNING and participant.overlay is None
    _click(qtbot, participant.next_button)
    _click(qtbot, participant.screen_widget.yes)
    qtbot.waitUntil(lambda: engine.step is not Step.RUNNING)
    assert engine.step is Step.OUTCOME
