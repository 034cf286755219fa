"""SQLite storage through sqlite-utils: schema and migrations, one writer, durable appends."""

from kiosk.store.db import Store, StoreError, StoreReader
from kiosk.store.records import EventRecord, SessionRecord, SessionStatus

__all__ = ["EventRecord", "SessionRecord", "SessionStatus", "Store", "StoreError", "StoreReader"]
