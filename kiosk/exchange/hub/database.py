"""The hub's database: a laptop store's schema (so every report reads it) plus the hub's own tables.

``<hub-dir>/hub.sqlite3`` is migrated first by the store's migrations, then by the hub's, whose version
lives in ``meta`` under ``hub_schema`` (the store's ``user_version`` stays the store's). On the hub a
participant code and number are unique per study *and laptop*: two sites both have participant 1, and
two people may both be P-0001. docs/hub.md describes every table for Datasette and spreadsheets.

Nothing here keeps a withdrawn participant's code: tombstones and the names of erased bundles are kept
as keyed digests (HMAC-SHA256 with a key derived from the hub's private key), so the database can be
shared with analysts without letting anyone test codes against it.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from pathlib import Path

from kiosk.exchange.keys import KeyKind, PublicKeyFile, SecretKey, hub_secret
from kiosk.paths import private_folder
from kiosk.store.db import Store, utc_now_iso
from kiosk.store.schema import Migration, _run

DATABASE = "hub.sqlite3"
FILES = "files"
PLANS = "plans"
QUARANTINE = "quarantine"
WORK = ".work"
SCHEMA_KEY = "hub_schema"


def _hub_v1(conn) -> None:
    _run(
        conn,
        """
        -- Unique per study and laptop on the hub (two sites both have participant 1).
        DROP INDEX IF EXISTS sessions_one_code;
        DROP INDEX IF EXISTS sessions_one_number;
        CREATE UNIQUE INDEX hub_sessions_one_code ON sessions(study_id, laptop_id, participant_code)
            WHERE duplicate_of IS NULL;
        CREATE UNIQUE INDEX hub_sessions_one_number ON sessions(study_id, laptop_id, participant_number)
            WHERE duplicate_of IS NULL;
        CREATE TABLE hub_laptops (
            fingerprint TEXT PRIMARY KEY, public_key TEXT NOT NULL UNIQUE, name TEXT NOT NULL DEFAULT '',
            trusted_utc TEXT NOT NULL
        );
        -- Which laptop store id signed with which key: a site's sessions are found through it.
        CREATE TABLE hub_laptop_ids (
            laptop_id TEXT PRIMARY KEY, fingerprint TEXT NOT NULL REFERENCES hub_laptops(fingerprint),
            first_seen_utc TEXT NOT NULL
        );
        CREATE TABLE hub_bundles (
            name_digest TEXT PRIMARY KEY, name TEXT,
            kind TEXT NOT NULL CHECK (kind IN ('session', 'withdrawal')),
            subject_id TEXT, study_id TEXT NOT NULL, laptop_id TEXT NOT NULL, signer_fingerprint TEXT NOT NULL,
            tagmanifest_sha256 TEXT NOT NULL, received_utc TEXT NOT NULL, last_seen_utc TEXT NOT NULL,
            result TEXT NOT NULL CHECK (result IN ('imported', 'erased'))
        );
        CREATE INDEX hub_bundles_by_subject ON hub_bundles(subject_id);
        CREATE TABLE hub_quarantine (
            id INTEGER PRIMARY KEY, name TEXT NOT NULL, reason TEXT NOT NULL, message TEXT NOT NULL,
            signer_fingerprint TEXT NOT NULL DEFAULT '', folder TEXT NOT NULL, utc TEXT NOT NULL
        );
        CREATE TABLE hub_tombstones (
            id TEXT PRIMARY KEY, study_id TEXT NOT NULL, laptop_id TEXT NOT NULL, code_digest TEXT NOT NULL,
            withdrawn_utc TEXT NOT NULL, reason TEXT NOT NULL, received_utc TEXT NOT NULL,
            sessions_erased INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX hub_tombstones_by_code ON hub_tombstones(study_id, laptop_id, code_digest);
        CREATE VIEW hub_sites AS
            SELECT s.study_id, s.laptop_id, COALESCE(l.name, '') AS site, COALESCE(l.fingerprint, '') AS fingerprint,
                   COUNT(*) AS sessions, SUM(s.status = 'ended') AS completed,
                   SUM(s.status = 'withdrawn') AS withdrawn_kept,
                   (SELECT COUNT(*) FROM hub_tombstones t WHERE t.study_id = s.study_id
                        AND t.laptop_id = s.laptop_id) AS withdrawn_erased
            FROM sessions s LEFT JOIN hub_laptop_ids i ON i.laptop_id = s.laptop_id
                 LEFT JOIN hub_laptops l ON l.fingerprint = i.fingerprint
            GROUP BY s.study_id, s.laptop_id;
        """,
    )


def _hub_v2_study_wide_codes(conn) -> None:
    """A tombstone's code digest without the laptop, for plans whose codes name one person at every site
    (``participant_codes = "study"``). Tombstones from before stay per laptop: their codes are not kept."""
    _run(
        conn,
        """
        ALTER TABLE hub_tombstones ADD COLUMN study_code_digest TEXT NOT NULL DEFAULT '';
        CREATE INDEX hub_tombstones_by_study_code ON hub_tombstones(study_id, study_code_digest);
        """,
    )


HUB_MIGRATIONS: list[Migration] = [_hub_v1, _hub_v2_study_wide_codes]


@dataclass(frozen=True)
class Laptop:
    """A laptop whose bundles the hub accepts."""

    fingerprint: str
    public_key: PublicKeyFile
    name: str
    trusted_utc: str


class HubStore(Store):
    """The hub's one writer: the laptop schema, the hub tables, and the key for digests and receipts."""

    def __init__(self, hub_dir: Path, key: SecretKey) -> None:
        self.hub_dir = private_folder(Path(hub_dir))
        super().__init__(self.hub_dir / DATABASE)
        self.key = key
        self._digest_key = hashlib.sha256(b"ux-kiosk hub digest v1\0" + bytes(key.signing_key)).digest()
        self._migrate_hub()

    @classmethod
    def open(cls, hub_dir: Path) -> HubStore:
        """The hub at ``hub_dir``; its key must exist (``ux-kiosk hub init``)."""
        return cls(hub_dir, hub_secret(hub_dir))

    def _migrate_hub(self) -> None:
        with self.write() as conn:  # under the write lock: a second importer must not migrate over us
            current = int(self._meta_value(SCHEMA_KEY) or 0)
            for number in range(current, len(HUB_MIGRATIONS)):
                HUB_MIGRATIONS[number](conn)
                conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (SCHEMA_KEY, str(number + 1)))

    def digest(self, *parts: str) -> str:
        """A keyed digest of ``parts``: the same input gives the same value at this hub, and nothing else."""
        return hmac.new(self._digest_key, "\0".join(parts).encode("utf-8"), hashlib.sha256).hexdigest()

    def folder(self, name: str) -> Path:
        return private_folder(self.hub_dir / name)

    # -- laptops -------------------------------------------------------------------------------------

    def trust_laptop(self, key: PublicKeyFile, name: str = "") -> Laptop:
        """Trust ``key`` (again: the name is updated, the first trust time kept)."""
        now = utc_now_iso()
        with self.write() as conn:
            conn.execute("INSERT OR IGNORE INTO hub_laptops (fingerprint, public_key, name, trusted_utc) "
                         "VALUES (?, ?, ?, ?)", (key.fingerprint, key.base64, name.strip(), now))
            if name.strip():
                conn.execute("UPDATE hub_laptops SET name = ? WHERE fingerprint = ?", (name.strip(), key.fingerprint))
        return next(laptop for laptop in self.laptops() if laptop.fingerprint == key.fingerprint)

    def laptops(self) -> list[Laptop]:
        rows = self._conn.execute("SELECT fingerprint, public_key, name, trusted_utc FROM hub_laptops "
                                  "ORDER BY trusted_utc, fingerprint").fetchall()
        return [Laptop(row[0], PublicKeyFile.from_base64(KeyKind.LAPTOP, row[1]), row[2], row[3]) for row in rows]
