"""A participant does a task by tapping the prototype on the real widgets (issue 10, "Done when")."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from conftest import make_kiosk
from kiosk.qt.participant.screens.prototype import PrototypeScreen
from kiosk.session import Step
from kiosk.session.events import EventKind
from kiosk.study import load_plan
from test_prototype_plan import _plan
from test_prototype_session import _to_prototype_task

pytestmark = pytest.mark.gui


@pytest.fixture
def player(qtbot, store, clock, tmp_path):
    study = load_plan(_plan(tmp_path))
    kiosk = make_kiosk(qtbot, store, [study], clock)
    kiosk.start_session(study, "P-0200", 1, "one_screen", facilitator="F-07")
    kiosk.participant.showNormal()
    kiosk.participant.resize(1280, 800)
    engine = kiosk.bridge.engine
    engine.choose_language("en")
    _to_prototype_task(engine)
    qtbot.waitUntil(lambda: isinstance(kiosk.participant.screen_widget, PrototypeScreen))
    yield kiosk
    kiosk.bridge = None


def tap_image(qtbot, screen: PrototypeScreen, x: float, y: float) -> None:
    point = screen.canvas._to_widget(x, y)
    qtbot.mouseClick(screen.canvas, Qt.MouseButton.LeftButton, pos=QPoint(round(point.x()), round(point.y())))


def test_a_task_is_done_by_tapping_the_prototype(player, qtbot, store) -> None:
    engine = player.bridge.engine
    screen = player.participant.screen_widget
    assert screen.canvas.image_rect().width() > 800  # the picture fills the page (1280×800 window, header and footer)
    tap_image(qtbot, screen, 30, 30)  # a miss: nothing happens on screen
    assert screen.navigator.screen == "home" and player.participant.screen_widget is screen
    tap_image(qtbot, screen, 300, 550)  # "apply"
    assert screen.navigator.screen == "form" and player.participant.screen_widget is screen
    tap_image(qtbot, screen, 300, 650)  # "send"
    tap_image(qtbot, screen, 350, 350)  # the goal hotspot on "sent": the task ends
    qtbot.waitUntil(lambda: engine.step is Step.QUESTION)  # success recorded: on to the task's questions
    assert not isinstance(player.participant.screen_widget, PrototypeScreen)
    taps = [e.payload for e in store.events(engine.record.id) if e.kind == EventKind.PROTOTYPE_TAPPED]
    assert [(t["screen"], t["hotspot"], t["to"], t["goal"]) for t in taps] == [
        ("home", None, "home", None), ("home", "apply", "form", None), ("form", "send", "sent", None),
        ("sent", "receipt", "sent", "receipt")]
    assert abs(taps[1]["x"] - 300) <= 2 and abs(taps[1]["y"] - 550) <= 2  # image coordinates, not the window's


def test_a_finger_that_slides_is_not_a_tap(player, qtbot, store) -> None:
    screen = player.participant.screen_widget
    start = screen.canvas._to_widget(300, 550)
    qtbot.mousePress(screen.canvas, Qt.MouseButton.LeftButton, pos=QPoint(round(start.x()), round(start.y())))
    qtbot.mouseRelease(screen.canvas, Qt.MouseButton.LeftButton, pos=QPoint(round(start.x()) + 120, round(start.y())))
    assert screen.navigator.screen == "home"
    assert not [e for e in store.events(player.bridge.engine.record.id) if e.kind == EventKind.PROTOTYPE_TAPPED]


def test_i_am_done_ends_the_task_without_the_goal(player, qtbot) -> None:
    qtbot.mouseClick(player.participant.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(player.participant.screen_widget.yes, Qt.MouseButton.LeftButton)  # "Yes, I have finished"
    qtbot.waitUntil(lambda: player.bridge.engine.step is Step.OUTCOME)


def test_the_player_screenshot(player, qtbot, tmp_path: Path) -> None:
    screen = player.participant.screen_widget
    tap_image(qtbot, screen, 300, 550)
    image = player.participant.grab()
    assert image.width() == 1280
    image.save(str(Path("/tmp") / "player-form.png"))


def test_a_double_tap_that_changes_the_screen_is_one_tap(player, qtbot, store) -> None:
    """The tap model of every participant screen: the second tap of a double tap on a link does not land on
    whatever the next screen has in that place."""
    from kiosk.session.taps import TapGuard

    now = [100.0]
    player.participant.tap_guard = TapGuard(clock=lambda: now[0])
    player.participant.refresh()
    screen = player.participant.screen_widget
    now[0] += 1.0
    tap_image(qtbot, screen, 300, 550)  # "apply" → form
    now[0] += 0.2
    tap_image(qtbot, screen, 300, 550)  # the same finger again, 0.2 s later: ignored, not logged
    now[0] += 1.0
    tap_image(qtbot, screen, 300, 550)  # deliberate, a second later: a miss on the form
    taps = [e.payload for e in store.events(player.bridge.engine.record.id) if e.kind == EventKind.PROTOTYPE_TAPPED]
    assert [(t["screen"], t["hotspot"]) for t in taps] == [("home", "apply"), ("form", None)]
    assert player.participant.tap_guard.ignored == 1


def test_the_console_mirrors_the_participants_prototype_screen(player, qtbot, tmp_path: Path) -> None:
    mirror = player.console.session_page.prototype_mirror
    assert not mirror.isHidden()
    screen = player.participant.screen_widget
    tap_image(qtbot, screen, 30, 30)
    tap_image(qtbot, screen, 300, 550)
    tap_image(qtbot, screen, 1000, 700)
    assert "“form”" in mirror.caption.text() and "3 taps in this task, 2 beside the links" in mirror.caption.text()
    ((x, y, hit),) = mirror.canvas._marks  # only the tap on the screen now shown
    assert abs(x - 1000) < 2 and abs(y - 700) < 2 and hit is False
    player.console.show()
    player.console.resize(1280, 800)
    player.console.grab().save("/tmp/console-mirror.png")
    qtbot.mouseClick(player.participant.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(player.participant.screen_widget.yes, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: mirror.isHidden())


def test_the_console_offers_to_change_the_success_a_goal_recorded(player, qtbot, store) -> None:
    from kiosk.session import Outcome
    from kiosk.session.summary import summarize

    screen = player.participant.screen_widget
    for x, y in ((300, 550), (300, 650), (350, 350)):
        tap_image(qtbot, screen, x, y)
    engine = player.bridge.engine
    qtbot.waitUntil(lambda: engine.step is Step.QUESTION)
    page = player.console.session_page
    failed = page.outcome_buttons[Outcome.FAILED]
    assert failed.isEnabled() and page.hint_label.text() == player.catalog.text("en", "console.revise_hint")
    qtbot.mouseClick(failed, Qt.MouseButton.LeftButton)
    task = next(t for t in summarize(engine.record, store.events(engine.record.id), engine.study).tasks
                if t.task_id == "check-eligibility")
    assert task.outcome is Outcome.FAILED and not failed.isEnabled()
    assert page.timeline.item(page.timeline.count() - 1).text().endswith("changed to: Failed")


def test_a_language_switch_does_not_restart_the_time_on_the_screen(player, qtbot, store) -> None:
    """Issue 10 new-user run: a tap ~11 s after the screen appeared was logged as 3.9 s because switching the
    language rebuilt the page and restarted its timer."""
    screen = player.participant.screen_widget
    screen._earlier_ms = 0
    screen.since_screen.restart()
    qtbot.wait(600)  # timers are coarse: assert well below what was waited
    qtbot.mouseClick(player.participant.language_buttons["sr-Latn"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: player.participant.screen_widget is not screen)
    rebuilt = player.participant.screen_widget
    tap_image(qtbot, rebuilt, 300, 550)
    (tap,) = [e.payload for e in store.events(player.bridge.engine.record.id) if e.kind == EventKind.PROTOTYPE_TAPPED]
    assert tap["ms"] >= 450 and tap["screen"] == "home"
