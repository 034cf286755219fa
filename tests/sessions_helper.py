"""Walk a whole session through the real engine with chosen SUS answers, notes and assistance text."""

from __future__ import annotations

from collections.abc import Sequence

from conftest import consent

from kiosk.session import Outcome, SessionEngine, Step
from kiosk.study.model import QuestionKind, Study


def run_session(store, study: Study, code: str, clock, *, sus: Sequence[int] = (4, 2) * 5, note: str = "",
                assistance: str = "", answer_text: str = "ok", end: bool = True,
                signature: bytes | None = None) -> SessionEngine:
    """Every task ends in success (or assisted, with ``assistance``, for the first task)."""
    engine = SessionEngine.start(store, study, code, clock, facilitator="F1")
    engine.continue_from_welcome()
    consent(engine, "quotes", signature=signature)
    first_task = True
    while engine.step not in (Step.CLOSING, Step.ENDED):
        if engine.step is Step.QUESTION:
            question = engine.current_question
            if question.instrument == "sus":
                engine.answer(sus[int(question.item) - 1])
            elif question.instrument == "seq":
                engine.answer(6)
            elif question.kind is QuestionKind.SINGLE_CHOICE or question.choices:
                first = question.choices[0].id
                engine.answer(first if question.kind is QuestionKind.SINGLE_CHOICE else [first])
            elif question.kind is QuestionKind.LIKERT:
                engine.answer(question.scale_values[0])
            else:
                engine.answer(answer_text)
        elif engine.step is Step.INSTRUCTIONS:
            engine.start_task()
            clock.advance(60)
            if note:
                engine.add_note(note, ["confusion"])
            if first_task and assistance:
                engine.record_outcome(Outcome.ASSISTED, assistance)
            else:
                engine.record_outcome(Outcome.SUCCESS)
            first_task = False
        else:
            raise AssertionError(f"unexpected step {engine.step}")
    if end:
        engine.finish()
    return engine
