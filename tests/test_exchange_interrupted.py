"""A sync process SIGKILLed mid-file, then run again: zero duplicates, zero losses, no partial taken for a bundle.

The child (tests/sync_child.py) stops inside the writer of a 20 MB file once 6 MB of it went out and
says so on stdout; the test kills it there with SIGKILL (no cleanup runs, as with a pulled power cord or
a crash), checks that only a partial folder of the interrupted bundle exists, then syncs again.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from exchange_support import assert_bundle_intact, bundle_files, partials, visible_bundles, writer
from kiosk.exchange.sync import BundleJob, Outcome, sync
from kiosk.exchange.targets import TargetOptions, open_destination
from sshd import SshServer, sshd_server  # noqa: F401  (the fixture)

CHILD = Path(__file__).resolve().parent / "sync_child.py"
SPECS = [("S-0001", 1_000_000), ("S-0002", 20_000_000), ("S-0003", 0)]
ROOT = Path(__file__).resolve().parent.parent


def kill_mid_transfer(target: str, *extra: str) -> int:
    """Run a sync in a child process and SIGKILL it 6 MB into S-0002's recording; returns the bytes it had sent."""
    bundles = [f"{name}:{big}" for name, big in SPECS]
    child = subprocess.Popen([sys.executable, str(CHILD), target, "S-0002", "6000000", *bundles, *extra],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        line = child.stdout.readline()
        assert line.startswith("WRITING"), f"the child did not reach the write: {line!r} {child.stderr.read()}"
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stdin.close()
        child.stdout.close()
        child.stderr.close()
    return int(line.split()[1])


def sync_again(target: str, options: TargetOptions) -> None:
    destination = open_destination(target, options)
    try:
        jobs = [BundleJob(n, writer(n, big), sum(bundle_files(n, big).values())) for n, big in SPECS]
        result = sync(jobs, destination)
    finally:
        destination.close()
    assert result.names(Outcome.ALREADY_THERE) == ["S-0001"], "the bundle sent before the kill is not sent again"
    assert result.names(Outcome.SENT) == ["S-0002", "S-0003"] and result.complete


def check_killed_state(folder: Path) -> None:
    assert visible_bundles(folder) == ["S-0001"], "only the bundle committed before the kill is visible"
    assert partials(folder) == [".partial-S-0002"], "the interrupted bundle is only a partial folder"
    recording = folder / ".partial-S-0002" / "data" / "media" / "recording.bin"
    assert 0 < recording.stat().st_size < 20_000_000


def check_final_state(folder: Path) -> None:
    assert visible_bundles(folder) == ["S-0001", "S-0002", "S-0003"] and partials(folder) == []
    for name, big in SPECS:
        assert_bundle_intact(folder / name, name, big)


@pytest.mark.slow
def test_a_folder_sync_killed_mid_file_resumes_without_duplicates_or_losses(tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    sent = kill_mid_transfer(str(stick))
    assert sent > 6_000_000
    check_killed_state(stick)
    sync_again(str(stick), TargetOptions())
    check_final_state(stick)


@pytest.mark.slow
@pytest.mark.sshd
def test_an_sftp_sync_killed_mid_file_resumes_without_duplicates_or_losses(sshd_server: SshServer) -> None:  # noqa: F811
    inbox = sshd_server.root / "killed"
    inbox.mkdir()
    target = sshd_server.url(inbox)
    kill_mid_transfer(target, "--known-hosts", str(sshd_server.known_hosts), "--key-file", str(sshd_server.user_key))
    check_killed_state(inbox)
    sync_again(target, TargetOptions(known_hosts=sshd_server.known_hosts, key_file=sshd_server.user_key))
    check_final_state(inbox)
