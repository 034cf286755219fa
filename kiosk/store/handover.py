"""Whether the participant holds the device: a committed mark, so a crash is no way out of participant mode.

With the participant view alone on screen the kiosk is locked; only the facilitator PIN brings the
console back. A killed process (kill -9, a crash, a power cut) followed by a restart would otherwise
open straight into the console, with every participant's codes, timeline and notes. Nothing else in
the store tells whose hands the device was in: a session in progress may have been taken back with the
PIN, a one-screen session is handed over and back many times, a two-screen session falls back to one
full screen when only one is connected, and the heartbeat says only that the app was alive. So the
hand-over is committed (``synchronous=FULL``) before the participant view is shown, and cleared only
once the facilitator has the console again; the next start asks for the PIN while it is set.

The mark belongs to the device, not to a session (it lives in ``meta``): a participant who finished,
or erased everything about themselves from their own screen, still holds the device, with no session
in progress or none at all.
"""

from __future__ import annotations

import json
from typing import NamedTuple

from kiosk.store.db import Store, StoreError

#: the meta key set while the participant view is the only thing on screen
HOLD_KEY = "participant_holds_device"


class ParticipantHold(NamedTuple):
    """The device was handed to the participant of ``session_id`` at ``since_utc`` and not taken back.

    Both are empty when the mark could not be read: it still counts as held.
    """

    session_id: str
    since_utc: str


def hand_to_participant(store: Store, session_id: str, since_utc: str) -> ParticipantHold:
    """Commit that the participant holds the device; call it before the participant view is shown alone."""
    if not session_id.strip():
        raise StoreError("the device was handed over for an empty session id (this is a bug in the caller)")
    hold = ParticipantHold(session_id, since_utc)
    value = json.dumps({"session_id": hold.session_id, "since_utc": hold.since_utc})
    with store.write() as conn:
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (HOLD_KEY, value))
    return hold


def take_back(store: Store) -> None:
    """The facilitator has the console again; writes nothing when the mark is not set."""
    if store._meta_value(HOLD_KEY) is None:
        return
    with store.write() as conn:
        conn.execute("DELETE FROM meta WHERE key = ?", (HOLD_KEY,))


def left_with_participant(store: Store) -> ParticipantHold | None:
    """The hold the app last stopped in, if the device was never taken back; None when the facilitator had it."""
    value = store._meta_value(HOLD_KEY)
    if value is None:
        return None
    try:
        data = json.loads(value)
        return ParticipantHold(str(data["session_id"]), str(data["since_utc"]))
    except (ValueError, TypeError, KeyError):
        return ParticipantHold("", "")  # unreadable, yet set: stay locked
