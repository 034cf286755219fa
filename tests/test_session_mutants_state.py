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


def test_back_shows_a_skip_not_the_choice_tapped_before_it(store, demo_study, clock) -> None:
    engine = SessionEngine.start(store, demo_study, "D-0002", clock, facilitator="F1")
    engine.continue_from_welcome()
    consent(engine)
    question = engine.current_question
    engine.save_draft(Draft("65-74"))
    engine.skip_question()  # "I prefer not to answer" after all
    engine.go_back()
    shown = question_draft(engine.state.drafts, engine.state.answers, engine.state.skipped, question)
    assert shown == Draft(prefer_not=True) and question.id not in engine.state.drafts


def test_back_walks_the_consent_screens_one_at_a_time(store, demo_study, clock) -> None:
    from kiosk.session import Step

    engine = SessionEngine.start(store, demo_study, "D-0003", clock, facilitator="F1")
    engine.continue_from_welcome()
    engine.read_consent()
    engine.choose_consent_options({o.value: o.value == "take_part" for o in demo_study.consent.options})
    engine.confirm_consent_choices()
    engine.request_verbal_consent()
    seen = [engine.step]
    for _ in range(4):
        engine.go_back()
        seen.append(engine.step)
    assert seen == [Step.CONSENT_VERBAL, Step.CONSENT_METHOD, Step.CONSENT_REVIEW, Step.CONSENT_OPTIONS, Step.CONSENT]


def _running(store, study, clock, code: str) -> SessionEngine:
    engine = SessionEngine.start(store, study, code, clock, facilitator="F1")
    engine.continue_from_welcome()
    consent(engine)
    engine.answer("50-64")
    engine.answer("never")
    engine.answer(["phone"])
    engine.start_task()
    return engine


def _times(store, engine: SessionEngine) -> tuple[float | None, float]:
    from kiosk.session.summary import summarize

    task = summarize(store.session(engine.record.id), store.events(engine.record.id)).tasks[0]
    return task.active_seconds, task.paused_seconds


def test_a_task_ended_while_paused_counts_the_pause_up_to_the_end(store, demo_study, clock) -> None:
    from kiosk.session import Outcome

    engine = _running(store, demo_study, clock, "D-0004")
    clock.advance(10)
    engine.pause_task()
    clock.advance(5)
    engine.record_outcome(Outcome.GAVE_UP)  # the facilitator ends the task from the pause
    assert _times(store, engine) == (10.0, 5.0)


def test_a_pause_that_outlives_a_crash_keeps_counting_after_resume(store, demo_study, clock) -> None:
    from kiosk.session import Outcome, Step

    engine = _running(store, demo_study, clock, "D-0005")
    clock.advance(10)
    engine.pause_task()
    clock.advance(25)  # the app dies during the pause: with no heartbeat, these 25 s count as neither
    engine = SessionEngine.resume(store, engine.record.id, clock)
    assert engine.step is Step.PAUSED
    clock.advance(7)
    engine.resume_task()
    clock.advance(3)
    engine.record_outcome(Outcome.SUCCESS)
    assert _times(store, engine) == (13.0, 7.0)  # the pause goes on counting after the restart


def test_a_task_ended_before_a_crash_does_not_start_counting_again(store, demo_study, clock) -> None:
    """The console shows a task's time on the outcome screen too: a restart must not set it running."""
    from kiosk.session import Step

    engine = _running(store, demo_study, clock, "D-0006")
    clock.advance(10)
    engine.end_task()
    clock.advance(20)
    engine = SessionEngine.resume(store, engine.record.id, clock)
    clock.advance(30)
    assert engine.step is Step.OUTCOME and engine.task_active_seconds() == 10.0
