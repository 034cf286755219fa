"""Schema migrations, applied in order inside one transaction each; ``PRAGMA user_version`` is the version.

A migration is appended, never edited: laptops in the field may hold any older version.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable

Migration = Callable[[sqlite3.Connection], None]


def _run(conn: sqlite3.Connection, script: str) -> None:
    """Run statements one by one: ``executescript`` would COMMIT early and break the migration's atomicity.

    A ";" inside a comment or a string does not end a statement, so pieces are joined until SQLite
    itself says the statement is complete.
    """
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if _has_sql(pending):
                conn.execute(pending)
            pending = ""
    if _has_sql(pending.removesuffix(";")):
        conn.execute(pending.removesuffix(";"))


def _has_sql(text: str) -> bool:
    """Whether anything but comments and whitespace is left (SQLite rejects a statement that is only a comment)."""
    without_blocks = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    without_lines = re.sub(r"--[^\n]*", " ", without_blocks)
    return bool(without_lines.strip(" \t\r\n;"))


def _v1_initial(conn: sqlite3.Connection) -> None:
    _run(
        conn,
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        -- The exact plan text each session ran against, by content hash: editing a plan
        -- file never changes what earlier sessions saw.
        CREATE TABLE plans (
            hash TEXT PRIMARY KEY, study_id TEXT NOT NULL, version TEXT NOT NULL,
            source TEXT NOT NULL, first_seen_utc TEXT NOT NULL
        );
        CREATE TABLE sessions (
            id TEXT PRIMARY KEY, laptop_id TEXT NOT NULL, study_id TEXT NOT NULL,
            plan_hash TEXT NOT NULL REFERENCES plans(hash), plan_version TEXT NOT NULL,
            participant_code TEXT NOT NULL, participant_number INTEGER NOT NULL,
            task_order TEXT NOT NULL, mode TEXT NOT NULL, status TEXT NOT NULL, step TEXT NOT NULL,
            created_utc TEXT NOT NULL, updated_utc TEXT NOT NULL
        );
        CREATE INDEX sessions_by_participant ON sessions(participant_code);
        CREATE INDEX sessions_by_study ON sessions(study_id, status);
        CREATE TABLE events (
            id TEXT PRIMARY KEY, session_id TEXT NOT NULL REFERENCES sessions(id),
            seq INTEGER NOT NULL, kind TEXT NOT NULL, utc TEXT NOT NULL,
            mono_ns INTEGER NOT NULL, clock_epoch TEXT NOT NULL, laptop_id TEXT NOT NULL,
            payload TEXT NOT NULL,
            UNIQUE (session_id, seq)
        );
        """
    )


def _v2_consent(conn: sqlite3.Connection) -> None:
    _run(
        conn,
        """
        ALTER TABLE sessions ADD COLUMN facilitator TEXT NOT NULL DEFAULT '';
        ALTER TABLE sessions ADD COLUMN guardian TEXT NOT NULL DEFAULT '';
        CREATE TABLE consent_records (
            id TEXT PRIMARY KEY, session_id TEXT NOT NULL UNIQUE REFERENCES sessions(id),
            participant_code TEXT NOT NULL, study_id TEXT NOT NULL, plan_version TEXT NOT NULL,
            consent_version TEXT NOT NULL, text_sha256 TEXT NOT NULL CHECK (length(text_sha256) = 64),
            language TEXT NOT NULL, script TEXT NOT NULL, options TEXT NOT NULL,
            method TEXT NOT NULL CHECK (method IN ('signature', 'mark', 'verbal')),
            signature_png BLOB, facilitator TEXT NOT NULL CHECK (facilitator <> ''),
            witness TEXT NOT NULL DEFAULT '', guardian TEXT NOT NULL DEFAULT '',
            utc TEXT NOT NULL, local_time TEXT NOT NULL, laptop_id TEXT NOT NULL,
            CHECK (method = 'verbal' OR signature_png IS NOT NULL),
            CHECK (method <> 'verbal' OR witness <> '')
        );
        -- Contact details live apart from session data and are never exported unless the plan says so.
        CREATE TABLE contacts (
            id TEXT PRIMARY KEY, participant_code TEXT NOT NULL, study_id TEXT NOT NULL,
            session_id TEXT NOT NULL, contact TEXT NOT NULL, utc TEXT NOT NULL
        );
        CREATE TABLE tombstones (
            id TEXT PRIMARY KEY, participant_code TEXT NOT NULL, study_id TEXT NOT NULL,
            withdrawn_utc TEXT NOT NULL, reason TEXT NOT NULL, laptop_id TEXT NOT NULL
        );
        """,
    )


def _v3_one_participation(conn: sqlite3.Connection) -> None:
    """A participant code and a participant number are used once per study (counterbalancing needs the latter).

    Two writers could store duplicates before this version. Nothing is deleted: every session that
    shares a code or number with an earlier one of its study keeps all its data and points at that
    earlier session in ``duplicate_of``; the constraints hold for all the others and for every new
    session. Sessions stranded without any event by a crash during the old four-step start can never
    be resumed: they are closed as abandoned (their row stays).
    """
    _run(
        conn,
        """
        ALTER TABLE sessions ADD COLUMN duplicate_of TEXT;
        UPDATE sessions SET duplicate_of = (
            SELECT earlier.id FROM sessions AS earlier
            WHERE earlier.study_id = sessions.study_id
              AND (earlier.participant_code = sessions.participant_code
                   OR earlier.participant_number = sessions.participant_number)
              AND (earlier.created_utc, earlier.id) < (sessions.created_utc, sessions.id)
            ORDER BY earlier.created_utc, earlier.id LIMIT 1
        );
        CREATE UNIQUE INDEX sessions_one_code ON sessions(study_id, participant_code) WHERE duplicate_of IS NULL;
        CREATE UNIQUE INDEX sessions_one_number ON sessions(study_id, participant_number)
            WHERE duplicate_of IS NULL;
        UPDATE sessions SET status = 'abandoned'
            WHERE status = 'in_progress' AND NOT EXISTS (SELECT 1 FROM events WHERE events.session_id = sessions.id);
        INSERT OR REPLACE INTO meta (key, value)
            SELECT 'v3_duplicate_sessions', COUNT(*) FROM sessions WHERE duplicate_of IS NOT NULL;
        """,
    )


def _v4_heartbeat(conn: sqlite3.Connection) -> None:
    """The last moment a running session was known alive, so a crash costs no task time before it."""
    _run(
        conn,
        """
        ALTER TABLE sessions ADD COLUMN heartbeat_utc TEXT;
        ALTER TABLE sessions ADD COLUMN heartbeat_mono_ns INTEGER;
        ALTER TABLE sessions ADD COLUMN heartbeat_epoch TEXT;
        """,
    )


def _v5_consent_proof(conn: sqlite3.Connection) -> None:
    """Keep what a consent record's hash covers: the exact text shown (catalog wording included) and the
    app version, so the proof can be recomputed years later; and the folder a plan's audio clips are in."""
    _run(
        conn,
        """
        ALTER TABLE consent_records ADD COLUMN text TEXT NOT NULL DEFAULT '';
        ALTER TABLE consent_records ADD COLUMN app_version TEXT NOT NULL DEFAULT '';
        ALTER TABLE plans ADD COLUMN folder TEXT NOT NULL DEFAULT '';
        """,
    )


def _v6_bundle_ledger(conn: sqlite3.Connection) -> None:
    """Which bundles were written, sent and received by the hub (kiosk/store/ledger.py): a session's state
    on the console, and what the next sync still has to send. Ids only: no participant code, no text."""
    _run(
        conn,
        """
        CREATE TABLE bundles (
            name TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('session', 'withdrawal')),
            subject_id TEXT NOT NULL, study_id TEXT NOT NULL, created_utc TEXT NOT NULL,
            sealed INTEGER NOT NULL CHECK (sealed IN (0, 1)),
            state TEXT NOT NULL CHECK (state IN ('not_exported', 'exported', 'sent', 'received')),
            destination TEXT NOT NULL DEFAULT '',
            exported_utc TEXT, sent_utc TEXT, received_utc TEXT,
            last_error TEXT NOT NULL DEFAULT '', error_utc TEXT,
            updated_utc TEXT NOT NULL
        );
        CREATE INDEX bundles_by_subject ON bundles(subject_id);
        CREATE INDEX bundles_by_study ON bundles(study_id, state);
        """,
    )


def _v7_ledger_error_words(conn: sqlite3.Connection) -> None:
    """A bundle's last problem as catalog key and values beside its English line, so the console words it in
    the facilitator's language (it showed the English to everyone)."""
    _run(
        conn,
        """
        ALTER TABLE bundles ADD COLUMN error_key TEXT NOT NULL DEFAULT '';
        ALTER TABLE bundles ADD COLUMN error_values TEXT NOT NULL DEFAULT '{}';
        """,
    )


MIGRATIONS: list[Migration] = [_v1_initial, _v2_consent, _v3_one_participation, _v4_heartbeat, _v5_consent_proof,
                               _v6_bundle_ledger, _v7_ledger_error_words]


class SchemaTooNew(RuntimeError):
    pass


def migrate(conn: sqlite3.Connection, migrations: list[Migration] | None = None) -> int:
    """Bring the database to the newest version; refuse one written by a newer ux-kiosk."""
    migrations = MIGRATIONS if migrations is None else migrations
    while True:
        # The version is read under the write lock: another process opening the same new data folder
        # may have migrated it between our read and our BEGIN, and must not be migrated over.
        conn.execute("BEGIN IMMEDIATE")
        try:
            current = conn.execute("PRAGMA user_version").fetchone()[0]
            if current > len(migrations):
                raise SchemaTooNew(
                    f"this data folder was written by a newer ux-kiosk (schema {current}, this version knows "
                    f"{len(migrations)}); install the newer version, nothing was changed"
                )
            if current == len(migrations):
                conn.execute("COMMIT")
                return current
            migrations[current](conn)
            conn.execute(f"PRAGMA user_version = {current + 1}")
            conn.execute("COMMIT")
        except BaseException:
            # SQLite has already rolled back on a full disk or an I/O error; a second ROLLBACK would
            # replace the real cause with "cannot rollback - no transaction is active".
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
