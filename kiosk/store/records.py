"""Typed rows crossing the store boundary. Every row carries a global id and the laptop id (for the hub merge)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class SessionStatus(StrEnum):
    IN_PROGRESS = "in_progress"
    ENDED = "ended"
    ABANDONED = "abandoned"


@dataclass(frozen=True)
class SessionRecord:
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


@dataclass(frozen=True)
class EventRecord:
    """One thing that happened, as committed. ``mono_ns`` is only comparable within one ``clock_epoch``."""

    id: str
    session_id: str
    seq: int
    kind: str
    utc: str
    mono_ns: int
    clock_epoch: str
    laptop_id: str
    payload: dict[str, Any] = field(default_factory=dict)

    def payload_json(self) -> str:
        return json.dumps(self.payload, ensure_ascii=False, sort_keys=True)
