"""Which languages a session was shown in, in the order first chosen, and for how long each.

A participant may switch language at any step; the summary's ``language`` is only the last one, and a
report that named only it said "English 100%" of a session held mostly in Serbian (issue 10, second run).
Times run from each choice (the session's start, or a change) to the next, the last to the session's end
or its last event: wall-clock time, pauses included, as the participant sat in front of that language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from kiosk.session.events import EventKind
from kiosk.store.records import EventRecord

_CHOICES = (EventKind.SESSION_STARTED.value, EventKind.LANGUAGE_CHANGED.value)
_ENDS = (EventKind.SESSION_ENDED.value, EventKind.SESSION_ABANDONED.value, EventKind.PARTICIPANT_WITHDREW.value,
         EventKind.CONSENT_DECLINED.value)


@dataclass(frozen=True)
class LanguageUse:
    language: str
    seconds: float


def _at(utc: str) -> datetime:
    return datetime.fromisoformat(utc.replace("Z", "+00:00"))


def language_uses(events: Sequence[EventRecord]) -> tuple[LanguageUse, ...]:
    """Each language the session used, in the order first chosen, with the seconds spent in it."""
    totals: dict[str, float] = {}
    current: tuple[str, datetime] | None = None
    last = None
    for event in events:
        moment = _at(event.utc)
        if event.kind in _CHOICES and "language" in event.payload:
            if current is not None:
                totals[current[0]] = totals.get(current[0], 0.0) + (moment - current[1]).total_seconds()
            current = (event.payload["language"], moment)
            totals.setdefault(current[0], 0.0)
        last = moment
        if event.kind in _ENDS:
            break
    if current is not None and last is not None:
        totals[current[0]] += max(0.0, (last - current[1]).total_seconds())
    return tuple(LanguageUse(lang, seconds) for lang, seconds in totals.items())
