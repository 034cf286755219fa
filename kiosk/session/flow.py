"""The shape of a session, derived from the plan and the participant's task order.

A session is a list of stages (welcome, consent, question blocks, tasks, closing); the state is a
position in that list. Deriving it keeps the engine free of plan-specific branches.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from kiosk.study.instruments import instrument_questions
from kiosk.study.model import Question, Study


class StageKind(StrEnum):
    WELCOME = "welcome"
    CONSENT = "consent"
    QUESTIONS = "questions"
    TASK = "task"
    CLOSING = "closing"


class Step(StrEnum):
    """What the session is doing now, as the console and participant screens show it."""

    WELCOME = "welcome"
    CONSENT = "consent"
    CONSENT_OPTIONS = "consent_options"
    CONSENT_REVIEW = "consent_review"
    CONSENT_METHOD = "consent_method"
    CONSENT_VERBAL = "consent_verbal"
    QUESTION = "question"
    INSTRUCTIONS = "instructions"
    RUNNING = "running"
    PAUSED = "paused"
    OUTCOME = "outcome"
    CLOSING = "closing"
    ENDED = "ended"
    ABANDONED = "abandoned"
    WITHDRAWN = "withdrawn"


#: the consent stage's screens, in order
CONSENT_PHASES = (Step.CONSENT, Step.CONSENT_OPTIONS, Step.CONSENT_REVIEW, Step.CONSENT_METHOD)


class Outcome(StrEnum):
    SUCCESS = "success"
    ASSISTED = "assisted"
    PARTIAL = "partial"
    FAILED = "failed"
    GAVE_UP = "gave_up"
    SKIPPED = "skipped"

    @property
    def counts_as_success(self) -> bool:
        """Sauro & Lewis count assisted completions as failures for the completion rate."""
        return self is Outcome.SUCCESS


class Block(StrEnum):
    PRE = "pre"
    POST_TASK = "post_task"
    POST_SESSION = "post_session"


@dataclass(frozen=True)
class Stage:
    kind: StageKind
    block: Block | None = None
    task_id: str | None = None
    questions: tuple[Question, ...] = ()


def build_stages(study: Study, task_order: tuple[str, ...]) -> tuple[Stage, ...]:
    stages: list[Stage] = [Stage(StageKind.WELCOME), Stage(StageKind.CONSENT)]
    if study.pre_questions:
        stages.append(Stage(StageKind.QUESTIONS, Block.PRE,
                            questions=tuple(replace(q, item=q.id) for q in study.pre_questions)))
    for task_id in task_order:
        study.task(task_id)  # a snapshot's order must name the plan's tasks
        stages.append(Stage(StageKind.TASK, task_id=task_id))
        post = tuple(q for name in study.after_each_task for q in instrument_questions(name, task_id, study.options))
        # Custom questions repeat after every task: scope their ids to the task, so Back never
        # shows another task's answer; ``item`` keeps the plan's id for analysis.
        post += tuple(replace(q, id=f"{q.id}:{task_id}", item=q.id) for q in study.post_task_questions)
        if post:
            stages.append(Stage(StageKind.QUESTIONS, Block.POST_TASK, task_id=task_id, questions=post))
    post_session = tuple(q for name in study.after_last_task for q in instrument_questions(name, None, study.options))
    post_session += tuple(replace(q, item=q.id) for q in study.post_session_questions)
    if post_session:
        stages.append(Stage(StageKind.QUESTIONS, Block.POST_SESSION, questions=post_session))
    stages.append(Stage(StageKind.CLOSING))
    return tuple(stages)
