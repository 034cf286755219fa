"""The engine's refusals say what to do, drafts are stored as the participant left them, and times are exact.

Issue 8: written against the mutants that survived `mutmut` on kiosk/session/engine.py after the engine
was split (docs/testing.md, "Mutation testing"). The console shows an ``InvalidAction``'s message as it
is, so each refusal is checked word for word; a draft is checked as the exact payload replay reads back.
"""

from __future__ import annotations

import re
import sqlite3

import pytest

from conftest import consent
from kiosk.resources import demo_plan_path
from kiosk.session import InvalidAction, Outcome, SessionEngine, Step
from kiosk.session.drafts import CONSENT_OPTIONS, Draft, question_draft
from kiosk.study import load_plan_text
from kiosk.study.model import ConsentOption

COMMENT = """
[[pre_questions]]
id = "comment"
kind = "text"
text = { sr-Cyrl = "Још нешто?", en = "Anything else?" }
"""


def _refused(message: str):
    """The whole message, as the console shows it."""
    return pytest.raises(InvalidAction, match=f"^{re.escape(message)}$")


def _at_questions(store, study, clock, code: str) -> SessionEngine:
    engine = SessionEngine.start(store, study, code, clock, facilitator="F1")
    engine.continue_from_welcome()
    consent(engine)
    return engine


def _last(store, engine: SessionEngine):
    event = store.events(engine.record.id)[-1]
    return event.kind, event.payload


# -- refusals -----------------------------------------------------------------------------------------


def test_each_refusal_says_what_is_wrong(store, demo_study, clock) -> None:
    engine = SessionEngine.start(store, demo_study, "E-0001", clock, facilitator="F1")
    with _refused("there is no earlier screen to go back to from here"):
        engine.go_back()
    with _refused("no help call is waiting to be acknowledged"):
        engine.acknowledge_help()
    engine.continue_from_welcome()
    consent(engine)
    with _refused("the participant did not agree to be contacted about future studies"):
        engine.save_contact("ana@example.org")
    engine.withdraw()
    with _refused("the participant has already withdrawn"):
        engine.withdraw()
    assert [e.kind for e in store.events(engine.record.id)].count("participant_withdrew") == 1


def test_an_empty_contact_is_refused_and_a_saved_one_has_its_own_id(store, demo_study, clock) -> None:
    engine = SessionEngine.start(store, demo_study, "E-0002", clock, facilitator="F1")
    engine.continue_from_welcome()
    consent(engine, "future_contact")
    with _refused("type a phone number or e-mail address"):
        engine.save_contact(" \u202e ")
    engine.save_contact("ana@example.org")
    [(row_id, contact)] = sqlite3.connect(store.path).execute("SELECT id, contact FROM contacts").fetchall()
    assert contact == "ana@example.org" and re.fullmatch(r"[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}", row_id)
    assert _last(store, engine) == ("contact_saved", {})


def test_consent_ticks_outside_the_plans_options_are_refused(store, demo_study, clock) -> None:
    engine = SessionEngine.start(store, demo_study, "E-0003", clock, facilitator="F1")
    engine.continue_from_welcome()
    engine.read_consent()
    offered = "audio, clips_internal, future_contact, quotes, screen, take_part"
    before = len(store.events(engine.record.id))
    for bad in ({"take_part": True, "video": True}, {"take_part": "yes"}):
        with _refused(f"consent options are yes or no to these: {offered}"):
            engine.save_consent_draft(bad)
    assert len(store.events(engine.record.id)) == before


# -- drafts -------------------------------------------------------------------------------------------


def test_every_consent_option_may_be_ticked_in_a_draft_and_an_unchanged_draft_writes_nothing(
        store, demo_study, clock) -> None:
    engine = SessionEngine.start(store, demo_study, "E-0004", clock, facilitator="F1")
    engine.continue_from_welcome()
    engine.read_consent()
    every = {o.value: True for o in demo_study.consent.options}
    engine.save_consent_draft(every)
    assert _last(store, engine) == ("draft_saved", {"key": CONSENT_OPTIONS, "value": every, "prefer_not": False})
    count = len(store.events(engine.record.id))
    engine.save_consent_draft(dict(every))
    assert len(store.events(engine.record.id)) == count
    engine.save_consent_draft({"take_part": True})
    assert len(store.events(engine.record.id)) == count + 1
    assert engine.state.drafts[CONSENT_OPTIONS] == {"value": {"take_part": True}, "prefer_not": False}


def test_an_empty_choice_is_stored_as_nothing_chosen(store, demo_study, clock) -> None:
    engine = _at_questions(store, demo_study, clock, "E-0005")
    engine.save_draft(Draft("50-64"))
    engine.save_draft(Draft(""))  # the participant untapped their choice
    assert _last(store, engine) == ("draft_saved", {"key": "age_band", "value": None, "prefer_not": False})
    engine.answer("50-64")
    engine.answer("never")
    engine.save_draft(Draft(["phone"]))
    engine.save_draft(Draft([]))
    assert _last(store, engine) == ("draft_saved", {"key": "devices", "value": None, "prefer_not": False})


def test_prefer_not_wins_over_a_value_still_on_screen(store, demo_study, clock) -> None:
    engine = _at_questions(store, demo_study, clock, "E-0006")
    engine.save_draft(Draft("65-74", prefer_not=True))
    assert _last(store, engine) == ("draft_saved", {"key": "age_band", "value": None, "prefer_not": True})
    shown = question_draft(engine.state.drafts, engine.state.answers, engine.state.skipped, engine.current_question)
    assert shown == Draft(None, prefer_not=True)


def test_a_draft_choice_must_be_one_the_question_has(store, demo_study, clock) -> None:
    engine = _at_questions(store, demo_study, clock, "E-0007")
    count = len(store.events(engine.record.id))
    with _refused("'90-99' is not a choice of age_band"):
        engine.save_draft(Draft("90-99"))
    assert len(store.events(engine.record.id)) == count


def test_a_written_draft_is_stored_clean_and_within_the_limit_like_the_answer(store, clock) -> None:
    """A draft is free text committed to the database like any other (kiosk/text.py): no control or
    bidi characters, and a paste far over the limit is refused before it is written, not at Next."""
    study = load_plan_text(demo_plan_path().read_text(encoding="utf-8") + COMMENT)
    engine = _at_questions(store, study, clock, "E-0008")
    engine.answer("50-64")
    engine.answer("never")
    engine.answer(["phone"])
    assert engine.current_question.id == "comment"
    engine.save_draft(Draft("Добро\u202e\x00 је"))
    assert _last(store, engine) == ("draft_saved", {"key": "comment", "value": "Добро је", "prefer_not": False})
    count = len(store.events(engine.record.id))
    with _refused("a written answer can be at most 5,000 characters long; this one has 5,001. "
                  "Shorten it, or split it into several."):
        engine.save_draft(Draft("a" * 5001))
    engine.save_draft(Draft("\u202e\x00"))  # nothing showable left: nothing chosen
    assert _last(store, engine) == ("draft_saved", {"key": "comment", "value": None, "prefer_not": False})
    assert len(store.events(engine.record.id)) == count + 1
    with _refused("an answer to comment must be some text"):
        engine.save_draft(Draft(5))


# -- exact values -------------------------------------------------------------------------------------


def test_active_seconds_are_exact(store, demo_study, clock) -> None:
    engine = _at_questions(store, demo_study, clock, "E-0009")
    engine.answer("50-64")
    engine.answer("never")
    engine.answer(["phone"])
    engine.start_task()
    clock.advance(60)
    assert engine.task_active_seconds() == 60.0


def test_an_acknowledged_help_call_records_the_step_and_task(store, demo_study, clock) -> None:
    engine = _at_questions(store, demo_study, clock, "E-0010")
    engine.answer("50-64")
    engine.answer("never")
    engine.answer(["phone"])
    engine.start_task()
    engine.request_help()
    engine.acknowledge_help()
    assert _last(store, engine) == ("help_acknowledged", {"step": "running", "task_id": engine.current_task.id})
    engine.record_outcome(Outcome.SUCCESS)
    assert engine.step is Step.QUESTION


def test_abandoning_without_a_reason_records_none(store, demo_study, clock) -> None:
    engine = SessionEngine.start(store, demo_study, "E-0011", clock, facilitator="F1")
    engine.abandon()
    assert _last(store, engine) == ("session_abandoned", {"reason": "", "step": "welcome"})
    assert not engine.permits(ConsentOption.TAKE_PART)
