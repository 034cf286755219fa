"""A session's summary after the less common paths: a late withdrawal, a re-answered SEQ, a crash
between tasks, an answer given again in another language.

Issue 8: written against kiosk/session/summary.py and state.py after the engine split (docs/testing.md,
"Mutation testing"); reports and exports read nothing but this summary.
"""

from __future__ import annotations

from conftest import consent
from sessions_helper import run_session

from kiosk.session import Outcome, SessionEngine
from kiosk.session.summary import summarize


def _summary(store, engine: SessionEngine):
    return summarize(store.session(engine.record.id), store.events(engine.record.id))


def test_withdrawing_after_the_end_keeps_the_end_time_and_records_the_reason(store, demo_study, clock) -> None:
    engine = run_session(store, demo_study, "S-0001", clock)
    ended = store.events(engine.record.id)[-1].utc
    clock.advance(3600)
    engine.withdraw("phoned the next day")
    s = _summary(store, engine)
    assert (s.ended_utc, s.abandon_reason) == (ended, "phoned the next day")
    assert store.session(engine.record.id).status.value == "withdrawn" and not s.completed


FELT = """
[[post_task_questions]]
id = "felt"
kind = "single_choice"
text = { sr-Cyrl = "Како је било?", en = "How was it?", hu = "Milyen volt?" }
choices = [{ id = "fine", label = { sr-Cyrl = "Добро", en = "Fine", hu = "Jó" } },
           { id = "hard", label = { sr-Cyrl = "Тешко", en = "Hard", hu = "Nehéz" } }]
"""


def test_a_seq_answer_taken_back_leaves_the_task_unrated(store, clock) -> None:
    from kiosk.resources import demo_plan_path
    from kiosk.study import load_plan_text

    study = load_plan_text(demo_plan_path().read_text(encoding="utf-8") + FELT)
    engine = SessionEngine.start(store, study, "S-0002", clock, facilitator="F1")
    engine.continue_from_welcome()
    consent(engine)
    engine.answer("50-64")
    engine.answer("never")
    engine.answer(["phone"])
    engine.start_task()
    engine.record_outcome(Outcome.SUCCESS)
    engine.answer(6)
    assert _summary(store, engine).tasks[0].seq == 6
    engine.go_back()  # from "How was it?" back to the SEQ, and "I prefer not to answer" this time
    engine.skip_question()
    s = _summary(store, engine)
    assert s.tasks[0].seq is None and f"seq:{engine.record.task_order[0]}" not in s.answers
    assert engine.current_question.id == f"felt:{engine.record.task_order[0]}"


def test_a_crash_between_tasks_marks_no_task_interrupted(store, demo_study, clock) -> None:
    engine = SessionEngine.start(store, demo_study, "S-0003", clock, facilitator="F1")
    engine.continue_from_welcome()
    consent(engine)
    engine.answer("50-64")
    engine.answer("never")
    engine.answer(["phone"])
    engine.start_task()
    clock.advance(30)
    engine.record_outcome(Outcome.PARTIAL)
    clock.advance(60)
    resumed = SessionEngine.resume(store, engine.record.id, clock)  # the crash came on the SEQ screen
    resumed.answer(4)
    resumed.start_task()
    clock.advance(10)
    resumed.record_outcome(Outcome.SUCCESS)
    s = _summary(store, resumed)
    assert [(t.outcome, t.active_seconds, t.interrupted, t.seq) for t in s.tasks[:2]] == [
        (Outcome.PARTIAL, 30.0, False, 4), (Outcome.SUCCESS, 10.0, False, None)]


def test_an_answer_keeps_the_language_it_was_given_in(store, demo_study, clock) -> None:
    engine = SessionEngine.start(store, demo_study, "S-0004", clock, facilitator="F1")
    engine.continue_from_welcome()
    consent(engine)
    engine.answer("50-64")
    engine.choose_language("en")
    engine.answer("never")
    s = _summary(store, engine)
    assert [(a.question_id, a.language) for a in s.answer_rows] == [("age_band", "sr-Cyrl"), ("eservice_use", "en")]
    assert s.language == "en"
