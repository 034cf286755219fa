"""The kinds of event a session records. Names are past events; payloads are plain JSON values."""

from __future__ import annotations

from enum import StrEnum


class EventKind(StrEnum):
    SESSION_STARTED = "session_started"
    LANGUAGE_CHANGED = "language_changed"
    ACCESS_CHANGED = "access_changed"  # text size, reading aloud or pictures changed (see session.access)
    STEP_ADVANCED = "step_advanced"
    CONSENT_READ = "consent_read"
    CONSENT_OPTIONS_CHOSEN = "consent_options_chosen"
    VERBAL_CONSENT_REQUESTED = "verbal_consent_requested"
    CONSENT_GIVEN = "consent_given"
    CONSENT_DECLINED = "consent_declined"
    PARTICIPANT_WITHDREW = "participant_withdrew"
    CONTACT_SAVED = "contact_saved"
    ANSWER_RECORDED = "answer_recorded"
    ANSWER_SKIPPED = "answer_skipped"
    WENT_BACK = "went_back"
    TASK_STARTED = "task_started"
    TASK_PAUSED = "task_paused"
    TASK_RESUMED = "task_resumed"
    TASK_ENDED = "task_ended"
    OUTCOME_RECORDED = "outcome_recorded"
    OUTCOME_REVISED = "outcome_revised"  # the facilitator changed a recorded outcome (the first stays in the log)
    TASK_SKIPPED = "task_skipped"
    STOP_OFFERED = "stop_offered"  # the participant pressed Stop: the choice (go back, stop, delete) is shown
    STOP_CANCELLED = "stop_cancelled"  # ... and went back and continued
    TASK_SHOWN_AGAIN = "task_shown_again"  # the participant opened the task's instruction again on the player
    FINISH_CANCELLED = "finish_cancelled"  # "I have finished", then "No, go back to the task"
    HELP_REQUESTED = "help_requested"
    HELP_ACKNOWLEDGED = "help_acknowledged"
    NOTE_ADDED = "note_added"
    SESSION_INTERRUPTED = "session_interrupted"
    SESSION_ENDED = "session_ended"
    SESSION_ABANDONED = "session_abandoned"
    DRAFT_SAVED = "draft_saved"  # an unconfirmed choice on the participant's screen (see session.drafts)
    PROTOTYPE_TAPPED = "prototype_tapped"  # a tap on a task's prototype, hit or miss (see session.prototype_actions)
    PROTOTYPE_HINT_SHOWN = "prototype_hint_shown"  # the player highlighted the hotspots: an assist


class NoteTag(StrEnum):
    """Tags with console shortcuts; plans and facilitators may add free tags beside these."""

    CONFUSION = "confusion"
    ERROR = "error"
    QUOTE = "quote"
    ASKED_HELP = "asked_help"
    BARRIER = "barrier"
