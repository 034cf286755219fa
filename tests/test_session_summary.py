"""A session's summary, rebuilt from its events, holds exactly what happened: field for field.

Reports and exports read nothing else, so a field left at its default (a lost assistance text, a
pause not carried, a note without its step) is a wrong report with no error. Written against the
mutants that survived `mutmut` on kiosk/session/summary.py (docs/testing.md).
"""

from __future__ import annotations

from conftest import consent
from kiosk.session import Outcome, SessionEngine
from kiosk.session.summary import Answer, Note, TaskResult, summarize



def _utc(seconds: int) -> str:
    minutes, seconds = divmod(seconds, 60)
    return f"2026-11-02T09:{minutes:02d}:{seconds:02d}.000+00:00"


def _scripted(store, study, clock):
    """Help, a pause, a note, assisted success; a skipped task; an interrupted task; an abandoned session."""
    engine = SessionEngine.start(store, study, "P-0201", clock, facilitator="F1", participant_number=1)
    clock.advance(1)
    engine.choose_language("en")
    engine.continue_from_welcome()
    consent(engine, "quotes")
    engine.answer("65-74")
    engine.skip_question()
    engine.answer(["phone"])
    clock.advance(5)                                   # 6 s
    engine.start_task()
    engine.request_help()
    clock.advance(10)
    engine.pause_task()
    clock.advance(10)
    engine.resume_task()
    clock.advance(20)                                  # 46 s
    engine.add_note("lost", ["confusion"])
    engine.record_outcome(Outcome.ASSISTED, "showed menu")
    engine.answer(6)
    engine.skip_task("no time")
    engine.start_task()
    clock.advance(20)                                  # 66 s: the app dies here; these 20 s count as interruption
    engine = SessionEngine.resume(store, engine.record.id, clock)
    clock.advance(15)                                  # 81 s
    engine.record_outcome(Outcome.SUCCESS)
    engine.skip_question()
    engine.abandon("fire alarm")
    return engine


def test_summary_holds_every_field_of_what_happened(store, demo_study, clock) -> None:
    engine = _scripted(store, demo_study, clock)
    s = summarize(store.session(engine.record.id), store.events(engine.record.id))
    first, second, third, *rest = engine.record.task_order
    assert s.tasks[0] == TaskResult(first, 1, Outcome.ASSISTED, "showed menu", 30.0, 10.0, 1, False, 6,
                                    _utc(6), _utc(46))
    assert s.tasks[1] == TaskResult(second, 2, Outcome.SKIPPED, "no time", None, 0.0, 0, False, None, None, _utc(46))
    assert s.tasks[2] == TaskResult(third, 3, Outcome.SUCCESS, "", 15.0, 0.0, 0, True, None, _utc(46), _utc(81))
    for position, (task_id, result) in enumerate(zip(rest, s.tasks[3:]), start=4):
        assert result == TaskResult(task_id, position, None, "", None, 0.0, 0, False, None, None, None)
    assert (s.language, s.started_utc, s.ended_utc, s.abandon_reason) == ("en", _utc(0), _utc(81), "fire alarm")
    assert s.notes == (Note(_utc(46), "lost", ("confusion",), first, "running"),)
    assert s.answers == {"age_band": "65-74", "devices": ["phone"], f"seq:{first}": 6}
    assert s.answer_rows == (
        Answer("age_band", "pre", None, None, "age_band", "65-74", _utc(1), "en"),
        Answer("devices", "pre", None, None, "devices", ["phone"], _utc(1), "en"),
        Answer(f"seq:{first}", "post_task", first, "seq", "seq", 6, _utc(46), "en"),
    )
    assert s.consent == {"audio": False, "clips_internal": False, "future_contact": False, "quotes": True,
                         "screen": False, "take_part": True}
    assert s.may_quote() and not s.completed
    assert s.instrument_answers("seq", first) == {"seq": 6} and s.instrument_answers("seq") == {}


def test_an_answer_given_again_replaces_the_first_and_a_skip_removes_it(store, demo_study, clock) -> None:
    engine = SessionEngine.start(store, demo_study, "P-0202", clock, facilitator="F1")
    engine.continue_from_welcome()
    consent(engine)
    engine.answer("65-74")
    engine.answer("never")
    engine.go_back()
    clock.advance(3)
    engine.answer("alone")
    engine.go_back()
    engine.go_back()
    engine.skip_question()
    s = summarize(store.session(engine.record.id), store.events(engine.record.id))
    assert s.answers == {"eservice_use": "alone"}
    assert [(a.question_id, a.value, a.utc) for a in s.answer_rows] == [("eservice_use", "alone", _utc(3))]
    assert s.language == demo_study.default_language and s.ended_utc is None and s.abandon_reason is None
    assert not s.may_quote() and s.consent["take_part"] is True


def test_a_session_with_no_events_starts_when_it_was_created(store, demo_study, clock) -> None:
    engine = SessionEngine.start(store, demo_study, "P-0204", clock, facilitator="F1")
    record = store.session(engine.record.id)
    s = summarize(record, [])
    assert s.started_utc == record.created_utc and s.language == "" and s.tasks[0].outcome is None
