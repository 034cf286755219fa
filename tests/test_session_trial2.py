"""Issue 10, second new-user run, domain side: the help call's step, and two participant actions logged."""

from __future__ import annotations

import pytest

from kiosk.i18n import default_catalog
from kiosk.session import SessionEngine, Step
from kiosk.session.answers import InvalidAction
from kiosk.session.describe import describe_event
from kiosk.session.events import EventKind
from kiosk.study import load_plan
from test_prototype_plan import _plan
from test_prototype_session import _to_prototype_task


@pytest.fixture
def engine(store, clock, tmp_path):
    study = load_plan(_plan(tmp_path))
    engine = SessionEngine.start(store, study, "P-0111", clock, facilitator="F1", participant_number=1)
    _to_prototype_task(engine)
    return engine


def test_a_help_call_keeps_the_step_it_was_made_at_until_acknowledged(engine) -> None:
    engine.request_help()
    assert engine.state.help_step is Step.RUNNING
    engine.end_task()
    from kiosk.session.flow import Outcome

    engine.record_outcome(Outcome.SUCCESS)
    assert engine.step is not Step.RUNNING
    assert engine.state.help_step is Step.RUNNING  # where the participant was when they asked, not where they are
    engine.acknowledge_help()
    assert engine.state.help_step is None


def test_show_the_task_again_and_no_go_back_are_logged_and_leave_time_on_task_alone(engine, clock, store) -> None:
    clock.advance(30)
    engine.prototype.show_task_again()
    clock.advance(10)
    engine.cancel_finish()
    clock.advance(5)
    assert engine.step is Step.RUNNING and engine.task_active_seconds() == pytest.approx(45)
    events = store.events(engine.record.id)
    assert [e.kind for e in events[-2:]] == [EventKind.TASK_SHOWN_AGAIN, EventKind.FINISH_CANCELLED]
    assert all(e.payload["task_id"] == engine.current_task.id for e in events[-2:])
    catalog = default_catalog()
    for lang in ("en", "sr-Cyrl", "sr-Latn", "hu"):
        lines = [describe_event(catalog, lang, e, engine.study) for e in events[-2:]]
        assert all(line and not line.startswith("event.") for line in lines) and lines[0] != lines[1]
    assert describe_event(catalog, "en", events[-2], engine.study) != describe_event(catalog, "hu", events[-2],
                                                                                       engine.study)


def test_the_two_actions_are_for_a_running_task_only(engine) -> None:
    engine.end_task()
    with pytest.raises(InvalidAction):
        engine.prototype.show_task_again()
    with pytest.raises(InvalidAction):
        engine.cancel_finish()
