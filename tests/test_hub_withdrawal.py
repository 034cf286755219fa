"""A withdrawal reaches the hub: the participant's rows and files leave no byte there (database, WAL, files,
quarantine), only that laptop's participant is erased, and a later-arriving session bundle of theirs is refused."""

from __future__ import annotations

from hub_support import STUDY, Laptop, make_hub
from sessions_helper import run_session

from kiosk.exchange.hub.database import DATABASE
from kiosk.exchange.hub.importer import REASON_FILE, Status, bundle_folders, import_inbox
from kiosk.simulate import mark_png
from kiosk.session.withdrawal import withdraw_participant
from kiosk.store import StoreReader
from kiosk.store.erasure import erase_participant

CODE = "P-0042"
NOTE = "Уникатна белешка 4WQ о пољу за хектаре"


def traces_left(root, traces: list[bytes]) -> list[str]:
    found = []
    for path in sorted(root.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            found += [f"{trace[:24]!r} in {path.relative_to(root)}" for trace in traces if trace in data]
    return found


def test_a_withdrawn_participant_leaves_no_byte_at_the_hub_and_later_bundles_are_refused(
        tmp_path, demo_study, clock) -> None:
    laptop, other = Laptop(tmp_path / "laptop-a"), Laptop(tmp_path / "laptop-b")
    try:
        engine = run_session(laptop.store, demo_study, CODE, clock, note=NOTE, assistance="pointed at Даље",
                             signature=mark_png(61))
        session_id = engine.record.id
        media = laptop.root / "media" / session_id / "heatmaps"
        media.mkdir(parents=True)
        (media / "task-1.png").write_bytes(b"\x89PNG heatmap of " + CODE.encode() + b" 0xFEEDFACE")
        (laptop.root / "receipts").mkdir()
        (laptop.root / "receipts" / f"{session_id}.pdf").write_bytes(b"%PDF receipt 0xC0FFEE " + CODE.encode())
        kept = run_session(laptop.store, demo_study, "P-0043", clock).record.id
        same_code_elsewhere = run_session(other.store, demo_study, CODE, clock, note=NOTE).record.id
        signature = laptop.store.consent_record(session_id).signature_png
        events = [e.id.encode() for e in laptop.store.events(session_id)]

        hub_dir = tmp_path / "hub"
        key = make_hub(hub_dir, laptop, other, names=("Subotica", "Niš"))
        stick, late = tmp_path / "stick", tmp_path / "late-stick"
        laptop.export(stick, key)
        other.export(stick, key)
        assert {o.status for o in import_inbox(stick, hub_dir).outcomes} == {Status.IMPORTED}
        files = hub_dir / "files" / laptop.store.laptop_id / session_id
        assert (files / "media" / "heatmaps" / "task-1.png").is_file() and (files / "receipt").is_dir()

        # the participant withdraws: first kept (a newer revision that waits on another stick), then erased
        withdraw_participant(laptop.store, STUDY, CODE, erase=False, reason="changed mind", clock=clock)
        laptop.export(late, key, only=session_id)
        erase_participant(laptop.store, STUDY, CODE, f"{CODE} asked by phone")
        laptop.export(stick, key)
        outcomes = {o.name: o.status for o in import_inbox(stick, hub_dir).outcomes}
        assert set(outcomes.values()) == {Status.IMPORTED, Status.ALREADY_HAD}
        assert sum(name.startswith("w-") for name in outcomes) == 1

        reader = StoreReader(hub_dir / DATABASE)
        try:
            left = {(s.laptop_id, s.participant_code) for s in reader.sessions()}
        finally:
            reader.close()
        assert left == {(laptop.store.laptop_id, "P-0043"), (other.store.laptop_id, CODE)}, \
            "only that laptop's participant is erased"
        assert not files.exists()
        traces = [CODE.encode(), NOTE.encode(), b"pointed at", signature[20:60], b"0xFEEDFACE", b"0xC0FFEE", *events]
        # the other laptop's P-0042 (another person) has the same code and note
        clean_traces = [t for t in traces if t not in (CODE.encode(), NOTE.encode())]
        assert traces_left(hub_dir / "files" / laptop.store.laptop_id, traces) == []
        assert traces_left(hub_dir, clean_traces) == []
        wal = hub_dir / f"{DATABASE}-wal"
        assert (hub_dir / "files" / other.store.laptop_id / same_code_elsewhere).is_dir()

        # a later-arriving revision of the withdrawn session: refused, its data not kept anywhere at the hub
        [late_bundle] = bundle_folders(late)
        [refused] = import_inbox(late, hub_dir).outcomes
        assert refused.status is Status.QUARANTINED and refused.reason == "withdrawn"
        assert not late_bundle.exists()
        folder = hub_dir / "quarantine" / late_bundle.name
        assert sorted(p.name for p in folder.iterdir()) == [REASON_FILE]
        assert "withdrew" in (folder / REASON_FILE).read_text(encoding="utf-8")
        assert traces_left(hub_dir, clean_traces) == []

        # the stick read again: nothing comes back, nothing is refused
        again = import_inbox(stick, hub_dir).outcomes
        assert {o.status for o in again} == {Status.ALREADY_HAD}
        assert traces_left(hub_dir, clean_traces) == []

        erase_participant(other.store, STUDY, CODE, "asked too")
        other.export(stick, key)
        import_inbox(stick, hub_dir)
        assert traces_left(hub_dir, traces) == [], \
            "no byte of the code or the note anywhere at the hub"
        assert not wal.exists() or wal.stat().st_size == 0
        assert not (hub_dir / "files" / other.store.laptop_id / same_code_elsewhere).exists()
        assert kept
    finally:
        laptop.close()
        other.close()


def test_an_erasure_a_reader_held_up_is_finished_by_the_next_import(tmp_path, demo_study, clock) -> None:
    """Datasette or a spreadsheet reading the hub's database keeps old pages in the WAL: the erasure stays
    pending (marked in the database) and the next import completes it."""
    from erasure_support import OtherReader

    from kiosk.exchange.hub.database import HubStore
    from kiosk.store.erasure import erasure_pending

    laptop = Laptop(tmp_path / "laptop-a")
    try:
        run_session(laptop.store, demo_study, CODE, clock, note=NOTE)
        hub_dir = tmp_path / "hub"
        key = make_hub(hub_dir, laptop)
        stick = tmp_path / "stick"
        laptop.export(stick, key)
        import_inbox(stick, hub_dir)
        erase_participant(laptop.store, STUDY, CODE, "asked by phone")
        laptop.export(stick, key)
        reader = OtherReader(hub_dir / DATABASE)
        try:
            import_inbox(stick, hub_dir)
            hub = HubStore.open(hub_dir)
            try:
                assert erasure_pending(hub)
            finally:
                hub.close()
        finally:
            reader.close()
        import_inbox(stick, hub_dir)
        hub = HubStore.open(hub_dir)
        try:
            assert not erasure_pending(hub)
        finally:
            hub.close()
        assert traces_left(hub_dir, [CODE.encode(), NOTE.encode()]) == []
    finally:
        laptop.close()


def test_a_code_given_to_someone_new_after_an_erasure_is_a_new_person_at_the_hub(tmp_path, demo_study, clock) -> None:
    """The laptop frees an erased participant's code; a later session under it is not refused, nor erased by
    the withdrawal that arrives on the same stick."""
    from datetime import UTC, datetime

    laptop = Laptop(tmp_path / "laptop-a")
    try:
        first = run_session(laptop.store, demo_study, CODE, clock, note=NOTE).record.id
        hub_dir = tmp_path / "hub"
        key = make_hub(hub_dir, laptop)
        stick = tmp_path / "stick"
        laptop.export(stick, key)
        erase_participant(laptop.store, STUDY, CODE, "asked by phone")
        clock.advance((datetime(2027, 1, 4, tzinfo=UTC) - clock.utc_now()).total_seconds())  # after the erasure
        second = run_session(laptop.store, demo_study, CODE, clock).record.id
        laptop.export(stick, key)
        outcomes = import_inbox(stick, hub_dir).outcomes
        assert {o.status for o in outcomes} == {Status.IMPORTED}, [(o.name, o.reason, o.message) for o in outcomes]
        reader = StoreReader(hub_dir / DATABASE)
        try:
            assert [s.id for s in reader.sessions()] == [second]
        finally:
            reader.close()
        assert first != second
        assert [o.status for o in import_inbox(stick, hub_dir).outcomes] == [Status.ALREADY_HAD] * 3
    finally:
        laptop.close()


def test_a_new_persons_session_before_the_withdrawal_arrives_waits_in_the_quarantine(tmp_path, demo_study,
                                                                                       clock) -> None:
    import shutil
    from datetime import UTC, datetime

    laptop = Laptop(tmp_path / "laptop-a")
    try:
        run_session(laptop.store, demo_study, CODE, clock)
        hub_dir = tmp_path / "hub"
        key = make_hub(hub_dir, laptop)
        first, second = tmp_path / "first-stick", tmp_path / "second-stick"
        laptop.export(first, key)
        import_inbox(first, hub_dir)
        erase_participant(laptop.store, STUDY, CODE, "asked by phone")
        clock.advance((datetime(2027, 1, 4, tzinfo=UTC) - clock.utc_now()).total_seconds())
        new = run_session(laptop.store, demo_study, CODE, clock).record.id
        laptop.export(second, key, only=new)  # the new person's session travels first, alone
        [outcome] = import_inbox(second, hub_dir).outcomes
        assert outcome.status is Status.QUARANTINED and outcome.reason == "conflict"
        assert "import the withdrawal that freed it first" in outcome.message
        laptop.export(first, key, only=laptop.store.tombstones()[0].id)  # then the withdrawal
        assert {o.status for o in import_inbox(first, hub_dir).outcomes} == {Status.IMPORTED, Status.ALREADY_HAD}
        retry = tmp_path / "retry"
        retry.mkdir()
        shutil.move(str(outcome.quarantine / outcome.name), str(retry / outcome.name))
        assert [o.status for o in import_inbox(retry, hub_dir).outcomes] == [Status.IMPORTED]
        reader = StoreReader(hub_dir / DATABASE)
        try:
            assert [s.id for s in reader.sessions()] == [new]
        finally:
            reader.close()
    finally:
        laptop.close()


def _study_wide_plan(tmp_path):
    """The demo plan, saying its codes are handed out centrally: one code is one person at every site."""
    import shutil

    from kiosk.resources import demo_plan_path
    from kiosk.study import load_plan
    from kiosk.study.model import CodeScope

    folder = tmp_path / "plan"
    shutil.copytree(demo_plan_path().parent, folder)
    plan = folder / "plan.toml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("[study]\n", '[study]\nparticipant_codes = "study"\n', 1), encoding="utf-8")
    study = load_plan(plan)
    assert study.participant_codes is CodeScope.STUDY
    return study


def test_with_study_wide_codes_a_withdrawal_erases_the_participant_at_every_site(tmp_path, clock) -> None:
    """A plan whose codes are handed out centrally: P-0042 at two sites is one person, so their withdrawal at
    one site erases them at the hub from both, and a later bundle of theirs from the other site is refused.
    (With the default, per-laptop codes, the other site's P-0042 is another person: the test above.)"""
    study = _study_wide_plan(tmp_path)
    laptop, other = Laptop(tmp_path / "laptop-a"), Laptop(tmp_path / "laptop-b")
    try:
        run_session(laptop.store, study, CODE, clock, note=NOTE)
        second_visit = run_session(other.store, study, CODE, clock, note=NOTE).record.id
        run_session(other.store, study, "P-0043", clock)
        hub_dir = tmp_path / "hub"
        key = make_hub(hub_dir, laptop, other, names=("Subotica", "Niš"))
        stick, withdrawal, late = tmp_path / "stick", tmp_path / "withdrawal", tmp_path / "late"
        laptop.export(stick, key)
        other.export(stick, key)
        assert {o.status for o in import_inbox(stick, hub_dir).outcomes} == {Status.IMPORTED}

        erase_participant(laptop.store, STUDY, CODE, "asked at the first site")
        laptop.export(withdrawal, key)
        import_inbox(withdrawal, hub_dir)
        reader = StoreReader(hub_dir / DATABASE)
        try:
            left = {(s.laptop_id, s.participant_code) for s in reader.sessions()}
        finally:
            reader.close()
        assert left == {(other.store.laptop_id, "P-0043")}, "erased at both sites"
        assert traces_left(hub_dir, [NOTE.encode(), CODE.encode()]) == []

        # the second site has not heard of it yet: its next revision of that visit is refused at the hub
        withdraw_participant(other.store, STUDY, CODE, erase=False, reason="late news", clock=clock)
        other.export(late, key, only=second_visit)
        [refused] = import_inbox(late, hub_dir).outcomes
        assert refused.status is Status.QUARANTINED and refused.reason == "withdrawn"
        assert traces_left(hub_dir, [NOTE.encode(), CODE.encode()]) == []
    finally:
        laptop.close()
        other.close()
