"""Merging one opened bundle into the hub's database: one transaction, idempotent, never a duplicate.

Every row carries a global id, so merging is "insert what is missing": the same bundle twice, or an older
revision of a session after a newer one, changes nothing; a newer revision adds the events it lacks and
moves the session's status forward. A withdrawal erases the participant's rows and files *of that laptop*
(codes are per laptop at the hub) to the laptop's no-trace standard, and keeps a tombstone as a keyed
digest, so a session bundle of that participant arriving later is refused.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path

from kiosk.exchange.bundle import SESSION_JSON, TOMBSTONE_JSON
from kiosk.exchange.hub.database import FILES, PLANS, HubStore
from kiosk.exchange.reader import OpenedBundle, SessionContent
from kiosk.store.db import utc_now_iso
from kiosk.store.erasure import PENDING_KEY, compact
from kiosk.store.records import EventRecord, Tombstone
from kiosk.study.model import CodeScope


#: what a bundle holds that the database keeps already (as rows or as the plan snapshot)
NOT_STORED_AS_FILES = {SESSION_JSON, TOMBSTONE_JSON}


@dataclass(frozen=True)
class Merged:
    """What one bundle changed: ``changed`` False means the hub already had all of it."""

    changed: bool
    events_added: int = 0
    sessions_erased: int = 0


class Refused(Exception):
    """A bundle that verified but must not be merged (the participant withdrew; a clash of codes)."""

    def __init__(self, reason: str, message: str, key: str, **values: object) -> None:
        super().__init__(message)
        self.reason, self.key, self.values = reason, key, values


def code_digest(hub: HubStore, study_id: str, laptop_id: str, code: str) -> str:
    return hub.digest("code", study_id, laptop_id, code)


def study_code_digest(hub: HubStore, study_id: str, code: str) -> str:
    """The code's digest at every site (no laptop id can be empty, so it never equals a per-laptop one)."""
    return hub.digest("code", study_id, "", code)


def codes_study_wide(plan_source: str) -> bool:
    """Whether the plan says one code is one person at every site (``[study] participant_codes = "study"``);
    the loader checked the value when the laptop ran the plan."""
    import tomllib

    try:
        study = tomllib.loads(plan_source).get("study", {})
        return isinstance(study, dict) and study.get("participant_codes") == CodeScope.STUDY.value
    except tomllib.TOMLDecodeError:
        return False


def withdrawn(hub: HubStore, study_id: str, laptop_id: str, code: str, created_utc: str,
              study_wide: bool = False) -> str | None:
    """When the participant who held ``code`` at ``created_utc`` withdrew (UTC), if a tombstone says so: one of
    that laptop's, or with ``study_wide`` (the session's plan says so) one of any laptop's.

    A code freed by an erasure may be given to someone new: a session that started after the withdrawal (by
    the laptops' clocks, which wrote both times) is that new person's.
    """
    row = hub._conn.execute("SELECT withdrawn_utc FROM hub_tombstones WHERE study_id = ? AND (code_digest = ? OR "
                            "(? AND study_code_digest = ?)) AND withdrawn_utc >= ? ORDER BY withdrawn_utc LIMIT 1",
                            (study_id, code_digest(hub, study_id, laptop_id, code), int(study_wide),
                             study_code_digest(hub, study_id, code), created_utc)).fetchone()
    return row[0] if row else None


def session_files_folder(hub: HubStore, laptop_id: str, session_id: str) -> Path:
    return hub.hub_dir / FILES / laptop_id / session_id


def _last_seq(hub: HubStore, session_id: str) -> int | None:
    row = hub._conn.execute("SELECT MAX(seq) FROM events WHERE session_id = ?", (session_id,)).fetchone()
    return row[0]


def merge_session(hub: HubStore, opened: OpenedBundle, record) -> Merged:
    """Files first (so a crash before the commit only leaves files the next import writes again), then one
    transaction with the plan, the session, its events, consent, contacts and the bundle's record."""
    content = opened.session
    assert content is not None
    session = content.session
    when = withdrawn(hub, session.study_id, session.laptop_id, session.participant_code, session.created_utc,
                     codes_study_wide(content.plan_source))
    if when is not None:
        raise Refused("withdrawn", f"{opened.label.name} holds a session of a participant who withdrew on {when}; "
                      "its data are not kept at the hub", key="hub.refused_withdrawn", bundle=opened.label.name,
                      utc=when)
    owner = hub._conn.execute("SELECT laptop_id FROM sessions WHERE id = ?", (session.id,)).fetchone()
    if owner is not None and owner[0] != session.laptop_id:
        raise Refused("conflict", f"{opened.label.name} clashes with a session the hub already has (session "
                      f"{session.id} is from laptop {owner[0]})", key="hub.refused_conflict", bundle=opened.label.name,
                      detail=f"session {session.id} is from laptop {owner[0]}")
    hub_last = _last_seq(hub, session.id)
    incoming_last = max((e.seq for e in content.events), default=0)
    newer = hub_last is None or incoming_last > hub_last
    _store_files(hub, opened, session.laptop_id, session.id, overwrite=newer)
    _store_plan(hub, content, opened)
    added = 0
    try:
        with hub.write() as conn:
            conn.execute("INSERT OR IGNORE INTO plans (hash, study_id, version, source, first_seen_utc, folder) "
                         "VALUES (?, ?, ?, ?, ?, ?)", (content.plan_hash, session.study_id, session.plan_version,
                                                       content.plan_source, utc_now_iso(),
                                                       f"{PLANS}/{content.plan_hash}"))
            inserted = conn.execute(
                "INSERT OR IGNORE INTO sessions (id, laptop_id, study_id, plan_hash, plan_version, participant_code, "
                "participant_number, task_order, mode, status, step, created_utc, updated_utc, facilitator, guardian, "
                "duplicate_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (session.id, session.laptop_id, session.study_id, session.plan_hash, session.plan_version,
                 session.participant_code, session.participant_number, json.dumps(list(session.task_order)),
                 session.mode, session.status.value, session.step, session.created_utc, session.updated_utc,
                 session.facilitator, session.guardian, session.duplicate_of)).rowcount
            if not inserted and owner is None:  # the laptop's code or number is another session's here
                raise sqlite3.IntegrityError(f"participant {session.participant_code} (number "
                                             f"{session.participant_number}) of that laptop is another session's at "
                                             "the hub; import the withdrawal that freed it first")
            if not inserted and newer:
                conn.execute("UPDATE sessions SET status = ?, step = ?, updated_utc = ?, facilitator = ?, guardian = ? "
                             "WHERE id = ?", (session.status.value, session.step, session.updated_utc,
                                              session.facilitator, session.guardian, session.id))
            for event in content.events:
                added += _insert_event(conn, event)
            if content.consent is not None:
                c = content.consent
                added += conn.execute(
                    "INSERT OR IGNORE INTO consent_records (id, session_id, participant_code, study_id, plan_version, "
                    "consent_version, text_sha256, language, script, options, method, signature_png, facilitator, "
                    "witness, guardian, utc, local_time, laptop_id, text, app_version) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (c.id, c.session_id, c.participant_code, c.study_id, c.plan_version, c.consent_version,
                     c.text_sha256, c.language, c.script, json.dumps(c.options, sort_keys=True), c.method,
                     c.signature_png, c.facilitator, c.witness, c.guardian, c.utc, c.local_time, c.laptop_id, c.text,
                     c.app_version)).rowcount
            for contact in content.contacts:
                contact_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"ux-kiosk:{session.id}:{contact['contact']}:"
                                                                f"{contact['utc']}"))
                added += conn.execute(
                    "INSERT OR IGNORE INTO contacts (id, participant_code, study_id, session_id, contact, utc) "
                    "VALUES (?, ?, ?, ?, ?, ?)", (contact_id, contact["participant_code"], session.study_id,
                                                  session.id, contact["contact"], contact["utc"])).rowcount
            record(conn)
    except sqlite3.IntegrityError as exc:
        if hub_last is None:  # the files written above belong to no session the hub has
            shutil.rmtree(session_files_folder(hub, session.laptop_id, session.id), ignore_errors=True)
        raise Refused("conflict", f"{opened.label.name} clashes with a session the hub already has ({exc})",
                      key="hub.refused_conflict", bundle=opened.label.name, detail=str(exc)) from None
    return Merged(bool(inserted) or added > 0, added)


def _insert_event(conn: sqlite3.Connection, event: EventRecord) -> int:
    return conn.execute(
        "INSERT OR IGNORE INTO events (id, session_id, seq, kind, utc, mono_ns, clock_epoch, laptop_id, payload) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", (event.id, event.session_id, event.seq, event.kind, event.utc,
                                               event.mono_ns, event.clock_epoch, event.laptop_id,
                                               event.payload_json())).rowcount


def _copy(source: Path, target: Path) -> None:
    partial = target.with_name(target.name + ".part")
    shutil.copyfile(source, partial)
    os.chmod(partial, 0o600)
    with partial.open("rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(partial, target)


def _store_files(hub: HubStore, opened: OpenedBundle, laptop_id: str, session_id: str, overwrite: bool) -> None:
    """The session's own files (signature, receipt, media such as heatmaps and recordings), not the tables
    or the plan, under ``files/<laptop>/<session>/``; a file already there is replaced only by a newer revision."""
    hub.folder(FILES)
    folder = session_files_folder(hub, laptop_id, session_id)
    for relpath, file in sorted(opened.files.items()):
        if relpath in NOT_STORED_AS_FILES or relpath.startswith(("tables/", "plan/")):
            continue
        target = folder / relpath
        if target.exists() and (not overwrite or target.stat().st_size == file.size):
            continue
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        _copy(file.path, target)


def _store_plan(hub: HubStore, content: SessionContent, opened: OpenedBundle) -> None:
    """The plan snapshot under ``plans/<hash>/`` with its prototypes in the folders the plan names, once per plan,
    so that reports at the hub load the plan as the laptop did (prototype sections and heatmaps included)."""
    folder = hub.folder(PLANS) / content.plan_hash
    if (folder / "plan.toml").exists():
        return
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    places = _prototype_places(content.plan_source, opened)
    for relpath, file in sorted(opened.files.items()):
        if relpath.startswith("plan/prototypes/"):
            prototype, _, rest = relpath.removeprefix("plan/prototypes/").partition("/")
            target = folder / places.get(prototype, f"prototypes/{prototype}") / rest
            if folder.resolve() not in target.resolve().parents:
                continue  # a plan naming a folder outside its own: the files stay out of the hub's other folders
            target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            _copy(file.path, target)
    partial = folder / "plan.toml.part"
    partial.write_text(content.plan_source, encoding="utf-8")
    os.replace(partial, folder / "plan.toml")


def _prototype_places(plan_source: str, opened: OpenedBundle) -> dict[str, str]:
    """Prototype id (its folder in the bundle) -> the folder the plan's tasks name for it.

    A bundle names a prototype by its id: the ``[prototype] id`` of its prototype.toml, else its folder's name.
    So a folder whose name is the id matches at once; the rest pair up in order with prototypes whose
    prototype.toml declares its id (the only way an id can differ from its folder's name).
    """
    import tomllib

    try:
        tasks = tomllib.loads(plan_source).get("tasks", [])
        folders = list(dict.fromkeys(str(t["prototype"]["folder"]) for t in tasks
                                     if isinstance(t, dict) and isinstance(t.get("prototype"), dict)
                                     and "folder" in t["prototype"]))
    except (tomllib.TOMLDecodeError, TypeError, AttributeError):
        return {}
    ids = sorted({relpath.removeprefix("plan/prototypes/").split("/")[0] for relpath in opened.files
                  if relpath.startswith("plan/prototypes/")})
    places = {Path(f).name: f for f in folders if Path(f).name in ids}
    declared = []
    for prototype in ids:
        toml = opened.files.get(f"plan/prototypes/{prototype}/prototype.toml")
        if prototype not in places and toml is not None:
            try:
                if tomllib.loads(toml.path.read_text(encoding="utf-8")).get("prototype", {}).get("id") == prototype:
                    declared.append(prototype)
            except (tomllib.TOMLDecodeError, UnicodeDecodeError, AttributeError):
                continue
    rest = [f for f in folders if f not in places.values()]
    places.update(zip(declared, rest))
    return places


def apply_withdrawal(hub: HubStore, tombstone: Tombstone, record) -> Merged:
    """Erase the participant's sessions from that laptop, and from every laptop where the session's plan says
    codes are study-wide: rows, files, and the names of their bundles; keep the tombstone as digests; compact
    (secure_delete, VACUUM, truncated WAL) so no old page holds them."""
    known = hub._conn.execute("SELECT 1 FROM hub_tombstones WHERE id = ?", (tombstone.id,)).fetchone()
    ids = [row[0] for row in hub._conn.execute(
        "SELECT s.id, s.laptop_id, p.source FROM sessions s LEFT JOIN plans p ON p.hash = s.plan_hash "
        "WHERE s.study_id = ? AND s.participant_code = ? AND s.created_utc <= ?",
        (tombstone.study_id, tombstone.participant_code, tombstone.withdrawn_utc))
        if row[1] == tombstone.laptop_id or codes_study_wide(row[2] or "")]
    if known and not ids:
        with hub.write() as conn:
            record(conn)
        return Merged(False)
    with hub.write() as conn:
        marks = ",".join("?" * len(ids))
        if ids:
            conn.execute(f"DELETE FROM events WHERE session_id IN ({marks})", ids)
            conn.execute(f"DELETE FROM consent_records WHERE session_id IN ({marks})", ids)
            conn.execute(f"DELETE FROM contacts WHERE session_id IN ({marks})", ids)
            conn.execute(f"DELETE FROM sessions WHERE id IN ({marks})", ids)
            conn.execute(f"UPDATE hub_bundles SET name = NULL, subject_id = NULL, result = 'erased' "
                         f"WHERE subject_id IN ({marks})", ids)
        conn.execute("INSERT OR IGNORE INTO hub_tombstones (id, study_id, laptop_id, code_digest, study_code_digest, "
                     "withdrawn_utc, reason, received_utc, sessions_erased) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)",
                     (tombstone.id, tombstone.study_id, tombstone.laptop_id,
                      code_digest(hub, tombstone.study_id, tombstone.laptop_id, tombstone.participant_code),
                      study_code_digest(hub, tombstone.study_id, tombstone.participant_code),
                      tombstone.withdrawn_utc, _without(tombstone.reason, tombstone.participant_code), utc_now_iso()))
        conn.execute("UPDATE hub_tombstones SET sessions_erased = sessions_erased + ? WHERE id = ?",
                     (len(ids), tombstone.id))
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (PENDING_KEY, utc_now_iso()))
        record(conn)
    finish_erasure(hub)
    return Merged(True, sessions_erased=len(ids))


def _without(reason: str, code: str) -> str:
    """The withdrawal's reason as typed, minus the participant's code (a facilitator may have written it in)."""
    return re.sub(re.escape(code), "…", reason, flags=re.IGNORECASE) if code else reason


def finish_erasure(hub: HubStore) -> bool:
    """Remove files of sessions the database no longer has, compact, then clear the pending mark.

    Run after every withdrawal and at the start of every import, so a killed import is finished later.
    """
    if hub._meta_value(PENDING_KEY) is None:
        return True
    known = {row[0] for row in hub._conn.execute("SELECT id FROM sessions")}
    files = hub.hub_dir / FILES
    for laptop in sorted(files.iterdir()) if files.is_dir() else ():
        for session in sorted(laptop.iterdir()):
            if session.name not in known:
                shutil.rmtree(session)
    outcome = compact(hub)
    if outcome.done:
        with hub.write() as conn:
            conn.execute("DELETE FROM meta WHERE key = ?", (PENDING_KEY,))
        hub._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return outcome.done
