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
text = { sr-Cyrl = "Још нешто?", en = "Anything else?", hu = "Még valami?" }
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
    with _refused("an answer to comment must be some text"):
        engine.answer(5)


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


# -- starting, consent and outcomes, word for word ----------------------------------------------------


def test_a_session_started_with_the_defaults(store, demo_study, clock) -> None:
    from kiosk import __version__

    engine = SessionEngine.start(store, demo_study, " e-0012 ", clock, facilitator=" F1 ")
    record = store.session(engine.record.id)
    assert (record.participant_code, record.participant_number, record.mode, record.facilitator, record.guardian,
            record.minor, record.status.value, record.step) == ("E-0012", 1, "one_screen", "F1", "", False,
                                                                "in_progress", "welcome")
    started = store.events(engine.record.id)[0]
    assert (started.seq, started.kind, started.utc, started.mono_ns, started.clock_epoch) == (
        1, "session_started", "2026-11-02T09:00:00.000+00:00", 0, "simulated")
    assert started.payload == {"app_version": __version__, "facilitator": "F1", "language": "sr-Cyrl",
                               "minor": False, "mode": "one_screen", "participant_code": "E-0012",
                               "plan_hash": demo_study.content_hash, "plan_version": demo_study.version,
                               "task_order": list(record.task_order),
                               "access": {"text_size": 100, "read_aloud": False, "pictures": False}}
    assert engine.state.language == "sr-Cyrl" and engine.state.event_count == 1 and engine.task_number == 0


def test_a_session_needs_a_facilitator_and_a_free_code(store, demo_study, clock) -> None:
    with _refused("enter the facilitator's code or initials: consent records name who took them"):
        SessionEngine.start(store, demo_study, "E-0013", clock, facilitator=" \u202e ")
    SessionEngine.start(store, demo_study, "E-0013", clock, facilitator="F1")
    with pytest.raises(InvalidAction, match="^E-0013 already took part in"):
        SessionEngine.start(store, demo_study, "E-0013", clock, facilitator="F1")
    assert len(store.sessions()) == 1


def test_events_carry_the_clock_they_were_taken_with(store, demo_study, clock) -> None:
    engine = SessionEngine.start(store, demo_study, "E-0014", clock, facilitator="F1")
    seen = []
    engine.add_listener(lambda event, state: seen.append((event.seq, event.kind, state.step(engine.stages))))
    clock.advance(2.5)
    engine.continue_from_welcome()
    event = store.events(engine.record.id)[-1]
    assert (event.seq, event.utc, event.mono_ns, event.clock_epoch, event.laptop_id, event.session_id) == (
        2, "2026-11-02T09:00:02.500+00:00", 2_500_000_000, "simulated", store.laptop_id, engine.record.id)
    assert seen == [(2, "step_advanced", Step.CONSENT)]
    assert store.session(engine.record.id).step == "consent"


def test_the_consent_record_is_exact_to_the_millisecond_and_local_to_the_second(store, demo_study, clock) -> None:
    from datetime import datetime

    from kiosk.simulate import mark_png
    from kiosk.study.model import ConsentMethod

    engine = SessionEngine.start(store, demo_study, "E-0015", clock, facilitator="F1", guardian="G-1")
    engine.continue_from_welcome()
    engine.read_consent()
    engine.choose_consent_options({o.value: o.value in ("take_part", "screen") for o in demo_study.consent.options})
    engine.confirm_consent_choices()
    clock.advance(1.2345)
    png = mark_png()
    engine.give_consent(ConsentMethod.SIGNATURE, png)
    record = store.consent_record(engine.record.id)
    assert (record.session_id, record.participant_code, record.study_id, record.laptop_id, record.method,
            record.signature_png, record.guardian, record.witness, record.facilitator) == (
        engine.record.id, "E-0015", demo_study.id, store.laptop_id, "signature", png, "G-1", "", "F1")
    assert record.utc == "2026-11-02T09:00:01.234+00:00"
    local = datetime.fromisoformat(record.local_time)
    assert local.microsecond == 0 and local.utcoffset() is not None
    assert local == datetime.fromisoformat("2026-11-02T09:00:01+00:00")
    given = store.events(engine.record.id)[-1]
    assert given.payload["consent_id"] == record.id and record.id and record.id != engine.record.id
    assert engine.state.consent == {o.value: o.value in ("take_part", "screen") for o in demo_study.consent.options}


def test_each_consent_and_outcome_refusal_says_what_is_wrong(store, demo_study, clock) -> None:
    from kiosk.study.model import ConsentMethod

    engine = SessionEngine.start(store, demo_study, "E-0016", clock, facilitator="F1")
    with _refused("this needs the step running or paused, but the session is at welcome"):
        engine.end_task()
    engine.continue_from_welcome()
    engine.read_consent()
    offered = "audio, clips_internal, future_contact, quotes, screen, take_part"
    with _refused(f"answer yes or no to exactly these options: {offered}"):
        engine.choose_consent_options({"take_part": True})
    with _refused("taking part must be agreed to; otherwise the participant declines"):
        engine.choose_consent_options({o.value: False for o in demo_study.consent.options})
    engine.choose_consent_options({o.value: o.value == "take_part" for o in demo_study.consent.options})
    engine.confirm_consent_choices()
    engine.request_verbal_consent()
    engine.give_consent(ConsentMethod.VERBAL, witness="W-1")
    engine.answer("50-64")
    engine.answer("never")
    engine.answer(["phone"])
    with _refused("use skip_task to skip a task before it starts"):
        engine.record_outcome(Outcome.SKIPPED)
    with _refused("say what help was given for 'success with assistance'"):
        engine.record_outcome(Outcome.ASSISTED, " ")
    with _refused("a note needs some text or a tag"):
        engine.add_note(" ")
    engine.start_task()
    engine.record_outcome(Outcome.GAVE_UP)
    with _refused("8 is not on the scale of seq:register-holding ((1, 2, 3, 4, 5, 6, 7))"):
        engine.answer(8)
    engine.abandon()
    with _refused("the session has abandoned"):
        engine.request_help()


def test_a_verbal_consent_needs_the_plan_to_offer_it(store, clock) -> None:
    text = demo_plan_path().read_text(encoding="utf-8")
    study = load_plan_text(text.replace('methods = ["signature", "mark", "verbal"]', 'methods = ["mark"]'))
    engine = SessionEngine.start(store, study, "E-0017", clock, facilitator="F1")
    engine.continue_from_welcome()
    engine.read_consent()
    engine.choose_consent_options({o.value: o.value == "take_part" for o in study.consent.options})
    engine.confirm_consent_choices()
    with _refused("this study does not offer verbal consent"):
        engine.request_verbal_consent()
    assert engine.step is Step.CONSENT_METHOD


def test_the_consent_digest_can_be_recomputed_from_the_plan(store, demo_study, clock) -> None:
    """An auditor with the plan recomputes the digest of the words agreed to (kiosk.session.consent)."""
    from kiosk.i18n import default_catalog
    from kiosk.session.consent import consent_document, consent_sha256

    engine = SessionEngine.start(store, demo_study, "E-0018", clock, facilitator="F1", language="sr-Latn")
    engine.continue_from_welcome()
    consent(engine)
    record = store.consent_record(engine.record.id)
    assert consent_sha256(demo_study, "sr-Latn") == record.text_sha256
    assert consent_sha256(demo_study, "sr-Latn", default_catalog()) == record.text_sha256
    assert consent_sha256(demo_study, "en") != record.text_sha256
    assert consent_document(demo_study, "sr-Latn") == record.text


def test_a_multi_choice_answer_is_a_non_empty_list_of_its_choices(store, demo_study, clock) -> None:
    engine = _at_questions(store, demo_study, clock, "E-0019")
    engine.answer("50-64")
    engine.answer("never")
    for bad in ([], 3, "phone", ["phone", 3]):
        with _refused(f"{bad!r} is not a selection of choices of devices"):
            engine.answer(bad)
    with _refused("none in devices cannot be chosen together with other choices"):
        engine.answer(["phone", "tablet", "computer", "none"])  # every choice: "None" excludes the others
    engine.answer(["tablet", "computer", "phone"])
    assert engine.state.answers["devices"] == ["phone", "tablet", "computer"]  # in the plan's order


def test_a_verbal_consent_keeps_no_image_even_if_one_was_drawn(store, demo_study, clock) -> None:
    """A mark left half-drawn on the participant's screen is not the consent: the witness is."""
    from kiosk.simulate import mark_png
    from kiosk.study.model import ConsentMethod

    engine = SessionEngine.start(store, demo_study, "E-0020", clock, facilitator="F1")
    engine.continue_from_welcome()
    engine.read_consent()
    engine.choose_consent_options({o.value: o.value == "take_part" for o in demo_study.consent.options})
    engine.confirm_consent_choices()
    engine.request_verbal_consent()
    engine.give_consent(ConsentMethod.VERBAL, mark_png(), witness="W-2")
    record = store.consent_record(engine.record.id)
    assert (record.method, record.signature_png, record.witness) == ("verbal", None, "W-2")


def test_the_consent_digest_covers_the_catalogs_wording(tmp_path, demo_study) -> None:
    """The retention sentence and the options come from the message catalog: amended wording is a new text."""
    import hashlib

    from kiosk.i18n import Catalog
    from kiosk.resources import data_folder
    from kiosk.session.consent import consent_document, consent_sha256

    import shutil

    folder = tmp_path / "i18n"
    shutil.copytree(data_folder("ui") / "i18n", folder)
    english = (folder / "messages.pot").read_text(encoding="utf-8")
    amended = english.replace('msgid "We keep the data {text}."', 'msgid "Your data are kept {text}."')
    assert amended != english
    (folder / "messages.pot").write_text(amended, encoding="utf-8")
    catalog = Catalog(folder, cache=tmp_path / "cache")
    document = consent_document(demo_study, "en", catalog)
    assert "Your data are kept" in document
    assert consent_sha256(demo_study, "en", catalog) == hashlib.sha256(document.encode("utf-8")).hexdigest()
    assert consent_sha256(demo_study, "en", catalog) != consent_sha256(demo_study, "en")


def test_a_refused_mix_names_every_exclusive_choice(store, clock) -> None:
    text = demo_plan_path().read_text(encoding="utf-8")
    both = text.replace(
        '  { id = "none", label = { sr-Cyrl = "Ниједан", en = "None", hu = "Egyiket sem" }, exclusive = true },',
        '  { id = "none", label = { sr-Cyrl = "Ниједан", en = "None", hu = "Egyiket sem" }, exclusive = true },\n'
        '  { id = "unsure", label = { sr-Cyrl = "Не знам", en = "Not sure", hu = "Nem tudom" }, exclusive = true },')
    assert both != text
    engine = _at_questions(store, load_plan_text(both), clock, "E-0021")
    engine.answer("50-64")
    engine.answer("never")
    with _refused("none, unsure in devices cannot be chosen together with other choices"):
        engine.answer(["phone", "unsure"])
    engine.answer(["unsure"])


def test_the_consent_text_is_whole_and_in_the_participants_language(demo_study) -> None:
    """What the participant agrees to: header, summary, full text, retention, then each option, one per paragraph."""
    from kiosk.session.consent import consent_document

    spec = demo_study.consent
    parts = consent_document(demo_study, "sr-Cyrl").split("\n\n")
    assert parts == [
        "[demo-farm-subsidy consent 2026-10-01 sr-Cyrl]", spec.easy_read.get("sr-Cyrl"), spec.text.get("sr-Cyrl"),
        "Податке чувамо до 31. децембра 2027. године, затим се бришу.",
        "Слажем се да учествујем у овој сесији.", "Можете снимати мој глас.",
        "Можете снимати шта се дешава на екрану.", "Можете цитирати шта кажем у извештајима, без мог имена.",
        "Кратке снимке мене можете показати само тиму за дизајн.", "Можете ме контактирати због будућих студија.",
    ]
