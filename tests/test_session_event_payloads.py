"""What each event stores: the payload is the contract with exports, the hub and replay after a crash.

Written against the mutants that survived `mutmut` on kiosk/session/engine.py (docs/testing.md): a
renamed or missing key is silently written to the database and only noticed when the data is gone.
"""

from __future__ import annotations

from kiosk import __version__

from conftest import consent
from kiosk.session import Outcome, SessionEngine
from kiosk.session.access import AccessSettings

OPTIONS = {"audio": True, "clips_internal": False, "future_contact": False, "quotes": False, "screen": False,
           "take_part": True}


def test_every_event_stores_exactly_its_payload(store, demo_study, clock) -> None:
    e = SessionEngine.start(store, demo_study, "P-0301", clock, facilitator=" F1 ", participant_number=2,
                            mode="two_screens", guardian=" G ", access=AccessSettings(text_size=150))
    e.set_access(AccessSettings(text_size=175, pictures=True), by="participant")
    e.continue_from_welcome()
    consent(e, "audio", method="verbal", witness=" W-9 ")
    e.answer("65-74")
    e.go_back()
    e.answer("65-74")
    e.skip_question()
    e.answer(["phone"])
    e.start_task()
    e.request_help()
    e.pause_task()
    e.resume_task()
    e.add_note(" hm ", ["quote"])
    e.end_task()
    e.record_outcome(Outcome.ASSISTED, " hint ")
    e.skip_question()
    e.skip_task(" later ")
    clock.advance(12.3456)
    session_id = e.record.id
    e = SessionEngine.resume(store, session_id, clock)
    e.withdraw("  ")
    order = list(e.record.task_order)
    record = store.consent_record(session_id)
    pre = {"block": "pre", "instrument": None, "task_id": None}
    expected = [
        ("session_started", {"app_version": __version__, "facilitator": "F1", "language": "sr-Cyrl", "minor": True, "mode": "two_screens",
                             "participant_code": "P-0301", "plan_hash": demo_study.content_hash,
                             "plan_version": demo_study.version, "task_order": order,
                             "access": {"text_size": 150, "read_aloud": False, "pictures": False}}),
        ("access_changed", {"text_size": 175, "read_aloud": False, "pictures": True, "by": "participant",
                            "step": "welcome"}),
        ("step_advanced", {"from": "welcome"}),
        ("consent_read", {"language": "sr-Cyrl", "version": demo_study.consent.version}),
        ("consent_options_chosen", {"options": OPTIONS}),
        ("step_advanced", {"from": "consent_review"}),
        ("verbal_consent_requested", {}),
        ("consent_given", {"app_version": __version__, "consent_id": record.id, "consent_version": demo_study.consent.version,
                           "facilitator": "F1", "guardian": "G", "language": "sr-Cyrl", "method": "verbal",
                           "options": OPTIONS, "script": "Cyrl", "text_sha256": record.text_sha256,
                           "witness": "W-9"}),
        ("answer_recorded", {**pre, "item": "age_band", "language": "sr-Cyrl", "question_id": "age_band",
                             "value": "65-74"}),
        ("went_back", {"from": "question"}),
        ("answer_recorded", {**pre, "item": "age_band", "language": "sr-Cyrl", "question_id": "age_band",
                             "value": "65-74"}),
        ("answer_skipped", {**pre, "item": "eservice_use", "question_id": "eservice_use"}),
        ("answer_recorded", {**pre, "item": "devices", "language": "sr-Cyrl", "question_id": "devices",
                             "value": ["phone"]}),
        ("task_started", {"task_id": order[0]}),
        ("help_requested", {"step": "running", "task_id": order[0]}),
        ("task_paused", {"task_id": order[0]}),
        ("task_resumed", {"task_id": order[0]}),
        ("note_added", {"step": "running", "tags": ["quote"], "task_id": order[0], "text": "hm"}),
        ("task_ended", {"task_id": order[0]}),
        ("outcome_recorded", {"active_ns": 0, "assistance": "hint", "outcome": "assisted", "paused_ns": 0,
                              "task_id": order[0]}),
        ("answer_skipped", {"block": "post_task", "instrument": "seq", "item": "seq",
                            "question_id": f"seq:{order[0]}", "task_id": order[0]}),
        ("task_skipped", {"outcome": "skipped", "reason": "later", "task_id": order[1]}),
        ("session_interrupted", {"gap_seconds": 12.346, "step": "instructions"}),
        ("participant_withdrew", {"reason": "participant stopped", "step": "instructions", "task_id": order[2]}),
    ]
    assert [(ev.kind, ev.payload) for ev in store.events(session_id)] == expected
    assert record.witness == "W-9" and record.guardian == "G" and record.signature_png is None


def test_abandon_and_decline_store_their_step_and_reason(store, demo_study, clock) -> None:
    declined = SessionEngine.start(store, demo_study, "P-0302", clock, facilitator="F1")
    declined.continue_from_welcome()
    declined.decline_consent()
    assert store.events(declined.record.id)[-1].payload == {"step": "consent"}
    abandoned = SessionEngine.start(store, demo_study, "P-0303", clock, facilitator="F1")
    abandoned.abandon("  fire alarm ")
    assert store.events(abandoned.record.id)[-1].payload == {"reason": "fire alarm", "step": "welcome"}
