"""What a bundle holds: one per finished session (its record, events, consent, tidy CSV, plan, files) and one
per withdrawal (the tombstone), named from their content so that an unchanged session keeps its name.

A session bundle's name is ``s-<session id>-<last event seq>`` and a withdrawal's ``w-<tombstone id>``: safe on
FAT32 and exFAT, free of participant codes, and the same every time the same content is exported, so a
destination that already holds it is skipped; a session that gained an event (a late note, a withdrawal)
gets a new name and travels again. docs/exchange.md lists every file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from kiosk import __version__
from kiosk.exchange.bag import DEFAULT_PART_LIMIT, BagWriter, Source
from kiosk.exchange.keys import PublicKeyFile, SecretKey
from kiosk.exchange.sink import BundleSink
from kiosk.store.db import StoreReader
from kiosk.store.records import SessionStatus, Tombstone

FORMAT = "1"
SESSION_JSON = "session.json"
TOMBSTONE_JSON = "tombstone.json"
SIGNATURE_PNG = "consent/signature.png"
PLAN_TOML = "plan/plan.toml"


class BundleKind(StrEnum):
    SESSION = "session"
    WITHDRAWAL = "withdrawal"


@dataclass(frozen=True)
class Subject:
    """Something that travels as one bundle: a finished session or a withdrawal."""

    kind: BundleKind
    subject_id: str
    study_id: str
    laptop_id: str
    created_utc: str
    name: str


def session_bundle_name(session_id: str, last_seq: int) -> str:
    return f"s-{session_id}-{last_seq}"


def withdrawal_bundle_name(tombstone_id: str) -> str:
    return f"w-{tombstone_id}"


def subjects(reader: StoreReader, study_id: str | None = None) -> list[Subject]:
    """Every finished session (any status but in progress) and every withdrawal, oldest first."""
    found = []
    for record in reversed(reader.sessions(study_id)):
        if record.status is SessionStatus.IN_PROGRESS:
            continue
        last = max((e.seq for e in reader.events(record.id)), default=0)
        found.append(Subject(BundleKind.SESSION, record.id, record.study_id, record.laptop_id, record.created_utc,
                             session_bundle_name(record.id, last)))
    for tombstone in reader.tombstones(study_id):
        found.append(Subject(BundleKind.WITHDRAWAL, tombstone.id, tombstone.study_id, tombstone.laptop_id,
                             tombstone.withdrawn_utc, withdrawal_bundle_name(tombstone.id)))
    return found


def write_bundle(reader: StoreReader, subject: Subject, data_root: Path, sink: BundleSink, identity: SecretKey,
                 hub: PublicKeyFile | None, part_limit: int = DEFAULT_PART_LIMIT) -> None:
    """Stream the subject's bundle into ``sink`` (signed; sealed when ``hub`` is given) and commit it.

    On any failure the sink is aborted, so a destination never shows half a bundle under its final name.
    """
    writer = BagWriter(sink, hub.sealing_key if hub is not None else None, part_limit)
    try:
        sources = (session_sources(reader, subject.subject_id, Path(data_root))
                   if subject.kind is BundleKind.SESSION else tombstone_sources(reader, subject.subject_id))
        for source in sources:
            writer.add(source)
        info = [
            ("Bag-Software-Agent", f"ux-kiosk {__version__}"),
            ("Bagging-Date", datetime.now(UTC).date().isoformat()),
            ("Ux-Kiosk-Format", FORMAT),
            ("Ux-Kiosk-Kind", subject.kind.value),
            ("Ux-Kiosk-Subject", subject.subject_id),
            ("Ux-Kiosk-Study", subject.study_id),
            ("Ux-Kiosk-Laptop", subject.laptop_id),
            ("Ux-Kiosk-Laptop-Key", identity.public.base64),
            ("Ux-Kiosk-Created", subject.created_utc),
            ("Ux-Kiosk-Sealed", "yes" if writer.sealed else "no"),
        ]
        writer.finish(info, identity.signing_key)
    except BaseException:
        sink.abort()
        raise


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")


def tombstone_sources(reader: StoreReader, tombstone_id: str) -> list[Source]:
    tombstone = next((t for t in reader.tombstones() if t.id == tombstone_id), None)
    if tombstone is None:
        raise LookupError(f"no withdrawal {tombstone_id!r} in {reader.path}")
    return [Source.of_bytes(TOMBSTONE_JSON, _json({"format": FORMAT, "kind": BundleKind.WITHDRAWAL.value,
                                                   "app_version": __version__, "tombstone": asdict(tombstone)}))]


def session_sources(reader: StoreReader, session_id: str, data_root: Path) -> Iterator[Source]:
    """session.json, the tidy CSV tables, the plan snapshot with its prototype files, the consent signature,
    the consent receipt and every file under the session's media folder."""
    from kiosk.reports.tabular import session_tables
    from kiosk.session.summary import summarize
    from kiosk.study.loader import load_plan_text

    record = reader.session(session_id)
    source = reader.plan_source(record.plan_hash)
    plan = load_plan_text(source, Path(reader.plan_folder(record.plan_hash))
                          / f"<plan {record.plan_hash[:12]} from the database>")
    events = reader.events(session_id)
    summary = summarize(record, events, plan)
    consent = reader.consent_record(session_id)
    files: list[Source] = []
    missing: list[str] = []
    languages = {str(e.payload["language"]) for e in events if e.payload.get("language")}
    if consent is not None and consent.signature_png:
        files.append(Source.of_bytes(SIGNATURE_PNG, consent.signature_png))
    for prototype in plan.prototypes.values():
        # the images it could have shown: each screen's default and those of the languages the session used
        names = {"prototype.toml"} | {n for s in prototype.screens.values()
                                      for n in (s.image, *(s.image_for(lang) for lang in languages))}
        for name in sorted(names):
            path = prototype.folder / name
            target = f"plan/prototypes/{prototype.id}/{name}"
            if path.is_file():
                files.append(Source.of_file(target, path))
            elif name != "prototype.toml":
                missing.append(target)
    for path in sorted((data_root / "receipts").glob(f"{session_id}*")):
        if path.is_file() and not path.name.endswith(".part"):
            files.append(Source.of_file(f"receipt/{path.name}", path))
    media = data_root / "media" / session_id
    if media.is_dir():
        for path in sorted(p for p in media.rglob("*") if p.is_file()):
            files.append(Source.of_file("media/" + path.relative_to(media).as_posix(), path))
    document = {
        "format": FORMAT, "kind": BundleKind.SESSION.value, "app_version": __version__,
        "session": {**record._asdict(), "task_order": list(record.task_order), "status": record.status.value},
        "plan": {"hash": record.plan_hash, "version": record.plan_version, "file": PLAN_TOML},
        "events": [_exported_event(e, summary.may_quote()) for e in events if e.kind != "draft_saved"],
        "consent": _consent(consent),
        "contacts": ([{"participant_code": c["participant_code"], "contact": c["contact"], "utc": c["utc"]}
                      for c in reader.contacts(record.study_id) if c["participant_code"] == record.participant_code]
                     if plan.consent.export_contacts else []),
        "files": sorted(s.relpath for s in files),
        "missing_files": missing,
    }
    yield Source.of_bytes(SESSION_JSON, _json(document))
    yield Source.of_bytes(PLAN_TOML, source.encode("utf-8"))
    for name, data in session_tables(reader, summary, plan).items():
        yield Source.of_bytes(f"tables/{name}", data)
    yield from files


def _exported_event(event, may_quote: bool) -> dict[str, Any]:
    """As recorded, but a quote the participant did not agree to is withheld, as in ``export-csv``'s events."""
    data = asdict(event)
    payload = dict(event.payload)
    if event.kind == "note_added" and "quote" in payload.get("tags", []) and not may_quote:
        payload["text"] = ""
        payload["text_withheld"] = True
    data["payload"] = payload
    return data


def _consent(consent) -> dict[str, Any] | None:
    if consent is None:
        return None
    data = asdict(consent)
    data.pop("signature_png")
    data["signature_file"] = SIGNATURE_PNG if consent.signature_png else None
    return data


def tombstone_from(data: dict[str, Any]) -> Tombstone:
    return Tombstone(**data)
