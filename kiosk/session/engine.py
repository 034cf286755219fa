"""The session engine: checks that an action fits the current step, commits it, then moves on.

Commit-then-apply is the data-safety rule in one place: listeners (the Qt bridge) hear of an event
only after ``Store.append_event`` has returned, so nothing is shown as done that a crash could lose.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path

from kiosk import __version__ as APP_VERSION
from kiosk.session.access import AccessSettings
from kiosk.session.clock import Clock
from kiosk.session.codes import normalise_code
from kiosk.session.events import EventKind
from kiosk.session.consent import consent_document, script_of
from kiosk.session.drafts import CONSENT_OPTIONS as CONSENT_DRAFT
from kiosk.session.prototype_actions import PrototypeActions
from kiosk.session.answers import InvalidAction, checked_answer
from kiosk.session.drafts import Draft, question_draft
from kiosk.session.flow import CONSENT_PHASES, Outcome, Stage, StageKind, Step, build_stages
from kiosk.session.mode import Mode
from kiosk.session.lifecycle import first_rows, interruption, plan_snapshot
from kiosk.session.state import SessionState, reduce, replay
from kiosk.store.db import ParticipantTaken, Store, new_id
from kiosk.store.records import (ConsentRecord, ContactRecord, EventRecord, Heartbeat, IncompleteConsent,
                                  SessionRecord, SessionStatus)
from kiosk.study.loader import load_plan_text
from kiosk.study.model import ConsentMethod, ConsentOption, Question, QuestionKind, Study, Task
from kiosk.text import (ANSWER, ASSISTANCE, CONTACT, FACILITATOR, GUARDIAN, NOTE, REASON, WITNESS, InvalidText,
                        TextField, clean_text)

Listener = Callable[[EventRecord, SessionState], None]


def _clean(value: str, field: TextField) -> str:
    """Free text as it will be stored (see kiosk.text); refused text is an action the console can report."""
    try:
        return clean_text(value, field)
    except InvalidText as exc:
        raise InvalidAction(str(exc)).carried_by(exc) from None


class SessionEngine:
    def __init__(self, store: Store, record: SessionRecord, study: Study, clock: Clock,
                 state: SessionState | None = None) -> None:
        self.store = store
        self.record = record
        self.study = study
        self.clock = clock
        self.stages: tuple[Stage, ...] = build_stages(study, record.task_order)
        self.state = state or SessionState()
        self._listeners: list[Listener] = []

    # -- creating and resuming ----------------------------------------------------------------------

    @classmethod
    def start(cls, store: Store, study: Study, participant_code: str, clock: Clock, *,
              facilitator: str, participant_number: int | None = None, mode: str = Mode.ONE_SCREEN,
              language: str | None = None, guardian: str = "",
              access: AccessSettings | None = None) -> "SessionEngine":
        """Register the participant; ``guardian`` (name or code) marks a participant under 18; ``access``:
        the text size, reading aloud and pictures the facilitator chose for this participant."""
        code = normalise_code(participant_code, study.participant_code_pattern)
        facilitator, guardian = _clean(facilitator, FACILITATOR), _clean(guardian, GUARDIAN)
        if not facilitator.strip():
            raise InvalidAction("enter the facilitator's code or initials: consent records name who took them",
                                key="error.facilitator_needed")
        session_id = new_id()

        def build(number: int) -> tuple[SessionRecord, EventRecord]:
            return first_rows(study, session_id, store.laptop_id, code, number, clock, mode=mode, language=language,
                              facilitator=facilitator.strip(), guardian=guardian.strip(), access=access)

        try:
            record, first = store.start_session(plan_snapshot(study), study.id, code, participant_number, build)
        except ParticipantTaken as exc:
            raise InvalidAction(str(exc)).carried_by(exc) from None
        engine = cls(store, record, study, clock)
        engine.state = reduce(engine.state, first, engine.stages)
        return engine

    @classmethod
    def resume(cls, store: Store, session_id: str, clock: Clock) -> "SessionEngine":
        """Rebuild the state from the committed events, using the plan exactly as the session saw it."""
        record = store.session(session_id)
        events = store.events(session_id)
        if not events:
            raise InvalidAction(f"the session of {record.participant_code} was interrupted while it was being "
                                "created and holds nothing; start a new session", key="error.empty_session",
                                code=record.participant_code)
        # The text comes from the database; named inside the folder it was loaded from, so that
        # its consent audio clips are found there again (no file of that name exists to be read).
        name = Path(store.plan_folder(record.plan_hash)) / f"<plan {record.plan_hash[:12]} from the database>"
        study = load_plan_text(store.plan_source(record.plan_hash), name)
        engine = cls(store, record, study, clock)
        engine.state = replay(events, engine.stages)
        if engine.state.status is SessionStatus.IN_PROGRESS:
            beat = store.last_heartbeat(session_id)
            engine._commit(EventKind.SESSION_INTERRUPTED, interruption(engine.state, engine.step, beat, clock))
        return engine

    def heartbeat(self) -> None:
        """Note that the session is still alive (the Qt layer calls this every HEARTBEAT_SECONDS).

        After a crash, resume counts the time up to the last heartbeat as worked, not as interruption.
        """
        if self.state.status is not SessionStatus.IN_PROGRESS:
            return
        self.store.record_heartbeat(self.record.id, Heartbeat(
            self.clock.utc_now().isoformat(timespec="milliseconds"), self.clock.monotonic_ns(), self.clock.epoch))

    # -- reading --------------------------------------------------------------------------------------

    @property
    def step(self) -> Step:
        return self.state.step(self.stages)

    @property
    def stage(self) -> Stage:
        return self.state.stage(self.stages)

    @property
    def language(self) -> str:
        return self.state.language

    @property
    def prototype(self) -> PrototypeActions:
        """Actions on the current task's click-through prototype (taps, hints)."""
        return PrototypeActions(self)

    @property
    def current_task(self) -> Task | None:
        stage = self.stage
        return self.study.task(stage.task_id) if stage.task_id else None

    @property
    def task_number(self) -> int:
        """1-based position of the current task in this participant's order (0 before the first task)."""
        task = self.current_task
        return self.record.task_order.index(task.id) + 1 if task else 0

    @property
    def current_question(self) -> Question | None:
        stage = self.stage
        if stage.kind is StageKind.QUESTIONS and self.step is Step.QUESTION:
            return stage.questions[self.state.question_index]
        return None

    def task_active_seconds(self) -> float:
        return self.state.clock.active_at(self.clock.monotonic_ns()) / 1e9

    def can_go_back(self) -> bool:
        return self.step in CONSENT_PHASES or self.step is Step.CONSENT_VERBAL or (
            self.step is Step.QUESTION and self.state.question_index > 0)

    def permits(self, option: ConsentOption) -> bool:
        """Whether the participant agreed to ``option``; False before consent and after the session stops."""
        return self.state.status is SessionStatus.IN_PROGRESS and self.state.consent.get(option.value, False) is True

    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    # -- actions --------------------------------------------------------------------------------------

    def choose_language(self, language: str) -> None:
        if language not in self.study.languages:
            raise InvalidAction(f"{language!r} is not offered by this study ({', '.join(self.study.languages)})")
        self._require_active()
        if language != self.language:
            self._commit(EventKind.LANGUAGE_CHANGED, {"language": language})

    @property
    def access(self) -> AccessSettings:
        return self.state.access

    def set_access(self, access: AccessSettings, by: str = "facilitator") -> None:
        """Text size, reading aloud or pictures changed, by the facilitator or (text size) the participant."""
        self._require_active()
        if by not in ("facilitator", "participant"):
            raise ValueError(f"access changed by {by!r}: expected facilitator or participant")
        if access != self.access:
            self._commit(EventKind.ACCESS_CHANGED, {**access.payload(), "by": by, "step": self.step.value})

    def continue_from_welcome(self) -> None:
        self._require(Step.WELCOME)
        self._commit(EventKind.STEP_ADVANCED, {"from": Step.WELCOME.value})

    def read_consent(self) -> None:
        self._require(Step.CONSENT)
        self._commit(EventKind.CONSENT_READ, {"language": self.language, "version": self.study.consent.version})

    def choose_consent_options(self, options: dict[str, bool]) -> None:
        """The participant's yes/no per option; unticked by default, and taking part must be a yes."""
        self._require(Step.CONSENT_OPTIONS)
        offered = {o.value for o in self.study.consent.options}
        if set(options) != offered or not all(isinstance(v, bool) for v in options.values()):
            raise InvalidAction(f"answer yes or no to exactly these options: {', '.join(sorted(offered))}")
        if not options[ConsentOption.TAKE_PART.value]:
            raise InvalidAction("taking part must be agreed to; otherwise the participant declines")
        self._commit(EventKind.CONSENT_OPTIONS_CHOSEN, {"options": dict(options)})

    def confirm_consent_choices(self) -> None:
        self._require(Step.CONSENT_REVIEW)
        self._commit(EventKind.STEP_ADVANCED, {"from": Step.CONSENT_REVIEW.value})

    def request_verbal_consent(self) -> None:
        self._require(Step.CONSENT_METHOD)
        self._require_method(ConsentMethod.VERBAL)
        self._commit(EventKind.VERBAL_CONSENT_REQUESTED, {})

    def give_consent(self, method: ConsentMethod, signature_png: bytes | None = None, witness: str = "") -> None:
        """Record consent: a signature or mark image from the participant (or guardian), or verbal
        consent confirmed by the facilitator with an impartial witness. The consent record and its
        event are committed together; an incomplete record is refused before anything is written.
        """
        self._require(Step.CONSENT_VERBAL if method is ConsentMethod.VERBAL else Step.CONSENT_METHOD)
        self._require_method(method)
        witness = _clean(witness, WITNESS)
        now = self.clock.utc_now()
        options = dict(self.state.consent_choice)
        shown = consent_document(self.study, self.language)
        try:
            record = ConsentRecord(
                id=new_id(), session_id=self.record.id, participant_code=self.record.participant_code,
                study_id=self.study.id, plan_version=self.study.version, consent_version=self.study.consent.version,
                text_sha256=hashlib.sha256(shown.encode("utf-8")).hexdigest(), language=self.language,
                script=script_of(self.language), options=options, method=method.value,
                facilitator=self.record.facilitator, utc=now.isoformat(timespec="milliseconds"),
                local_time=now.astimezone().isoformat(timespec="seconds"), laptop_id=self.store.laptop_id,
                signature_png=signature_png if method is not ConsentMethod.VERBAL else None,
                witness=witness.strip(), guardian=self.record.guardian, required_guardian=self.record.minor,
                text=shown, app_version=APP_VERSION,
            )
        except IncompleteConsent as exc:
            raise InvalidAction(str(exc)).carried_by(exc) from None
        self._commit(EventKind.CONSENT_GIVEN, {
            "consent_id": record.id, "options": options, "method": method.value, "language": self.language,
            "script": record.script, "consent_version": record.consent_version, "text_sha256": record.text_sha256,
            "witness": record.witness, "guardian": record.guardian, "facilitator": record.facilitator,
            "app_version": record.app_version,
        }, consent=record)

    def decline_consent(self) -> None:
        self._require(*CONSENT_PHASES)
        self._commit(EventKind.CONSENT_DECLINED, {"step": self.step.value})

    def withdraw(self, reason: str = "") -> None:
        """Withdraw and keep what was recorded, during the session or any time after it ended
        (erasure is a store operation: see store.erasure)."""
        if self.state.status is SessionStatus.WITHDRAWN:
            raise InvalidAction("the participant has already withdrawn", key="error.already_withdrawn")
        reason = _clean(reason, REASON)
        self._commit(EventKind.PARTICIPANT_WITHDREW, {"reason": reason.strip() or "participant stopped",
                                                      "step": self.step.value, **self._task_payload()})

    def save_contact(self, contact: str) -> None:
        """Contact details go to their own table, only with consent; the event itself holds none."""
        self._require_active()
        if not self.permits(ConsentOption.FUTURE_CONTACT):
            raise InvalidAction("the participant did not agree to be contacted about future studies",
                                key="error.no_contact_consent")
        contact = _clean(contact, CONTACT)
        if not contact:
            raise InvalidAction("type a phone number or e-mail address", key="error.contact_empty")
        row = ContactRecord(new_id(), self.record.participant_code, self.study.id, self.record.id, contact.strip(),
                            self.clock.utc_now().isoformat(timespec="milliseconds"))
        self._commit(EventKind.CONTACT_SAVED, {}, contact=row)

    def _require_method(self, method: ConsentMethod) -> None:
        if method not in self.study.consent.methods:
            raise InvalidAction(f"this study does not offer {method.value} consent")

    def answer(self, value: object) -> None:
        question = self._require_question()
        if question.kind is QuestionKind.TEXT and isinstance(value, str):
            value = _clean(value, ANSWER)
        self._commit(EventKind.ANSWER_RECORDED, {
            "question_id": question.id, "block": self.stage.block.value if self.stage.block else None,
            "task_id": self.stage.task_id, "instrument": question.instrument, "item": question.item,
            "value": checked_answer(question, value), "language": self.language,
        })

    def save_draft(self, draft: Draft) -> None:
        """Keep the participant's unconfirmed choice on the current question (see session.drafts).

        Committed at once, so a language switch, Back or a crash never loses it; nothing is
        recorded as an answer until ``answer`` or ``skip_question``. An unchanged draft writes nothing.
        """
        question = self._require_question()
        value = draft.value
        if value in (None, "", []) or draft.prefer_not:
            value = None
        elif question.kind is QuestionKind.TEXT and isinstance(value, str):
            # Committed like the answer, so cleaned and limited like it (kiosk.text), not only at Next.
            value = _clean(value, ANSWER) or None
        else:
            value = checked_answer(question, value)
        clean = Draft(value, draft.prefer_not)
        if question_draft(self.state.drafts, self.state.answers, self.state.skipped, question) == clean:
            return
        self._commit(EventKind.DRAFT_SAVED, {"key": question.id, **clean.payload()})

    def save_consent_draft(self, options: dict[str, bool]) -> None:
        """Keep the ticks on the consent options screen until the participant confirms them."""
        self._require(Step.CONSENT_OPTIONS)
        offered = {o.value for o in self.study.consent.options}
        if not set(options) <= offered or not all(isinstance(v, bool) for v in options.values()):
            raise InvalidAction(f"consent options are yes or no to these: {', '.join(sorted(offered))}")
        current = self.state.drafts.get(CONSENT_DRAFT, {}).get("value")
        if current == options:
            return
        self._commit(EventKind.DRAFT_SAVED, {"key": CONSENT_DRAFT, "value": dict(options), "prefer_not": False})

    def skip_question(self) -> None:
        question = self._require_question()
        self._commit(EventKind.ANSWER_SKIPPED, {"question_id": question.id, "task_id": self.stage.task_id,
                                                "instrument": question.instrument, "item": question.item,
                                                "block": self.stage.block.value if self.stage.block else None})

    def go_back(self) -> None:
        if not self.can_go_back():
            raise InvalidAction("there is no earlier screen to go back to from here")
        self._commit(EventKind.WENT_BACK, {"from": self.step.value})

    def start_task(self) -> None:
        self._require(Step.INSTRUCTIONS)
        self._commit(EventKind.TASK_STARTED, self._task_payload())

    def pause_task(self) -> None:
        self._require(Step.RUNNING)
        self._commit(EventKind.TASK_PAUSED, self._task_payload())

    def resume_task(self) -> None:
        self._require(Step.PAUSED)
        self._commit(EventKind.TASK_RESUMED, self._task_payload())

    def end_task(self) -> None:
        self._require(Step.RUNNING, Step.PAUSED)
        self._commit(EventKind.TASK_ENDED, self._task_payload())

    def record_outcome(self, outcome: Outcome, assistance: str = "", *, by_goal: bool = False) -> None:
        """Record how the task went; from a running task this ends it first (one click on the console).
        ``by_goal``: the participant reached the prototype's goal, recorded as success without the facilitator
        (who can still change it: ``revise_outcome``)."""
        if outcome is Outcome.SKIPPED:
            raise InvalidAction("use skip_task to skip a task before it starts")
        assistance = _clean(assistance, ASSISTANCE)
        if outcome is Outcome.ASSISTED and not assistance.strip():
            raise InvalidAction("say what help was given for 'success with assistance'", key="error.assistance_needed")
        if self.step in (Step.RUNNING, Step.PAUSED):
            self.end_task()
        self._require(Step.OUTCOME)
        clock = self.state.clock
        self._commit(EventKind.OUTCOME_RECORDED, {
            **self._task_payload(), "outcome": outcome.value, "assistance": assistance.strip(),
            "active_ns": clock.active_ns, "paused_ns": clock.paused_ns, **({"by": "goal"} if by_goal else {}),
        })

    def revise_outcome(self, task_id: str, outcome: Outcome, assistance: str = "") -> None:
        """Change a recorded outcome (a goal reached by accident, a slip of the key); the first stays in the log."""
        if outcome is Outcome.SKIPPED:
            raise InvalidAction("a task that was done cannot be marked skipped afterwards")
        assistance = _clean(assistance, ASSISTANCE)
        if outcome is Outcome.ASSISTED and not assistance.strip():
            raise InvalidAction("say what help was given for 'success with assistance'", key="error.assistance_needed")
        recorded = [e for e in self.store.events(self.record.id) if e.payload.get("task_id") == task_id
                    and e.kind in (EventKind.OUTCOME_RECORDED, EventKind.OUTCOME_REVISED)]
        if not recorded:
            raise InvalidAction(f"task {task_id!r} has no outcome to change")
        self._commit(EventKind.OUTCOME_REVISED, {"task_id": task_id, "outcome": outcome.value,
                                                 "assistance": assistance.strip(),
                                                 "previous": recorded[-1].payload["outcome"]})

    def skip_task(self, reason: str = "") -> None:
        self._require(Step.INSTRUCTIONS)
        reason = _clean(reason, REASON)
        self._commit(EventKind.TASK_SKIPPED, {**self._task_payload(), "outcome": Outcome.SKIPPED.value,
                                              "reason": reason.strip()})

    def offer_stop(self) -> None:
        """Logged so a Stop pressed and taken back shows in the timeline (the facilitator may ask why)."""
        self._require_active()
        self._commit(EventKind.STOP_OFFERED, {"step": self.step.value, **self._task_payload()})

    def cancel_stop(self) -> None:
        self._require_active()
        self._commit(EventKind.STOP_CANCELLED, {"step": self.step.value, **self._task_payload()})

    def cancel_finish(self) -> None:
        """"I have finished", then "No, go back": the task goes on; its time is not touched."""
        self._require(Step.RUNNING, Step.PAUSED)
        self._commit(EventKind.FINISH_CANCELLED, {"step": self.step.value, **self._task_payload()})

    def request_help(self) -> None:
        self._require_active()
        self._commit(EventKind.HELP_REQUESTED, {"step": self.step.value, **self._task_payload()})

    def acknowledge_help(self) -> None:
        """The facilitator saw the help call; logged so a report can show how long the participant waited.
        Allowed after the session ended too, so a late acknowledgement is never refused."""
        if not self.state.help_pending:
            raise InvalidAction("no help call is waiting to be acknowledged")
        self._commit(EventKind.HELP_ACKNOWLEDGED, {"step": self.step.value, **self._task_payload()})

    def add_note(self, text: str, tags: Iterable[str] = ()) -> None:
        """Notes are allowed at any time, even after the end, since facilitators write them up late."""
        text = _clean(text, NOTE)
        if not text and not tags:
            raise InvalidAction("a note needs some text or a tag", key="error.note_empty")
        self._commit(EventKind.NOTE_ADDED, {"text": text.strip(), "tags": sorted(set(tags)),
                                            "step": self.step.value, **self._task_payload()})

    def finish(self) -> None:
        self._require(Step.CLOSING)
        self._commit(EventKind.SESSION_ENDED, {})

    def abandon(self, reason: str = "") -> None:
        self._require_active()
        reason = _clean(reason, REASON)
        self._commit(EventKind.SESSION_ABANDONED, {"reason": reason.strip(), "step": self.step.value,
                                                   **self._task_payload()})

    # -- internals ------------------------------------------------------------------------------------

    def _task_payload(self) -> dict[str, object]:
        task = self.current_task
        return {"task_id": task.id} if task else {}

    def _require(self, *steps: Step) -> None:
        if self.step not in steps:
            wanted = " or ".join(s.value for s in steps)
            raise InvalidAction(f"this needs the step {wanted}, but the session is at {self.step.value}")

    def _require_active(self) -> None:
        if self.state.status is not SessionStatus.IN_PROGRESS:
            raise InvalidAction(f"the session has {self.state.status.value}")

    def _require_question(self) -> Question:
        self._require(Step.QUESTION)
        question = self.current_question
        assert question is not None
        return question

    def _commit(self, kind: EventKind, payload: dict[str, object], consent: ConsentRecord | None = None,
                contact: ContactRecord | None = None) -> EventRecord:
        event = EventRecord(
            id=new_id(), session_id=self.record.id, seq=0, kind=kind.value,
            utc=self.clock.utc_now().isoformat(timespec="milliseconds"), mono_ns=self.clock.monotonic_ns(),
            clock_epoch=self.clock.epoch, laptop_id=self.store.laptop_id, payload=payload,
        )
        next_state = reduce(self.state, event, self.stages)
        committed = self.store.append_event(event, next_state.status, next_state.step(self.stages).value, consent,
                                            contact)
        self.state = next_state
        for listener in list(self._listeners):
            listener(committed, self.state)
        return committed

