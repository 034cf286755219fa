"""``ux-kiosk export``: one bundle per finished session and withdrawal, skipped when already there, a line each,
totals, the ledger updated, local data untouched; a full stick is one line and leaves no half bundle."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import bagit
import pytest

from kiosk.cli import main
from kiosk.exchange.bundle import subjects
from kiosk.exchange.keys import init_hub, laptop_identity, trust_hub
from kiosk.exchange.reader import open_bundle
from kiosk.simulate import simulate
from kiosk.store import Store
from kiosk.store.erasure import erase_participant
from kiosk.store.ledger import BundleState, entries


@pytest.fixture
def data(tmp_path: Path, demo_study) -> Path:
    """Four simulated participants (some finish, some abandon), one of them erased since."""
    root = tmp_path / "data"
    root.mkdir()
    store = Store(root / "kiosk.sqlite3")
    try:
        simulate(store, demo_study, 4, seed=3)
        erase_participant(store, demo_study.id, store.sessions()[0].participant_code, "asked by phone")
    finally:
        store.close()
    return root


def names_and_states(root: Path) -> tuple[list[str], dict[str, BundleState]]:
    store = Store(root / "kiosk.sqlite3")
    try:
        return [s.name for s in subjects(store)], {e.name: e.state for e in entries(store)}
    finally:
        store.close()


def test_export_writes_sealed_bundles_once_and_records_them(data: Path, tmp_path: Path, capsys) -> None:
    hub = init_hub(tmp_path / "hub")
    trust_hub(data, hub.public)
    stick = tmp_path / "stick"
    assert main(["--data-dir", str(data), "export", "--out", str(stick)]) == 0
    first = capsys.readouterr()
    names, states = names_and_states(data)
    assert len(names) >= 2 and any(n.startswith("w-") for n in names)
    assert sorted(p.name for p in stick.iterdir()) == sorted(names)
    assert states == {name: BundleState.EXPORTED for name in names}
    for name in names:
        assert f"{name}: written, sealed for the hub" in first.out
        bagit.Bag(str(stick / name)).validate()
        opened = open_bundle(stick / name, hub, [laptop_identity(data).public], tmp_path / "work" / name)
        assert opened.label.sealed
    assert f"{len(names)} bundles in {stick}: {len(names)} written, 0 already there, 0 failed" in first.out
    assert "not sealed" not in first.err

    assert main(["--data-dir", str(data), "export", "--out", str(stick)]) == 0
    again = capsys.readouterr().out
    assert again.count("already there, skipped") == len(names)
    assert sorted(p.name for p in stick.iterdir()) == sorted(names)


def test_export_without_a_hub_key_warns_and_signs_only(data: Path, tmp_path: Path, capsys) -> None:
    assert main(["--data-dir", str(data), "--lang", "sr-Cyrl", "export", "--out", str(tmp_path / "stick")]) == 0
    out = capsys.readouterr()
    assert "trust-hub" in out.err and "нису запечаћени" in out.err
    assert "потписано али није запечаћено" in out.out


def test_export_of_one_study_and_of_an_unknown_study(data: Path, tmp_path: Path, capsys) -> None:
    assert main(["--data-dir", str(data), "export", "--out", str(tmp_path / "a"), "--study", "demo-farm-subsidy"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(data), "export", "--out", str(tmp_path / "b"), "--study", "nope"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nope" in err
    assert not (tmp_path / "b").exists() or not any((tmp_path / "b").iterdir())


def test_a_session_still_in_progress_does_not_travel(store, demo_study, clock, tmp_path, capsys) -> None:
    from sessions_helper import run_session

    run_session(store, demo_study, "P-0001", clock, end=False)
    root = store.path.parent
    store.close()
    assert main(["--data-dir", str(root), "export", "--out", str(tmp_path / "stick")]) == 0
    assert "Nothing to export" in capsys.readouterr().out


@pytest.fixture
def small_stick(tmp_path: Path):
    """A 200 KiB filesystem: a few bundles fit, not all."""
    mount = tmp_path / "small"
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=200k", "tmpfs", str(mount)],
                                           capture_output=True).returncode != 0:
        pytest.skip("needs root to mount a small tmpfs")
    yield mount
    subprocess.run(["umount", str(mount)], check=True)


def test_a_full_stick_is_one_line_leaves_no_half_bundle_and_deletes_nothing(data: Path, small_stick: Path,
                                                                              demo_study, tmp_path, capsys) -> None:
    trust_hub(data, init_hub(tmp_path / "hub").public)
    store = Store(data / "kiosk.sqlite3")
    try:
        simulate(store, demo_study, 12, seed=9)
        before = len(store.sessions())
    finally:
        store.close()
    assert main(["--data-dir", str(data), "export", "--out", str(small_stick)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is full" in err  # the folder destination names the full stick
    assert not list(small_stick.glob(".partial-*"))
    store = Store(data / "kiosk.sqlite3")
    try:
        assert len(store.sessions()) == before
        failed = [e for e in entries(store) if e.last_error]
        assert len(failed) == 1 and failed[0].state is BundleState.NOT_EXPORTED
        written = {e.name for e in entries(store) if e.state is BundleState.EXPORTED}
    finally:
        store.close()
    assert written == {p.name for p in small_stick.iterdir()}


class _StickPulledOnSecond:
    """A real folder destination whose second bundle meets an error that stops every later one (a pulled stick,
    as the sync helper's destination reports it: an ExplainedError with ``stops_sync``)."""

    def __init__(self, folder: Path) -> None:
        from kiosk.exchange.folder import FolderDestination

        self.real = FolderDestination(folder)
        self.description = self.real.description
        self.begun = 0

    def has(self, name: str) -> bool:
        return self.real.has(name)

    def begin(self, name: str):
        self.begun += 1
        if self.begun == 2:
            from kiosk.explained import ExplainedError

            error = ExplainedError("the stick went away", key=None)
            error.stops_sync = True  # type: ignore[attr-defined]
            raise error
        return self.real.begin(name)

    def receipts(self):
        return iter(())

    def close(self) -> None:
        pass


def test_an_error_that_stops_every_bundle_stops_the_export(data: Path, tmp_path: Path) -> None:
    from kiosk.exchange.export import export_bundles
    from kiosk.explained import ExplainedError

    (tmp_path / "stick").mkdir()
    destination = _StickPulledOnSecond(tmp_path / "stick")
    store = Store(data / "kiosk.sqlite3")
    try:
        with pytest.raises(ExplainedError, match="went away"):
            export_bundles(store, data, destination)
        assert destination.begun == 2
        states = {e.name: (e.state, e.last_error) for e in entries(store)}
    finally:
        store.close()
    assert sorted(s.value for s, _ in states.values()) == ["exported", "not_exported"]
    assert any(error == "the stick went away" for _, error in states.values())
