"""What Back shows after an answer was confirmed with a value other than the last saved draft.

Issue 8: written against the mutants of kiosk/session/state.py (docs/testing.md, "Mutation testing").
A written answer's draft is saved when the screen flushes it (a language switch, a crash), not at every
key, so the text confirmed at Next can be longer than the last draft: the answer must replace it.
"""

from __future__ import annotations

from conftest import consent

from kiosk.session import SessionEngine
from kiosk.session.drafts import Draft, question_draft


def test_back_shows_the_confirmed_answer_not_an_older_draft(store, demo_study, clock) -> None:
    engine = SessionEngine.start(store, demo_study, "D-0001", clock, facilitator="F1")
    engine.continue_from_welcome()
    consent(engine)
    question = engine.current_question
    engine.save_draft(Draft("65-74"))
    engine.answer("50-64")
    engine.go_back()
    assert engine.current_question == question
    shown = question_draft(engine.state.drafts, engine.state.answers, engine.state.skipped, question)
    assert shown == Draft("50-64") and question.id not in engine.state.drafts
