"""A session's results when something happens twice: two help calls in one task, an answer changed
after going back.

Issue 8: written against the mutants of kiosk/session/summary.py that survived `mutmut` on the split
engine (docs/testing.md, "Mutation testing"); reports and exports read nothing but this summary.
"""

from __future__ import annotations

from conftest import consent

from kiosk.session import Outcome, SessionEngine
from kiosk.session.summary import summarize


def _summary(store, engine: SessionEngine):
    return summarize(store.session(engine.record.id), store.events(engine.record.id))


def _at_first_question(store, study, clock, code: str) -> SessionEngine:
    engine = SessionEngine.start(store, study, code, clock, facilitator="F1")
    engine.continue_from_welcome()
    consent(engine)
    return engine


def test_every_help_call_in_a_task_is_counted(store, demo_study, clock) -> None:
    engine = _at_first_question(store, demo_study, clock, "H-0001")
    engine.answer("50-64")
    engine.answer("never")
    engine.answer(["phone"])
    engine.start_task()
    engine.request_help()
    clock.advance(5)
    engine.acknowledge_help()
    engine.request_help()
    engine.request_help()  # the participant pressed again before the facilitator came
    engine.record_outcome(Outcome.SUCCESS)
    first, second = _summary(store, engine).tasks[:2]
    assert (first.help_requests, second.help_requests) == (3, 0)


def test_an_answer_changed_after_going_back_moves_to_the_end_of_the_answers(store, demo_study, clock) -> None:
    """Answers are listed in the order they were last given, so an export shows the change where it happened."""
    engine = _at_first_question(store, demo_study, clock, "H-0002")
    engine.answer("65-74")
    engine.answer("never")
    engine.go_back()
    engine.go_back()
    clock.advance(7)
    engine.answer("50-64")
    s = _summary(store, engine)
    assert [(a.question_id, a.value) for a in s.answer_rows] == [("eservice_use", "never"), ("age_band", "50-64")]
    assert s.answers == {"age_band": "50-64", "eservice_use": "never"}
    assert s.answer_rows[1].utc == "2026-11-02T09:00:07.000+00:00"


FELT = """
[[post_task_questions]]
id = "felt"
kind = "single_choice"
text = { sr-Cyrl = "Како је било?", en = "How was it?", hu = "Milyen volt?" }
choices = [{ id = "fine", label = { sr-Cyrl = "Добро", en = "Fine", hu = "Jó" } },
           { id = "hard", label = { sr-Cyrl = "Тешко", en = "Hard", hu = "Nehéz" } }]
"""


def test_skipping_another_question_after_a_task_keeps_its_seq_rating(store, clock) -> None:
    from kiosk.resources import demo_plan_path
    from kiosk.study import load_plan_text

    study = load_plan_text(demo_plan_path().read_text(encoding="utf-8") + FELT)
    engine = _at_first_question(store, study, clock, "H-0003")
    engine.answer("50-64")
    engine.answer("never")
    engine.answer(["phone"])
    engine.start_task()
    engine.record_outcome(Outcome.SUCCESS)
    engine.answer(6)
    task = engine.record.task_order[0]
    assert engine.current_question.id == f"felt:{task}"
    engine.skip_question()  # "I prefer not to answer" to the plan's own question, not to the SEQ
    s = _summary(store, engine)
    assert s.tasks[0].seq == 6 and s.answers == {"age_band": "50-64", "eservice_use": "never",
                                                 "devices": ["phone"], f"seq:{task}": 6}


def test_a_summary_made_without_the_plan_scores_sus_by_the_standard_rule(store, demo_study, clock) -> None:
    from sessions_helper import run_session

    engine = run_session(store, demo_study, "H-0004", clock, sus=(4, 2) * 5)
    s = _summary(store, engine)  # no plan given: the standard wording, odd items r - 1, even items 5 - r
    assert (s.sus_version, s.sus_responses(), s.sus_score()) == ("standard", [4, 2] * 5, 75.0)
