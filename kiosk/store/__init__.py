"""SQLite storage (plain sqlite3): schema and migrations, one writer, durable appends.

The records other than a session's row load on first use (``kiosk.store.records``): the console's start lists
sessions and needs nothing else (issue 8).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from kiosk.store.db import Store, StoreError, StoreReader
from kiosk.store.session_record import SessionRecord, SessionStatus

if TYPE_CHECKING:
    from kiosk.store.records import ConsentRecord, ContactRecord, EventRecord, IncompleteConsent, Tombstone

__all__ = ["ConsentRecord", "ContactRecord", "EventRecord", "IncompleteConsent", "Tombstone", "SessionRecord",
           "SessionStatus", "Store", "StoreError", "StoreReader"]

_LATER = frozenset({"ConsentRecord", "ContactRecord", "EventRecord", "IncompleteConsent", "Tombstone"})


def __getattr__(name: str) -> Any:
    if name not in _LATER:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module("kiosk.store.records"), name)
