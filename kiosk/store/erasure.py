"""Erasure: the one well-defined operation that removes a participant from this laptop.

Deletes every session of the participant in the study, with its events (answers and notes are
events), consent records, contact details and files (media, receipts, and generated reports, which
may quote them), then leaves a tombstone (code, time, reason) that later exports carry so the hub
erases its copy too. SQLite's secure_delete, a VACUUM and a truncated WAL leave no old bytes behind.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from kiosk.store.db import Store, StoreError, new_id, utc_now_iso
from kiosk.store.records import Tombstone


@dataclass(frozen=True)
class ErasureResult:
    tombstone: Tombstone
    sessions: int
    files: int
    fully_compacted: bool


def participant_files(data_root: Path, session_ids: list[str]) -> list[Path]:
    """Files that belong to these sessions, plus generated reports (derived; they may quote anyone)."""
    found: list[Path] = []
    for session_id in session_ids:
        media = data_root / "media" / session_id
        if media.exists():
            found.append(media)
        found += sorted((data_root / "receipts").glob(f"{session_id}*"))
    reports = data_root / "reports"
    if reports.is_dir():
        found += sorted(p for p in reports.iterdir())
    return found


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
    files = participant_files(data_root, ids)
    for path in files:
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
    compacted = store.compact()
    return ErasureResult(tombstone, len(ids), len(files), compacted)
