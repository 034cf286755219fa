"""Bridges the Qt-free engine to signals, and turns domain errors into messages instead of crashes.

Writes happen here, on the GUI thread, as one short synchronous transaction per action: the engine
must have committed before the screen may show the step as done, and a single small WAL commit
costs a few milliseconds, well under a frame. Long jobs (reports, exports) use workers instead.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from kiosk.qt.slots import bind as bind  # where the participant screens and session page look for it
from kiosk.session.codes import InvalidParticipantCode
from kiosk.session.engine import InvalidAction, SessionEngine
from kiosk.session.state import SessionState
from kiosk.store.db import StoreError
from kiosk.store.records import EventRecord

DOMAIN_ERRORS = (InvalidAction, StoreError, InvalidParticipantCode)


class SessionBridge(QObject):
    event_committed = Signal(object, object)  # EventRecord, SessionState
    action_failed = Signal(str)
    #: why nothing can be heard (no speaker, no voice), in the console's language; "" once a reading worked.
    #: Not an action's failure: it stays on the console until it is solved, whatever else happens
    speech_problem = Signal(str)

    def __init__(self, engine: SessionEngine, parent: QObject | None = None, *,
                 explain: Callable[[BaseException], str] = str) -> None:
        """``explain`` words a refused action for the console (its language: see kiosk.qt.explain)."""
        super().__init__(parent)
        self.engine = engine
        self._explain = explain
        engine.add_listener(self._on_engine_event)

    def run(self, action: Callable[..., object], *args: object) -> bool:
        """Run one engine action; on a domain error emit ``action_failed`` and return False."""
        try:
            action(*args)
        except DOMAIN_ERRORS as exc:
            self.action_failed.emit(self._explain(exc))
            return False
        return True

    def _on_engine_event(self, event: EventRecord, state: SessionState) -> None:
        self.event_committed.emit(event, state)

