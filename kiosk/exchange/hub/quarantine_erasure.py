"""A withdrawn participant's bundles in the hub's quarantine are erased too.

The quarantine keeps refused bundles for the hub team to look at (a damaged copy, an unknown laptop). One
that belongs to a participant who has withdrawn holds their consent, notes and signature after the
withdrawal erased them everywhere else at the hub, so after every import each quarantined bundle is read
as far as it can be *without trusting it* (its label in clear, its session or withdrawal record and its
plan decrypted with the hub's key where sealed) and erased if a tombstone covers its participant, by the
same rules as the import (``merge.withdrawn``: that laptop's code, or any laptop's where the plan says codes
are study-wide; a session begun after the withdrawal is someone new). A bundle whose participant cannot be
read (damaged exactly there, sealed to another hub) is kept: nothing says whose it is.
"""

from __future__ import annotations

import base64
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from nacl.exceptions import CryptoError

from kiosk.exchange.bag import BAG_INFO, SEALED_KEY, SEALED_KEY_TAG, SEALED_SUFFIX
from kiosk.exchange.bundle import PLAN_TOML, SESSION_JSON, TOMBSTONE_JSON
from kiosk.exchange.hub.database import QUARANTINE, HubStore
from kiosk.exchange.hub.merge import codes_study_wide, withdrawn
from kiosk.exchange.keys import SecretKey
from kiosk.exchange.sealing import DecryptError, decrypt_chunks, open_key
from kiosk.store.db import utc_now_iso

#: a record or plan larger than this is not a record or plan this app wrote: not read
_LARGEST_RECORD = 64 << 20


@dataclass(frozen=True)
class Whose:
    """Whose data a bundle carries, as far as it says."""

    study_id: str
    laptop_id: str
    participant_code: str
    created_utc: str
    study_wide: bool


def erase_withdrawn_from_quarantine(hub: HubStore) -> int:
    """Erase every quarantined bundle whose participant has withdrawn; the number erased."""
    base = hub.hub_dir / QUARANTINE
    erased = 0
    for entry in sorted(base.iterdir()) if base.is_dir() else ():
        bundles = [p for p in entry.iterdir() if p.is_dir() and not p.is_symlink()] if entry.is_dir() else []
        if not bundles:
            continue  # only its reason is left (a refused withdrawn bundle was never kept)
        owners = [bundle_owner(bundle, hub.key) for bundle in bundles]
        if not any(owner is not None and withdrawn(hub, owner.study_id, owner.laptop_id, owner.participant_code,
                                                   owner.created_utc, owner.study_wide) for owner in owners):
            continue
        shutil.rmtree(entry)  # the bundle, its reason and any laptop key beside it: the log row says what happened
        with hub.write() as conn:
            conn.execute("UPDATE hub_quarantine SET message = ?, utc = ? WHERE folder = ?",
                         ("erased: its participant withdrew", utc_now_iso(), str(entry)))
        erased += 1
    return erased


def bundle_owner(bundle: Path, hub_key: SecretKey) -> Whose | None:
    """Study, laptop and participant of a bundle that failed its checks, or None where they cannot be read."""
    try:
        info = _bag_info(bundle / BAG_INFO)
        key = _bundle_key(bundle, hub_key) if info.get("Ux-Kiosk-Sealed") == "yes" else None
        if info.get("Ux-Kiosk-Kind") == "withdrawal":
            tombstone = json.loads(_payload(bundle, TOMBSTONE_JSON, key))["tombstone"]
            return Whose(str(tombstone["study_id"]), str(tombstone["laptop_id"]), str(tombstone["participant_code"]),
                         str(tombstone["withdrawn_utc"]), False)
        session = json.loads(_payload(bundle, SESSION_JSON, key))["session"]
        try:
            study_wide = codes_study_wide(_payload(bundle, PLAN_TOML, key).decode("utf-8"))
        except (OSError, ValueError, KeyError):
            study_wide = False  # its plan unreadable: the laptop's own codes only, never another site's person
        return Whose(str(session["study_id"]), str(session["laptop_id"]), str(session["participant_code"]),
                     str(session["created_utc"]), study_wide)
    except (OSError, ValueError, KeyError, TypeError, CryptoError, DecryptError):
        return None


def _bag_info(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in lines)}


def _bundle_key(bundle: Path, hub_key: SecretKey) -> bytes:
    tag, _, value = (bundle / SEALED_KEY).read_text(encoding="ascii").strip().partition(" ")
    if tag != SEALED_KEY_TAG:
        raise ValueError("not a sealed key")
    return open_key(base64.b64decode(value, validate=True), hub_key.opening_key)


def _payload(bundle: Path, relpath: str, key: bytes | None) -> bytes:
    """One small payload file in clear (never split into parts: records and plans are far below a part)."""
    stored = bundle / "data" / (relpath + (SEALED_SUFFIX if key is not None else ""))
    if stored.stat().st_size > _LARGEST_RECORD:
        raise ValueError(f"{relpath} is too large to be a record")
    raw = stored.read_bytes()
    return raw if key is None else b"".join(decrypt_chunks(key, [raw]))
