"""The session engine (no Qt): flow, an event-sourced state, durations, resume after a crash.

Names load their module on first use: the console's start page needs small parts of this package (codes,
console rules, the mode), and importing the engine with them delayed its first paint (issue 8).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kiosk.session.clock import Clock, SimulatedClock, SystemClock
    from kiosk.session.engine import InvalidAction, SessionEngine
    from kiosk.session.flow import Outcome, Step
    from kiosk.session.state import SessionState

__all__ = ["Clock", "InvalidAction", "Outcome", "SessionEngine", "SessionState", "SimulatedClock", "Step", "SystemClock"]

_HOMES = {"Clock": "clock", "SimulatedClock": "clock", "SystemClock": "clock", "InvalidAction": "engine",
          "SessionEngine": "engine", "Outcome": "flow", "Step": "flow", "SessionState": "state"}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_HOMES[name]}"), name)
