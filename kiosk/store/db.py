"""The laptop's database: WAL, synchronous=FULL, one writer, and reads that never block it.

Each append is its own short transaction and is durable when the call returns, so the UI may
confirm an action as soon as ``append_event`` comes back: a dead battery loses nothing confirmed.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.explained import ExplainedError
from kiosk.paths import make_private, private_file, private_folder
from kiosk.store.schema import SchemaTooNew, migrate
from kiosk.store.session_record import SessionRecord, SessionStatus

if TYPE_CHECKING:  # the other records load when a method first needs them: the console's start needs none (issue 8)
    from kiosk.store.records import ConsentRecord, ContactRecord, EventRecord, Heartbeat, PlanSnapshot, Tombstone

#: the ``meta`` row that marks an erasure not yet compacted (its tombstone's time)
ERASURE_PENDING_KEY = "erasure_pending"


class StoreError(ExplainedError, RuntimeError):
    """A storage problem worded for the facilitator: what happened and what to do."""


class ParticipantTaken(StoreError):
    """The participant code or number is already used in the study; the message names a free one."""


def new_id() -> str:
    """A globally unique id, so rows from many laptops merge without collisions."""
    import uuid  # 5 ms at import; the console shows before anything gets an id (issue 8)

    return str(uuid.uuid4())


def utc_now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _make_private(path: Path) -> None:
    """The folder 0700 and the database 0600 before SQLite opens it: SQLite gives the WAL and the
    shared-memory file the database file's permissions, so they are private from their first byte.
    Files of an older, more open installation are narrowed too."""
    private_folder(path.parent)
    private_file(path)
    for suffix in ("-wal", "-shm", "-journal"):
        make_private(path.with_name(path.name + suffix))


def _connect(path: Path, readonly: bool = False) -> sqlite3.Connection:
    # Percent-encoded: in a URI "#", "?" and "%" are syntax, so a folder named "Study #3" opened "Study ".
    uri = path.absolute().as_uri() + ("?mode=ro" if readonly else "")
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False, timeout=10)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        # FULL: the WAL is synced at every commit, so a confirmed event survives power loss.
        conn.execute("PRAGMA synchronous = FULL")
        # Deleted content is overwritten with zeros, so an erased participant leaves no bytes behind.
        conn.execute("PRAGMA secure_delete = ON")
    return conn


def _open_failure(path: Path, exc: sqlite3.DatabaseError) -> str:
    """What a facilitator can do about a database that would not open, by cause."""
    text = str(exc)
    if "full" in text.lower():
        return (f"the disk holding {path.parent} is full, so the database could not be opened: free some "
                "space and start ux-kiosk again. Nothing saved before was changed.")
    if "locked" in text.lower() or "busy" in text.lower():
        return f"the database {path} is in use by another program ({text}); close other copies of ux-kiosk and retry"
    return (f"cannot open the database {path}: {text}. If the file is damaged, keep a copy of the whole data "
            "folder and contact the hub team.")


class StoreReader:
    """Read-only queries on a connection of their own: what reports and exports use from worker threads.

    A worker must never share the writer's connection; in WAL mode this reader sees every committed
    row while the GUI thread keeps writing.
    """

    _conn: sqlite3.Connection

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        if not self.path.exists():
            raise StoreError(f"no database at {self.path}")
        self._conn = _connect(self.path, readonly=True)

    def close(self) -> None:
        self._conn.close()

    def plan_source(self, content_hash: str) -> str:
        row = self._conn.execute("SELECT source FROM plans WHERE hash = ?", (content_hash,)).fetchone()
        if row is None:
            raise StoreError(f"the plan {content_hash[:12]} used by this session is not in the database")
        return row[0]

    def plan_folder(self, content_hash: str) -> str:
        """The folder the plan was loaded from (its audio clips are named relative to it); '' if unknown."""
        row = self._conn.execute("SELECT folder FROM plans WHERE hash = ?", (content_hash,)).fetchone()
        return row[0] if row else ""

    def _rows(self, table: str, order_by: str, **equal: object) -> list[dict[str, Any]]:
        """Rows of ``table`` whose columns equal the given values (None: any), as dicts by column name.

        Plain sqlite3 rather than sqlite-utils: sqlite-utils imports numpy, click, pluggy and dateutil,
        about 40% of the app's start time, for this one query (issue 8).

        An empty id is refused: it would otherwise match every row (every participant's events).
        """
        filters = {column: value for column, value in equal.items() if value is not None}
        for column, value in filters.items():
            if isinstance(value, str) and not value.strip():
                raise StoreError(f"an empty {column.replace('_', ' ')} was asked for in {table}; "
                                 "name which one (this is a bug in the caller)")
        where = " AND ".join(f"[{column}] = :{column}" for column in filters)
        sql = f"SELECT * FROM [{table}]" + (f" WHERE {where}" if where else "") + f" ORDER BY {order_by}"
        cursor = self._conn.execute(sql, filters)
        columns = [description[0] for description in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor]

    def session(self, session_id: str) -> SessionRecord:
        rows = self._rows("sessions", "created_utc", id=session_id)
        if not rows:
            raise StoreError(f"no session {session_id!r} in {self.path}")
        return _session_from_row(rows[0])

    def sessions(self, study_id: str | None = None, status: SessionStatus | None = None) -> list[SessionRecord]:
        rows = self._rows("sessions", "created_utc desc", study_id=study_id, status=status.value if status else None)
        return [_session_from_row(row) for row in rows]

    def last_heartbeat(self, session_id: str) -> Heartbeat | None:
        rows = self._rows("sessions", "created_utc", id=session_id)
        if not rows or rows[0]["heartbeat_utc"] is None:
            return None
        from kiosk.store.records import Heartbeat

        row = rows[0]
        return Heartbeat(row["heartbeat_utc"], row["heartbeat_mono_ns"], row["heartbeat_epoch"])

    def events(self, session_id: str) -> list[EventRecord]:
        return [_event_from_row(row) for row in self._rows("events", "seq", session_id=session_id)]

    def consent_record(self, session_id: str) -> ConsentRecord | None:
        rows = self._rows("consent_records", "utc", session_id=session_id)
        return _consent_from_row(rows[0]) if rows else None

    def consent_records(self, study_id: str) -> list[ConsentRecord]:
        return [_consent_from_row(row) for row in self._rows("consent_records", "utc", study_id=study_id)]

    def contacts(self, study_id: str) -> list[dict[str, str]]:
        return [{k: row[k] for k in ("participant_code", "contact", "utc")}
                for row in self._rows("contacts", "utc", study_id=study_id)]

    def tombstones(self, study_id: str | None = None) -> list[Tombstone]:
        from kiosk.store.records import Tombstone

        return [Tombstone(**row) for row in self._rows("tombstones", "withdrawn_utc", study_id=study_id)]


class Store(StoreReader):
    """The one writer connection of the process; workers read through their own :class:`StoreReader`."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            _make_private(self.path)
            self._conn = _connect(self.path)
            migrate(self._conn)
        except SchemaTooNew as exc:
            raise StoreError(str(exc)) from None
        except OSError as exc:
            raise StoreError(f"cannot create the data folder {self.path.parent}: {exc.strerror or exc}; "
                             "choose another with --data-dir") from None
        except sqlite3.DatabaseError as exc:
            raise StoreError(_open_failure(self.path, exc)) from None
        self._lock = threading.RLock()
        self.laptop_id = self._meta_value("laptop_id") or self._init_laptop_id()

    # -- plumbing -----------------------------------------------------------------------------------

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """The single writer: a serialised IMMEDIATE transaction, committed (and synced) on exit."""
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise StoreError(f"the database is busy or read-only ({exc}); close other copies of ux-kiosk",
                                 key="error.database_busy") from None
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except sqlite3.OperationalError as exc:
                self._rollback()
                if "full" in str(exc).lower():
                    raise StoreError("the disk is full: nothing new was saved. Free space, then continue; "
                                     "everything saved before is intact.", key="error.disk_full") from None
                raise StoreError(f"could not save ({exc}); everything saved before is intact",
                                 key="error.not_saved", detail=str(exc)) from None
            except BaseException:
                self._rollback()
                raise

    def _rollback(self) -> None:
        """Roll back if SQLite has not already done so (it does on SQLITE_FULL and some I/O errors)."""
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")

    def close(self) -> None:
        with self._lock:
            self._conn.close()
            self.closed = True

    #: set by close(): a timer that fires during shutdown must not write (tests: a store closed between tests)
    closed = False

    def erasure_pending(self) -> bool:
        """An erasure's rows are deleted but its compaction (or file removal) is not done yet: the start-up
        finishes it (``kiosk.store.erasure``), which is only imported when this says so."""
        return self._meta_value(ERASURE_PENDING_KEY) is not None

    def _meta_value(self, key: str) -> str | None:
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _init_laptop_id(self) -> str:
        laptop_id = new_id()
        with self.write() as conn:
            conn.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('laptop_id', ?)", (laptop_id,))
        return self._meta_value("laptop_id") or laptop_id

    # -- plans ----------------------------------------------------------------------------------------

    def save_plan(self, study_id: str, version: str, content_hash: str, source: str) -> None:
        with self.write() as conn:
            from kiosk.store.records import PlanSnapshot

            _insert_plan(conn, PlanSnapshot(content_hash, study_id, version, source))

    # -- sessions -------------------------------------------------------------------------------------

    def start_session(self, plan: PlanSnapshot, study_id: str, participant_code: str,
                      participant_number: int | None,
                      build: Callable[[int], tuple[SessionRecord, EventRecord]]) -> tuple[SessionRecord, EventRecord]:
        """Save the plan, claim the code and number, and write the session with its first event: one transaction.

        A crash at any point leaves either nothing or a session that can be resumed; the code and the
        number are checked under the write lock, so two writers cannot both claim them. ``build`` gets
        the participant number (the task order depends on it) and returns the row and its first event.
        """
        with self.write() as conn:
            _insert_plan(conn, plan)
            if self.participant_code_in_use(study_id, participant_code):
                raise ParticipantTaken(f"{participant_code} already took part in {study_id}; use a new code",
                                       key="error.code_taken", code=participant_code, study=study_id)
            free = self.next_participant_number(study_id)
            if participant_number is not None and self._number_in_use(study_id, participant_number):
                raise ParticipantTaken(f"participant number {participant_number} is already used in {study_id}; "
                                       f"the next free number is {free}", key="error.number_taken",
                                       number=participant_number, study=study_id, free=free)
            record, first = build(participant_number or free)
            try:
                _insert_session(conn, record)
                committed = _insert_event(conn, first)
            except sqlite3.IntegrityError as exc:
                raise ParticipantTaken(f"{participant_code} or participant number {record.participant_number} "
                                       f"is already used in {study_id} ({exc}); use a new code",
                                       key="error.code_taken", code=participant_code, study=study_id) from None
        return record, committed

    def _number_in_use(self, study_id: str, number: int) -> bool:
        row = self._conn.execute("SELECT 1 FROM sessions WHERE study_id = ? AND participant_number = ?",
                                 (study_id, number)).fetchone()
        return row is not None

    def next_participant_number(self, study_id: str) -> int:
        row = self._conn.execute("SELECT MAX(participant_number) FROM sessions WHERE study_id = ?", (study_id,)).fetchone()
        return (row[0] or 0) + 1

    def participant_code_in_use(self, study_id: str, code: str) -> bool:
        row = self._conn.execute(
            "SELECT 1 FROM sessions WHERE study_id = ? AND participant_code = ?", (study_id, code)).fetchone()
        return row is not None

    # -- events ---------------------------------------------------------------------------------------

    def append_event(self, event: EventRecord, status: SessionStatus, step: str,
                     consent: ConsentRecord | None = None, contact: ContactRecord | None = None) -> EventRecord:
        """Commit one event and the session's new status together; return it with its sequence number.

        A consent record or a contact is written in the same transaction as its event: both or neither.
        """
        with self.write() as conn:
            if consent is not None:
                _insert_consent(conn, consent)
            if contact is not None:
                conn.execute("INSERT INTO contacts (id, participant_code, study_id, session_id, contact, utc) "
                             "VALUES (?, ?, ?, ?, ?, ?)", (contact.id, contact.participant_code, contact.study_id,
                                                          contact.session_id, contact.contact, contact.utc))
            committed = _insert_event(conn, event)
            conn.execute("UPDATE sessions SET status = ?, step = ?, updated_utc = ? WHERE id = ?",
                         (status.value, step, committed.utc, event.session_id))
        return committed

    def record_heartbeat(self, session_id: str, beat: Heartbeat) -> None:
        """Note that the session is alive, without syncing to disk.

        A heartbeat every few seconds must not cost an fsync each: it is committed with
        ``synchronous=NORMAL`` (in WAL mode it survives a killed process; a power cut may lose the
        last few, and then resume falls back to the last event), and FULL is restored at once for events.
        """
        with self._lock:
            self._conn.execute("PRAGMA synchronous = NORMAL")
            try:
                with self.write() as conn:
                    conn.execute("UPDATE sessions SET heartbeat_utc = ?, heartbeat_mono_ns = ?, heartbeat_epoch = ? "
                                 "WHERE id = ?", (beat.utc, beat.mono_ns, beat.clock_epoch, session_id))
            finally:
                self._conn.execute("PRAGMA synchronous = FULL")

    def save_contact(self, participant_code: str, study_id: str, session_id: str, contact: str) -> None:
        """A contact row on its own. The engine does not use this: it saves a contact together with its
        ``contact_saved`` event through :meth:`append_event`, after checking consent."""
        with self.write() as conn:
            conn.execute("INSERT INTO contacts (id, participant_code, study_id, session_id, contact, utc) "
                         "VALUES (?, ?, ?, ?, ?, ?)", (new_id(), participant_code, study_id, session_id, contact,
                                                      utc_now_iso()))


def _insert_plan(conn: sqlite3.Connection, plan: PlanSnapshot) -> None:
    conn.execute(
        "INSERT OR IGNORE INTO plans (hash, study_id, version, source, first_seen_utc, folder) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (plan.content_hash, plan.study_id, plan.version, plan.source, utc_now_iso(), plan.folder),
    )
    if plan.folder:  # a plan first stored by a version that did not keep its folder
        conn.execute("UPDATE plans SET folder = ? WHERE hash = ? AND folder = ''", (plan.folder, plan.content_hash))


def _insert_session(conn: sqlite3.Connection, record: SessionRecord) -> None:
    conn.execute(
        "INSERT INTO sessions (id, laptop_id, study_id, plan_hash, plan_version, participant_code, "
        "participant_number, task_order, mode, status, step, created_utc, updated_utc, facilitator, guardian) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (record.id, record.laptop_id, record.study_id, record.plan_hash, record.plan_version,
         record.participant_code, record.participant_number, json.dumps(list(record.task_order)),
         record.mode, record.status.value, record.step, record.created_utc, record.updated_utc,
         record.facilitator, record.guardian),
    )


def _insert_event(conn: sqlite3.Connection, event: EventRecord) -> EventRecord:
    """Append the event as the session's next in sequence; return it with that sequence number."""
    row = conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM events WHERE session_id = ?",
                       (event.session_id,)).fetchone()
    from kiosk.store.records import EventRecord

    committed = EventRecord(**{**event.__dict__, "seq": row[0]})
    conn.execute(
        "INSERT INTO events (id, session_id, seq, kind, utc, mono_ns, clock_epoch, laptop_id, payload) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (committed.id, committed.session_id, committed.seq, committed.kind, committed.utc,
         committed.mono_ns, committed.clock_epoch, committed.laptop_id, committed.payload_json()),
    )
    return committed


def _insert_consent(conn: sqlite3.Connection, c: ConsentRecord) -> None:
    conn.execute(
        "INSERT INTO consent_records (id, session_id, participant_code, study_id, plan_version, consent_version, "
        "text_sha256, language, script, options, method, signature_png, facilitator, witness, guardian, utc, "
        "local_time, laptop_id, text, app_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (c.id, c.session_id, c.participant_code, c.study_id, c.plan_version, c.consent_version, c.text_sha256,
         c.language, c.script, json.dumps(c.options, sort_keys=True), c.method, c.signature_png, c.facilitator,
         c.witness, c.guardian, c.utc, c.local_time, c.laptop_id, c.text, c.app_version),
    )


def _consent_from_row(row: dict[str, Any]) -> ConsentRecord:
    from kiosk.store.records import ConsentRecord

    data = dict(row)
    data["options"] = json.loads(data["options"])
    return ConsentRecord(**data)


def _session_from_row(row: sqlite3.Row | dict[str, Any]) -> SessionRecord:
    return SessionRecord(
        id=row["id"], laptop_id=row["laptop_id"], study_id=row["study_id"], plan_hash=row["plan_hash"],
        plan_version=row["plan_version"], participant_code=row["participant_code"],
        participant_number=row["participant_number"], task_order=tuple(json.loads(row["task_order"])),
        mode=row["mode"], status=SessionStatus(row["status"]), step=row["step"],
        created_utc=row["created_utc"], updated_utc=row["updated_utc"],
        facilitator=row["facilitator"], guardian=row["guardian"], duplicate_of=row["duplicate_of"],
    )


def _event_from_row(row: sqlite3.Row | dict[str, Any]) -> EventRecord:
    from kiosk.store.records import EventRecord

    return EventRecord(
        id=row["id"], session_id=row["session_id"], seq=row["seq"], kind=row["kind"], utc=row["utc"],
        mono_ns=row["mono_ns"], clock_epoch=row["clock_epoch"], laptop_id=row["laptop_id"],
        payload=json.loads(row["payload"]),
    )
