"""A session's row, as the console's sessions list shows it: the one record the app needs before its first paint.

The other records (events, consent, plans, heartbeats, contacts, tombstones) live in :mod:`kiosk.store.records`,
which also offers these two. Each frozen dataclass costs about 1 ms to create on Python 3.11, so the console's
start (issue 8) loads only this one, and it is a NamedTuple (0.13 ms): ``record._asdict()`` for its fields.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple


class SessionStatus(StrEnum):
    IN_PROGRESS = "in_progress"
    ENDED = "ended"
    ABANDONED = "abandoned"
    WITHDRAWN = "withdrawn"


class SessionRecord(NamedTuple):
    id: str
    laptop_id: str
    study_id: str
    plan_hash: str
    plan_version: str
    participant_code: str
    participant_number: int
    task_order: tuple[str, ...]
    mode: str
    status: SessionStatus
    step: str
    created_utc: str
    updated_utc: str
    facilitator: str = ""
    guardian: str = ""
    # Set only on sessions from before schema 3 that repeat an earlier session's code or number.
    duplicate_of: str | None = None

    @property
    def minor(self) -> bool:
        """A participant under 18 is registered with the parent or guardian who consents."""
        return bool(self.guardian)
