"""Issue 10 "Done when": a participant completes a demo task by tapping the built-in prototype (real widgets)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from test_prototype_session import _to_prototype_task
from kiosk.prototype.model import Action
from kiosk.qt.participant.screens.prototype import PrototypeScreen
from kiosk.session import Outcome, Step
from kiosk.session.events import EventKind
from kiosk.session.summary import summarize

pytestmark = pytest.mark.gui


def test_a_participant_completes_the_demo_subsidy_task_by_tapping_the_drawn_prototype(kiosk, qtbot, store) -> None:
    kiosk.start_session(kiosk.console.start_page.studies[0], "T-0010", 1, "one_screen", facilitator="F-07")
    p = kiosk.participant
    p.showNormal()
    p.resize(1280, 800)
    engine = kiosk.bridge.engine
    engine.choose_language("sr-Cyrl")
    _to_prototype_task(engine, "apply-subsidy", start=False)
    qtbot.mouseClick(p.next_button, Qt.MouseButton.LeftButton)  # "Могу да почнем"
    qtbot.waitUntil(lambda: isinstance(p.screen_widget, PrototypeScreen))
    screen = p.screen_widget
    path = engine.current_task.prototype.expected_paths[0]
    prototype = engine.study.prototypes[engine.current_task.prototype.prototype]
    for here, there in zip(path, path[1:], strict=False):
        assert screen.navigator.screen == here
        hotspot = next(h for h in prototype.screen(here).hotspots if h.action is Action.GO and h.target == there)
        x, y = hotspot.rect.centre
        point = screen.canvas._to_widget(x, y)
        qtbot.mouseClick(screen.canvas, Qt.MouseButton.LeftButton, pos=QPoint(round(point.x()), round(point.y())))
    qtbot.waitUntil(lambda: engine.step is Step.QUESTION)  # the goal "sent" ended the task as a success
    taps = [e.payload for e in store.events(engine.record.id) if e.kind == EventKind.PROTOTYPE_TAPPED]
    assert [t["to"] for t in taps] == list(path[1:]) and taps[-1]["goal"] == "sent"
    task = next(t for t in summarize(engine.record, store.events(engine.record.id), engine.study).tasks
                if t.task_id == "apply-subsidy")
    assert task.outcome is Outcome.SUCCESS
