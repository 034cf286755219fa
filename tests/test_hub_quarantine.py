"""Refused bundles at the hub: each tamper case moved to the quarantine with its reason in words, nothing
merged, no receipt; an unknown signer's bundle carries what is needed to trust it and import it again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hub_support import Laptop, make_hub
from sessions_helper import run_session

from kiosk.exchange.hub.database import DATABASE
from kiosk.exchange.hub.importer import KEY_FILE, REASON_FILE, Status, import_inbox
from kiosk.exchange.hub.receipts import receipt_path
from kiosk.exchange.keys import KeyKind, read_public_key
from kiosk.store import StoreReader


@pytest.fixture
def stick(tmp_path, demo_study, clock):
    """A hub trusting laptop A, and a stick holding one (sealed) session bundle of A."""
    laptop = Laptop(tmp_path / "laptop-a")
    run_session(laptop.store, demo_study, "P-0042", clock)
    hub_dir = tmp_path / "hub"
    key = make_hub(hub_dir, laptop, names=("Subotica",))
    inbox = tmp_path / "stick"
    [subject] = laptop.export(inbox, key)
    yield inbox, inbox / subject.name, hub_dir, key, laptop
    laptop.close()


def flip(path: Path, at: int = 40) -> None:
    data = bytearray(path.read_bytes())
    data[at] ^= 0x01
    path.write_bytes(bytes(data))


def sessions_at(hub_dir: Path) -> int:
    reader = StoreReader(hub_dir / DATABASE)
    try:
        return len(reader.sessions())
    finally:
        reader.close()


def _flipped(bundle: Path) -> str:
    flip(next(p for p in sorted((bundle / "data").rglob("*")) if p.is_file()))
    return "changed_file"


def _removed(bundle: Path) -> str:
    next(p for p in sorted((bundle / "data").rglob("*.sealed")) if "signature" in p.name).unlink()
    return "missing_file"


def _added(bundle: Path) -> str:
    (bundle / "data" / "extra.txt").write_text("added on the way", encoding="utf-8")
    return "added_file"


@pytest.mark.parametrize("tamper", [_flipped, _removed, _added], ids=["flipped byte", "removed file", "added file"])
def test_a_tampered_bundle_is_quarantined_with_its_reason(stick, tamper) -> None:
    inbox, bundle, hub_dir, _, _ = stick
    reason = tamper(bundle)
    [outcome] = import_inbox(inbox, hub_dir).outcomes
    assert outcome.status is Status.QUARANTINED and outcome.reason == reason
    assert not bundle.exists(), "a refused bundle leaves the inbox"
    moved = hub_dir / "quarantine" / bundle.name / bundle.name
    assert (moved / "bag-info.txt").is_file()
    text = (hub_dir / "quarantine" / bundle.name / REASON_FILE).read_text(encoding="utf-8")
    assert bundle.name in text and outcome.message in text
    # what to do, not only why (new-user trial): the laptop writes it again, since the hub never confirmed it
    assert "Sync again from the laptop" in text
    assert not receipt_path(inbox, bundle.name).exists()
    assert sessions_at(hub_dir) == 0
    reader = StoreReader(hub_dir / DATABASE)
    try:
        rows = reader._conn.execute("SELECT name, reason FROM hub_quarantine").fetchall()
    finally:
        reader.close()
    assert [tuple(r) for r in rows] == [(bundle.name, reason)]


def test_a_bundle_of_an_unknown_laptop_is_quarantined_with_its_fingerprint_and_the_command(
        stick, tmp_path, demo_study, clock) -> None:
    inbox, _, hub_dir, key, _ = stick
    stranger = Laptop(tmp_path / "laptop-unknown")
    try:
        run_session(stranger.store, demo_study, "P-0042", clock)
        [subject] = stranger.export(inbox, key)
    finally:
        stranger.close()
    outcomes = {o.name: o for o in import_inbox(inbox, hub_dir).outcomes}
    refused = outcomes[subject.name]
    assert refused.status is Status.QUARANTINED and refused.reason == "unknown_signer"
    folder = hub_dir / "quarantine" / subject.name
    text = (folder / REASON_FILE).read_text(encoding="utf-8")
    fingerprint = stranger.identity.public.fingerprint
    assert fingerprint in text and "ux-kiosk hub trust-laptop" in text and str(folder / KEY_FILE) in text
    assert read_public_key(folder / KEY_FILE, KeyKind.LAPTOP) == stranger.identity.public
    assert sessions_at(hub_dir) == 1  # laptop A's session went in; the stranger's did not

    # after comparing the fingerprint: trust it and import the quarantined bundle from a new inbox
    from kiosk.exchange.hub.database import HubStore

    hub = HubStore.open(hub_dir)
    hub.trust_laptop(read_public_key(folder / KEY_FILE, KeyKind.LAPTOP), "Kikinda")
    hub.close()
    retry = tmp_path / "retry"
    retry.mkdir()
    shutil.move(str(folder / subject.name), str(retry / subject.name))
    assert [o.status for o in import_inbox(retry, hub_dir).outcomes] == [Status.IMPORTED]
    assert sessions_at(hub_dir) == 2


def test_partial_folders_and_receipts_are_not_bundles(stick) -> None:
    inbox, bundle, hub_dir, _, _ = stick
    shutil.copytree(bundle, inbox / f".partial-{bundle.name}-2")
    (inbox / "receipts").mkdir()
    outcomes = import_inbox(inbox, hub_dir).outcomes
    assert [(o.name, o.status) for o in outcomes] == [(bundle.name, Status.IMPORTED)]


def test_a_trusted_laptop_cannot_write_for_another_laptop(stick, tmp_path, demo_study, clock) -> None:
    """Laptop B, trusted, signs a bundle that names laptop A: refused, so B can neither add sessions to A's
    site nor erase A's participants with a forged withdrawal."""
    inbox, _, hub_dir, key, laptop = stick
    assert [o.status for o in import_inbox(inbox, hub_dir).outcomes] == [Status.IMPORTED]
    forger = Laptop(tmp_path / "laptop-b")
    try:
        with forger.store.write() as conn:
            conn.execute("UPDATE meta SET value = ? WHERE key = 'laptop_id'", (laptop.store.laptop_id,))
        forger.store.laptop_id = laptop.store.laptop_id
        run_session(forger.store, demo_study, "P-0099", clock)
        other_inbox = tmp_path / "forged"
        [subject] = forger.export(other_inbox, key)
        from kiosk.exchange.hub.database import HubStore

        hub = HubStore.open(hub_dir)
        hub.trust_laptop(forger.identity.public, "Forged")
        hub.close()
    finally:
        forger.close()
    [outcome] = import_inbox(other_inbox, hub_dir).outcomes
    assert outcome.status is Status.QUARANTINED and outcome.reason == "laptop_mismatch"
    assert forger.identity.public.fingerprint in outcome.message and subject.name in outcome.message
    assert sessions_at(hub_dir) == 1


def test_folders_that_are_not_bundles_are_left_alone(stick) -> None:
    """A stick formatted on Windows has 'System Volume Information'; a person may keep other folders there."""
    inbox, bundle, hub_dir, _, _ = stick
    for name in ("System Volume Information", "photos"):
        (inbox / name).mkdir()
        (inbox / name / "IndexerVolumeGuid").write_text("x", encoding="utf-8")
    outcomes = import_inbox(inbox, hub_dir).outcomes
    assert [(o.name, o.status) for o in outcomes] == [(bundle.name, Status.IMPORTED)]
    assert (inbox / "System Volume Information" / "IndexerVolumeGuid").is_file()
    assert not (hub_dir / "quarantine").exists()
