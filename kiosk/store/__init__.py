"""SQLite storage through sqlite-utils: schema and migrations, one writer, durable appends."""

from kiosk.store.db import Store, StoreError, StoreReader
from kiosk.store.records import (ConsentRecord, EventRecord, IncompleteConsent, SessionRecord, SessionStatus,
                                  Tombstone)

__all__ = ["ConsentRecord", "EventRecord", "IncompleteConsent", "Tombstone", "SessionRecord", "SessionStatus", "Store", "StoreError", "StoreReader"]
