"""The study's results by site (laptop): what the hub's report adds when sessions come from several laptops.

Withdrawn counts both the sessions kept with the status "withdrawn" and the participants whose data were
erased (a tombstone each, passed in by the caller, since their sessions are gone): the erased are not in
the session count, so the sites' sessions add up to the report's total.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kiosk.reports.dataset import StudyResults
from kiosk.store.records import SessionStatus


@dataclass(frozen=True)
class SiteStats:
    laptop_id: str
    name: str
    sessions: int
    completed: int
    withdrawn: int
    attempts: int
    successes: int

    @property
    def success_rate(self) -> float | None:
        return self.successes / self.attempts if self.attempts else None


def site_stats(results: StudyResults, names: Mapping[str, str] | None = None,
               erased: Mapping[str, int] | None = None) -> tuple[SiteStats, ...]:
    """One row per laptop, in the order of its site name; an unnamed laptop shows the start of its id."""
    names, erased = names or {}, erased or {}
    laptops = {s.record.laptop_id for s in results.summaries} | set(erased)
    rows = []
    for laptop in laptops:
        summaries = [s for s in results.summaries if s.record.laptop_id == laptop]
        attempted = [t for s in summaries for t in s.tasks if t.outcome is not None and t.outcome.value != "skipped"]
        rows.append(SiteStats(
            laptop, names.get(laptop) or laptop[:8], len(summaries),
            sum(s.record.status is SessionStatus.ENDED for s in summaries),
            sum(s.record.status is SessionStatus.WITHDRAWN for s in summaries) + erased.get(laptop, 0),
            len(attempted), sum(bool(t.outcome is not None and t.outcome.counts_as_success) for t in attempted)))
    return tuple(sorted(rows, key=lambda r: (r.name.casefold(), r.laptop_id)))
