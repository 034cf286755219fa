"""The engine's actions on a task's click-through prototype: every tap and every hint is an event.

Reached as ``engine.prototype``; kept apart so the engine stays one job (steps and commits). Taps are committed like any other event, before the player shows the next screen, so a crash
never loses one; the player's position is rebuilt by replaying the attempt's taps (``attempt_taps``).
"""

from __future__ import annotations

from typing import Protocol

from kiosk.prototype.model import PrototypeTask
from kiosk.prototype.navigation import Navigator, Tap
from kiosk.session.answers import InvalidAction
from kiosk.session.events import EventKind
from kiosk.session.flow import Outcome, Step
from kiosk.store.db import Store
from kiosk.store.records import EventRecord, SessionRecord
from kiosk.study.model import Study, Task


class _Engine(Protocol):
    """What of the engine these actions use (a protocol, so the engine module is not imported back)."""

    study: Study
    store: Store
    record: SessionRecord

    @property
    def current_task(self) -> Task | None: ...

    @property
    def step(self) -> Step: ...

    def record_outcome(self, outcome: Outcome, assistance: str = "", *, by_goal: bool = False) -> None: ...

    def _require(self, *steps: Step) -> None: ...

    def _commit(self, kind: EventKind, payload: dict[str, object]) -> EventRecord: ...

    def _task_payload(self) -> dict[str, object]: ...


class PrototypeActions:
    def __init__(self, engine: _Engine) -> None:
        self.engine = engine

    def task(self) -> PrototypeTask | None:
        """The current task's prototype, or None (no task now, or a task done off the kiosk)."""
        current = self.engine.current_task
        return current.prototype if current else None

    def navigator(self) -> Navigator:
        """The participant's place in the current task's prototype, rebuilt from the taps already committed."""
        task = self._require_prototype()
        navigator = Navigator(self.engine.study.prototypes[task.prototype], task)
        navigator.replay(self.attempt_taps())
        return navigator

    def attempt_taps(self) -> list[Tap]:
        """The taps of the current task since it last started (a resumed session continues where it was)."""
        engine = self.engine
        task = engine.current_task
        events = engine.store.events(engine.record.id)
        taps: list[Tap] = []
        for event in events:
            if event.payload.get("task_id") != (task.id if task else None):
                continue
            if event.kind == EventKind.TASK_STARTED:
                taps = []
            elif event.kind == EventKind.PROTOTYPE_TAPPED:
                taps.append(Tap.from_payload(event.payload))
        return taps

    def record_tap(self, tap: Tap) -> bool:
        """Commit one tap while the task runs; returns True when it reached a goal and that ends the task.

        A goal reached ends the task as a success, so the participant goes on without waiting for the
        facilitator; the facilitator can change that outcome afterwards (``revise_outcome``).
        """
        task = self._require_prototype()
        engine = self.engine
        engine._require(Step.RUNNING)
        engine._commit(EventKind.PROTOTYPE_TAPPED, {**engine._task_payload(), **tap.payload()})
        if tap.goal is not None and task.end_on_goal:
            engine.record_outcome(Outcome.SUCCESS, by_goal=True)
            return True
        return False

    def record_hint(self, screen: str) -> None:
        """The player highlighted the hotspots: an assist, which reports count like help given."""
        self._require_prototype()
        self.engine._require(Step.RUNNING)
        self.engine._commit(EventKind.PROTOTYPE_HINT_SHOWN, {**self.engine._task_payload(), "screen": screen})

    def show_task_again(self) -> None:
        """The player's "Show the task again": logged as Stop taken back is (a participant who needs the
        instruction again is a finding); the task's time runs on untouched."""
        self._require_prototype()
        self.engine._require(Step.RUNNING, Step.PAUSED)
        self.engine._commit(EventKind.TASK_SHOWN_AGAIN, {**self.engine._task_payload(), "step": self.engine.step.value})

    def goal_outcome_to_review(self) -> str | None:
        """The task whose success was recorded by reaching its goal, while its questions are still on screen:
        the console offers the facilitator to change it then (``engine.revise_outcome``)."""
        engine = self.engine
        task = engine.current_task
        if task is None or engine.step is not Step.QUESTION:
            return None
        outcomes = [e for e in engine.store.events(engine.record.id) if e.payload.get("task_id") == task.id
                    and e.kind in (EventKind.OUTCOME_RECORDED, EventKind.OUTCOME_REVISED)]
        return task.id if outcomes and outcomes[-1].payload.get("by") == "goal" else None

    def _require_prototype(self) -> PrototypeTask:
        task = self.task()
        if task is None:
            raise InvalidAction("this task has no prototype to tap")
        return task
