"""The console timeline and the session report describe each event in one plain line.

describe_event had no test outside the GUI (144 mutants, none covered by a domain test).
"""

from __future__ import annotations

from dataclasses import replace

from conftest import consent
from kiosk.i18n import default_catalog
from kiosk.session import Outcome, SessionEngine
from kiosk.session.describe import describe_event


def _timeline(store, study, clock) -> tuple[list, str]:
    engine = SessionEngine.start(store, study, "D-0001", clock, facilitator="F1")
    engine.choose_language("en")
    engine.continue_from_welcome()
    consent(engine)
    engine.answer("65-74")
    engine.skip_question()
    engine.answer(["phone", "tablet"])
    engine.start_task()
    engine.request_help()
    engine.add_note("lost", ["confusion", "custom"])
    engine.record_outcome(Outcome.ASSISTED, "showed menu")
    engine.answer(5)
    engine.skip_task("no time")
    clock.advance(125.4)
    resumed = SessionEngine.resume(store, engine.record.id, clock)
    resumed.abandon("fire alarm")
    return store.events(engine.record.id), engine.record.id


def test_every_event_reads_as_one_plain_line(store, demo_study, clock) -> None:
    events, _ = _timeline(store, demo_study, clock)
    catalog = default_catalog()
    lines = [describe_event(catalog, "en", event, demo_study) for event in events]
    assert lines == [
        "Session started", "Language: English", "Continued", "Consent text read", "Consent options chosen",
        "Continued", "Consent given", "Answered “How old are you?”: 65 to 74",
        "Did not answer “Have you used the government's online services…”",
        "Answered “Which devices do you use?”: Mobile phone, Tablet", "Task started: Register a farm holding",
        "Participant asked for help",
        "Note: [Confusion] [custom] lost", "Task ended", "Outcome: Success with assistance (showed menu)",
        "Answered SEQ “Overall, how difficult or easy was this task to…”: 5",
        "Task skipped: Apply for a per-hectare subsidy",
        "Interrupted (app closed) for 125 s", "Session abandoned: fire alarm",
    ]


def test_lines_follow_the_console_language_and_survive_unknown_tasks(store, demo_study, clock) -> None:
    events, _ = _timeline(store, demo_study, clock)
    catalog = default_catalog()
    started = next(e for e in events if e.kind == "task_started")
    title = demo_study.tasks[0].title
    assert describe_event(catalog, "sr-Cyrl", started, demo_study).endswith(title.get("sr-Cyrl"))
    assert describe_event(catalog, "sr-Latn", started, demo_study).endswith(title.get_or_fallback("sr-Latn"))
    renamed = replace(started, payload={**started.payload, "task_id": "gone-from-the-plan"})
    assert describe_event(catalog, "en", renamed, demo_study) == "Task started: gone-from-the-plan"
    no_task = replace(started, payload={**started.payload, "task_id": ""})
    assert describe_event(catalog, "en", no_task, demo_study) == "Task started: "
    plain = next(e for e in events if e.kind == "outcome_recorded")
    unassisted = replace(plain, payload={**plain.payload, "outcome": "success", "assistance": ""})
    assert describe_event(catalog, "en", unassisted, demo_study) == "Outcome: Success"
    note = next(e for e in events if e.kind == "note_added")
    untagged = replace(note, payload={"text": "  just text "})
    assert describe_event(catalog, "en", untagged, demo_study) == "Note: just text"
    language = next(e for e in events if e.kind == "language_changed")
    assert describe_event(catalog, "sr-Cyrl", language, demo_study) != describe_event(catalog, "en", language,
                                                                                       demo_study)
