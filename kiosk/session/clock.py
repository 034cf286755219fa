"""Clocks: monotonic nanoseconds for durations, UTC wall time beside them for people and media alignment.

Monotonic time restarts with the process (and the machine), so every reading carries the clock's
``epoch``; durations are only ever taken between readings of the same epoch.
"""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime, timedelta
from typing import Protocol

# How often the Qt layer calls SessionEngine.heartbeat: a crash loses at most this much task time.
# Here, beside the clocks, so the console sets its timer without importing the engine (issue 8).
HEARTBEAT_SECONDS = 5.0


class Clock(Protocol):
    epoch: str

    def monotonic_ns(self) -> int: ...

    def utc_now(self) -> datetime: ...


class SystemClock:
    """The real clock. A new epoch per instance: one per process run."""

    def __init__(self) -> None:
        self.epoch = os.urandom(6).hex()  # 12 random hex digits, as uuid4().hex[:12] was, without uuid at start

    def monotonic_ns(self) -> int:
        return time.monotonic_ns()

    def utc_now(self) -> datetime:
        return datetime.now(UTC)


class SimulatedClock:
    """A clock that moves only when told: ``ux-kiosk simulate`` uses it to write realistic timings instantly."""

    def __init__(self, start: datetime, epoch: str = "simulated") -> None:
        self.epoch = epoch
        self._start = start
        self._elapsed_ns = 0

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a clock cannot go backwards")
        self._elapsed_ns += int(seconds * 1e9)

    def monotonic_ns(self) -> int:
        return self._elapsed_ns

    def utc_now(self) -> datetime:
        return self._start + timedelta(microseconds=self._elapsed_ns // 1000)
