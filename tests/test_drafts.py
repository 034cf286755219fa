"""Unconfirmed answers, exclusive choices, real ink, the tap guard and faces: domain rules, no Qt."""

from __future__ import annotations

import pytest
from conftest import consent

from kiosk.resources import demo_plan_path
from kiosk.session import InvalidAction, SessionEngine
from kiosk.session.drafts import (
    CONSENT_OPTIONS,
    Draft,
    question_draft,
    with_exclusive_rule,
)
from kiosk.session.ink import InkRule, has_real_ink, measure
from kiosk.session.taps import TapGuard
from kiosk.study import PlanError, load_plan_text
from kiosk.study.faces import shows_faces
from kiosk.study.instruments import seq_question, sus_questions
from kiosk.study.model import QuestionnaireOptions

DEMO = demo_plan_path().read_text(encoding="utf-8")


def _at_devices(engine: SessionEngine) -> None:
    engine.continue_from_welcome()
    consent(engine)
    engine.answer("65-74")
    engine.answer("never")
    assert engine.current_question.id == "devices"


def test_exclusive_choice_cannot_be_mixed_with_others(store, demo_study, clock) -> None:
    engine = SessionEngine.start(store, demo_study, "D-0001", clock, facilitator="F1")
    _at_devices(engine)
    assert [c.id for c in engine.current_question.choices if c.exclusive] == ["none"]
    with pytest.raises(InvalidAction, match="none in devices cannot be chosen together"):
        engine.answer(["phone", "none"])
    with pytest.raises(InvalidAction):
        engine.save_draft(Draft(["phone", "none"]))
    engine.answer(["none"])
    assert engine.state.answers["devices"] == ["none"]


def test_a_tap_on_an_exclusive_choice_clears_the_others_and_vice_versa(demo_study) -> None:
    devices = demo_study.pre_questions[2]
    assert with_exclusive_rule(devices, ["phone", "tablet"], ["phone", "tablet", "none"]) == ["none"]
    assert with_exclusive_rule(devices, ["none"], ["none", "computer"]) == ["computer"]
    assert with_exclusive_rule(devices, ["phone"], ["phone", "tablet"]) == ["phone", "tablet"]
    assert with_exclusive_rule(devices, ["phone", "tablet"], ["tablet"]) == ["tablet"]


def test_plan_check_validates_exclusive() -> None:
    broken = DEMO.replace('hu = "Egyiket sem" }, exclusive = true', 'hu = "Egyiket sem" }, exclusive = "yes"')
    with pytest.raises(PlanError) as caught:
        load_plan_text(broken, "plan.toml")
    assert "pre_questions[2].choices[3].exclusive: expected true or false, found 'yes'" in str(caught.value)
    single = DEMO.replace('{ id = "never", label', '{ exclusive = true, id = "never", label')
    assert single != DEMO
    with pytest.raises(PlanError) as caught:
        load_plan_text(single, "plan.toml")
    assert "only a multi_choice question's choices can be exclusive" in str(caught.value)


def test_drafts_survive_language_change_back_and_a_crash(store, demo_study, clock) -> None:
    engine = SessionEngine.start(store, demo_study, "D-0002", clock, facilitator="F1")
    engine.continue_from_welcome()
    engine.read_consent()
    engine.save_consent_draft({"take_part": True, "audio": True})
    engine.choose_language("en")
    engine.go_back()
    engine.read_consent()
    assert engine.state.drafts[CONSENT_OPTIONS]["value"] == {"take_part": True, "audio": True}
    choice = {o.value: o.value in ("take_part", "audio") for o in demo_study.consent.options}
    engine.choose_consent_options(choice)
    assert CONSENT_OPTIONS not in engine.state.drafts  # confirmed: the draft has done its job
    engine.confirm_consent_choices()
    from kiosk.simulate import mark_png
    from kiosk.study.model import ConsentMethod
    engine.give_consent(ConsentMethod.MARK, mark_png())
    engine.save_draft(Draft("50-64"))
    events_before = len(store.events(engine.record.id))
    engine.save_draft(Draft("50-64"))  # unchanged: nothing written
    assert len(store.events(engine.record.id)) == events_before
    resumed = SessionEngine.resume(store, engine.record.id, clock)
    question = resumed.current_question
    assert question_draft(resumed.state.drafts, resumed.state.answers, resumed.state.skipped, question) == Draft("50-64")
    assert "age_band" not in resumed.state.answers  # a draft is never an answer


def test_prefer_not_to_answer_is_shown_again_after_back(store, demo_study, clock) -> None:
    engine = SessionEngine.start(store, demo_study, "D-0003", clock, facilitator="F1")
    engine.continue_from_welcome()
    consent(engine)
    engine.save_draft(Draft(prefer_not=True))
    engine.skip_question()
    engine.go_back()
    question = engine.current_question
    assert question.id == "age_band"
    assert question_draft(engine.state.drafts, engine.state.answers, engine.state.skipped, question).prefer_not
    engine.answer("35-49")
    engine.go_back()
    assert question_draft(engine.state.drafts, engine.state.answers, engine.state.skipped, question) == Draft("35-49")


def test_a_tap_is_not_ink_and_a_scribble_is() -> None:
    px_per_mm = 4.0
    assert not has_real_ink([[(10.0, 10.0)]], px_per_mm)
    assert not has_real_ink([[(10.0, 10.0), (10.0, 10.0)]], px_per_mm)
    assert not has_real_ink([[(10.0, 10.0), (30.0, 12.0)]], px_per_mm)  # a 5 mm slip
    cross = [[(0.0, 0.0), (60.0, 60.0)], [(60.0, 0.0), (0.0, 60.0)]]  # an X, 15 mm square
    assert has_real_ink(cross, px_per_mm)
    assert measure(cross, px_per_mm).extent_mm == pytest.approx(15)
    assert not has_real_ink(cross, px_per_mm, InkRule(min_length_mm=100))


def test_tap_guard_ignores_taps_right_after_a_change() -> None:
    now = [100.0]
    guard = TapGuard(0.5, clock=lambda: now[0])
    assert guard.accepts_tap()
    guard.meaning_changed()
    now[0] += 0.18
    assert not guard.accepts_tap() and guard.ignored == 1
    now[0] += 0.4
    assert guard.accepts_tap()


def test_only_scales_where_high_is_good_get_faces() -> None:
    pictorial = QuestionnaireOptions(pictorial=True)
    assert shows_faces(pictorial, seq_question("t1"))
    assert not any(shows_faces(pictorial, q) for q in sus_questions())
    assert not shows_faces(QuestionnaireOptions(), seq_question("t1"))


def test_unconfirmed_choices_never_leave_in_exports_or_reports(store, demo_study, clock, tmp_path) -> None:
    """A draft is not an answer: someone who tapped "75 or more" and then "I prefer not to answer"
    gave no age, so the tapped value must not reach events.csv or the session report."""
    import subprocess

    from kiosk.reports.session_report import write_session_report
    from kiosk.reports.tabular import export_study_csv

    engine = SessionEngine.start(store, demo_study, "D-0004", clock, facilitator="F1")
    engine.continue_from_welcome()
    consent(engine)
    engine.save_draft(Draft("75-plus"))
    engine.save_draft(Draft(prefer_not=True))
    engine.skip_question()
    export_study_csv(store, demo_study.id, tmp_path / "csv")
    events_csv = (tmp_path / "csv" / "events.csv").read_text(encoding="utf-8")
    assert "75-plus" not in events_csv and "draft_saved" not in events_csv
    pdf = write_session_report(store, engine.record.id, tmp_path / "s.pdf", "en")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Did not answer “How old are you?”" in text and "not yet confirmed" not in text
