"""``hub import``: every complete bundle in an inbox verified, merged (one transaction each), receipted or
quarantined with its reason.

Bundles stay in the inbox (the stick is the laptop's, and its next sync reads the receipts written beside
them). A refused bundle is *moved* to ``<hub-dir>/quarantine/<name>/<name>/`` with ``reason.txt`` (and, for
an unknown signer, the laptop's public key as ``laptop-key.pub``, to trust it after comparing fingerprints);
a session of a participant who withdrew is not kept anywhere: only its ``reason.txt`` stays.

Bundles are merged in the order their subjects began (a session's start, a withdrawal's time), so a stick
that carries a session and, later, its withdrawal imports cleanly and ends with the participant erased, and
a code freed by that erasure and given to someone new stays a new person.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from kiosk.exchange.bag import TAGMANIFEST
from kiosk.exchange.hub.database import QUARANTINE, WORK, HubStore
from kiosk.exchange.hub.merge import Refused, apply_withdrawal, finish_erasure, merge_session
from kiosk.exchange.hub.quarantine_erasure import erase_withdrawn_from_quarantine
from kiosk.exchange.hub.receipts import Receipt, ReceiptResult, write_receipt
from kiosk.exchange.reader import BundleRejected, OpenedBundle, open_bundle
from kiosk.exchange.sink import PARTIAL_PREFIX, RECEIPTS_FOLDER
from kiosk.store.db import utc_now_iso

REASON_FILE = "reason.txt"
#: refusals of a copy damaged or changed on the way: the laptop's next sync writes it again (no receipt came)
_DAMAGE = {"not_a_bundle", "bad_signature", "changed_file", "missing_file", "added_file", "damaged_sealed_file",
           "mislabelled"}
#: how session and withdrawal bundles are named (kiosk/exchange/bundle.py)
BUNDLE_PREFIXES = ("s-", "w-")
KEY_FILE = "laptop-key.pub"


class Status(StrEnum):
    IMPORTED = "imported"
    ALREADY_HAD = "already_had"
    QUARANTINED = "quarantined"


@dataclass(frozen=True)
class Outcome:
    """One bundle's fate; ``key``/``values`` word a refusal (the catalog's ``exchange.rejected_*``/``hub.refused_*``)."""

    name: str
    status: Status
    message: str = ""
    key: str | None = None
    values: dict[str, object] = field(default_factory=dict)
    reason: str = ""
    receipt: Path | None = None
    quarantine: Path | None = None
    #: a bundle the hub had, whose participant has since withdrawn: nothing of it is kept (ALREADY_HAD)
    withdrawn: bool = False


@dataclass(frozen=True)
class ImportSummary:
    outcomes: tuple[Outcome, ...]
    #: quarantined bundles erased because their participant has withdrawn (``quarantine_erasure``)
    quarantine_erased: int = 0
    #: bundles left half written in the inbox (``.partial-`` folders: a transfer cut off), by bundle name
    partial: tuple[str, ...] = ()

    def count(self, status: Status) -> int:
        return sum(o.status is status for o in self.outcomes)


#: words a quarantine's reason.txt in the hub's language: (key, English text, values) -> text
Wording = Callable[[str | None, str, dict[str, object]], str]


def _english(key: str | None, text: str, values: dict[str, object]) -> str:
    return text


def bundle_folders(inbox: Path) -> list[Path]:
    """Complete bundles: folders, not ``.partial-*`` (still being written), ``receipts`` or hidden ones, and
    only those named like bundles (``s-``, ``w-``) or holding a ``bagit.txt`` (a stick's "System Volume Information"
    or a person's own folder is left alone); oldest subject first, a session before a withdrawal of its time."""
    found = [p for p in Path(inbox).iterdir() if p.is_dir() and p.name != RECEIPTS_FOLDER
             and not p.name.startswith((PARTIAL_PREFIX, "."))
             and (p.name.startswith(BUNDLE_PREFIXES) or (p / "bagit.txt").is_file())]
    return sorted(found, key=lambda p: (_created(p), p.name.startswith("w-"), p.name))


def partial_transfers(inbox: Path) -> tuple[str, ...]:
    """Names of bundles a laptop began writing into the inbox and did not finish (a stick pulled mid-sync)."""
    return tuple(sorted(p.name.removeprefix(PARTIAL_PREFIX) for p in Path(inbox).iterdir()
                        if p.is_dir() and p.name.startswith(PARTIAL_PREFIX)))


def _created(folder: Path) -> str:
    """When the bundle's subject began (a session's start, a withdrawal's time), from its label, unverified: only
    the order depends on it. In that order a code erased and then given to someone new stays two people."""
    try:
        with (folder / "bag-info.txt").open(encoding="utf-8", errors="replace") as handle:
            for line in handle:
                key, _, value = line.partition(":")
                if key.strip() == "Ux-Kiosk-Created":
                    return value.strip()
    except OSError:
        pass
    return ""


def import_inbox(inbox: Path, hub_dir: Path, wording: Wording = _english,
                 progress: Callable[[Outcome], None] | None = None) -> ImportSummary:
    hub = HubStore.open(hub_dir)
    try:
        finish_erasure(hub)  # what a killed import left half done
        trusted = [laptop.public_key for laptop in hub.laptops()]
        outcomes = []
        for folder in bundle_folders(inbox):
            outcome = import_bundle(hub, Path(inbox), folder, trusted, wording)
            outcomes.append(outcome)
            if progress is not None:
                progress(outcome)
        return ImportSummary(tuple(outcomes), erase_withdrawn_from_quarantine(hub), partial_transfers(inbox))
    finally:
        shutil.rmtree(hub.hub_dir / WORK, ignore_errors=True)
        hub.close()


def import_bundle(hub: HubStore, inbox: Path, folder: Path, trusted: list, wording: Wording = _english) -> Outcome:
    name = folder.name
    workdir = hub.folder(WORK) / name
    shutil.rmtree(workdir, ignore_errors=True)
    try:
        try:
            opened = open_bundle(folder, hub.key, trusted, workdir)
        except BundleRejected as exc:
            return _quarantine(hub, folder, exc.reason.value, str(exc), exc.key, dict(exc.values), wording,
                               signer_key=_signer_line(folder) if exc.reason.value == "unknown_signer" else None)
        try:
            result, withdrawn = _merge(hub, opened, folder)
        except Refused as exc:
            return _quarantine(hub, folder, exc.reason, str(exc), exc.key, dict(exc.values), wording,
                               keep=exc.reason != "withdrawn")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return Outcome(name, Status.IMPORTED if result.result is ReceiptResult.IMPORTED else Status.ALREADY_HAD,
                   receipt=write_receipt(inbox, result, hub.key), withdrawn=withdrawn)


def _merge(hub: HubStore, opened: OpenedBundle, folder: Path) -> tuple[Receipt, bool]:
    """The receipt, and whether the bundle's participant had withdrawn since the hub first had it."""
    label = opened.label
    tag_sha = hashlib.sha256((folder / TAGMANIFEST).read_bytes()).hexdigest()
    digest = hub.digest("bundle", label.name)
    seen = hub._conn.execute("SELECT result FROM hub_bundles WHERE name_digest = ?", (digest,)).fetchone()
    now = utc_now_iso()

    def record(conn) -> None:
        conn.execute("INSERT OR IGNORE INTO hub_bundles (name_digest, name, kind, subject_id, study_id, laptop_id, "
                     "signer_fingerprint, tagmanifest_sha256, received_utc, last_seen_utc, result) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'imported')",
                     (digest, label.name, label.kind.value, label.subject_id, label.study_id, label.laptop_id,
                      label.signer.fingerprint, tag_sha, now, now))
        conn.execute("UPDATE hub_bundles SET last_seen_utc = ? WHERE name_digest = ?", (now, digest))
        conn.execute("INSERT OR IGNORE INTO hub_laptop_ids (laptop_id, fingerprint, first_seen_utc) VALUES (?, ?, ?)",
                     (label.laptop_id, label.signer.fingerprint, now))

    bound = hub._conn.execute("SELECT fingerprint FROM hub_laptop_ids WHERE laptop_id = ?",
                              (label.laptop_id,)).fetchone()
    if bound is not None and bound[0] != label.signer.fingerprint:  # one laptop must not write for another
        raise Refused("laptop_mismatch", f"{label.name} is signed by the key {label.signer.fingerprint}, but its "
                      f"laptop {label.laptop_id} signs with the key {bound[0]}", key="hub.refused_laptop_mismatch",
                      bundle=label.name, fingerprint=label.signer.fingerprint, laptop=label.laptop_id, bound=bound[0])
    if seen is not None and seen[0] == "erased":  # received, then its participant withdrew: nothing comes back
        with hub.write() as conn:
            record(conn)
        changed, withdrawn = False, True
    elif opened.session is not None:
        changed, withdrawn = merge_session(hub, opened, record).changed, False
    else:
        assert opened.tombstone is not None
        changed, withdrawn = apply_withdrawal(hub, opened.tombstone, record).changed, False
    received = hub._conn.execute("SELECT received_utc FROM hub_bundles WHERE name_digest = ?", (digest,)).fetchone()
    return Receipt(label.name, tag_sha, label.laptop_id, received[0] if received else now,
                   ReceiptResult.IMPORTED if changed else ReceiptResult.ALREADY_HAD,
                   hub.key.public.fingerprint), withdrawn


def _signer_line(folder: Path) -> str | None:
    """The laptop key line from an untrusted bundle's bag-info.txt, as a public key file's one line."""
    from kiosk.exchange.keys import KeyKind, PublicKeyFile

    try:
        for line in (folder / "bag-info.txt").read_text(encoding="utf-8").splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "Ux-Kiosk-Laptop-Key":
                return PublicKeyFile.from_base64(KeyKind.LAPTOP, value.strip()).line()
    except (OSError, ValueError):
        return None
    return None


def _quarantine(hub: HubStore, folder: Path, reason: str, message: str, key: str | None,
                values: dict[str, object], wording: Wording, keep: bool = True,
                signer_key: str | None = None) -> Outcome:
    """Move the bundle out of the inbox into the quarantine (or, ``keep`` False, delete it: a withdrawn
    participant's data must not stay), with the reason in words and in the hub's log."""
    base = hub.folder(QUARANTINE)
    target = base / folder.name
    suffix = 1
    while target.exists():  # the same name refused before: keep both
        suffix += 1
        target = base / f"{folder.name}.{suffix}"
    target.mkdir(mode=0o700)
    if keep:
        shutil.move(str(folder), str(target / folder.name))
    else:
        shutil.rmtree(folder)
    lines = [wording(key, message, values)]
    if signer_key is not None:
        (target / KEY_FILE).write_text(signer_key, encoding="ascii")
        lines.append(wording("hub.quarantine_trust_hint", f"The laptop's key is in {target / KEY_FILE} (fingerprint "
                             f"{values.get('fingerprint', '')}). Compare the fingerprint with the laptop's "
                             f"('ux-kiosk identity') by phone, then run: ux-kiosk hub trust-laptop "
                             f"{target / KEY_FILE} --hub-dir {hub.hub_dir} --name SITE; then move "
                             f"{target / folder.name} into an inbox and import again.",
                             {"path": target / KEY_FILE, "fingerprint": values.get("fingerprint", ""),
                              "hub_dir": hub.hub_dir, "bundle": target / folder.name}))
    if reason in _DAMAGE:
        lines.append(wording("hub.quarantine_resend_hint", "The copy is kept here for inspection. Sync again from "
                             "the laptop: it writes again every bundle the hub has not confirmed, and the next "
                             "import takes the good copy.", {}))
    (target / REASON_FILE).write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    with hub.write() as conn:
        conn.execute("INSERT INTO hub_quarantine (name, reason, message, signer_fingerprint, folder, utc) "
                     "VALUES (?, ?, ?, ?, ?, ?)", (folder.name, reason, message, str(values.get("fingerprint", "")),
                                                   str(target), utc_now_iso()))
    return Outcome(folder.name, Status.QUARANTINED, message, key, values, reason, quarantine=target)
