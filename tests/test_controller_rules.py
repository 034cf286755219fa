"""Console rules that used to live in widgets, tested with no Qt: help calls, start checks, withdrawal targets."""

from __future__ import annotations

import pytest

from kiosk.session import SessionEngine
from kiosk.session.codes import InvalidParticipantCode
from kiosk.session.console_rules import (StartForm, WithdrawMode, contact_wanted, erases_open_session,
                                         interrupted_sessions, withdraw_target)
from kiosk.session.engine import InvalidAction
from kiosk.session.events import EventKind

from conftest import consent


def test_help_call_is_pending_until_acknowledged_and_survives_resume(store, demo_study, clock) -> None:
    engine = SessionEngine.start(store, demo_study, "P-0901", clock, facilitator="F1")
    assert not engine.state.help_pending
    with pytest.raises(InvalidAction):
        engine.acknowledge_help()
    engine.request_help()
    assert engine.state.help_pending
    resumed = SessionEngine.resume(store, engine.record.id, clock)
    assert resumed.state.help_pending
    resumed.acknowledge_help()
    assert not resumed.state.help_pending
    assert store.events(engine.record.id)[-1].kind == EventKind.HELP_ACKNOWLEDGED


def test_start_form_checks_in_the_console_language_keys() -> None:
    assert StartForm("", "P-1", minor=False, guardian="").problem() == "console.facilitator_missing"
    assert StartForm("F1", "P-1", minor=True, guardian="  ").problem() == "console_flow.guardian_missing"
    assert StartForm("F1", "P-1", minor=True, guardian="G").problem() is None
    assert StartForm("F1", "P-1", minor=False, guardian="left over").guardian_to_record == ""


def test_every_interrupted_session_newest_first_except_the_open_one(store, demo_study, clock) -> None:
    a = SessionEngine.start(store, demo_study, "P-0902", clock, facilitator="F1")
    clock.advance(5)
    b = SessionEngine.start(store, demo_study, "P-0903", clock, facilitator="F1")
    clock.advance(5)
    c = SessionEngine.start(store, demo_study, "P-0904", clock, facilitator="F1")
    c.abandon("x")
    records = store.sessions()
    assert [r.id for r in interrupted_sessions(records)] == [b.record.id, a.record.id]
    assert [r.id for r in interrupted_sessions(records, open_id=b.record.id)] == [a.record.id]


def test_withdraw_target_prefers_the_selected_sessions_study(store, demo_study, clock) -> None:
    engine = SessionEngine.start(store, demo_study, "P-0905", clock, facilitator="F1")
    assert withdraw_target(engine.record, "another-study") == (demo_study.id, "P-0905")
    assert withdraw_target(None, "another-study") == ("another-study", "")


def test_erasing_another_studys_participant_keeps_the_open_session(store, demo_study, clock) -> None:
    engine = SessionEngine.start(store, demo_study, "P-0906", clock, facilitator="F1")
    assert erases_open_session(engine.record, demo_study.id, "P-0906", WithdrawMode.DELETE)
    assert not erases_open_session(engine.record, "other-study", "P-0906", WithdrawMode.DELETE)
    assert not erases_open_session(engine.record, demo_study.id, "P-0906", WithdrawMode.KEEP)
    assert not erases_open_session(None, demo_study.id, "P-0906", WithdrawMode.DELETE)


def test_contact_is_wanted_only_with_consent_and_only_once(store, demo_study, clock) -> None:
    engine = SessionEngine.start(store, demo_study, "P-0907", clock, facilitator="F1")
    engine.continue_from_welcome()
    assert not contact_wanted(engine.state)
    consent(engine, "future_contact")
    assert contact_wanted(engine.state)
    engine.save_contact("ana@example.org")
    assert not contact_wanted(engine.state)


def test_withdraw_code_is_normalised_and_checked() -> None:
    from kiosk.session.console_rules import withdraw_code

    assert withdraw_code(" p-0042 ") == "P-0042"
    with pytest.raises(InvalidParticipantCode):
        withdraw_code("Marko Petrović")


def test_default_reasons_read_in_the_console_language(store, demo_study, clock) -> None:
    from kiosk.i18n import default_catalog
    from kiosk.session.describe import describe_event

    engine = SessionEngine.start(store, demo_study, "P-0908", clock, facilitator="F1")
    engine.withdraw()  # the engine's default reason, stored in English
    text = describe_event(default_catalog(), "sr-Cyrl", store.events(engine.record.id)[-1], demo_study)
    assert "participant stopped" not in text and "{" not in text
    assert text == "Учесник се повукао: " + default_catalog().text("sr-Cyrl", "console_flow.reason_participant_stopped")
