"""Opening a bundle at the hub: who signed it, whether every byte is as signed, and what it holds.

``open_bundle`` refuses, with a :class:`BundleRejected` that names the reason and the file, a bundle whose
signer is not trusted, whose signature or any hash does not match, that lacks a file or has one more than
signed, that is sealed to another hub, or whose content does not match its label. Only then does it decrypt
(streaming, chunk by chunk, into a work folder) and parse the content into typed records.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import tempfile
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nacl.exceptions import BadSignatureError, CryptoError

from kiosk.exchange.bag import (
    BAG_INFO,
    MANIFEST,
    PART_SUFFIX,
    READ_SIZE,
    SEALED_KEY,
    SEALED_KEY_TAG,
    SEALED_SUFFIX,
    SIGNATURE,
    SIGNATURE_TAG,
    TAGMANIFEST,
)
from kiosk.exchange.bundle import FORMAT, SESSION_JSON, TOMBSTONE_JSON, BundleKind
from kiosk.exchange.keys import KeyKind, PublicKeyFile, SecretKey
from kiosk.exchange.rejection import BundleRejected, Reason
from kiosk.exchange.sealing import DecryptError, decrypt_chunks, open_key
from kiosk.store.records import ConsentRecord, EventRecord, SessionRecord, SessionStatus, Tombstone

__all__ = ["BundleFile", "BundleLabel", "BundleRejected", "OpenedBundle", "Reason", "SessionContent", "open_bundle"]

_REQUIRED_TAGS = ("bagit.txt", BAG_INFO, MANIFEST)


@dataclass(frozen=True)
class BundleLabel:
    """What ``bag-info.txt`` says, once the signature over it is verified."""

    name: str
    kind: BundleKind
    subject_id: str
    study_id: str
    laptop_id: str
    created_utc: str
    sealed: bool
    signer: PublicKeyFile
    format: str


@dataclass(frozen=True)
class BundleFile:
    """A payload file in clear: inside the bundle, or decrypted (or joined from parts) into the work folder."""

    relpath: str
    path: Path
    size: int


@dataclass(frozen=True)
class SessionContent:
    session: SessionRecord
    events: tuple[EventRecord, ...]
    consent: ConsentRecord | None
    contacts: tuple[dict[str, str], ...]
    plan_hash: str
    plan_source: str
    app_version: str
    missing_files: tuple[str, ...]


@dataclass(frozen=True)
class OpenedBundle:
    label: BundleLabel
    files: dict[str, BundleFile]
    session: SessionContent | None = None
    tombstone: Tombstone | None = None


def open_bundle(path: Path, hub_key: SecretKey | None, trusted_laptop_keys: Collection[PublicKeyFile],
                workdir: Path | None = None) -> OpenedBundle:
    """Verify and open the bundle folder ``path``.

    ``hub_key`` opens sealed bundles (None: a sealed bundle is refused); ``trusted_laptop_keys`` are the
    laptops whose signatures are accepted. Files that must be decrypted or joined are written into
    ``workdir`` (a new private temporary folder if None; the caller removes it).
    """
    path = Path(path)
    name = path.name
    if not path.is_dir():
        raise BundleRejected(name, Reason.NOT_A_BUNDLE, detail="not a folder")
    for tag in (*_REQUIRED_TAGS, TAGMANIFEST, SIGNATURE):
        if not (path / tag).is_file():
            raise BundleRejected(name, Reason.MISSING_FILE, file=tag)
    links = sorted(p.relative_to(path).as_posix() for p in path.rglob("*") if p.is_symlink())
    if links:  # a link could make the hub read (and import) a file from outside the bundle
        raise BundleRejected(name, Reason.ADDED_FILE, file=links[0])
    info = _bag_info((path / BAG_INFO).read_bytes(), name)
    signer = _signer(info, trusted_laptop_keys, name)
    tagmanifest = (path / TAGMANIFEST).read_bytes()
    try:
        signer.verify_key.verify(tagmanifest, _tagged((path / SIGNATURE).read_bytes(), SIGNATURE_TAG, name))
    except BadSignatureError:
        raise BundleRejected(name, Reason.BAD_SIGNATURE) from None
    tags = _manifest(tagmanifest, TAGMANIFEST, name)
    _check_listed(path, tags, name)
    for tag in _REQUIRED_TAGS:
        if tag not in tags:
            raise BundleRejected(name, Reason.NOT_A_BUNDLE, detail=f"{tag} is not signed")
    extra = sorted(p.name for p in path.iterdir() if p.name not in tags and p.name not in (TAGMANIFEST, SIGNATURE)
                   and p.name != "data")
    if extra:
        raise BundleRejected(name, Reason.ADDED_FILE, file=extra[0])
    payload = _manifest((path / MANIFEST).read_bytes(), MANIFEST, name)
    _check_listed(path, payload, name)
    present = sorted(p.relative_to(path).as_posix() for p in (path / "data").rglob("*") if not p.is_dir()) \
        if (path / "data").is_dir() else []
    added = [p for p in present if p not in payload]
    if added:
        raise BundleRejected(name, Reason.ADDED_FILE, file=added[0])
    _check_oxum(info, payload, path, name)
    _bagit_structure(path, name)
    label = _label(info, signer, name)
    key = _bundle_key(path, tags, label, hub_key)
    if workdir is None:
        workdir = Path(tempfile.mkdtemp(prefix="ux-kiosk-bundle-"))
    files = _payload_files(path, sorted(payload), key, Path(workdir), name)
    return _content(label, files)


def _bag_info(data: bytes, name: str) -> dict[str, str]:
    info: dict[str, str] = {}
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise BundleRejected(name, Reason.NOT_A_BUNDLE, detail="bag-info.txt is not UTF-8") from None
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        if sep:
            info[key.strip()] = value.strip()
    return info


def _signer(info: dict[str, str], trusted: Collection[PublicKeyFile], name: str) -> PublicKeyFile:
    try:
        signer = PublicKeyFile.from_base64(KeyKind.LAPTOP, info.get("Ux-Kiosk-Laptop-Key", ""))
    except ValueError:
        raise BundleRejected(name, Reason.NOT_A_BUNDLE, detail="no laptop key in bag-info.txt") from None
    if not any(t.raw == signer.raw for t in trusted):
        raise BundleRejected(name, Reason.UNKNOWN_SIGNER, fingerprint=signer.fingerprint,
                             laptop=info.get("Ux-Kiosk-Laptop", "?"))
    return signer


def _tagged(data: bytes, tag: str, name: str) -> bytes:
    text = data.decode("ascii", errors="replace").strip()
    found, _, value = text.partition(" ")
    try:
        if found != tag:
            raise ValueError(found)
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise BundleRejected(name, Reason.NOT_A_BUNDLE, detail=f"not a '{tag}' line") from None


def _manifest(data: bytes, file: str, name: str) -> dict[str, str]:
    entries: dict[str, str] = {}
    for line in data.decode("utf-8", errors="replace").splitlines():
        digest, sep, relpath = line.partition("  ")
        if not sep or len(digest) != 64 or relpath.startswith("/") or ".." in relpath.split("/") or relpath in entries:
            raise BundleRejected(name, Reason.NOT_A_BUNDLE, detail=f"{file}: unreadable line {line[:80]!r}")
        entries[relpath] = digest.lower()
    return entries


def _check_listed(path: Path, entries: dict[str, str], name: str) -> None:
    """Every file listed is there, with the hash listed (read in chunks, never whole)."""
    for relpath, expected in sorted(entries.items()):
        file = path / relpath
        if not file.is_file():
            raise BundleRejected(name, Reason.MISSING_FILE, file=relpath)
        digest = hashlib.sha256()
        for chunk in _chunks(file):
            digest.update(chunk)
        if digest.hexdigest() != expected:
            raise BundleRejected(name, Reason.CHANGED_FILE, file=relpath)


def _chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as handle:
        while chunk := handle.read(READ_SIZE):
            yield chunk


def _check_oxum(info: dict[str, str], payload: dict[str, str], path: Path, name: str) -> None:
    octets = sum((path / p).stat().st_size for p in payload)
    if info.get("Payload-Oxum") != f"{octets}.{len(payload)}":
        raise BundleRejected(name, Reason.NOT_A_BUNDLE, detail=f"Payload-Oxum {info.get('Payload-Oxum')!r} "
                                                                f"but {octets}.{len(payload)} found")


def _bagit_structure(path: Path, name: str) -> None:
    """The bagit library's own reading of the bag (structure, bag declaration, Payload-Oxum); the hashes it
    would check again have just been checked above, so only its fast validation runs."""
    import bagit

    try:
        bagit.Bag(str(path)).validate(fast=True)
    except bagit.BagError as exc:
        raise BundleRejected(name, Reason.NOT_A_BUNDLE, detail=str(exc)) from None


def _label(info: dict[str, str], signer: PublicKeyFile, name: str) -> BundleLabel:
    if info.get("Ux-Kiosk-Format") != FORMAT:
        raise BundleRejected(name, Reason.NOT_A_BUNDLE, detail=f"format {info.get('Ux-Kiosk-Format')!r} is not "
                                                                f"{FORMAT}: update ux-kiosk at the hub")
    try:
        kind = BundleKind(info.get("Ux-Kiosk-Kind", ""))
    except ValueError:
        raise BundleRejected(name, Reason.NOT_A_BUNDLE, detail="unknown kind") from None
    return BundleLabel(name, kind, info.get("Ux-Kiosk-Subject", ""), info.get("Ux-Kiosk-Study", ""),
                       info.get("Ux-Kiosk-Laptop", ""), info.get("Ux-Kiosk-Created", ""),
                       info.get("Ux-Kiosk-Sealed") == "yes", signer, FORMAT)


def _bundle_key(path: Path, tags: dict[str, str], label: BundleLabel, hub_key: SecretKey | None) -> bytes | None:
    if not label.sealed:
        if SEALED_KEY in tags:
            raise BundleRejected(label.name, Reason.MISLABELLED, detail="a sealed key in a bundle labelled unsealed")
        return None
    if SEALED_KEY not in tags:
        raise BundleRejected(label.name, Reason.MISSING_FILE, file=SEALED_KEY)
    if hub_key is None:
        raise BundleRejected(label.name, Reason.SEALED_NO_KEY)
    sealed = _tagged((path / SEALED_KEY).read_bytes(), SEALED_KEY_TAG, label.name)
    try:
        return open_key(sealed, hub_key.opening_key)
    except CryptoError:
        raise BundleRejected(label.name, Reason.WRONG_HUB_KEY, fingerprint=hub_key.public.fingerprint) from None


def _payload_files(path: Path, stored: list[str], key: bytes | None, workdir: Path, name: str) -> dict[str, BundleFile]:
    """Stored names grouped into logical files (parts joined in order, ``.sealed`` removed), each in clear."""
    groups: dict[str, list[str]] = {}
    for relpath in stored:
        match = PART_SUFFIX.search(relpath)
        groups.setdefault(relpath[:match.start()] if match else relpath, []).append(relpath)
    files: dict[str, BundleFile] = {}
    for base, parts in sorted(groups.items()):
        parts.sort()
        if (len(parts) > 1 or PART_SUFFIX.search(parts[0])) and \
                parts != [f"{base}.part-{i:03d}" for i in range(len(parts))]:
            raise BundleRejected(name, Reason.MISSING_FILE, file=f"{base}.part-*")
        if key is not None and not base.endswith(SEALED_SUFFIX):
            raise BundleRejected(name, Reason.MISLABELLED, detail=f"{base} is not sealed in a sealed bundle")
        relpath = base.removeprefix("data/").removesuffix(SEALED_SUFFIX if key is not None else "")
        pieces = (chunk for part in parts for chunk in _chunks(path / part))
        if key is None and len(parts) == 1:
            files[relpath] = BundleFile(relpath, path / parts[0], (path / parts[0]).stat().st_size)
            continue
        target = workdir / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(target, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
        size = 0
        with os.fdopen(fd, "wb") as out:
            try:
                for chunk in (decrypt_chunks(key, pieces) if key is not None else pieces):
                    out.write(chunk)
                    size += len(chunk)
            except DecryptError as exc:
                raise BundleRejected(name, Reason.DAMAGED_SEALED_FILE, file=base, detail=str(exc)) from None
        files[relpath] = BundleFile(relpath, target, size)
    return files


def _load_json(files: dict[str, BundleFile], relpath: str, name: str) -> dict[str, Any]:
    if relpath not in files:
        raise BundleRejected(name, Reason.MISSING_FILE, file=f"data/{relpath}")
    try:
        return json.loads(files[relpath].path.read_bytes())
    except ValueError as exc:
        raise BundleRejected(name, Reason.NOT_A_BUNDLE, detail=f"{relpath}: {exc}") from None


def _content(label: BundleLabel, files: dict[str, BundleFile]) -> OpenedBundle:
    name = label.name
    if label.kind is BundleKind.WITHDRAWAL:
        document = _load_json(files, TOMBSTONE_JSON, name)
        try:
            tombstone = Tombstone(**document["tombstone"])
        except (KeyError, TypeError) as exc:
            raise BundleRejected(name, Reason.NOT_A_BUNDLE, detail=f"{TOMBSTONE_JSON}: {exc}") from None
        _same_label(label, tombstone.id, tombstone.study_id, tombstone.laptop_id)
        return OpenedBundle(label, files, tombstone=tombstone)
    document = _load_json(files, SESSION_JSON, name)
    try:
        session = _session(document["session"])
        events = tuple(EventRecord(**e) for e in document["events"])
        consent = _consent_record(document["consent"], files)
        plan = document["plan"]
        plan_source = files[plan["file"]].path.read_text(encoding="utf-8")
        content = SessionContent(session, events, consent, tuple(document["contacts"]), plan["hash"], plan_source,
                                 document["app_version"], tuple(document.get("missing_files", ())))
    except (KeyError, TypeError, ValueError) as exc:
        raise BundleRejected(name, Reason.NOT_A_BUNDLE, detail=f"{SESSION_JSON}: {exc!r}") from None
    _same_label(label, session.id, session.study_id, session.laptop_id)
    if any(e.session_id != session.id for e in events):
        raise BundleRejected(name, Reason.MISLABELLED, detail="an event of another session")
    return OpenedBundle(label, files, session=content)


def _same_label(label: BundleLabel, subject: str, study: str, laptop: str) -> None:
    if (label.subject_id, label.study_id, label.laptop_id) != (subject, study, laptop):
        raise BundleRejected(label.name, Reason.MISLABELLED,
                             detail=f"labelled {label.subject_id}/{label.study_id}/{label.laptop_id}, "
                                    f"holds {subject}/{study}/{laptop}")


def _session(data: dict[str, Any]) -> SessionRecord:
    return SessionRecord(**{**data, "task_order": tuple(data["task_order"]), "status": SessionStatus(data["status"])})


def _consent_record(data: dict[str, Any] | None, files: dict[str, BundleFile]) -> ConsentRecord | None:
    if data is None:
        return None
    fields = dict(data)
    signature_file = fields.pop("signature_file", None)
    signature = files[signature_file].path.read_bytes() if signature_file else None
    return ConsentRecord(**fields, signature_png=signature)
