"""The bundle ledger: each bundle written for a session or a withdrawal, and how far it got (exported, sent,
received by the hub), with the last error, so the console and the next sync know what is left to do.

A state only moves forward (a bundle the hub received stays received when a later export writes it again);
nothing here, nor in export or sync, deletes a session's data.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum

from kiosk.explained import ExplainedError, restored_words, stored_words

from kiosk.store.db import Store, StoreReader, utc_now_iso


class BundleState(StrEnum):
    NOT_EXPORTED = "not_exported"
    EXPORTED = "exported"
    SENT = "sent"
    RECEIVED = "received"

    @property
    def rank(self) -> int:
        return list(BundleState).index(self)


@dataclass(frozen=True)
class LedgerEntry:
    """One bundle as the ledger knows it."""

    name: str
    kind: str  # session or withdrawal
    subject_id: str  # the session id or the tombstone id
    study_id: str
    created_utc: str
    sealed: bool
    state: BundleState = BundleState.NOT_EXPORTED
    destination: str = ""
    exported_utc: str | None = None
    sent_utc: str | None = None
    received_utc: str | None = None
    last_error: str = ""
    error_utc: str | None = None
    updated_utc: str = ""
    #: the last error's catalog key and values (``kiosk.explained.stored_words``); "" for an error without words
    error_key: str = ""
    error_values: dict[str, object] = field(default_factory=dict)

    @property
    def problem(self) -> ExplainedError | None:
        """The last error with its words, for the reader's language (None: none, or only an English line)."""
        return restored_words(self.error_key, self.error_values) if self.error_key else None


def _advance(store: Store, entry: LedgerEntry, state: BundleState, destination: str | None, column: str | None,
             utc: str, error: str = "", words: tuple[str, dict[str, object]] = ("", {})) -> None:
    """Insert the bundle if new; move its state forward (never back); note the time, destination and error."""
    with store.write() as conn:
        conn.execute(
            "INSERT OR IGNORE INTO bundles (name, kind, subject_id, study_id, created_utc, sealed, state, "
            "updated_utc) VALUES (?, ?, ?, ?, ?, ?, 'not_exported', ?)",
            (entry.name, entry.kind, entry.subject_id, entry.study_id, entry.created_utc, int(entry.sealed), utc))
        row = conn.execute("SELECT state FROM bundles WHERE name = ?", (entry.name,)).fetchone()
        if BundleState(row[0]).rank < state.rank:
            conn.execute("UPDATE bundles SET state = ? WHERE name = ?", (state.value, entry.name))
        if column is not None:
            conn.execute(f"UPDATE bundles SET {column} = ? WHERE name = ?", (utc, entry.name))
        if destination is not None:
            conn.execute("UPDATE bundles SET destination = ? WHERE name = ?", (destination, entry.name))
        conn.execute("UPDATE bundles SET last_error = ?, error_utc = ?, updated_utc = ?, error_key = ?, "
                     "error_values = ? WHERE name = ?",
                     (error, utc if error else None, utc, words[0], json.dumps(words[1], ensure_ascii=False),
                      entry.name))


def record_export(store: Store, entry: LedgerEntry, destination: str, utc: str | None = None) -> None:
    """The bundle is complete (committed under its final name) at ``destination``."""
    _advance(store, entry, BundleState.EXPORTED, destination, "exported_utc", utc or utc_now_iso())


def record_failure(store: Store, entry: LedgerEntry, destination: str, error: str | BaseException,
                   utc: str | None = None) -> None:
    """An attempt failed: the state stays where it was; the reason is kept for the console, as its first English
    line and, for an error with words, its catalog key and values (worded later in the reader's language)."""
    if isinstance(error, BaseException):
        words = stored_words(error)
        text = (error.strerror if isinstance(error, OSError) and error.strerror else str(error)).strip()
        text = text.splitlines()[0] if text else type(error).__name__
    else:
        words, text = ("", {}), error.strip()
    _advance(store, entry, BundleState.NOT_EXPORTED, destination, None, utc or utc_now_iso(),
             error=text or "failed", words=words)


def mark_sent(store: Store, entry: LedgerEntry, destination: str, utc: str | None = None) -> None:
    """The bundle reached the hub's inbox (a sync target); local data stay until the hub's receipt."""
    _advance(store, entry, BundleState.SENT, destination, "sent_utc", utc or utc_now_iso())


def mark_received(store: Store, name: str, utc: str | None = None) -> bool:
    """The hub's signed receipt for ``name`` was read; False if this laptop never wrote that bundle."""
    existing = entry_of(store, name)
    if existing is None:
        return False
    _advance(store, existing, BundleState.RECEIVED, None, "received_utc", utc or utc_now_iso())
    return True


def entry_of(reader: StoreReader, name: str) -> LedgerEntry | None:
    rows = reader._rows("bundles", "name", name=name)
    return _entry(rows[0]) if rows else None


def entries(reader: StoreReader, study_id: str | None = None, subject_id: str | None = None) -> list[LedgerEntry]:
    """Every bundle of the study (or of one session or withdrawal), oldest first."""
    return [_entry(row) for row in reader._rows("bundles", "created_utc, name", study_id=study_id,
                                                subject_id=subject_id)]


def subject_states(reader: StoreReader, study_id: str | None = None) -> dict[str, LedgerEntry]:
    """Per session or withdrawal, its newest bundle (the one named after its latest event), for the console."""
    newest: dict[str, LedgerEntry] = {}
    for entry in entries(reader, study_id):
        known = newest.get(entry.subject_id)
        if known is None or _seq(entry.name) >= _seq(known.name):
            newest[entry.subject_id] = entry
    return newest


def _seq(name: str) -> int:
    tail = name.rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def _entry(row: dict) -> LedgerEntry:
    return LedgerEntry(**{**row, "sealed": bool(row["sealed"]), "state": BundleState(row["state"]),
                          "error_values": json.loads(row.get("error_values") or "{}")})
