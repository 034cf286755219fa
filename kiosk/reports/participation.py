"""How each session of a study ended, in categories that add up to the number who took part.

"30 took part (25 completed, 3 stopped early)" leaves the reader to guess at the other two; every session
falls in exactly one of these rows, so the breakdown always adds up to the total the report states.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from kiosk.session.events import EventKind
from kiosk.session.summary import SessionSummary
from kiosk.store.records import SessionStatus


class Ending(StrEnum):
    """In report order; the value names the report message ``report.status_<value>``."""

    FINISHED = "finished"
    STOPPED = "stopped"
    DECLINED = "declined"
    WITHDREW = "withdrew"
    IN_PROGRESS = "in_progress"


def ending(summary: SessionSummary) -> Ending:
    status = summary.record.status
    if status is SessionStatus.ENDED:
        return Ending.FINISHED
    if status is SessionStatus.WITHDRAWN:
        return Ending.WITHDREW
    if status is SessionStatus.IN_PROGRESS:
        return Ending.IN_PROGRESS
    return Ending.DECLINED if summary.abandon_reason == EventKind.CONSENT_DECLINED.value else Ending.STOPPED


@dataclass(frozen=True)
class Participation:
    counts: dict[Ending, int]

    @classmethod
    def of(cls, summaries: Iterable[SessionSummary]) -> Participation:
        counts = dict.fromkeys(Ending, 0)
        for summary in summaries:
            counts[ending(summary)] += 1
        return cls(counts)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def rows(self) -> list[tuple[Ending, int]]:
        """Finished and stopped always (the reader expects them); the rarer endings only when they happened."""
        return [(e, n) for e, n in self.counts.items() if n or e in (Ending.FINISHED, Ending.STOPPED)]
