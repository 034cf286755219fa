"""A withdrawn participant's bundles in the hub's quarantine are erased too (found by the new-user trial): a
tampered copy of their session bundle, refused and kept for the hub team to look at, still held their
consent, notes and signature after the withdrawal had erased them everywhere else at the hub."""

from __future__ import annotations

from pathlib import Path

from hub_support import STUDY, Laptop, make_hub
from sessions_helper import run_session

from kiosk.exchange.hub.importer import Status, bundle_folders, import_inbox
from kiosk.store.erasure import erase_participant

CODE, OTHER = "P-0042", "P-0043"
NOTE = "Уникатна белешка 7QZ о њиви"  # the session holds it: a bundle to erase


def _tamper(bundle: Path) -> None:
    """One flipped byte in the session's events: the manifest no longer matches, the hub quarantines it."""
    target = next(p for p in sorted((bundle / "data").rglob("*")) if p.is_file())
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0x01
    target.write_bytes(bytes(data))


def _quarantined(hub_dir: Path) -> list[str]:
    folder = hub_dir / "quarantine"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def hub_log(hub_dir: Path) -> list[str]:
    """The quarantine log's messages (the hub's database, as Datasette shows it)."""
    import sqlite3

    from kiosk.exchange.hub.database import DATABASE

    with sqlite3.connect(hub_dir / DATABASE) as conn:
        return [row[0] for row in conn.execute("SELECT message FROM hub_quarantine ORDER BY id")]


def _sessions_of(laptop: Laptop, code: str) -> list[str]:
    return [s.id for s in laptop.store.sessions() if s.participant_code == code]


def test_a_withdrawal_erases_the_participants_quarantined_bundles_and_keeps_the_others(
        tmp_path, demo_study, clock) -> None:
    laptop = Laptop(tmp_path / "laptop")
    try:
        run_session(laptop.store, demo_study, CODE, clock, note=NOTE)
        run_session(laptop.store, demo_study, OTHER, clock)
        hub_dir, stick = tmp_path / "hub", tmp_path / "stick"
        key = make_hub(hub_dir, laptop)
        laptop.export(stick, key)
        for bundle in bundle_folders(stick):
            _tamper(bundle)  # both damaged on the way: both quarantined
        assert {o.status for o in import_inbox(stick, hub_dir).outcomes} == {Status.QUARANTINED}
        assert len(_quarantined(hub_dir)) == 2

        erase_participant(laptop.store, STUDY, CODE, "asked by phone")
        laptop.export(stick, key)
        import_inbox(stick, hub_dir)
        left = _quarantined(hub_dir)
        assert len(left) == 1 and _sessions_of(laptop, OTHER)[0] in left[0], "only the withdrawn one goes"
        log = hub_log(hub_dir)
        assert sorted(message == "erased: its participant withdrew" for message in log) == [False, True]
    finally:
        laptop.close()


def test_a_quarantined_bundle_of_someone_who_withdrew_earlier_is_erased_when_it_arrives(
        tmp_path, demo_study, clock) -> None:
    """The other order: the withdrawal reached the hub first; a damaged older copy arrives later."""
    laptop = Laptop(tmp_path / "laptop")
    try:
        run_session(laptop.store, demo_study, CODE, clock, note=NOTE)
        hub_dir, late, stick = tmp_path / "hub", tmp_path / "late-stick", tmp_path / "stick"
        key = make_hub(hub_dir, laptop)
        laptop.export(late, key)
        [old_copy] = bundle_folders(late)
        _tamper(old_copy)
        erase_participant(laptop.store, STUDY, CODE, "asked by phone")
        laptop.export(stick, key)
        import_inbox(stick, hub_dir)
        [outcome] = import_inbox(late, hub_dir).outcomes
        assert outcome.status is Status.QUARANTINED
        assert _quarantined(hub_dir) == []
    finally:
        laptop.close()
