"""The session engine (no Qt): flow, an event-sourced state, durations, resume after a crash."""

from kiosk.session.clock import Clock, SimulatedClock, SystemClock
from kiosk.session.engine import InvalidAction, SessionEngine
from kiosk.session.flow import Outcome, Step
from kiosk.session.state import SessionState

__all__ = ["Clock", "InvalidAction", "Outcome", "SessionEngine", "SessionState", "SimulatedClock", "Step", "SystemClock"]
