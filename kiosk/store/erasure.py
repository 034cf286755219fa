"""Erasure: the one well-defined operation that removes a participant from this laptop.

Deletes every session of the participant in the study, with its events (answers and notes are
events), consent records, contact details and files (media, receipts, and generated reports, which
may quote them), then leaves a tombstone (code, time, reason) that later exports carry so the hub
erases its copy too. SQLite's secure_delete, a VACUUM and a truncated WAL leave no old bytes behind.

Deleting rows is not the end: until the WAL is checkpointed and truncated, old page images with the
participant's text stay in the WAL and in the main file, and any other connection in a read
transaction (a report, a second process) stops that. So the delete commits an "erasure pending"
mark in the same transaction, and the mark is cleared only once compaction really finished; a
killed process or a busy reader leaves the mark, and :func:`finish_pending_erasure` (run at start-up
and retried while the app runs) completes the work. Results say plainly what is still pending.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from kiosk.store.db import ERASURE_PENDING_KEY, Store, StoreError, new_id, utc_now_iso
from kiosk.store.records import Tombstone

#: the meta key that says an erasure's compaction (and file clean-up) is not finished yet
PENDING_KEY = ERASURE_PENDING_KEY
#: how long compaction waits for other connections before it reports "pending" and retries later
CHECKPOINT_WAIT_MS = 300


@dataclass(frozen=True)
class Compaction:
    """What one compaction achieved: ``pending_pages`` old page images still wait in the WAL."""

    done: bool
    pending_pages: int = 0
    error: str = ""


@dataclass(frozen=True)
class ErasureResult:
    tombstone: Tombstone
    sessions: int
    files: int
    fully_compacted: bool
    #: old page images still in the WAL because another connection was reading (0 when done)
    pending_pages: int = 0


def participant_files(data_root: Path, session_ids: list[str]) -> list[Path]:
    """Files that belong to these sessions, plus generated reports (derived; they may quote anyone)."""
    found: list[Path] = []
    for session_id in session_ids:
        media = data_root / "media" / session_id
        if media.exists():
            found.append(media)
        found += sorted((data_root / "receipts").glob(f"{session_id}*"))
    return found + _reports(data_root)


def _reports(data_root: Path) -> list[Path]:
    reports = data_root / "reports"
    return sorted(reports.iterdir()) if reports.is_dir() else []


#: a session id (``store.db.new_id``: a UUID); media folders and receipts are named after one
_SESSION_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _orphan_files(store: Store, data_root: Path) -> list[Path]:
    """Media and receipts of sessions that no longer exist: what a kill before the file clean-up left. Only
    entries named after a session id: anything else in those folders (a person's own notes, a copied PDF) is
    not the app's to delete."""
    known = {row[0] for row in store._conn.execute("SELECT id FROM sessions")}

    def orphaned(name: str) -> bool:
        match = _SESSION_ID.match(name)
        return match is not None and name[match.end():][:1] in ("", ".") and match.group() not in known

    found = [p for p in sorted((data_root / "media").glob("*")) if orphaned(p.name)]
    found += [p for p in sorted((data_root / "receipts").glob("*")) if orphaned(p.name)]
    return found


def _remove(paths: list[Path]) -> int:
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
    return len(paths)


def compact(store: Store) -> Compaction:
    """Checkpoint, VACUUM and truncate the WAL; report honestly when another reader prevents it.

    Waits at most ``CHECKPOINT_WAIT_MS`` for readers, so a long report elsewhere cannot hang the caller.
    """
    conn = store._conn
    with store._lock:
        conn.execute(f"PRAGMA busy_timeout = {CHECKPOINT_WAIT_MS}")
        try:
            busy, log, done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if not busy:  # a reader still inside its snapshot: no use rewriting the file until it leaves
                conn.execute("VACUUM")
                busy, log, done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        except sqlite3.OperationalError as exc:
            return Compaction(False, error=str(exc))
        finally:
            conn.execute("PRAGMA busy_timeout = 10000")
    if busy or log > 0:
        return Compaction(False, pending_pages=max(log - done, 0) or max(log, 1))
    return Compaction(True)


def erasure_pending(store: Store) -> bool:
    return store.erasure_pending()


def finish_pending_erasure(store: Store, data_root: Path | None = None) -> Compaction:
    """Complete an earlier erasure: remove orphaned files and reports, compact, then clear the mark.

    Nothing to do (and ``done``) if no erasure is pending; run at start-up and retried while pending.
    """
    if not erasure_pending(store):
        return Compaction(True)
    data_root = data_root or store.path.parent
    _remove(_orphan_files(store, data_root) + _reports(data_root))
    outcome = compact(store)
    if outcome.done:
        with store.write() as conn:
            conn.execute("DELETE FROM meta WHERE key = ?", (PENDING_KEY,))
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the mark's own page, which holds nothing personal
    return outcome


def erase_participant(store: Store, study_id: str, participant_code: str, reason: str,
                      data_root: Path | None = None) -> ErasureResult:
    data_root = data_root or store.path.parent
    sessions = [s for s in store.sessions(study_id) if s.participant_code == participant_code]
    if not sessions:
        raise StoreError(f"no participant {participant_code} in study {study_id}")
    ids = [s.id for s in sessions]
    tombstone = Tombstone(new_id(), participant_code, study_id, utc_now_iso(), reason.strip() or "withdrawn",
                          store.laptop_id)
    with store.write() as conn:
        marks = ",".join("?" * len(ids))
        conn.execute(f"DELETE FROM events WHERE session_id IN ({marks})", ids)
        conn.execute(f"DELETE FROM consent_records WHERE session_id IN ({marks})", ids)
        conn.execute("DELETE FROM contacts WHERE study_id = ? AND participant_code = ?", (study_id, participant_code))
        conn.execute(f"DELETE FROM sessions WHERE id IN ({marks})", ids)
        conn.execute("INSERT INTO tombstones (id, participant_code, study_id, withdrawn_utc, reason, laptop_id) "
                     "VALUES (?, ?, ?, ?, ?, ?)", (tombstone.id, participant_code, study_id, tombstone.withdrawn_utc,
                                                   tombstone.reason, tombstone.laptop_id))
        # Same transaction: if the process dies before compaction, the next start finishes it.
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (PENDING_KEY, tombstone.withdrawn_utc))
    files = _remove(participant_files(data_root, ids))
    outcome = finish_pending_erasure(store, data_root)
    return ErasureResult(tombstone, len(ids), files, outcome.done, outcome.pending_pages)


def erase_participant_at(database: Path, study_id: str, participant_code: str, reason: str) -> ErasureResult:
    """Erase on a connection of its own: what the ordered worker thread runs."""
    store = Store(database)
    try:
        return erase_participant(store, study_id, participant_code, reason)
    finally:
        store.close()


def finish_pending_erasure_at(database: Path) -> Compaction:
    store = Store(database)
    try:
        return finish_pending_erasure(store)
    finally:
        store.close()
