"""Taps on a task's prototype are session events: committed, replayable, and a goal ends the task (issue 10)."""

from __future__ import annotations

import pytest

from kiosk.session import InvalidAction, Outcome, SessionEngine, Step
from kiosk.session.events import EventKind
from kiosk.study import load_plan
from prototype_study import to_the_task
from test_prototype_plan import _plan


def _to_prototype_task(engine: SessionEngine, task_id: str = "check-eligibility", start: bool = True) -> None:
    to_the_task(engine, task_id, start)


@pytest.fixture
def engine(store, clock, tmp_path):
    study = load_plan(_plan(tmp_path))
    engine = SessionEngine.start(store, study, "P-0101", clock, facilitator="F1", participant_number=1)
    _to_prototype_task(engine)
    return engine


def test_each_tap_is_committed_and_a_goal_ends_the_task(engine, store) -> None:
    navigator = engine.prototype.navigator()
    assert navigator.screen == "home"
    for x, y in ((5, 5), (150, 550), (150, 650)):
        assert engine.prototype.record_tap(navigator.tap(x, y, 1200)) is False
    assert engine.step is Step.RUNNING and navigator.screen == "sent"
    assert engine.prototype.record_tap(navigator.tap(200, 350, 900)) is True
    # the goal is a success without the facilitator: the participant goes on to the task's questions
    assert engine.step is Step.QUESTION and engine.prototype.goal_outcome_to_review() == "check-eligibility"
    taps = [e.payload for e in store.events(engine.record.id) if e.kind == EventKind.PROTOTYPE_TAPPED]
    assert [(t["screen"], t["hotspot"], t["to"], t["goal"], t["ms"]) for t in taps] == [
        ("home", None, "home", None, 1200), ("home", "apply", "form", None, 1200), ("form", "send", "sent", None, 1200),
        ("sent", "receipt", "sent", "receipt", 900)]
    assert all(t["task_id"] == "check-eligibility" for t in taps)


def test_a_resumed_session_continues_on_the_same_screen(engine, store, clock) -> None:
    navigator = engine.prototype.navigator()
    for x, y in ((150, 550), (950, 60)):
        engine.prototype.record_tap(navigator.tap(x, y, 500))
    resumed = SessionEngine.resume(store, engine.record.id, clock)
    again = resumed.prototype.navigator()
    assert again.history == ["home", "form", "help"] and again.screen == "help"


def test_taps_only_while_the_task_runs_and_hints_are_logged(engine, store) -> None:
    navigator = engine.prototype.navigator()
    engine.prototype.record_hint("home")
    (hint,) = [e for e in store.events(engine.record.id) if e.kind == EventKind.PROTOTYPE_HINT_SHOWN]
    assert hint.payload == {"task_id": "check-eligibility", "screen": "home"}
    engine.pause_task()
    with pytest.raises(InvalidAction, match="RUNNING|running"):
        engine.prototype.record_tap(navigator.tap(150, 550, 100))
    engine.resume_task()
    engine.record_outcome(Outcome.FAILED)
    with pytest.raises(InvalidAction, match="no prototype|running"):
        engine.prototype.record_tap(navigator.tap(150, 550, 100))


def test_the_facilitator_changes_an_outcome_the_goal_recorded(engine, store) -> None:
    from kiosk.session.summary import summarize

    navigator = engine.prototype.navigator()
    for x, y in ((150, 550), (150, 650), (200, 350)):
        engine.prototype.record_tap(navigator.tap(x, y, 700))
    outcome = [e.payload for e in store.events(engine.record.id) if e.kind == EventKind.OUTCOME_RECORDED][-1]
    assert (outcome["outcome"], outcome["by"]) == ("success", "goal")
    with pytest.raises(InvalidAction, match="what help was given"):
        engine.revise_outcome("check-eligibility", Outcome.ASSISTED)
    engine.revise_outcome("check-eligibility", Outcome.ASSISTED, "pointed at the button")
    assert engine.prototype.goal_outcome_to_review() is None  # changed once: no longer the goal's verdict
    summary = summarize(engine.record, store.events(engine.record.id), engine.study)
    task = next(t for t in summary.tasks if t.task_id == "check-eligibility")
    assert (task.outcome, task.assistance) == (Outcome.ASSISTED, "pointed at the button")
    revised = [e.payload for e in store.events(engine.record.id) if e.kind == EventKind.OUTCOME_REVISED]
    assert revised == [{"task_id": "check-eligibility", "outcome": "assisted", "assistance": "pointed at the button",
                        "previous": "success"}]
    with pytest.raises(InvalidAction, match="no outcome to change"):
        engine.revise_outcome("submit-application", Outcome.FAILED)
