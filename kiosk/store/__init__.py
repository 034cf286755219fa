"""SQLite storage (plain sqlite3): schema and migrations, one writer, durable appends."""

from kiosk.store.db import Store, StoreError, StoreReader
from kiosk.store.records import (ConsentRecord, ContactRecord, EventRecord, IncompleteConsent, SessionRecord,
                                  SessionStatus, Tombstone)

__all__ = ["ConsentRecord", "ContactRecord", "EventRecord", "IncompleteConsent", "Tombstone", "SessionRecord",
           "SessionStatus", "Store", "StoreError", "StoreReader"]
