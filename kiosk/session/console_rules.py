"""Rules the facilitator console applies around the engine, kept out of widgets so they are tested without Qt.

Each rule used to sit in a widget (a guardian kept when the box was unticked, a code upper-cased by hand,
the current session dropped when any study's participant with the same code was erased); here each is a
small function of plain values that the console calls and the tests call the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from kiosk.session.codes import normalise_code
from kiosk.store.session_record import SessionRecord, SessionStatus

if TYPE_CHECKING:  # the start page uses these rules; the state (and the flow under it) comes with a session
    from kiosk.session.state import SessionState


class WithdrawMode(StrEnum):
    """Keep what was recorded (every session marked withdrawn), or delete everything about the participant."""

    KEEP = "keep"
    DELETE = "delete"


class StartForm(NamedTuple):
    """What the start page holds when Start is pressed."""

    facilitator: str
    code: str
    minor: bool
    guardian: str

    def problem(self) -> str | None:
        """The catalog key of what is missing, or None; the code itself is checked by the engine."""
        if not self.facilitator.strip():
            return "console.facilitator_missing"
        if self.minor and not self.guardian.strip():
            return "console_flow.guardian_missing"
        return None

    @property
    def guardian_to_record(self) -> str:
        """A guardian typed and then un-ticked must not make an adult's consent ask for a parent."""
        return self.guardian.strip() if self.minor else ""


def interrupted_sessions(records: Iterable[SessionRecord], open_id: str | None = None) -> list[SessionRecord]:
    """Every session left in progress, newest first, except the one open on the console right now."""
    found = [r for r in records if r.status is SessionStatus.IN_PROGRESS and r.id != open_id]
    return sorted(found, key=lambda r: r.created_utc, reverse=True)


def withdraw_target(selected: SessionRecord | None, chosen_study_id: str) -> tuple[str, str]:
    """(study id, code) to offer for withdrawal: a selected session names both, since codes repeat across
    studies; without a selection the study chosen on the start page and an empty code."""
    if selected is not None:
        return selected.study_id, selected.participant_code
    return chosen_study_id, ""


def withdraw_code(raw: str) -> str:
    """The code as stored, so " p-0042 " finds P-0042; a name is refused like at the start."""
    return normalise_code(raw)


def erases_open_session(open_record: SessionRecord | None, study_id: str, code: str, mode: WithdrawMode) -> bool:
    """Whether erasing (study, code) deletes the session open on screen, which must then never be written again."""
    return (mode is WithdrawMode.DELETE and open_record is not None
            and open_record.study_id == study_id and open_record.participant_code == code)


def contact_wanted(state: SessionState) -> bool:
    """The console asks for a contact only when the participant agreed to be contacted and none is saved yet."""
    from kiosk.study.model import ConsentOption  # the start page uses these rules before the model loads

    return state.consent.get(ConsentOption.FUTURE_CONTACT.value, False) is True and not state.contact_saved
