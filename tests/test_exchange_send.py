"""``ux-kiosk sync TARGET``: simulate → sync → hub import → sync again, on real stores, keys and folders.

Every bundle ends "received" in the ledger, nothing is sent twice, a receipt that does not verify is
refused and trusted for nothing, Ctrl+C leaves only a ``.partial-`` folder, and the same round trip
works over SFTP against the real OpenSSH server fixture.
"""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import pytest
from hub_support import STUDY, Laptop, make_hub

from kiosk.cli import main
from kiosk.exchange.keys import init_hub, trust_hub
from kiosk.simulate import simulate
from kiosk.store.erasure import erase_participant
from kiosk.store.ledger import BundleState, entries
from sshd import SshServer, sshd_server  # noqa: F401  (the fixture)


@pytest.fixture
def laptop(tmp_path: Path, demo_study):
    laptop = Laptop(tmp_path / "laptop")
    simulate(laptop.store, demo_study, 4, seed=3)
    code = laptop.store.sessions()[0].participant_code
    erase_participant(laptop.store, STUDY, code, "asked by phone")  # a withdrawal travels too
    yield laptop
    laptop.close()


@pytest.fixture
def hub_dir(tmp_path: Path, laptop: Laptop) -> Path:
    folder = tmp_path / "hub"
    key = make_hub(folder, laptop, names=("Subotica",))
    trust_hub(laptop.root, key.public)
    return folder


def states(laptop: Laptop) -> dict[str, BundleState]:
    return {e.name: e.state for e in entries(laptop.store)}


def sync(laptop: Laptop, target: str, *extra: str) -> int:
    return main(["--data-dir", str(laptop.root), "sync", target, *extra])


def test_sync_hub_import_sync_again_marks_every_bundle_received_and_sends_nothing_twice(
        laptop: Laptop, hub_dir: Path, tmp_path: Path, capsys) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    sessions_before = len(laptop.store.sessions())
    assert sync(laptop, str(stick)) == 0
    captured = capsys.readouterr()
    bundles = [p.name for p in stick.iterdir() if p.is_dir()]
    assert len(bundles) == sessions_before + 1, "every finished session and the withdrawal"
    assert captured.out.count(": sent") == len(bundles)
    assert captured.err.count("Sending ") == len(bundles), "progress on stderr, one line per bundle"
    assert set(states(laptop).values()) == {BundleState.SENT}

    assert main(["hub", "import", str(stick), "--hub-dir", str(hub_dir)]) == 0
    capsys.readouterr()
    assert sync(laptop, str(stick)) == 0
    out = capsys.readouterr().out
    assert ": sent" not in out, "nothing is sent twice"
    assert out.count(": received by the hub") == len(bundles)
    assert set(states(laptop).values()) == {BundleState.RECEIVED}
    assert len(laptop.store.sessions()) == sessions_before, "local data are never deleted"

    assert sync(laptop, str(stick)) == 0
    out = capsys.readouterr().out
    assert ": sent" not in out and "received by the hub" in out.splitlines()[-1]  # only the totals mention it
    assert f"0 already there, {len(bundles)} already at the hub" in out

    # a brand-new stick: nothing is "there before" on it; the hub has them all (the trial read this wrong)
    fresh = tmp_path / "fresh-stick"
    fresh.mkdir()
    assert sync(laptop, str(fresh)) == 0
    assert f"0 sent, 0 already there, {len(bundles)} already at the hub" in capsys.readouterr().out


def test_a_tampered_or_foreign_receipt_is_refused_and_trusted_for_nothing(
        laptop: Laptop, hub_dir: Path, tmp_path: Path, capsys) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    assert sync(laptop, str(stick)) == 0
    assert main(["hub", "import", str(stick), "--hub-dir", str(hub_dir)]) == 0
    receipts = sorted((stick / "receipts").glob("*.receipt"))
    tampered, forged = receipts[0], receipts[1]
    tampered.write_bytes(tampered.read_bytes().replace(b'"imported"', b'"already_had"', 1))
    other_hub = init_hub(tmp_path / "other-hub")  # a receipt signed, but by a hub this laptop does not trust
    from kiosk.exchange.hub.receipts import read_receipt, receipt_bytes
    from kiosk.exchange.keys import hub_secret

    genuine = read_receipt(forged.read_bytes(), hub_secret(hub_dir).public)
    forged.write_bytes(receipt_bytes(genuine, other_hub))
    capsys.readouterr()

    assert sync(laptop, str(stick)) == 1
    out = capsys.readouterr().out
    assert out.count(" refused: ") == 2 and f"Receipt {tampered.name} refused" in out
    assert "does not match the hub's key" in out
    got = states(laptop)
    assert got[tampered.name.removesuffix(".receipt")] is BundleState.SENT
    assert got[forged.name.removesuffix(".receipt")] is BundleState.SENT
    assert sum(state is BundleState.RECEIVED for state in got.values()) == len(got) - 2


def test_ctrl_c_cancels_leaving_only_a_partial_folder_and_the_next_sync_finishes(
        laptop: Laptop, hub_dir: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()

    class CtrlCOnSecondBundle:
        """stderr that presses Ctrl+C (a real SIGINT) when the second bundle's progress line is printed."""

        def __init__(self, inner) -> None:
            self.inner, self.lines = inner, 0

        def write(self, text: str) -> int:
            if text.startswith("Sending "):
                self.lines += 1
                if self.lines == 2:
                    signal.raise_signal(signal.SIGINT)
            return self.inner.write(text)

        def flush(self) -> None:
            self.inner.flush()

    before = signal.getsignal(signal.SIGINT)  # Python's handler; ignored when the suite runs in a background job
    monkeypatch.setattr(sys, "stderr", CtrlCOnSecondBundle(sys.stderr))
    assert sync(laptop, str(stick)) == 1
    monkeypatch.undo()
    out = capsys.readouterr().out
    complete = [p.name for p in stick.iterdir() if p.is_dir() and not p.name.startswith(".")]
    assert len(complete) == 1 and out.count(": sent") == 1 and ": cancelled" in out
    assert all(p.name.startswith(".partial-") for p in stick.iterdir() if p.name not in complete)
    assert signal.getsignal(signal.SIGINT) is before, "Ctrl+C works as before afterwards"
    assert [n for n, s in states(laptop).items() if s is BundleState.SENT] == complete

    assert sync(laptop, str(stick)) == 0
    out = capsys.readouterr().out
    assert out.count(": sent") == len(laptop.store.sessions()), "the rest; the one sent before is not sent again"
    assert not list(stick.glob(".partial-*"))


def test_a_missing_target_folder_is_one_line_and_marks_nothing(laptop: Laptop, hub_dir: Path, tmp_path: Path,
                                                               capsys) -> None:
    assert sync(laptop, str(tmp_path / "unplugged")) == 1
    captured = capsys.readouterr()
    assert "is not there" in captured.err + captured.out
    assert not (tmp_path / "unplugged").exists(), "an unplugged stick's mount point is never filled"
    assert BundleState.SENT not in states(laptop).values()


@pytest.mark.sshd
def test_sync_over_sftp_then_receipts_read_back_over_sftp(laptop: Laptop, hub_dir: Path, sshd_server: SshServer,  # noqa: F811
                                                          capsys) -> None:
    inbox = sshd_server.root / "send-inbox"
    inbox.mkdir()
    ssh = ["--known-hosts", str(sshd_server.known_hosts), "--identity", str(sshd_server.user_key)]
    assert sync(laptop, sshd_server.url(inbox), *ssh) == 0
    sent = capsys.readouterr().out.count(": sent")
    assert sent == len(laptop.store.sessions()) + 1
    assert main(["hub", "import", str(inbox), "--hub-dir", str(hub_dir)]) == 0
    capsys.readouterr()
    assert sync(laptop, sshd_server.url(inbox), "--host-key", sshd_server.fingerprint,
                "--identity", str(sshd_server.user_key)) == 0
    out = capsys.readouterr().out
    assert ": sent" not in out and out.count(": received by the hub") == sent
    assert set(states(laptop).values()) == {BundleState.RECEIVED}


def test_a_stick_that_failed_midway_gets_every_bundle_on_the_next_sync_even_ones_sent_elsewhere(
        laptop: Laptop, hub_dir: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    """Found by the new-user trial: bundles already sent to stick C, then a sync to stick E that failed after its
    first bundle. The failure wrote E into the ledger as the bundles' destination while they stayed "sent", so
    the next sync to E skipped them all ("0 sent, N there before", exit 0) and E never got them."""
    from kiosk.exchange import folder

    first, second = tmp_path / "stick-c", tmp_path / "stick-e"
    first.mkdir()
    second.mkdir()
    assert sync(laptop, str(first)) == 0
    bundles = sorted(p.name for p in first.iterdir() if p.is_dir())
    real_commit, done = folder.FolderSink.commit, []

    def pulled_after_one(self) -> None:
        if done:
            raise OSError(5, "Input/output error")  # the stick went away
        real_commit(self)
        done.append(self.name)

    monkeypatch.setattr(folder.FolderSink, "commit", pulled_after_one)
    assert sync(laptop, str(second)) == 1
    monkeypatch.undo()
    capsys.readouterr()
    assert sync(laptop, str(second)) == 0
    out = capsys.readouterr().out
    assert sorted(p.name for p in second.iterdir() if p.is_dir() and not p.name.startswith(".")) == bundles
    assert out.count(": sent") == len(bundles) - 1


def test_a_bundle_the_hub_took_away_without_a_receipt_is_sent_again(
        laptop: Laptop, hub_dir: Path, tmp_path: Path, capsys) -> None:
    """Found by the new-user trial: a hub that refuses bundles (here: another hub, which neither knows the laptop
    nor holds the key they are sealed to) moves them out of the inbox into its quarantine, with no receipt. The
    laptop, seeing them "sent" to that inbox, never wrote them again. Now a bundle without a receipt that the
    inbox no longer holds is written again; one the hub acknowledged is not (the first test of this file)."""
    stick, stranger = tmp_path / "stick", tmp_path / "another-hub"
    stick.mkdir()
    assert sync(laptop, str(stick)) == 0
    bundles = sorted(p.name for p in stick.iterdir() if p.is_dir())
    assert main(["hub", "init", "--hub-dir", str(stranger)]) == 0
    main(["hub", "import", str(stick), "--hub-dir", str(stranger)])
    assert [p.name for p in stick.iterdir() if p.is_dir() and p.name in bundles] == [], "all quarantined"
    capsys.readouterr()
    assert sync(laptop, str(stick)) == 0
    assert capsys.readouterr().out.count(": sent") == len(bundles)
    assert sorted(p.name for p in stick.iterdir() if p.is_dir() and p.name != "receipts") == bundles


def test_a_stick_pulled_after_the_last_bundle_still_reports_what_was_sent(
        laptop: Laptop, hub_dir: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    """Found by the new-user trial: the stick went away after the bundles were complete, while the hub's receipts
    were being read. The whole report was lost to the receipts' error: no line per bundle, and the message said
    "nothing was sent", though every bundle was on the stick."""
    from kiosk.exchange import folder

    stick = tmp_path / "stick"
    stick.mkdir()
    total = len(laptop.store.sessions()) + 1  # the sessions and the withdrawal
    real_commit, committed = folder.FolderSink.commit, []

    def pulled_after_the_last(self) -> None:
        real_commit(self)
        committed.append(self.name)
        if len(committed) == total:
            stick.rename(tmp_path / "stick-pulled")

    monkeypatch.setattr(folder.FolderSink, "commit", pulled_after_the_last)
    assert sync(laptop, str(stick)) == 1, "the receipts were not read: something is left to do"
    out, err = capsys.readouterr()
    assert out.count(": sent") == total
    assert "nothing was sent" not in (out + err).lower()
    assert "went away before the hub's receipts could be read" in err
    assert set(states(laptop).values()) == {BundleState.SENT}


def test_bundles_not_tried_keep_no_problem_that_names_another_bundle(
        laptop: Laptop, hub_dir: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    """Found by the new-user trial: when a full or pulled stick stopped the sync, every bundle not tried got the
    first bundle's error as its own last problem ("... bundle S-1 was not sent" on S-2's row)."""
    from kiosk.exchange import destination_errors as errors
    from kiosk.exchange import folder
    from kiosk.store.ledger import subject_states

    stick = tmp_path / "stick"
    stick.mkdir()

    def full(self) -> None:
        self.abort()
        raise errors.from_os_error(OSError(28, "No space left on device"), str(stick), self.name)

    monkeypatch.setattr(folder.FolderSink, "commit", full)
    assert sync(laptop, str(stick)) == 1
    out, err = capsys.readouterr()
    untried = [line for line in out.splitlines() if "not tried" in line]
    assert len(untried) == len(laptop.store.sessions()), "every bundle after the first"
    assert all("was not sent" not in line for line in untried), "the reason, once, is the first bundle's"
    assert err.count("The sync stopped") == 1
    rows = subject_states(laptop.store)
    failed = [e for e in rows.values() if e.last_error]
    assert len(failed) == 1, "only the bundle that was tried has a problem"
    assert failed[0].name in failed[0].last_error or failed[0].error_values.get("bundle") == failed[0].name


def test_a_second_send_from_the_same_laptop_waits_for_none_and_says_why(
        laptop: Laptop, hub_dir: Path, tmp_path: Path, capsys) -> None:
    """Found by the new-user trial: two syncs at once (the console's Send and the command line) each reported
    the other's work as a fault ("went away", "File exists"). The second is now refused at once, in words."""
    from kiosk.exchange.send_lock import one_send_at_a_time

    stick = tmp_path / "stick"
    stick.mkdir()
    with one_send_at_a_time(laptop.root):
        assert sync(laptop, str(stick)) == 1
        err = capsys.readouterr().err
        assert "another send from this laptop is running" in err.lower()
        assert [p for p in stick.iterdir()] == [], "nothing written by the refused one"
    assert sync(laptop, str(stick)) == 0, "free again once the first is done"
