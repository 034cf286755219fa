"""Per-session results derived from the event log: what reports, exports and the console read.

Results are computed, never stored twice, so a correction (an answer changed after going back) and
the raw events cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kiosk.metrics import sus_score
from kiosk.session.events import EventKind
from kiosk.session.flow import Outcome
from kiosk.session.language_use import LanguageUse, language_uses
from kiosk.store.records import EventRecord, SessionRecord, SessionStatus
from kiosk.study.model import Study


@dataclass(frozen=True)
class TaskResult:
    task_id: str
    position: int
    outcome: Outcome | None
    assistance: str
    active_seconds: float | None
    paused_seconds: float
    help_requests: int
    interrupted: bool
    seq: int | None
    started_utc: str | None
    ended_utc: str | None


@dataclass(frozen=True)
class Note:
    utc: str
    text: str
    tags: tuple[str, ...]
    task_id: str | None
    step: str


@dataclass(frozen=True)
class Answer:
    """One answer as last given (going back and answering again replaces it)."""

    question_id: str
    block: str | None
    task_id: str | None
    instrument: str | None
    item: str
    value: Any
    utc: str
    language: str


@dataclass(frozen=True)
class SessionSummary:
    record: SessionRecord
    language: str
    tasks: tuple[TaskResult, ...]
    answers: dict[str, Any]
    notes: tuple[Note, ...]
    started_utc: str
    ended_utc: str | None
    abandon_reason: str | None
    answer_rows: tuple[Answer, ...] = ()
    consent: dict[str, bool] = field(default_factory=dict)
    #: the SUS wording of the plan this session ran (its snapshot), which decides how SUS is scored
    sus_version: str = "standard"
    #: every language the session was shown in, first chosen first, with its time (``language`` is the last)
    language_uses: tuple[LanguageUse, ...] = ()

    def may_quote(self) -> bool:
        """Quotes from this participant may appear in reports and exports only with their consent."""
        return self.consent.get("quotes") is True

    def note_is_withheld(self, note: "Note") -> bool:
        return "quote" in note.tags and not self.may_quote()

    @property
    def completed(self) -> bool:
        return self.record.status is SessionStatus.ENDED

    def instrument_answers(self, instrument: str, task_id: str | None = None) -> dict[str, Any]:
        """Answers of one questionnaire (for one task, or the session-level one), by item."""
        return {a.item: a.value for a in self.answer_rows if a.instrument == instrument and a.task_id == task_id}

    def sus_responses(self) -> list[int] | None:
        """All ten SUS answers, or None if any was left unanswered (a partial SUS cannot be scored)."""
        items = self.instrument_answers("sus")
        values: list[Any] = [items.get(str(n)) for n in range(1, 11)]  # answers as stored: any JSON value or None
        return [int(v) for v in values] if all(isinstance(v, int) for v in values) else None

    def sus_score(self) -> float | None:
        """SUS scored by the rule of the session's own plan: a later plan version may word SUS differently."""
        responses = self.sus_responses()
        return sus_score(responses, self.sus_version) if responses is not None else None


def summarize(record: SessionRecord, events: list[EventRecord], study: Study | None = None) -> SessionSummary:
    """``study`` is the plan snapshot the session ran against (``store.plan_source(record.plan_hash)``)."""
    tasks: dict[str, dict[str, Any]] = {
        task_id: {"outcome": None, "assistance": "", "active": None, "paused": 0.0, "help": 0,
                  "interrupted": False, "seq": None, "started": None, "ended": None}
        for task_id in record.task_order
    }
    answers: dict[str, Any] = {}
    rows: dict[str, Answer] = {}
    notes: list[Note] = []
    consent: dict[str, bool] = {}
    language = ""
    started = events[0].utc if events else record.created_utc
    ended = None
    abandon_reason = None
    current_task: str | None = None
    for event in events:
        p = event.payload
        kind = EventKind(event.kind)
        task = tasks.get(p.get("task_id", "")) if "task_id" in p else None
        if kind is EventKind.SESSION_STARTED or kind is EventKind.LANGUAGE_CHANGED:
            language = p["language"]
        elif kind is EventKind.TASK_STARTED and task is not None:
            task["started"] = event.utc
            current_task = p["task_id"]
        elif kind is EventKind.OUTCOME_RECORDED and task is not None:
            task.update(outcome=Outcome(p["outcome"]), assistance=p.get("assistance", ""),
                        active=p["active_ns"] / 1e9, paused=p["paused_ns"] / 1e9, ended=event.utc)
            current_task = None
        elif kind is EventKind.OUTCOME_REVISED and task is not None:
            task.update(outcome=Outcome(p["outcome"]), assistance=p.get("assistance", ""))
        elif kind is EventKind.TASK_SKIPPED and task is not None:
            task.update(outcome=Outcome.SKIPPED, assistance=p.get("reason", ""), ended=event.utc)
        elif kind is EventKind.HELP_REQUESTED and task is not None:
            task["help"] += 1
        elif kind is EventKind.SESSION_INTERRUPTED and current_task in tasks:
            tasks[current_task]["interrupted"] = True
        elif kind is EventKind.ANSWER_RECORDED:
            answers[p["question_id"]] = p["value"]
            rows.pop(p["question_id"], None)  # re-answered: keep it in the order last given
            rows[p["question_id"]] = Answer(p["question_id"], p.get("block"), p.get("task_id"), p.get("instrument"),
                                            p.get("item", p["question_id"]), p["value"], event.utc,
                                            p.get("language", language))
            if p.get("instrument") == "seq" and p.get("task_id") in tasks:
                tasks[p["task_id"]]["seq"] = int(p["value"])
        elif kind is EventKind.ANSWER_SKIPPED:
            answers.pop(p["question_id"], None)
            rows.pop(p["question_id"], None)
            if p.get("instrument") == "seq" and p.get("task_id") in tasks:
                tasks[p["task_id"]]["seq"] = None
        elif kind is EventKind.NOTE_ADDED:
            notes.append(Note(event.utc, p.get("text", ""), tuple(p.get("tags", ())), p.get("task_id"), p.get("step", "")))
        elif kind is EventKind.CONSENT_GIVEN:
            consent = dict(p["options"])
        elif kind is EventKind.SESSION_ENDED:
            ended = event.utc
        elif kind in (EventKind.SESSION_ABANDONED, EventKind.PARTICIPANT_WITHDREW, EventKind.CONSENT_DECLINED):
            ended = ended or event.utc
            abandon_reason = p.get("reason", kind.value)
    results = tuple(
        TaskResult(task_id=tid, position=i + 1, outcome=t["outcome"], assistance=t["assistance"],
                   active_seconds=t["active"], paused_seconds=t["paused"], help_requests=t["help"],
                   interrupted=t["interrupted"], seq=t["seq"], started_utc=t["started"], ended_utc=t["ended"])
        for i, (tid, t) in enumerate(tasks.items())
    )
    return SessionSummary(record, language, results, answers, tuple(notes), started, ended, abandon_reason,
                          tuple(rows.values()), consent,
                          sus_version=study.options.sus_version if study is not None else "standard",
                          language_uses=language_uses(events))
