"""Report jobs as the console runs them: each opens its own read-only connection, so it can run
on a worker thread while the GUI thread keeps recording.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from kiosk.reports.dataset import collect_study
from kiosk.reports.session_report import write_session_report
from kiosk.reports.study_report import write_study_report
from kiosk.store.db import StoreReader


def report_path(folder: Path, name: str, lang: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    return Path(folder) / f"{name}-{lang}-{stamp}.pdf"


def study_report_job(database: Path, study_id: str, folder: Path, lang: str) -> Path:
    reader = StoreReader(database)
    try:
        return write_study_report(collect_study(reader, study_id), report_path(folder, study_id, lang), lang)
    finally:
        reader.close()


def session_report_job(database: Path, session_id: str, folder: Path, lang: str) -> Path:
    reader = StoreReader(database)
    try:
        code = reader.session(session_id).participant_code
        return write_session_report(reader, session_id, report_path(folder, f"session-{code}", lang), lang)
    finally:
        reader.close()


def receipt_job(database: Path, session_id: str, folder: Path) -> Path:
    """Receipts are named by session id, so erasing a participant finds and removes them."""
    from kiosk.reports.consent_receipt import write_consent_receipt

    reader = StoreReader(database)
    try:
        return write_consent_receipt(reader, session_id, Path(folder) / f"{session_id}.pdf")
    finally:
        reader.close()
