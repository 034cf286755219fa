"""The study report over every site, from the hub's database: the laptop report with a by-site table."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kiosk.exchange.hub.database import DATABASE, PLANS
from kiosk.reports.dataset import collect_study
from kiosk.reports.sites import site_stats
from kiosk.reports.study_report import write_study_report
from kiosk.store.db import StoreError, StoreReader


def hub_database(hub_dir: Path) -> Path:
    path = Path(hub_dir) / DATABASE
    if not path.is_file():
        raise StoreError(f"no hub database in {hub_dir}: run 'ux-kiosk hub import INBOX --hub-dir {hub_dir}' first",
                         key="hub.no_database", folder=hub_dir)
    return path


class HubReader(StoreReader):
    """Reads the hub's database; a plan's folder is under this hub's ``plans/``, wherever the hub folder is now."""

    def __init__(self, hub_dir: Path) -> None:
        super().__init__(hub_database(hub_dir))
        self.hub_dir = Path(hub_dir)

    def plan_folder(self, content_hash: str) -> str:
        folder = self.hub_dir / PLANS / content_hash
        return str(folder) if folder.is_dir() else super().plan_folder(content_hash)


def site_names(reader: StoreReader) -> dict[str, str]:
    """Laptop store id -> the site name it was trusted under (its key's fingerprint if unnamed)."""
    rows = reader._conn.execute("SELECT i.laptop_id, l.name, l.fingerprint FROM hub_laptop_ids i "
                                "JOIN hub_laptops l ON l.fingerprint = i.fingerprint").fetchall()
    return {row[0]: row[1] or row[2] for row in rows}


def erased_by_laptop(reader: StoreReader, study_id: str) -> dict[str, int]:
    """Per laptop, how many withdrawn participants were erased here (no session row of theirs is left)."""
    rows = reader._conn.execute("SELECT laptop_id, COUNT(*) FROM hub_tombstones WHERE study_id = ? "
                                "GROUP BY laptop_id", (study_id,)).fetchall()
    return {row[0]: row[1] for row in rows}


def hub_studies(reader: StoreReader) -> list[str]:
    """The studies the hub has sessions or withdrawals of; StoreError if the database is not a hub's."""
    try:
        rows = reader._conn.execute("SELECT study_id FROM sessions UNION SELECT study_id FROM hub_tombstones").fetchall()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{reader.path} is not a hub's database ({exc}); give the folder made by "
                         "'ux-kiosk hub init'", key="hub.not_a_hub_database", path=reader.path,
                         detail=str(exc)) from None
    return sorted(row[0] for row in rows)


def write_hub_report(hub_dir: Path, study_id: str, out: Path, lang: str) -> Path:
    reader = HubReader(hub_dir)
    try:
        results = collect_study(reader, study_id)
        sites = site_stats(results, site_names(reader), erased_by_laptop(reader, study_id))
        return write_study_report(results, out, lang, sites=sites)
    finally:
        reader.close()
