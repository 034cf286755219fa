"""Session and withdrawal bundles: a real session in a real SQLite file, written into a real folder, validated
by the bagit library, opened again with every field compared; tampered copies refused with their reason."""

from __future__ import annotations

import csv
import io
import os
import shutil
import stat
from pathlib import Path

import bagit
import pytest
from sessions_helper import run_session

from kiosk.exchange.bag import DEFAULT_PART_LIMIT
from kiosk.exchange.bundle import BundleKind, subjects, write_bundle
from kiosk.exchange.folder import FolderDestination
from kiosk.exchange.keys import init_hub, laptop_identity
from kiosk.exchange.reader import BundleRejected, Reason, open_bundle
from kiosk.reports.tabular import export_study_csv
from kiosk.session.withdrawal import withdraw_participant
from kiosk.store.erasure import erase_participant

CODE = "P-0042"
NOTE = "Confused by the Ћирилица form field"


@pytest.fixture
def finished(store, demo_study, clock):
    """One finished session with a note and a consent receipt, one in progress."""
    engine = run_session(store, demo_study, CODE, clock, note=NOTE, assistance="pointed at the button")
    receipts = store.path.parent / "receipts"
    receipts.mkdir(exist_ok=True)
    (receipts / f"{engine.record.id}.pdf").write_bytes(b"%PDF-1.4 receipt of " + CODE.encode())
    run_session(store, demo_study, "P-0043", clock, end=False)
    return engine.record.id


def export_one(store, session_id: str, out: Path, hub=None, part_limit: int = DEFAULT_PART_LIMIT) -> Path:
    subject = next(s for s in subjects(store) if s.subject_id == session_id)
    identity = laptop_identity(store.path.parent)
    out.mkdir(parents=True, exist_ok=True)
    destination = FolderDestination(out)
    write_bundle(store, subject, store.path.parent, destination.begin(subject.name), identity,
                 hub.public if hub else None, part_limit)
    return out / subject.name


def test_only_finished_sessions_travel_and_names_hold_no_participant_code(store, finished) -> None:
    found = subjects(store)
    assert [s.subject_id for s in found] == [finished]
    last = max(e.seq for e in store.events(finished))
    assert found[0].name == f"s-{finished}-{last}"
    assert subjects(store) == found  # the same content, the same name
    assert CODE not in found[0].name


def test_round_trip_in_clear_is_a_valid_bag_with_every_field_as_recorded(store, finished, tmp_path) -> None:
    bundle = export_one(store, finished, tmp_path / "stick")
    bagit.Bag(str(bundle)).validate()
    assert not list((tmp_path / "stick").glob(".partial-*"))

    opened = open_bundle(bundle, None, [laptop_identity(store.path.parent).public], tmp_path / "work")
    assert opened.label.kind is BundleKind.SESSION and not opened.label.sealed
    assert (opened.label.subject_id, opened.label.study_id) == (finished, "demo-farm-subsidy")
    content = opened.session
    assert content is not None
    record = store.session(finished)
    for field in record._fields:
        assert getattr(content.session, field) == getattr(record, field), field
    recorded = [e for e in store.events(finished) if e.kind != "draft_saved"]
    assert len(content.events) == len(recorded)
    for got, expected in zip(content.events, recorded, strict=True):
        for field in expected.__dataclass_fields__:
            assert getattr(got, field) == getattr(expected, field), (expected.seq, field)
    consent = store.consent_record(finished)
    assert consent is not None and content.consent is not None
    for field in consent.__dataclass_fields__:
        assert getattr(content.consent, field) == getattr(consent, field), field
    assert content.consent.verifies()
    assert content.plan_source == store.plan_source(record.plan_hash)
    assert content.plan_hash == record.plan_hash
    assert opened.files["consent/signature.png"].path.read_bytes() == consent.signature_png
    assert opened.files[f"receipt/{finished}.pdf"].path.read_bytes().startswith(b"%PDF")
    images = {name.rsplit("/", 1)[-1] for name in opened.files if name.startswith("plan/prototypes/")}
    assert "home.png" in images and "prototype.toml" in images
    assert not {name for name in images if name.endswith(".hu.png")}, "only the languages the session used"


def test_the_tables_are_export_csv_rows_of_that_session(store, finished, tmp_path) -> None:
    bundle = export_one(store, finished, tmp_path / "stick")
    export_study_csv(store, "demo-farm-subsidy", tmp_path / "csv")
    for table in ("participants.csv", "task_results.csv", "answers.csv", "notes.csv", "events.csv", "consent.csv"):
        ours = list(csv.reader(io.StringIO((bundle / "data" / "tables" / table).read_text(encoding="utf-8"))))
        theirs = list(csv.reader(io.StringIO((tmp_path / "csv" / table).read_text(encoding="utf-8"))))
        column = theirs[0].index("session_id")
        assert ours[0] == theirs[0], table
        assert ours[1:] == [row for row in theirs[1:] if row[column] == finished], table
        assert len(ours) > 1, table
    assert (bundle / "data" / "tables" / "data_dictionary.csv").is_file()


def test_sealed_bundle_holds_no_participant_data_in_clear_and_opens_only_with_the_hub_key(
        store, finished, tmp_path) -> None:
    hub = init_hub(tmp_path / "hub")
    bundle = export_one(store, finished, tmp_path / "stick", hub=hub)
    bagit.Bag(str(bundle)).validate()
    secrets = [CODE.encode(), NOTE.encode("utf-8"), b"pointed at the button", b"%PDF", b"\x89PNG"]
    for path in bundle.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for secret in secrets:
                assert secret not in data, (path, secret)
    laptop = laptop_identity(store.path.parent).public
    opened = open_bundle(bundle, hub, [laptop], tmp_path / "work")
    assert opened.label.sealed and opened.session is not None
    assert opened.session.session.participant_code == CODE
    assert any(NOTE == e.payload.get("text") for e in opened.session.events)
    decrypted = opened.files["consent/signature.png"].path
    assert stat.S_IMODE(decrypted.stat().st_mode) == 0o600

    with pytest.raises(BundleRejected) as refused:
        open_bundle(bundle, init_hub(tmp_path / "other-hub"), [laptop], tmp_path / "work2")
    assert refused.value.reason is Reason.WRONG_HUB_KEY
    with pytest.raises(BundleRejected) as refused:
        open_bundle(bundle, None, [laptop], tmp_path / "work3")
    assert refused.value.reason is Reason.SEALED_NO_KEY


@pytest.mark.parametrize("sealed", [False, True])
def test_large_files_are_split_into_parts_under_the_limit_and_join_again(store, finished, tmp_path, sealed) -> None:
    media = store.path.parent / "media" / finished / "audio"
    media.mkdir(parents=True)
    recording = os.urandom(3 * 1024 * 1024 + 123)
    (media / "segment-0001.wav").write_bytes(recording)
    hub = init_hub(tmp_path / "hub") if sealed else None
    limit = 1_000_000
    bundle = export_one(store, finished, tmp_path / "stick", hub=hub, part_limit=limit)
    bagit.Bag(str(bundle)).validate()
    sizes = [p.stat().st_size for p in bundle.rglob("*") if p.is_file()]
    assert max(sizes) <= limit
    parts = sorted(p.name for p in (bundle / "data" / "media" / "audio").iterdir())
    assert len(parts) == 4 and parts[0].endswith(".part-000") and parts[-1].endswith(".part-003")
    opened = open_bundle(bundle, hub, [laptop_identity(store.path.parent).public], tmp_path / "work")
    assert opened.files["media/audio/segment-0001.wav"].path.read_bytes() == recording


def test_withdrawal_bundle_carries_the_tombstone(store, finished, tmp_path, clock) -> None:
    erase_participant(store, "demo-farm-subsidy", CODE, "asked by phone")
    tombstone = store.tombstones()[0]
    found = [s for s in subjects(store) if s.kind is BundleKind.WITHDRAWAL]
    assert [s.name for s in found] == [f"w-{tombstone.id}"]
    identity = laptop_identity(store.path.parent)
    (tmp_path / "stick").mkdir(exist_ok=True)
    destination = FolderDestination(tmp_path / "stick")
    write_bundle(store, found[0], store.path.parent, destination.begin(found[0].name), identity, None)
    bagit.Bag(str(tmp_path / "stick" / found[0].name)).validate()
    opened = open_bundle(tmp_path / "stick" / found[0].name, None, [identity.public], tmp_path / "work")
    assert opened.tombstone == tombstone
    assert opened.label.kind is BundleKind.WITHDRAWAL


def test_a_session_withdrawn_but_kept_travels_again_under_a_new_name(store, finished, clock) -> None:
    before = subjects(store)[0].name
    withdraw_participant(store, "demo-farm-subsidy", CODE, erase=False, reason="changed mind", clock=clock)
    after = subjects(store)[0].name
    assert after != before and after.startswith(f"s-{finished}-")


@pytest.fixture
def plain_bundle(store, finished, tmp_path) -> Path:
    return export_one(store, finished, tmp_path / "stick")


def refused(bundle: Path, store, hub=None, trusted=None) -> BundleRejected:
    keys = [laptop_identity(store.path.parent).public] if trusted is None else trusted
    with pytest.raises(BundleRejected) as caught:
        open_bundle(bundle, hub, keys, bundle.parent / "work")
    return caught.value


def flip(path: Path, at: int = 10) -> None:
    data = bytearray(path.read_bytes())
    data[at] ^= 0x01
    path.write_bytes(bytes(data))


def test_a_flipped_byte_is_refused_naming_the_file(store, plain_bundle) -> None:
    flip(plain_bundle / "data" / "session.json")
    error = refused(plain_bundle, store)
    assert error.reason is Reason.CHANGED_FILE and "data/session.json" in str(error)


def test_a_changed_label_or_manifest_is_refused(store, plain_bundle, tmp_path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(plain_bundle, copy)
    info = copy / "bag-info.txt"
    info.write_text(info.read_text().replace("Ux-Kiosk-Kind: session", "Ux-Kiosk-Kind: withdrawal"))
    assert refused(copy, store).reason is Reason.CHANGED_FILE
    flip(plain_bundle / "tagmanifest-sha256.txt", at=3)
    assert refused(plain_bundle, store).reason is Reason.BAD_SIGNATURE


def test_a_removed_file_is_refused(store, plain_bundle) -> None:
    (plain_bundle / "data" / "tables" / "notes.csv").unlink()
    error = refused(plain_bundle, store)
    assert error.reason is Reason.MISSING_FILE and "notes.csv" in str(error)


def test_an_added_file_is_refused(store, plain_bundle) -> None:
    (plain_bundle / "data" / "extra.txt").write_text("slipped in")
    error = refused(plain_bundle, store)
    assert error.reason is Reason.ADDED_FILE and "data/extra.txt" in str(error)
    (plain_bundle / "data" / "extra.txt").unlink()
    (plain_bundle / "notes.txt").write_text("slipped in beside the tag files")
    assert refused(plain_bundle, store).reason is Reason.ADDED_FILE


def test_a_symbolic_link_is_refused_even_where_a_signed_file_was(store, plain_bundle, tmp_path) -> None:
    signed = plain_bundle / "data" / "tables" / "notes.csv"
    outside = tmp_path / "outside.csv"
    outside.write_bytes(signed.read_bytes())
    signed.unlink()
    signed.symlink_to(outside)
    error = refused(plain_bundle, store)
    assert error.reason is Reason.ADDED_FILE and "data/tables/notes.csv" in str(error)


def test_an_unknown_signer_is_refused(store, plain_bundle, tmp_path) -> None:
    stranger = laptop_identity(tmp_path / "other-laptop").public
    error = refused(plain_bundle, store, trusted=[stranger])
    assert error.reason is Reason.UNKNOWN_SIGNER
    assert laptop_identity(store.path.parent).public.fingerprint in str(error)


def test_a_bundle_re_signed_by_another_laptop_key_is_refused(store, plain_bundle, tmp_path) -> None:
    """Swapping in another key's name without its signature: the signature check catches it."""
    other = laptop_identity(tmp_path / "other-laptop")
    info = plain_bundle / "bag-info.txt"
    mine = laptop_identity(store.path.parent).public.base64
    info.write_text(info.read_text().replace(mine, other.public.base64))
    error = refused(plain_bundle, store, trusted=[other.public])
    assert error.reason is Reason.BAD_SIGNATURE


def test_a_sealed_file_cut_short_is_refused_by_its_hash(store, finished, tmp_path) -> None:
    """Even with hashes recomputed and re-signed by the laptop's own key, a truncated stream does not open."""
    hub = init_hub(tmp_path / "hub")
    bundle = export_one(store, finished, tmp_path / "stick", hub=hub)
    assert open_bundle(bundle, hub, [laptop_identity(store.path.parent).public], tmp_path / "w1").session
    path = bundle / "data" / "session.json.sealed"
    path.write_bytes(path.read_bytes()[:-5])
    assert refused(bundle, store, hub=hub).reason is Reason.CHANGED_FILE


@pytest.mark.parametrize("sealed", [False, True])
@pytest.mark.parametrize("size", [1000, 9 * 1024 * 1024])  # inline, and on the reading and hashing threads
def test_a_file_that_changes_while_written_aborts_the_bundle(tmp_path, size, sealed) -> None:
    from kiosk.exchange.bag import BagWriter, Source, SourceChanged

    (tmp_path / "stick").mkdir(exist_ok=True)
    destination = FolderDestination(tmp_path / "stick")
    sink = destination.begin("s-x-1")
    hub = init_hub(tmp_path / "hub").public.sealing_key if sealed else None
    writer = BagWriter(sink, hub)
    shrunk = Source("media/a.bin", size, lambda: iter([b"x" * (size // 2)]))
    with pytest.raises(SourceChanged):
        writer.add(shrunk)
    sink.abort()
    assert list((tmp_path / "stick").iterdir()) == []


def test_contacts_travel_only_where_the_plan_allows(store, clock, tmp_path) -> None:
    from conftest import consent

    from kiosk.resources import demo_plan_path
    from kiosk.session import SessionEngine
    from kiosk.study import load_plan_text

    text = demo_plan_path().read_text(encoding="utf-8")
    folder = demo_plan_path().parent
    plans = {"kept": load_plan_text(text, folder / "plan.toml"),
             "allowed": load_plan_text(text.replace('methods = ["signature"',
                                                    'export_contacts = true\nmethods = ["signature"'),
                                       folder / "plan.toml")}
    opened = {}
    for n, (label, plan) in enumerate(plans.items()):
        engine = SessionEngine.start(store, plan, f"K-000{n}", clock, facilitator="F-07")
        engine.continue_from_welcome()
        consent(engine, "future_contact")
        engine.save_contact(f"+381 64 333 444{n}")
        engine.withdraw("tired")
        bundle = export_one(store, engine.record.id, tmp_path / "stick")
        opened[label] = open_bundle(bundle, None, [laptop_identity(store.path.parent).public], tmp_path / label)
        everything = b"".join(p.read_bytes() for p in bundle.rglob("*") if p.is_file())
        assert (f"+381 64 333 444{n}".encode() in everything) is (label == "allowed")
    assert opened["kept"].session is not None and opened["kept"].session.contacts == ()
    assert "tables/contacts.csv" not in opened["kept"].files
    allowed = opened["allowed"].session
    assert allowed is not None
    assert [c["contact"] for c in allowed.contacts] == ["+381 64 333 4441"]
    assert "+381 64 333 4441" in opened["allowed"].files["tables/contacts.csv"].path.read_text(encoding="utf-8")


def test_a_signed_bundle_that_is_not_a_valid_bag_is_refused(store, finished, tmp_path, monkeypatch) -> None:
    """The bagit library's own reading runs too: a laptop writing a broken bag declaration is caught."""
    import kiosk.exchange.bag

    monkeypatch.setattr(kiosk.exchange.bag, "BAGIT_TXT", b"BagIt-Version: 0.1\n")
    bundle = export_one(store, finished, tmp_path / "stick")
    error = refused(bundle, store)
    assert error.reason is Reason.NOT_A_BUNDLE and "bagit.txt" in str(error)


@pytest.mark.parametrize("name", ["home.png", "Почетна.png", "Pocetna.png", "Főoldal.png", "CON.png", ".hidden",
                                  "a b:c?.png", "trailing.", "ok-name_1.sealed"])
def test_file_names_are_safe_on_any_stick_and_stay_distinct(name: str) -> None:
    import re

    from kiosk.exchange.bag import safe_component

    safe = safe_component(name)
    assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", safe) and not safe.endswith(".")
    assert safe.split(".")[0].lower() not in {"con", "prn", "aux", "nul"}
    if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", name) and not name.endswith(".") and not name.startswith("CON"):
        assert safe == name
    assert safe_component("Почетна.png") != safe_component("Pocetna.png")
    assert safe_component("Почетна.png").startswith("Pocetna-")


def test_two_files_whose_names_differ_only_in_case_are_refused(tmp_path) -> None:
    from kiosk.exchange.bag import BagWriter, Source

    (tmp_path / "stick").mkdir(exist_ok=True)
    sink = FolderDestination(tmp_path / "stick").begin("s-x-1")
    writer = BagWriter(sink)
    writer.add(Source.of_bytes("plan/Home.png", b"a"))
    with pytest.raises(ValueError, match="without case"):
        writer.add(Source.of_bytes("plan/home.png", b"b"))
    sink.abort()
