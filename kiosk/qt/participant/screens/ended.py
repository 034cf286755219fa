"""The last screens: each says in the participant's language what happened to the session."""

from __future__ import annotations

from kiosk.qt.participant.screens.base import MessageScreen


class WithdrawnScreen(MessageScreen):
    """Stopped, and what was recorded is kept (the participant chose so)."""

    heading_key = "flow.stopped_title"
    body_key = "flow.stopped_kept"


class AbandonedScreen(MessageScreen):
    """Ended early: declined before consent, or stopped by the facilitator."""

    heading_key = "flow.stopped_title"

    def build(self) -> None:
        declined = not self.ctx.engine.state.consent
        self.body_key = "flow.declined_done" if declined else "flow.session_stopped"
        super().build()


class EndScreen(MessageScreen):
    heading_key = "participant.closing_title"
    body_key = "participant.session_over"


class DeletedScreen(MessageScreen):
    """After erasure nothing of the session is left; only this message, in the participant's language."""

    heading_key = "flow.stopped_title"
    body_key = "flow.stopped_deleted"
