"""The hub's import: laptop stores -> real bundles in a folder (a USB stick) -> hub import, twice; every field as
recorded on the laptop; two laptops' participant 1 are two people; newer and older revisions; receipts."""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path

import pytest
from hub_support import STUDY, Laptop, make_hub
from sessions_helper import run_session

from kiosk.exchange.hub.database import DATABASE
from kiosk.exchange.hub.importer import Status, bundle_folders, import_inbox
from kiosk.exchange.hub.receipts import ReceiptError, ReceiptResult, read_receipt, receipt_path
from kiosk.exchange.keys import init_hub
from kiosk.session.withdrawal import withdraw_participant
from kiosk.simulate import simulate
from kiosk.store import StoreReader

NOTE = "Тражила дугме 9ZK на дну"


@pytest.fixture
def laptop(tmp_path):
    made = Laptop(tmp_path / "laptop-a")
    yield made
    made.close()


@pytest.fixture
def other_laptop(tmp_path):
    made = Laptop(tmp_path / "laptop-b")
    yield made
    made.close()


def hub_reader(hub_dir: Path) -> StoreReader:
    return StoreReader(hub_dir / DATABASE)


def test_import_twice_gives_the_laptops_sessions_field_by_field(tmp_path, laptop, demo_study, clock) -> None:
    simulate(laptop.store, demo_study, 6, seed=3)
    run_session(laptop.store, demo_study, "P-0100", clock, note=NOTE, assistance="showed the menu")
    hub_dir = tmp_path / "hub"
    key = make_hub(hub_dir, laptop, names=("Novi Sad",))
    inbox = tmp_path / "stick"
    exported = laptop.export(inbox, key)

    first = import_inbox(inbox, hub_dir)
    assert [o.status for o in first.outcomes] == [Status.IMPORTED] * len(exported)
    receipts = {o.name: read_receipt(o.receipt.read_bytes(), key.public) for o in first.outcomes}
    second = import_inbox(inbox, hub_dir)
    assert [o.status for o in second.outcomes] == [Status.ALREADY_HAD] * len(exported)
    again = {o.name: read_receipt(o.receipt.read_bytes(), key.public) for o in second.outcomes}
    assert {r.result for r in receipts.values()} == {ReceiptResult.IMPORTED}
    assert {r.result for r in again.values()} == {ReceiptResult.ALREADY_HAD}
    assert {n: r.received_utc for n, r in again.items()} == {n: r.received_utc for n, r in receipts.items()}

    hub = hub_reader(hub_dir)
    try:
        finished = [s for s in laptop.store.sessions(STUDY) if s.status.value != "in_progress"]
        assert len(hub.sessions(STUDY)) == len(finished) == len(exported)
        for record in finished:
            assert hub.session(record.id) == record
            ours = [e for e in laptop.store.events(record.id) if e.kind != "draft_saved"]
            theirs = hub.events(record.id)
            assert len(theirs) == len(ours) and len(ours) > 5
            for got, expected in zip(theirs, ours, strict=True):
                for field in expected.__dataclass_fields__:
                    if field == "payload" and got.payload.get("text_withheld"):  # a quote without consent
                        assert expected.payload["text"] and not got.payload["text"]
                        continue
                    assert getattr(got, field) == getattr(expected, field), (record.id, expected.seq, field)
            consent = laptop.store.consent_record(record.id)
            assert consent is not None and hub.consent_record(record.id) == consent
        assert any(NOTE == e.payload.get("text") for s in finished for e in hub.events(s.id))
        assert hub.plan_source(finished[0].plan_hash) == laptop.store.plan_source(finished[0].plan_hash)
    finally:
        hub.close()
    assert stat.S_IMODE((hub_dir / DATABASE).stat().st_mode) == 0o600
    assert stat.S_IMODE(hub_dir.stat().st_mode) == 0o700
    signature = hub_dir / "files" / laptop.store.laptop_id / finished[0].id / "consent" / "signature.png"
    assert signature.read_bytes() == laptop.store.consent_record(finished[0].id).signature_png
    assert sorted(p.name for p in bundle_folders(inbox)) == sorted(s.name for s in exported)  # they stay
    assert not (hub_dir / ".work").exists()


def test_two_laptops_with_the_same_code_and_number_are_two_people(tmp_path, laptop, other_laptop, demo_study,
                                                                   clock) -> None:
    one = run_session(laptop.store, demo_study, "P-0001", clock).record
    two = run_session(other_laptop.store, demo_study, "P-0001", clock).record
    assert (one.participant_number, two.participant_number) == (1, 1)
    hub_dir = tmp_path / "hub"
    key = make_hub(hub_dir, laptop, other_laptop, names=("Subotica", "Niš"))
    inbox = tmp_path / "stick"
    laptop.export(inbox, key)
    other_laptop.export(inbox, key)
    assert [o.status for o in import_inbox(inbox, hub_dir).outcomes] == [Status.IMPORTED] * 2
    hub = hub_reader(hub_dir)
    try:
        people = hub.sessions(STUDY)
        assert sorted((s.laptop_id, s.participant_code) for s in people) == sorted(
            [(laptop.store.laptop_id, "P-0001"), (other_laptop.store.laptop_id, "P-0001")])
        sites = hub._conn.execute("SELECT site, sessions, completed FROM hub_sites ORDER BY site").fetchall()
        assert [tuple(row) for row in sites] == [("Niš", 1, 1), ("Subotica", 1, 1)]
    finally:
        hub.close()


def test_a_newer_revision_adds_what_it_lacks_and_an_older_one_changes_nothing(tmp_path, laptop, demo_study,
                                                                               clock) -> None:
    session = run_session(laptop.store, demo_study, "P-0007", clock).record
    hub_dir = tmp_path / "hub"
    key = make_hub(hub_dir, laptop)
    old, new = tmp_path / "old-stick", tmp_path / "new-stick"
    laptop.export(old, key)
    withdraw_participant(laptop.store, STUDY, "P-0007", erase=False, reason="changed mind", clock=clock)
    laptop.export(new, key)
    assert [p.name for p in bundle_folders(old)] != [p.name for p in bundle_folders(new)]

    assert [o.status for o in import_inbox(old, hub_dir).outcomes] == [Status.IMPORTED]
    assert [o.status for o in import_inbox(new, hub_dir).outcomes] == [Status.IMPORTED]
    assert [o.status for o in import_inbox(old, hub_dir).outcomes] == [Status.ALREADY_HAD]
    hub = hub_reader(hub_dir)
    try:
        assert hub.session(session.id) == laptop.store.session(session.id)
        assert hub.session(session.id).status.value == "withdrawn"
        assert [e.id for e in hub.events(session.id)] == [e.id for e in laptop.store.events(session.id)
                                                          if e.kind != "draft_saved"]
    finally:
        hub.close()


def test_the_newer_revision_first_then_the_older_one_changes_nothing(tmp_path, laptop, demo_study, clock) -> None:
    session = run_session(laptop.store, demo_study, "P-0008", clock).record
    hub_dir = tmp_path / "hub"
    key = make_hub(hub_dir, laptop)
    old, new = tmp_path / "old-stick", tmp_path / "new-stick"
    laptop.export(old, key)
    withdraw_participant(laptop.store, STUDY, "P-0008", erase=False, reason="changed mind", clock=clock)
    laptop.export(new, key)
    assert [o.status for o in import_inbox(new, hub_dir).outcomes] == [Status.IMPORTED]
    outcome = import_inbox(old, hub_dir).outcomes[0]
    assert outcome.status is Status.ALREADY_HAD
    assert read_receipt(outcome.receipt.read_bytes(), key.public).result is ReceiptResult.ALREADY_HAD
    hub = hub_reader(hub_dir)
    try:
        assert hub.session(session.id).status.value == "withdrawn"
        assert len(hub.events(session.id)) == len([e for e in laptop.store.events(session.id)
                                                   if e.kind != "draft_saved"])
        rows = hub._conn.execute("SELECT COUNT(*) FROM sessions").fetchone()[0]
        assert rows == 1
    finally:
        hub.close()


def test_receipts_verify_with_the_hubs_key_and_fail_when_altered(tmp_path, laptop, demo_study, clock) -> None:
    run_session(laptop.store, demo_study, "P-0009", clock)
    hub_dir = tmp_path / "hub"
    key = make_hub(hub_dir, laptop)
    inbox = tmp_path / "stick"
    [subject] = laptop.export(inbox, key)
    import_inbox(inbox, hub_dir)
    data = receipt_path(inbox, subject.name).read_bytes()
    receipt = read_receipt(data, key.public)
    assert (receipt.bundle, receipt.laptop_id, receipt.result) == (subject.name, laptop.store.laptop_id,
                                                                    ReceiptResult.IMPORTED)
    assert receipt.hub_fingerprint == key.public.fingerprint
    assert receipt.tagmanifest_sha256 == hashlib.sha256(
        (inbox / subject.name / "tagmanifest-sha256.txt").read_bytes()).hexdigest()

    altered = data.replace(b'"imported"', b'"already_had"')
    assert altered != data
    with pytest.raises(ReceiptError):
        read_receipt(altered, key.public)
    flipped = bytearray(data)
    flipped[-10] ^= 1
    with pytest.raises(ReceiptError):
        read_receipt(bytes(flipped), key.public)
    with pytest.raises(ReceiptError):
        read_receipt(data, init_hub(tmp_path / "another-hub").public)


def test_a_failure_inside_a_bundles_transaction_leaves_nothing_half_merged(tmp_path, laptop, demo_study, clock,
                                                                           monkeypatch) -> None:
    """A full disk while merging: the bundle's rows are rolled back together, the import stops with the
    store's one-line error, and the next import merges it whole, once."""
    import sqlite3

    from kiosk.exchange.hub import merge
    from kiosk.store import StoreError

    session = run_session(laptop.store, demo_study, "P-0010", clock).record
    hub_dir = tmp_path / "hub"
    key = make_hub(hub_dir, laptop)
    inbox = tmp_path / "stick"
    laptop.export(inbox, key)
    real = merge._insert_event
    calls = {"n": 0}

    def failing(conn, event):
        calls["n"] += 1
        if calls["n"] == 20:
            raise sqlite3.OperationalError("database or disk is full")
        return real(conn, event)

    monkeypatch.setattr(merge, "_insert_event", failing)
    with pytest.raises(StoreError):
        import_inbox(inbox, hub_dir)
    hub = hub_reader(hub_dir)
    try:
        assert hub.sessions() == [] and hub._conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 0
        assert hub._conn.execute("SELECT COUNT(*) FROM hub_bundles").fetchone()[0] == 0
    finally:
        hub.close()
    monkeypatch.setattr(merge, "_insert_event", real)
    assert [o.status for o in import_inbox(inbox, hub_dir).outcomes] == [Status.IMPORTED]
    hub = hub_reader(hub_dir)
    try:
        assert [e.id for e in hub.events(session.id)] == [e.id for e in laptop.store.events(session.id)
                                                          if e.kind != "draft_saved"]
    finally:
        hub.close()
