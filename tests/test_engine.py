"""Session engine: transitions, durations without pauses, outcomes, notes, resume by replay."""

from __future__ import annotations

import pytest

from conftest import consent
from kiosk.session import InvalidAction, Outcome, SessionEngine, Step
from kiosk.session.codes import InvalidParticipantCode, generate_code, normalise_code
from kiosk.session.summary import summarize
from kiosk.store import SessionStatus


def _to_first_task(engine: SessionEngine) -> None:
    engine.continue_from_welcome()
    consent(engine)
    engine.answer("65-74")
    engine.answer("never")
    engine.answer(["phone", "tablet"])


def test_full_session_walks_every_step(store, demo_study, clock) -> None:
    engine = SessionEngine.start(store, demo_study, "p-0001", clock, facilitator="F1", participant_number=1)
    seen = [engine.step]
    assert engine.record.participant_code == "P-0001"
    engine.choose_language("en")
    engine.continue_from_welcome()
    seen.append(engine.step)
    consent(engine)
    while engine.step is Step.QUESTION:
        seen.append(engine.step)
        question = engine.current_question
        first = question.choices[0].id
        engine.answer(first if question.kind.value == "single_choice" else [first])
    for number in range(1, 6):
        assert engine.step is Step.INSTRUCTIONS and engine.task_number == number
        engine.start_task()
        clock.advance(60)
        engine.record_outcome(Outcome.SUCCESS)
        assert engine.step is Step.QUESTION and engine.current_question.instrument == "seq"
        engine.answer(6)
    for n in range(10):
        assert engine.current_question.id == f"sus:{n + 1}"
        engine.answer(4 if n % 2 == 0 else 2)
    assert engine.current_question.id == "would_use"
    engine.answer("with-help")
    assert engine.current_question.id == "anything_else"
    engine.answer("Bigger buttons, please")
    assert engine.step is Step.CLOSING
    engine.finish()
    assert engine.step is Step.ENDED
    assert store.session(engine.record.id).status is SessionStatus.ENDED
    summary = summarize(store.session(engine.record.id), store.events(engine.record.id))
    assert [t.outcome for t in summary.tasks] == [Outcome.SUCCESS] * 5
    assert all(t.seq == 6 and t.active_seconds == 60 for t in summary.tasks)
    assert summary.sus_responses() == [4, 2] * 5
    assert summary.language == "en"


def test_pauses_are_excluded_from_task_time_and_recorded(store, demo_study, clock) -> None:
    engine = SessionEngine.start(store, demo_study, "P-0002", clock, facilitator="F1")
    _to_first_task(engine)
    engine.start_task()
    clock.advance(40)
    engine.pause_task()
    clock.advance(300)
    engine.resume_task()
    clock.advance(20)
    assert engine.task_active_seconds() == pytest.approx(60)
    engine.end_task()
    assert engine.step is Step.OUTCOME
    clock.advance(30)  # time spent choosing the outcome is not task time
    engine.record_outcome(Outcome.PARTIAL)
    outcome = store.events(engine.record.id)[-1]
    assert outcome.kind == "outcome_recorded"
    assert outcome.payload["active_ns"] == 60 * 10**9
    assert outcome.payload["paused_ns"] == 300 * 10**9


def test_actions_out_of_order_are_refused_with_a_reason(store, demo_study, clock) -> None:
    engine = SessionEngine.start(store, demo_study, "P-0003", clock, facilitator="F1")
    with pytest.raises(InvalidAction, match="needs the step instructions"):
        engine.start_task()
    with pytest.raises(InvalidAction, match="needs the step question"):
        engine.answer(3)
    with pytest.raises(InvalidAction, match="not offered"):
        engine.choose_language("de")
    count = len(store.events(engine.record.id))
    assert count == 1  # refused actions write nothing


def test_assisted_success_needs_the_help_given(store, demo_study, clock) -> None:
    engine = SessionEngine.start(store, demo_study, "P-0004", clock, facilitator="F1")
    _to_first_task(engine)
    engine.start_task()
    with pytest.raises(InvalidAction, match="what help was given"):
        engine.record_outcome(Outcome.ASSISTED)
    engine.record_outcome(Outcome.ASSISTED, "Pointed at the menu")
    assert store.events(engine.record.id)[-1].payload["assistance"] == "Pointed at the menu"


def test_skipping_a_task_skips_its_seq(store, demo_study, clock) -> None:
    engine = SessionEngine.start(store, demo_study, "P-0005", clock, facilitator="F1")
    _to_first_task(engine)
    first = engine.current_task.id
    engine.skip_task("prototype crashed")
    assert engine.step is Step.INSTRUCTIONS and engine.current_task.id != first
    summary = summarize(store.session(engine.record.id), store.events(engine.record.id))
    assert summary.tasks[0].outcome is Outcome.SKIPPED and summary.tasks[0].seq is None


def test_back_within_questions_and_the_last_answer_wins(store, demo_study, clock) -> None:
    engine = SessionEngine.start(store, demo_study, "P-0006", clock, facilitator="F1")
    engine.continue_from_welcome()
    assert engine.can_go_back()
    engine.go_back()
    assert engine.step is Step.WELCOME
    engine.continue_from_welcome()
    consent(engine)
    assert not engine.can_go_back()  # consent cannot be un-given by Back
    engine.answer("18-34")
    engine.go_back()
    assert engine.current_question.id == "age_band" and engine.state.answers["age_band"] == "18-34"
    engine.answer("75-plus")
    engine.skip_question()
    summary = summarize(store.session(engine.record.id), store.events(engine.record.id))
    assert summary.answers == {"age_band": "75-plus"}


def test_help_and_notes_are_recorded_without_moving(store, demo_study, clock) -> None:
    engine = SessionEngine.start(store, demo_study, "P-0007", clock, facilitator="F1")
    _to_first_task(engine)
    engine.start_task()
    engine.request_help()
    engine.add_note("Looks for the Next button", ["confusion"])
    assert engine.step is Step.RUNNING
    engine.record_outcome(Outcome.FAILED)
    summary = summarize(store.session(engine.record.id), store.events(engine.record.id))
    assert summary.tasks[0].help_requests == 1
    assert summary.notes[0].tags == ("confusion",) and summary.notes[0].task_id == engine.record.task_order[0]
    with pytest.raises(InvalidAction):
        engine.add_note("   ")


def test_abandon_at_any_point_keeps_what_was_recorded(store, demo_study, clock) -> None:
    engine = SessionEngine.start(store, demo_study, "P-0008", clock, facilitator="F1")
    _to_first_task(engine)
    engine.start_task()
    engine.abandon("participant unwell")
    assert engine.step is Step.ABANDONED
    record = store.session(engine.record.id)
    assert record.status is SessionStatus.ABANDONED
    assert len(store.events(engine.record.id)) == 11  # start, welcome, 4 consent steps, 3 answers, task, abandon
    with pytest.raises(InvalidAction, match="abandoned"):
        engine.request_help()


def test_counterbalanced_order_is_stored_with_the_session(store, demo_study, clock) -> None:
    a = SessionEngine.start(store, demo_study, "P-0101", clock, facilitator="F1")
    b = SessionEngine.start(store, demo_study, "P-0102", clock, facilitator="F1")
    assert (a.record.participant_number, b.record.participant_number) == (1, 2)
    assert a.record.task_order != b.record.task_order
    assert sorted(a.record.task_order) == sorted(t.id for t in demo_study.tasks)
    assert store.session(b.record.id).task_order == b.record.task_order


def test_resume_rebuilds_the_exact_step_from_the_plan_snapshot(store, demo_study, clock, tmp_path) -> None:
    engine = SessionEngine.start(store, demo_study, "P-0009", clock, facilitator="F1")
    _to_first_task(engine)
    engine.start_task()
    clock.advance(45)
    engine.add_note("quote", ["quote"])
    before = engine.state
    clock.advance(600)  # the process is dead for ten minutes
    resumed = SessionEngine.resume(store, engine.record.id, clock)
    assert resumed.step is Step.RUNNING
    assert resumed.current_task.id == engine.current_task.id
    assert resumed.state.answers == before.answers
    interrupted = store.events(engine.record.id)[-1]
    assert interrupted.kind == "session_interrupted" and interrupted.payload["gap_seconds"] == 600
    clock.advance(15)
    resumed.record_outcome(Outcome.SUCCESS)
    outcome = store.events(engine.record.id)[-1].payload
    assert outcome["active_ns"] == 60 * 10**9  # 45 s before the crash + 15 s after; the gap is excluded
    summary = summarize(store.session(engine.record.id), store.events(engine.record.id))
    assert summary.tasks[0].interrupted


def test_answers_outside_the_question_are_refused(store, demo_study, clock) -> None:
    engine = SessionEngine.start(store, demo_study, "P-0011", clock, facilitator="F1")
    engine.continue_from_welcome()
    consent(engine)
    for bad in ("90-99", ["18-34"], None, 3):
        with pytest.raises(InvalidAction, match="not a choice"):
            engine.answer(bad)
    engine.answer("18-34")
    engine.answer("never")
    with pytest.raises(InvalidAction, match="not a selection"):
        engine.answer(["phone", "fax"])
    engine.answer(["computer", "phone", "computer"])
    assert engine.state.answers["devices"] == ["phone", "computer"]  # plan order, no duplicates
    engine.start_task()
    engine.record_outcome(Outcome.SUCCESS)
    for bad in (0, 8, 3.5, True, "5"):
        with pytest.raises(InvalidAction, match="not on the scale"):
            engine.answer(bad)
    engine.answer(7)


def test_participant_codes_keep_names_out() -> None:
    assert normalise_code(" p-0042 ") == "P-0042"
    for bad in ("Marko Petrović", "MARKO", "ab", "P_0042!", "X" * 17):
        with pytest.raises(InvalidParticipantCode):
            normalise_code(bad)
    code = generate_code({"P-2222"})
    assert normalise_code(code) == code


def test_full_disk_refuses_the_action_and_keeps_everything_before(store, demo_study, clock) -> None:
    """SQLITE_FULL (here via max_page_count, as a full disk reports it) must not advance the session."""
    from kiosk.store import StoreError

    engine = SessionEngine.start(store, demo_study, "P-0010", clock, facilitator="F1")
    confirmed: list[str] = []
    engine.add_listener(lambda event, state: confirmed.append(event.id))
    _to_first_task(engine)
    engine.start_task()
    pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
    store._conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StoreError, match="disk is full: nothing new was saved"):
        for n in range(500):
            engine.add_note("x" * 2000 + str(n))
    stored = store.events(engine.record.id)
    assert [e.id for e in stored][-len(confirmed):] == confirmed  # every confirmed event is on disk
    assert engine.state.event_count == len(stored)  # and the state holds nothing that is not
    assert engine.step is Step.RUNNING
    store._conn.execute("PRAGMA max_page_count = 1073741823")  # space freed: carry on
    engine.record_outcome(Outcome.SUCCESS)
    assert store.events(engine.record.id)[-1].kind == "outcome_recorded"
