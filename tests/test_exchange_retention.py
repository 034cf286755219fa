"""The retention setting: after the hub's verified receipt, a session's media may leave this laptop, and nothing else.

Real stores, real bundles written to a real folder, the real hub import writing real signed receipts, real files
removed (or not) from a real data folder.
"""

from __future__ import annotations

import hashlib
import os
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from exchange_support import remount_read_only, tmpfs
from hub_support import STUDY, Laptop, make_hub

from kiosk.exchange.folder import FolderDestination
from kiosk.exchange.hub.database import FILES
from kiosk.exchange.hub.importer import import_inbox
from kiosk.exchange.keys import trust_hub
from kiosk.exchange.retention import (FILE_NAME, Retention, RetentionError, load_retention, media_due, purge_media,
                                      save_retention)
from kiosk.exchange.send import SendReport, send
from kiosk.store.db import new_id, utc_now_iso
from kiosk.store.erasure import erase_participant
from kiosk.store.ledger import BundleState, subject_states
from kiosk.store.records import EventRecord
from kiosk.simulate import simulate


@pytest.fixture
def laptop(tmp_path: Path, demo_study):
    made = Laptop(tmp_path / "laptop")
    simulate(made.store, demo_study, 3, seed=7)
    yield made
    made.close()


@pytest.fixture
def hub_dir(tmp_path: Path, laptop: Laptop) -> Path:
    folder = tmp_path / "hub"
    trust_hub(laptop.root, make_hub(folder, laptop, names=("Kikinda",)).public)
    return folder


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    folder = tmp_path / "stick"
    folder.mkdir()
    return folder


def session_ids(laptop: Laptop) -> list[str]:
    return [s.id for s in reversed(laptop.store.sessions())]  # oldest first, as subjects() lists them


def add_media(laptop: Laptop, session_id: str, name: str, size: int = 4096) -> Path:
    path = laptop.root / "media" / session_id / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(hashlib.sha256(f"{session_id}/{name}".encode()).digest() * (size // 32))
    return path


def send_to(laptop: Laptop, stick: Path, **kw) -> SendReport:
    return send(laptop.store, laptop.root, FolderDestination(stick), **kw)


def confirmed(laptop: Laptop, stick: Path, hub_dir: Path, **kw) -> SendReport:
    """Send, import at the hub, send again: the second send reads the hub's receipts (and purges)."""
    send_to(laptop, stick)
    import_inbox(stick, hub_dir)
    return send_to(laptop, stick, **kw)


def late_note(laptop: Laptop, session_id: str) -> None:
    """A note added after the session ended: the session's bundle gets a newer name and must travel again."""
    record = laptop.store.session(session_id)
    laptop.store.append_event(EventRecord(new_id(), session_id, 0, "note_added", utc_now_iso(), 0, "late",
                                          laptop.store.laptop_id, {"text": "late note", "tags": [],
                                                                   "step": record.step}),
                              record.status, record.step)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def database_rows(laptop: Laptop) -> dict[str, list]:
    conn = laptop.store._conn
    return {table: conn.execute(f"SELECT * FROM [{table}] ORDER BY 1").fetchall()
            for table in ("sessions", "events", "consent_records", "bundles", "tombstones", "meta")}


# -- the setting ----------------------------------------------------------------------------------------------


def test_no_file_means_keep_for_ever_and_a_saved_setting_is_private_and_whole(tmp_path: Path) -> None:
    assert load_retention(tmp_path) == Retention(None) and Retention().keeps_for_ever
    save_retention(tmp_path, Retention(30))
    assert load_retention(tmp_path) == Retention(30)
    assert stat.S_IMODE((tmp_path / FILE_NAME).stat().st_mode) == 0o600
    assert not list(tmp_path.glob("*.part")), "written through a temporary file renamed into place"
    save_retention(tmp_path, Retention(None))
    assert load_retention(tmp_path).keeps_for_ever


@pytest.mark.parametrize("text", ["{not json", '{"media_days": -1}', '{"media_days": "30"}', '{"media_days": true}',
                                  '{"media_days": 3.5}', "{}", "[30]", '{"media_days": 99999}', "\udcff"])
def test_a_damaged_setting_is_an_error_with_words_never_for_ever_nor_purge(tmp_path: Path, text: str) -> None:
    (tmp_path / FILE_NAME).write_bytes(text.encode("utf-8", "surrogateescape"))
    with pytest.raises(RetentionError) as caught:
        load_retention(tmp_path)
    assert caught.value.key == "retention.error.damaged" and str(tmp_path / FILE_NAME) in str(caught.value)
    assert "no media were removed" in str(caught.value)


@pytest.mark.parametrize("days", [-1, True, "7", 3651])
def test_a_retention_refuses_what_is_not_a_number_of_days(days) -> None:
    with pytest.raises(RetentionError):
        Retention(days)


# -- what is due ----------------------------------------------------------------------------------------------


def test_media_are_due_only_when_the_current_bundle_is_received_and_old_enough(laptop, hub_dir, stick) -> None:
    first, second, third = session_ids(laptop)
    for sid in (first, second, third):
        add_media(laptop, sid, "audio/segment-0001.wav", 8192)
        add_media(laptop, sid, "screen.mkv", 1000 * 32)
    assert media_due(laptop.store, laptop.root, Retention(0), datetime.now(UTC)) == [], "only sent: nothing"
    send_to(laptop, stick)
    assert {e.state for e in subject_states(laptop.store).values()} == {BundleState.SENT}
    assert media_due(laptop.store, laptop.root, Retention(0), datetime.now(UTC)) == [], "sent is not received"
    import_inbox(stick, hub_dir)
    send_to(laptop, stick)  # reads the receipts (the default setting removes nothing)
    late_note(laptop, third)  # its current bundle is now one the hub has not confirmed
    received = datetime.fromisoformat(subject_states(laptop.store)[first].received_utc)

    def due(days: int, at: datetime) -> list[str]:
        return [d.session_id for d in media_due(laptop.store, laptop.root, Retention(days), at)]

    assert due(30, received + timedelta(days=29, hours=23)) == []
    assert due(30, received + timedelta(days=30, seconds=1)) == [first, second]
    assert due(0, received + timedelta(seconds=1)) == [first, second], "0: as soon as the hub confirms"
    assert due(0, received - timedelta(hours=2)) == [], "a clock set back before the receipt waits for it"
    assert media_due(laptop.store, laptop.root, Retention(None), received + timedelta(days=9999)) == []
    item = media_due(laptop.store, laptop.root, Retention(0), received + timedelta(seconds=1))[0]
    assert (item.study_id, item.files, item.bytes) == (STUDY, 2, 8192 + 32000)
    assert item.participant_code == laptop.store.session(first).participant_code
    assert item.received_utc == subject_states(laptop.store)[first].received_utc
    assert all(p.exists() for p in (laptop.root / "media").rglob("*")), "listing removes nothing"


def test_a_session_without_media_files_is_not_listed(laptop, hub_dir, stick) -> None:
    first = session_ids(laptop)[0]
    (laptop.root / "media" / first / "empty").mkdir(parents=True)
    confirmed(laptop, stick, hub_dir)
    assert media_due(laptop.store, laptop.root, Retention(0), datetime.now(UTC) + timedelta(seconds=1)) == []


# -- the purge ------------------------------------------------------------------------------------------------


def test_the_default_keeps_every_file_after_the_hub_confirmed_it(laptop, hub_dir, stick) -> None:
    files = [add_media(laptop, sid, "rec.wav") for sid in session_ids(laptop)]
    report = confirmed(laptop, stick, hub_dir)
    assert len(report.received) == 3
    assert report.purged.sessions == () and all(p.exists() for p in files)
    assert purge_media(laptop.store, laptop.root, Retention(None), datetime.now(UTC) + timedelta(days=9999)) \
        .sessions == ()
    assert all(p.exists() for p in files)


def test_a_purge_removes_exactly_the_due_media_folders_and_nothing_else(laptop, hub_dir, stick) -> None:
    first, second, third = session_ids(laptop)
    for sid in (first, second, third):
        add_media(laptop, sid, "a/b/segment.wav", 64 * 32)
        add_media(laptop, sid, "top.bin", 10 * 32)
    confirmed(laptop, stick, hub_dir)
    late_note(laptop, second)  # changed since the hub confirmed it: keeps its media
    send_to(laptop, stick)  # its newest bundle is now only sent: still not confirmed
    assert subject_states(laptop.store)[second].state is BundleState.SENT
    (laptop.root / "reports").mkdir(exist_ok=True)
    (laptop.root / "reports" / "study.pdf").write_bytes(b"%PDF report")
    (laptop.root / "receipts").mkdir(exist_ok=True)
    (laptop.root / "receipts" / f"{first}.pdf").write_bytes(b"%PDF consent receipt")
    receipts, reports, rows = (snapshot(laptop.root / "receipts"), snapshot(laptop.root / "reports"),
                               database_rows(laptop))
    kept = {sid: snapshot(laptop.root / "media" / sid) for sid in (second,)}

    purged = purge_media(laptop.store, laptop.root, Retention(0), datetime.now(UTC) + timedelta(seconds=1))
    assert [s.session.session_id for s in purged.sessions] == [first, third]
    assert (purged.files, purged.bytes, purged.emptied, purged.problems) == (4, 2 * (64 + 10) * 32, 2, ())
    assert not (laptop.root / "media" / first).exists() and not (laptop.root / "media" / third).exists()
    assert snapshot(laptop.root / "media" / second) == kept[second], "another session's folder is untouched"
    assert snapshot(laptop.root / "receipts") == receipts and snapshot(laptop.root / "reports") == reports
    assert database_rows(laptop) == rows, "not a row of the database changes"
    assert (laptop.root / "media").is_dir()
    again = purge_media(laptop.store, laptop.root, Retention(0), datetime.now(UTC) + timedelta(seconds=1))
    assert again.sessions == (), "nothing left to remove"


def test_send_purges_after_reading_the_receipts_and_says_what_it_removed(laptop, hub_dir, stick) -> None:
    sids = session_ids(laptop)
    for sid in sids:
        add_media(laptop, sid, "rec.wav", 320)
    save_retention(laptop.root, Retention(0))
    first = send_to(laptop, stick)
    assert first.purged.sessions == () and all((laptop.root / "media" / s).exists() for s in sids), \
        "only sent: kept until the hub's receipt"
    import_inbox(stick, hub_dir)
    report = send_to(laptop, stick, now=datetime.now(UTC) + timedelta(seconds=1))
    assert len(report.received) == 3 and report.purged.files == 3 and report.purged.bytes == 960
    assert not any((laptop.root / "media" / s).exists() for s in sids)
    assert len(laptop.store.sessions()) == 3, "the sessions themselves stay"


def test_a_damaged_setting_still_sends_and_removes_nothing(laptop, hub_dir, stick) -> None:
    files = [add_media(laptop, sid, "rec.wav") for sid in session_ids(laptop)]
    (laptop.root / FILE_NAME).write_text('{"media_days": "soon"}')
    report = confirmed(laptop, stick, hub_dir)
    assert len(report.received) == 3 and report.sync.complete
    assert report.retention_problem is not None and report.retention_problem.key == "retention.error.damaged"
    assert report.purged.sessions == () and all(p.exists() for p in files)


def test_a_cancelled_send_removes_nothing(laptop, hub_dir, stick) -> None:
    files = [add_media(laptop, sid, "rec.wav") for sid in session_ids(laptop)]
    confirmed(laptop, stick, hub_dir)
    save_retention(laptop.root, Retention(0))
    late_note(laptop, session_ids(laptop)[0])  # something to send, so the cancel has a bundle to stop
    report = send_to(laptop, stick, cancel=lambda: True, now=datetime.now(UTC) + timedelta(seconds=1))
    assert report.sync.cancelled and report.purged.sessions == () and all(p.exists() for p in files)


def test_a_file_newer_than_the_confirmed_bundle_stays(laptop, hub_dir, stick) -> None:
    first = session_ids(laptop)[0]
    old = add_media(laptop, first, "segment-1.wav")
    confirmed(laptop, stick, hub_dir)
    late = add_media(laptop, first, "segment-2.wav")  # copied in after the bundle went: the hub never got it
    due = media_due(laptop.store, laptop.root, Retention(0), datetime.now(UTC) + timedelta(seconds=1))
    assert [(d.session_id, d.files) for d in due] == [(first, 1)]
    purge_media(laptop.store, laptop.root, Retention(0), datetime.now(UTC) + timedelta(seconds=1))
    assert not old.exists() and late.exists()


def test_links_are_never_followed(laptop, hub_dir, stick, tmp_path: Path) -> None:
    first, second, _ = session_ids(laptop)
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "inside").mkdir(parents=True)
    (elsewhere / "precious.wav").write_bytes(b"not the kiosk's")
    (elsewhere / "inside" / "deep.wav").write_bytes(b"nor this")
    add_media(laptop, first, "own.wav")
    (laptop.root / "media" / first / "link.wav").symlink_to(elsewhere / "precious.wav")
    (laptop.root / "media" / first / "linked-folder").symlink_to(elsewhere / "inside")
    (laptop.root / "media" / second).symlink_to(elsewhere, target_is_directory=True)  # the whole folder a link
    confirmed(laptop, stick, hub_dir)
    purged = purge_media(laptop.store, laptop.root, Retention(0), datetime.now(UTC) + timedelta(seconds=1))
    assert (elsewhere / "precious.wav").read_bytes() == b"not the kiosk's"
    assert (elsewhere / "inside" / "deep.wav").read_bytes() == b"nor this"
    assert not (laptop.root / "media" / first).exists(), "the links themselves went with the folder"
    assert (laptop.root / "media" / second).is_symlink(), "a linked media folder is reported, not emptied"
    assert [p.path for p in purged.problems] == [str(laptop.root / "media" / second)]


def test_a_file_that_cannot_be_removed_is_reported_and_the_rest_goes_on(laptop, hub_dir, stick) -> None:
    first, second, third = session_ids(laptop)
    for sid in (first, third):
        add_media(laptop, sid, "rec.wav")
    with tmpfs(laptop.root / "media" / second, "4m") as mounted:
        (mounted / "rec.wav").write_bytes(b"x" * 1000)
        confirmed(laptop, stick, hub_dir)
        remount_read_only(mounted)
        purged = purge_media(laptop.store, laptop.root, Retention(0), datetime.now(UTC) + timedelta(seconds=1))
        assert (mounted / "rec.wav").exists()
        assert [p.path for p in purged.problems] == [str(mounted / "rec.wav")]
        assert "read-only" in purged.problems[0].reason.lower()
    assert [(s.session.session_id, s.files) for s in purged.sessions] == [(first, 1), (second, 0), (third, 1)]
    assert not (laptop.root / "media" / first).exists() and not (laptop.root / "media" / third).exists()


def test_a_withdrawn_participant_is_erasure_s_not_the_purge_s(laptop, hub_dir, stick) -> None:
    first = session_ids(laptop)[0]
    add_media(laptop, first, "rec.wav")
    confirmed(laptop, stick, hub_dir)
    erase_participant(laptop.store, STUDY, laptop.store.session(first).participant_code, "asked")
    assert not (laptop.root / "media" / first).exists()
    assert media_due(laptop.store, laptop.root, Retention(0), datetime.now(UTC) + timedelta(seconds=1)) == []


def test_after_a_purge_a_newer_bundle_leaves_the_hub_s_copy_of_the_media_byte_for_byte(laptop, hub_dir,
                                                                                     stick) -> None:
    """The hub's merge only adds files: a bundle sent after the purge (a late note) lacks the media, and the hub
    keeps what it had. This is what makes purging safe at all."""
    first = session_ids(laptop)[0]
    recording = add_media(laptop, first, "audio/segment-0001.wav", 256 * 1024)
    original = recording.read_bytes()
    save_retention(laptop.root, Retention(0))
    report = confirmed(laptop, stick, hub_dir, now=datetime.now(UTC) + timedelta(seconds=1))
    assert report.purged.files == 1 and not recording.exists()
    late_note(laptop, first)
    newer = send_to(laptop, stick)
    assert [r.name for r in newer.sync.results] == [subject_states(laptop.store)[first].name]
    import_inbox(stick, hub_dir)
    final = send_to(laptop, stick)
    assert subject_states(laptop.store)[first].name in final.received, "the newer bundle was merged and confirmed"
    at_hub = hub_dir / FILES / laptop.store.laptop_id / first / "media" / "audio" / "segment-0001.wav"
    assert at_hub.read_bytes() == original
    from kiosk.store import StoreReader
    hub = StoreReader(hub_dir / "hub.sqlite3")
    try:
        assert any(e.payload.get("text") == "late note" for e in hub.events(first))
    finally:
        hub.close()
    assert os.path.exists(hub_dir / FILES)
