"""Session state as a fold over committed events: resume after a crash is a replay, nothing more.

``reduce`` is pure; the engine commits an event first and only then folds it in, so the state a
screen shows is always one the database can reproduce.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any, Mapping

from kiosk.session.access import AccessSettings
from kiosk.session.drafts import CONSENT_OPTIONS
from kiosk.session.events import EventKind
from kiosk.session.flow import Stage, StageKind, Step
from kiosk.store.records import EventRecord, SessionStatus


@dataclass(frozen=True)
class TaskClock:
    """Time on the current task. Active time excludes pauses and interruptions (recorded separately)."""

    active_ns: int = 0
    paused_ns: int = 0
    running_since: int | None = None
    paused_since: int | None = None

    def active_at(self, mono_ns: int) -> int:
        extra = mono_ns - self.running_since if self.running_since is not None else 0
        return self.active_ns + extra

    def paused_at(self, mono_ns: int) -> int:
        extra = mono_ns - self.paused_since if self.paused_since is not None else 0
        return self.paused_ns + extra


@dataclass(frozen=True)
class SessionState:
    stage_index: int = 0
    question_index: int = 0
    phase: Step | None = None
    status: SessionStatus = SessionStatus.IN_PROGRESS
    language: str = ""
    #: the participant's text size, reading aloud and pictures (set at the start, changed by access_changed)
    access: AccessSettings = AccessSettings()
    clock: TaskClock = TaskClock()
    last_mono: int = 0
    last_epoch: str = ""
    last_utc: str = ""
    answers: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    consent_choice: Mapping[str, bool] = field(default_factory=lambda: MappingProxyType({}))
    consent: Mapping[str, bool] = field(default_factory=lambda: MappingProxyType({}))
    contact_saved: bool = False
    help_pending: bool = False  # a help call the facilitator has not acknowledged yet
    #: the step the participant was at when they asked (the console names it, not the step they are at now)
    help_step: Step | None = None
    event_count: int = 0
    #: unconfirmed choices by question id (or drafts.CONSENT_OPTIONS); see kiosk.session.drafts
    drafts: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    #: questions answered "I prefer not to answer", so Back shows that choice again
    skipped: frozenset[str] = frozenset()

    def stage(self, stages: tuple[Stage, ...]) -> Stage:
        return stages[min(self.stage_index, len(stages) - 1)]

    def step(self, stages: tuple[Stage, ...]) -> Step:
        if self.status is SessionStatus.ENDED:
            return Step.ENDED
        if self.status is SessionStatus.ABANDONED:
            return Step.ABANDONED
        if self.status is SessionStatus.WITHDRAWN:
            return Step.WITHDRAWN
        kind = self.stage(stages).kind
        if kind is StageKind.TASK:
            return self.phase or Step.INSTRUCTIONS
        if kind is StageKind.CONSENT:
            return self.phase or Step.CONSENT
        return {
            StageKind.WELCOME: Step.WELCOME, StageKind.CONSENT: Step.CONSENT,
            StageKind.QUESTIONS: Step.QUESTION, StageKind.CLOSING: Step.CLOSING,
        }[kind]


def _enter_stage(state: SessionState, stages: tuple[Stage, ...], index: int) -> SessionState:
    phase = {StageKind.TASK: Step.INSTRUCTIONS, StageKind.CONSENT: Step.CONSENT}.get(stages[index].kind)
    return replace(state, stage_index=index, question_index=0, phase=phase, clock=TaskClock())


def _next_stage(state: SessionState, stages: tuple[Stage, ...], skip_post_task: bool = False) -> SessionState:
    index = state.stage_index + 1
    current = stages[state.stage_index]
    if skip_post_task and index < len(stages) and stages[index].task_id == current.task_id \
            and stages[index].kind is StageKind.QUESTIONS:
        index += 1
    return _enter_stage(state, stages, index)


def _after_answer(state: SessionState, stages: tuple[Stage, ...]) -> SessionState:
    stage = stages[state.stage_index]
    if state.question_index + 1 < len(stage.questions):
        return replace(state, question_index=state.question_index + 1)
    return _next_stage(state, stages)


def _without_draft(state: SessionState, key: str) -> SessionState:
    """A confirmed answer replaces its draft."""
    if key not in state.drafts:
        return state
    drafts = dict(state.drafts)
    drafts.pop(key)
    return replace(state, drafts=MappingProxyType(drafts))


def reduce(state: SessionState, event: EventRecord, stages: tuple[Stage, ...]) -> SessionState:
    """Fold one committed event into the state."""
    kind = EventKind(event.kind)
    p = event.payload
    mono = event.mono_ns
    tc = state.clock
    s = state
    if kind is EventKind.SESSION_STARTED:
        s = replace(_enter_stage(s, stages, 0), language=p["language"],
                    access=AccessSettings.from_payload(p.get("access")))
    elif kind is EventKind.LANGUAGE_CHANGED:
        s = replace(s, language=p["language"])
    elif kind is EventKind.ACCESS_CHANGED:
        s = replace(s, access=AccessSettings.from_payload(p))
    elif kind is EventKind.STEP_ADVANCED:
        if s.phase is Step.CONSENT_REVIEW:
            s = replace(s, phase=Step.CONSENT_METHOD)
        else:
            s = _next_stage(s, stages)
    elif kind is EventKind.CONSENT_READ:
        s = replace(s, phase=Step.CONSENT_OPTIONS)
    elif kind is EventKind.CONSENT_OPTIONS_CHOSEN:
        s = replace(_without_draft(s, CONSENT_OPTIONS), phase=Step.CONSENT_REVIEW,
                    consent_choice=MappingProxyType(dict(p["options"])))
    elif kind is EventKind.DRAFT_SAVED:
        drafts = dict(s.drafts)
        drafts[p["key"]] = {"value": p.get("value"), "prefer_not": bool(p.get("prefer_not", False))}
        s = replace(s, drafts=MappingProxyType(drafts))
    elif kind is EventKind.VERBAL_CONSENT_REQUESTED:
        s = replace(s, phase=Step.CONSENT_VERBAL)
    elif kind is EventKind.CONSENT_GIVEN:
        s = replace(_next_stage(s, stages), consent=MappingProxyType(dict(p["options"])))
    elif kind is EventKind.CONSENT_DECLINED:
        s = replace(s, status=SessionStatus.ABANDONED)
    elif kind is EventKind.PARTICIPANT_WITHDREW:
        s = replace(s, status=SessionStatus.WITHDRAWN)
    elif kind is EventKind.CONTACT_SAVED:
        s = replace(s, contact_saved=True)
    elif kind is EventKind.ANSWER_RECORDED:
        answers = dict(s.answers)
        answers[p["question_id"]] = p["value"]
        s = replace(_without_draft(s, p["question_id"]), answers=MappingProxyType(answers),
                    skipped=s.skipped - {p["question_id"]})
        s = _after_answer(s, stages)
    elif kind is EventKind.ANSWER_SKIPPED:
        answers = dict(s.answers)
        answers.pop(p["question_id"], None)
        s = replace(_without_draft(s, p["question_id"]), answers=MappingProxyType(answers),
                    skipped=s.skipped | {p["question_id"]})
        s = _after_answer(s, stages)
    elif kind is EventKind.WENT_BACK:
        if s.phase in (Step.CONSENT_OPTIONS, Step.CONSENT_REVIEW, Step.CONSENT_METHOD, Step.CONSENT_VERBAL):
            previous = {Step.CONSENT_OPTIONS: Step.CONSENT, Step.CONSENT_REVIEW: Step.CONSENT_OPTIONS,
                        Step.CONSENT_METHOD: Step.CONSENT_REVIEW, Step.CONSENT_VERBAL: Step.CONSENT_METHOD}
            s = replace(s, phase=previous[s.phase])
        elif s.question_index > 0:
            s = replace(s, question_index=s.question_index - 1)
        else:
            s = _enter_stage(s, stages, s.stage_index - 1)
    elif kind is EventKind.TASK_STARTED:
        s = replace(s, phase=Step.RUNNING, clock=TaskClock(running_since=mono))
    elif kind is EventKind.TASK_PAUSED:
        s = replace(s, phase=Step.PAUSED,
                    clock=TaskClock(active_ns=tc.active_at(mono), paused_ns=tc.paused_ns, paused_since=mono))
    elif kind is EventKind.TASK_RESUMED:
        s = replace(s, phase=Step.RUNNING,
                    clock=TaskClock(active_ns=tc.active_ns, paused_ns=tc.paused_at(mono), running_since=mono))
    elif kind is EventKind.TASK_ENDED:
        s = replace(s, phase=Step.OUTCOME,
                    clock=TaskClock(active_ns=tc.active_at(mono), paused_ns=tc.paused_at(mono)))
    elif kind is EventKind.OUTCOME_RECORDED:
        s = _next_stage(s, stages)
    elif kind is EventKind.TASK_SKIPPED:
        s = _next_stage(s, stages, skip_post_task=True)
    elif kind is EventKind.SESSION_INTERRUPTED:
        # The time between the last sign of life before the crash and now is unknown: it counts as
        # neither active nor paused time. Time up to the last committed event, or up to a later
        # heartbeat of the same run, is kept.
        alive = _alive_until(s, p)
        s = replace(s, clock=TaskClock(
            active_ns=tc.active_at(alive), paused_ns=tc.paused_at(alive),
            running_since=mono if tc.running_since is not None else None,
            paused_since=mono if tc.paused_since is not None else None,
        ))
    elif kind is EventKind.SESSION_ENDED:
        s = replace(s, status=SessionStatus.ENDED)
    elif kind is EventKind.SESSION_ABANDONED:
        s = replace(s, status=SessionStatus.ABANDONED)
    elif kind is EventKind.HELP_REQUESTED:
        step = s.help_step if s.help_pending else _known_step(p.get("step"))
        s = replace(s, help_pending=True, help_step=step)
    elif kind is EventKind.HELP_ACKNOWLEDGED:
        s = replace(s, help_pending=False, help_step=None)
    # NOTE_ADDED changes no state.
    return replace(s, last_mono=mono, last_epoch=event.clock_epoch, last_utc=event.utc,
                   event_count=s.event_count + 1)


def _known_step(value: object) -> Step | None:
    """A step named in a payload; None for one this version does not know (a log from a newer version)."""
    try:
        return Step(str(value))
    except ValueError:
        return None


def _alive_until(state: SessionState, payload: Mapping[str, Any]) -> int:
    """The monotonic time the session was last known alive: a heartbeat of the same clock run, if later."""
    beat = payload.get("alive_mono_ns")
    if isinstance(beat, int) and payload.get("alive_epoch") == state.last_epoch and beat > state.last_mono:
        return beat
    return state.last_mono


def replay(events: list[EventRecord], stages: tuple[Stage, ...]) -> SessionState:
    state = SessionState()
    for event in events:
        state = reduce(state, event, stages)
    return state
