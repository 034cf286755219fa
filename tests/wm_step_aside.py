"""Run by test_step_aside_under_wm.py in a child process on Xvfb + openbox (QT_QPA_PLATFORM=xcb); not collected
on its own (its name does not start with test_). Issue 10 new-user run, participant side, items 1 and 2."""

from __future__ import annotations

import os
import subprocess

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget

from conftest import make_kiosk
from kiosk.qt.participant.screens.confirm import FinishConfirmScreen
from kiosk.session import Step
from kiosk.study import load_plan
from test_gui_step_aside import _plan
from test_prototype_session import _to_prototype_task

pytestmark = pytest.mark.skipif(os.environ.get("QT_QPA_PLATFORM") != "xcb", reason="run by test_step_aside_under_wm")


@pytest.fixture
def aside(qtbot, store, clock, tmp_path):
    study = load_plan(_plan(tmp_path))
    kiosk = make_kiosk(qtbot, store, [study], clock)
    kiosk.start_session(study, "P-0302", 1, "one_screen", facilitator="F-07")
    kiosk.bridge.engine.choose_language("en")
    qtbot.waitUntil(kiosk.participant.isVisible)
    qtbot.waitExposed(kiosk.participant)
    yield kiosk
    kiosk.bridge = None


def _pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    return np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())[:, :image.width() * 4]


def _differs(widget: QWidget) -> float:
    """The share of the widget's pixels where the screen shows something else than the widget draws."""
    QApplication.processEvents()
    drawn = widget.grab().toImage()
    g = widget.geometry()
    shown = widget.screen().grabWindow(0, g.x(), g.y(), g.width(), g.height()).toImage()
    if drawn.size() != shown.size():
        return 1.0
    a, b = _pixels(drawn).astype(int), _pixels(shown).astype(int)
    return float((np.abs(a - b).max(axis=1 if a.ndim == 2 else 2) > 24).mean()) if a.ndim == 3 else \
        float((np.abs(a - b) > 24).mean())


def test_the_window_back_from_the_bar_shows_what_it_draws(aside, qtbot) -> None:
    """Issue 10 new-user run: after "I have finished" on the bar, a dead "I am ready to start" was on screen."""
    participant, bar, engine = aside.participant, aside.participant.step_aside_bar, aside.bridge.engine
    qtbot.waitUntil(lambda: _differs(participant) < 0.01)  # the window as it first appears is on the glass
    _to_prototype_task(engine)
    qtbot.waitUntil(bar.isVisible)
    qtbot.waitUntil(lambda: not participant.isVisible())
    qtbot.waitExposed(bar)
    qtbot.mouseClick(bar.done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(participant.isVisible)
    assert isinstance(participant.screen_widget, FinishConfirmScreen) and engine.step is Step.RUNNING
    qtbot.waitUntil(lambda: _differs(participant) < 0.01, timeout=5000)
    participant.screen().grabWindow(0).save("/tmp/wm-finish-confirm.png")
    qtbot.mouseClick(participant.screen_widget.yes, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: engine.step is Step.OUTCOME)
    qtbot.waitUntil(lambda: _differs(participant) < 0.01, timeout=5000)
    participant.screen().grabWindow(0).save("/tmp/wm-after-finish.png")


def _xprop(widget: QWidget, name: str) -> str:
    return subprocess.run(["xprop", "-id", str(int(widget.winId())), name], capture_output=True, text=True).stdout


def test_a_maximised_window_stops_above_the_bar(aside, qtbot) -> None:
    """Issue 10 new-user run: the browser with the HTML prototype went under the bar, its bottom 83 px hidden."""
    bar = aside.participant.step_aside_bar
    _to_prototype_task(aside.bridge.engine)
    qtbot.waitUntil(bar.isVisible)
    qtbot.waitExposed(bar)
    assert "_NET_WM_WINDOW_TYPE_DOCK" in _xprop(bar, "_NET_WM_WINDOW_TYPE")
    assert f"0, 0, 0, {bar.height()}" in _xprop(bar, "_NET_WM_STRUT_PARTIAL")
    other = QWidget()  # stands for the browser: a plain window of another program, maximised
    other.setWindowTitle("the other program")
    qtbot.addWidget(other)
    other.showMaximized()
    qtbot.waitExposed(other)
    qtbot.waitUntil(lambda: other.width() > 1000 and other.height() > 500, timeout=5000)  # maximised
    assert other.frameGeometry().bottom() < bar.geometry().top()  # stops above the bar, not under it
    assert bar.isVisible() and _differs(bar) < 0.01  # the bar is still all there, nothing over it
    bar.screen().grabWindow(0).save("/tmp/wm-maximised-beside-bar.png")


def test_the_window_back_after_the_task_ended_elsewhere_shows_what_it_draws(aside, qtbot) -> None:
    """The task ended while the bar was up (the old one-tap "I have finished", or the facilitator's console):
    the window returns from hiding straight onto the next step."""
    participant, bar, engine = aside.participant, aside.participant.step_aside_bar, aside.bridge.engine
    qtbot.waitUntil(lambda: _differs(participant) < 0.01)
    _to_prototype_task(engine)
    qtbot.waitUntil(bar.isVisible)
    qtbot.waitUntil(lambda: not participant.isVisible())
    qtbot.waitExposed(bar)
    aside.bridge.run(engine.end_task)
    qtbot.waitUntil(participant.isVisible)
    qtbot.waitUntil(lambda: _differs(participant) < 0.01, timeout=5000)
    participant.screen().grabWindow(0).save("/tmp/wm-ended-elsewhere.png")


def _x_click(widget: QWidget) -> None:
    """A click through the X server (xdotool), as a finger's: the window manager and Qt see what they would."""
    centre = widget.mapToGlobal(widget.rect().center())
    subprocess.run(["xdotool", "mousemove", "--sync", str(centre.x()), str(centre.y()), "click", "1"], check=True)


def test_the_participants_own_taps_through_the_x_server(aside, qtbot) -> None:
    """The new user's path with real clicks: "I am ready to start" hides the window under the finger, the bar's
    "I have finished" brings it back; nothing stale may stay on the glass."""
    participant, bar, engine = aside.participant, aside.participant.step_aside_bar, aside.bridge.engine
    _to_prototype_task(engine, start=False)
    qtbot.waitUntil(lambda: participant.next_button.text() == "I am ready to start")
    qtbot.waitUntil(lambda: _differs(participant) < 0.01)
    _x_click(participant.next_button)
    qtbot.waitUntil(bar.isVisible)
    qtbot.waitUntil(lambda: not participant.isVisible())
    qtbot.waitExposed(bar)
    qtbot.waitUntil(lambda: _differs(bar) < 0.01)
    _x_click(bar.done_button)
    qtbot.waitUntil(participant.isVisible)
    qtbot.waitUntil(lambda: _differs(participant) < 0.01, timeout=5000)
    participant.screen().grabWindow(0).save("/tmp/wm-x-finish-confirm.png")
    _x_click(participant.screen_widget.yes)
    qtbot.waitUntil(lambda: engine.step is Step.OUTCOME)
    qtbot.waitUntil(lambda: _differs(participant) < 0.01, timeout=5000)
    participant.screen().grabWindow(0).save("/tmp/wm-x-after-finish.png")


def test_the_bar_of_the_next_task_shows_its_own_title(qtbot, store, clock, tmp_path) -> None:
    """The bar is hidden between two step-aside tasks and its title changes meanwhile: the glass must show the
    new title, not the last task's."""
    from kiosk.session import Outcome

    plan = _plan(tmp_path)
    plan.write_text(plan.read_text(encoding="utf-8").replace("expected_minutes = 10\n",
                                                             "expected_minutes = 10\nstep_aside = true\n", 1),
                    encoding="utf-8")
    study = load_plan(plan)
    kiosk = make_kiosk(qtbot, store, [study], clock)
    kiosk.start_session(study, "P-0303", 1, "one_screen", facilitator="F-07")
    engine, bar = kiosk.bridge.engine, kiosk.participant.step_aside_bar
    engine.choose_language("en")
    _to_prototype_task(engine)
    qtbot.waitUntil(bar.isVisible)
    qtbot.waitUntil(lambda: _differs(bar) < 0.01)
    first = bar.title.text()
    kiosk.bridge.run(engine.end_task)
    qtbot.waitUntil(lambda: not bar.isVisible())
    kiosk.bridge.run(engine.record_outcome, Outcome.SUCCESS)
    while engine.step is Step.QUESTION:
        kiosk.bridge.run(engine.skip_question)
    kiosk.bridge.run(engine.start_task)
    qtbot.waitUntil(bar.isVisible)
    assert bar.title.text() != first
    qtbot.waitUntil(lambda: _differs(bar) < 0.01, timeout=5000)
    kiosk.bridge = None
