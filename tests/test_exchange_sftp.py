"""The SFTP destination against a real OpenSSH server on loopback: the server proven first, bundles whole or absent."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from exchange_support import assert_bundle_intact, bundle_files, partials, visible_bundles, writer
from kiosk.exchange import destination_errors as errors
from kiosk.exchange.sftp import SftpAddress, SftpDestination, SshOptions
from kiosk.exchange.targets import TargetOptions, open_destination
from kiosk.i18n.catalog import default_catalog
from kiosk.i18n.explain import explain
from sshd import SshServer, descendants as _descendants, sshd_server  # noqa: F401  (the fixture)

pytestmark = pytest.mark.sshd


@pytest.fixture
def inbox(sshd_server: SshServer, request: pytest.FixtureRequest) -> Path:  # noqa: F811
    folder = sshd_server.root / request.node.name.replace("[", "-").replace("]", "")
    folder.mkdir()
    return folder


def test_a_missing_sshd_fails_the_tests_saying_what_to_install() -> None:
    """Not a skip: CI without openssh-server must go red, not green without the transport tested."""
    import sshd

    with pytest.raises(pytest.fail.Exception, match="install openssh-server"):
        sshd._need("/nonexistent/sbin/sshd")


def options(server: SshServer, **changes) -> SshOptions:
    values = dict(known_hosts=server.known_hosts, key_file=server.user_key, timeout=10.0)
    values.update(changes)
    return SshOptions(**values)


def destination(server: SshServer, folder: Path, **changes) -> SftpDestination:
    return SftpDestination(SftpAddress(server.user, server.host, server.port, str(folder)),
                           options(server, **changes))


def test_bundles_are_sent_whole_over_sftp(sshd_server: SshServer, inbox: Path) -> None:  # noqa: F811
    target = destination(sshd_server, inbox)
    try:
        assert not target.has("S-0001")
        sink = target.begin("S-0001")
        writer("S-0001", big=20_000_000)(sink)
        assert sink.synced, "OpenSSH's fsync@openssh.com made each file durable before the rename"
        writer("S-0002")(target.begin("S-0002"))
        assert target.has("S-0001") and target.has("S-0002")
    finally:
        target.close()
    assert visible_bundles(inbox) == ["S-0001", "S-0002"] and partials(inbox) == []
    assert_bundle_intact(inbox / "S-0001", "S-0001", big=20_000_000)
    assert_bundle_intact(inbox / "S-0002", "S-0002")


def test_the_sync_command_address_reaches_the_same_server(sshd_server: SshServer, inbox: Path) -> None:  # noqa: F811
    target = open_destination(sshd_server.url(inbox), TargetOptions(known_hosts=sshd_server.known_hosts,
                                                                    key_file=sshd_server.user_key, read_back=True))
    try:
        assert target.description == f"sftp://{sshd_server.user}@127.0.0.1:{sshd_server.port}{inbox}"
        writer("S-0001", big=2_000_000)(target.begin("S-0001"))
    finally:
        target.close()
    assert_bundle_intact(inbox / "S-0001", "S-0001", big=2_000_000)


def test_a_pinned_fingerprint_replaces_known_hosts(sshd_server: SshServer, inbox: Path,  # noqa: F811
                                                   tmp_path: Path) -> None:
    target = destination(sshd_server, inbox, known_hosts=tmp_path / "none", host_key=sshd_server.fingerprint)
    try:
        writer("S-0001")(target.begin("S-0001"))
    finally:
        target.close()
    assert visible_bundles(inbox) == ["S-0001"]


def _other_host_key(tmp_path: Path, server: SshServer) -> Path:
    key = tmp_path / "impostor"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    algorithm, blob = (tmp_path / "impostor.pub").read_text().split()[:2]
    known = tmp_path / "known_hosts"
    known.write_text(f"[127.0.0.1]:{server.port} {algorithm} {blob}\n")
    return known


def test_a_server_whose_key_differs_from_known_hosts_is_refused(sshd_server: SshServer, inbox: Path,  # noqa: F811
                                                                tmp_path: Path) -> None:
    known = _other_host_key(tmp_path, sshd_server)
    before = known.read_text()
    with pytest.raises(errors.HostKeyRefused) as caught:
        destination(sshd_server, inbox, known_hosts=known)
    assert caught.value.key == "exchange.error.host_key_mismatch"
    assert caught.value.values["fingerprint"] == sshd_server.fingerprint
    assert "this may be an attack" in explain(caught.value, default_catalog(), "en")
    assert known.read_text() == before, "known_hosts is never changed"
    assert list(inbox.iterdir()) == []


def test_an_unknown_server_is_refused_with_its_fingerprint_to_compare(sshd_server: SshServer, inbox: Path,  # noqa: F811
                                                                      tmp_path: Path) -> None:
    empty = tmp_path / "known_hosts"
    empty.write_text("")
    with pytest.raises(errors.HostKeyRefused) as caught:
        destination(sshd_server, inbox, known_hosts=empty)
    assert caught.value.key == "exchange.error.host_key_unknown"
    assert caught.value.stops_sync
    shown = explain(caught.value, default_catalog(), "sr-Cyrl")
    assert f"--host-key {sshd_server.fingerprint}" in shown and "није познат" in shown
    assert empty.read_text() == "", "an unknown key is never added"


def test_a_wrong_pinned_fingerprint_is_refused(sshd_server: SshServer, inbox: Path) -> None:  # noqa: F811
    wrong = "SHA256:" + "A" * 43
    with pytest.raises(errors.HostKeyRefused) as caught:
        destination(sshd_server, inbox, host_key=wrong)
    assert caught.value.key == "exchange.error.host_key_mismatch"
    with pytest.raises(errors.DestinationMissing) as malformed:
        destination(sshd_server, inbox, host_key="MD5:12:34")
    assert malformed.value.key == "exchange.error.bad_fingerprint"


def test_a_key_the_server_does_not_accept_is_a_refused_login(sshd_server: SshServer, inbox: Path,  # noqa: F811
                                                             tmp_path: Path) -> None:
    stranger = tmp_path / "stranger"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(stranger)], check=True)
    with pytest.raises(errors.DestinationMissing) as caught:
        destination(sshd_server, inbox, key_file=stranger)
    assert caught.value.key == "exchange.error.auth_failed"
    assert "--key-file" in explain(caught.value, default_catalog(), "hu")


def test_a_closed_port_is_unreachable_not_a_hang(sshd_server: SshServer, inbox: Path) -> None:  # noqa: F811
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    address = SftpAddress(sshd_server.user, "127.0.0.1", closed, str(inbox))
    with pytest.raises(errors.DestinationMissing) as caught:
        SftpDestination(address, options(sshd_server, timeout=3.0))
    assert caught.value.key == "exchange.error.unreachable"


def test_a_missing_remote_folder_is_named(sshd_server: SshServer, inbox: Path) -> None:  # noqa: F811
    target = destination(sshd_server, inbox / "not-made")
    try:
        with pytest.raises(errors.DestinationMissing) as caught:
            target.begin("S-0001")
    finally:
        target.close()
    assert caught.value.values == {"destination": target.description}
    assert not (inbox / "not-made").exists()


def test_a_stale_partial_is_replaced_and_a_complete_bundle_never_rewritten(sshd_server: SshServer,  # noqa: F811
                                                                           inbox: Path) -> None:
    (inbox / ".partial-S-0001" / "data").mkdir(parents=True)
    (inbox / ".partial-S-0001" / "data" / "old.bin").write_bytes(b"half")
    target = destination(sshd_server, inbox)
    try:
        writer("S-0001")(target.begin("S-0001"))
        with pytest.raises(errors.AlreadyThere):
            target.begin("S-0001")
    finally:
        target.close()
    assert partials(inbox) == []
    assert_bundle_intact(inbox / "S-0001", "S-0001")


@pytest.mark.parametrize("read_back", [False, True])
def test_a_file_changed_on_the_server_before_commit_is_caught(sshd_server: SshServer, inbox: Path,  # noqa: F811
                                                              read_back: bool) -> None:
    """Without read-back a lost tail (size) is caught; with it, one flipped byte too."""
    target = destination(sshd_server, inbox, read_back=read_back)
    try:
        sink = target.begin("S-0001")
        writer("S-0001", commit=False)(sink)
        damaged = inbox / ".partial-S-0001" / "data" / "events.json"
        data = bytearray(damaged.read_bytes())
        if read_back:
            data[10] ^= 0x20
        else:
            del data[-1]
        damaged.write_bytes(bytes(data))
        with pytest.raises(errors.VerificationFailed) as caught:
            sink.commit()
        assert caught.value.values["file"] == "data/events.json"
    finally:
        target.close()
    assert visible_bundles(inbox) == [] and partials(inbox) == []


def test_receipts_are_read_from_the_server(sshd_server: SshServer, inbox: Path) -> None:  # noqa: F811
    (inbox / "receipts").mkdir()
    (inbox / "receipts" / "S-0001.receipt").write_bytes(b"signed by the hub")
    (inbox / "receipts" / "nested").mkdir()
    target = destination(sshd_server, inbox)
    try:
        assert list(target.receipts()) == [("S-0001.receipt", b"signed by the hub")]
    finally:
        target.close()


def _jobs(*specs: tuple[str, int]):
    from kiosk.exchange.sync import BundleJob

    return [BundleJob(name, writer(name, big), sum(bundle_files(name, big).values())) for name, big in specs]


SPECS = [("S-0001", 0), ("S-0002", 20_000_000), ("S-0003", 0)]


def test_a_remote_folder_that_vanishes_mid_write_is_reported_and_the_next_sync_finishes(
        sshd_server: SshServer, inbox: Path, tmp_path: Path) -> None:  # noqa: F811
    from kiosk.exchange.sync import Outcome, Progress, sync

    aside = inbox.with_name(inbox.name + "-aside")

    def vanish(p: Progress) -> None:
        if p.bundle == "S-0002" and p.bytes_written > 5_000_000 and inbox.exists():
            inbox.rename(aside)

    target = destination(sshd_server, inbox)
    try:
        result = sync(_jobs(*SPECS), target, progress=vanish)
    finally:
        target.close()
    assert result.names(Outcome.SENT) == ["S-0001"] and result.names(Outcome.FAILED) == ["S-0002"]
    assert isinstance(result.stopped_by, errors.DestinationGone)
    assert result.stopped_by.values == {"destination": target.description, "bundle": "S-0002"}
    aside.rename(inbox)
    target = destination(sshd_server, inbox)
    try:
        resumed = sync(_jobs(*SPECS), target)
    finally:
        target.close()
    assert resumed.names(Outcome.ALREADY_THERE) == ["S-0001"] and resumed.names(Outcome.SENT) == ["S-0002", "S-0003"]
    assert visible_bundles(inbox) == ["S-0001", "S-0002", "S-0003"] and partials(inbox) == []
    for name, big in SPECS:
        assert_bundle_intact(inbox / name, name, big)


def test_a_connection_lost_mid_write_is_reported_and_the_next_sync_finishes(
        sshd_server: SshServer, inbox: Path) -> None:  # noqa: F811
    """The server's session process is killed mid-file (the network gone, as far as the laptop can tell)."""
    import os
    import signal

    from kiosk.exchange.sync import Outcome, Progress, sync

    killed: list[int] = []

    def cut(p: Progress) -> None:
        if p.bundle == "S-0002" and p.bytes_written > 5_000_000 and not killed:
            killed.extend(_descendants(sshd_server.pid))
            for pid in killed:
                os.kill(pid, signal.SIGKILL)

    target = destination(sshd_server, inbox, timeout=5.0)
    try:
        result = sync(_jobs(*SPECS), target, progress=cut)
    finally:
        target.close()
    assert killed, "the session's server process was found and killed"
    assert result.names(Outcome.SENT) == ["S-0001"] and result.names(Outcome.FAILED) == ["S-0002"]
    assert isinstance(result.stopped_by, errors.DestinationGone), repr(result.results[1].error)
    assert result.names(Outcome.NOT_TRIED) == ["S-0003"]
    assert visible_bundles(inbox) == ["S-0001"]
    target = destination(sshd_server, inbox)
    try:
        resumed = sync(_jobs(*SPECS), target)
    finally:
        target.close()
    assert resumed.names(Outcome.SENT) == ["S-0002", "S-0003"]
    assert visible_bundles(inbox) == ["S-0001", "S-0002", "S-0003"] and partials(inbox) == []
    for name, big in SPECS:
        assert_bundle_intact(inbox / name, name, big)


def test_a_server_that_never_answers_times_out_instead_of_hanging(sshd_server: SshServer, inbox: Path) -> None:  # noqa: F811
    import socket
    import time

    with socket.socket() as silent:  # accepts connections (the kernel's backlog) but never says a word
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        address = SftpAddress(sshd_server.user, "127.0.0.1", silent.getsockname()[1], str(inbox))
        started = time.monotonic()
        with pytest.raises(errors.DestinationMissing) as caught:
            SftpDestination(address, options(sshd_server, timeout=1.0))
    assert caught.value.key == "exchange.error.unreachable"
    assert time.monotonic() - started < 10


def test_a_server_that_stalls_mid_write_times_out_and_the_next_sync_finishes(
        sshd_server: SshServer, inbox: Path) -> None:  # noqa: F811
    """The session's server process is stopped (SIGSTOP) mid-file: no error, no data, just silence."""
    import os
    import signal
    import threading
    import time

    from kiosk.exchange.sync import Outcome, Progress, sync

    stopped: list[int] = []

    def stall(p: Progress) -> None:
        if p.bundle == "S-0002" and p.bytes_written > 3_000_000 and not stopped:
            stopped.extend(_descendants(sshd_server.pid))
            for pid in stopped:
                os.kill(pid, signal.SIGSTOP)

    target = destination(sshd_server, inbox, timeout=2.0)
    outcome: list = []
    worker = threading.Thread(target=lambda: outcome.append(sync(_jobs(*SPECS), target, progress=stall)))
    started = time.monotonic()
    worker.start()
    worker.join(60)  # a hang fails here instead of blocking the suite
    hung = worker.is_alive()
    for pid in stopped:
        os.kill(pid, signal.SIGKILL)  # also frees a hung worker: its connection is reset
    worker.join(30)
    target.close()
    assert not hung, "the sync hung on a silent server: no timeout on the channel"
    assert stopped and time.monotonic() - started < 30
    (result,) = outcome
    assert result.names(Outcome.SENT) == ["S-0001"] and result.names(Outcome.FAILED) == ["S-0002"]
    assert isinstance(result.stopped_by, errors.DestinationGone), repr(result.results[1].error)
    target = destination(sshd_server, inbox)
    try:
        resumed = sync(_jobs(*SPECS), target)
    finally:
        target.close()
    assert resumed.names(Outcome.SENT) == ["S-0002", "S-0003"]
    for name, big in SPECS:
        assert_bundle_intact(inbox / name, name, big)


def test_the_users_own_known_hosts_and_ssh_agent_are_used_by_default(
        sshd_server: SshServer, inbox: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    """No option given: the server is checked against ~/.ssh/known_hosts and the key comes from the agent."""
    import os
    import shutil
    import signal

    home = tmp_path / "home"
    (home / ".ssh").mkdir(parents=True)
    shutil.copy(sshd_server.known_hosts, home / ".ssh" / "known_hosts")
    monkeypatch.setenv("HOME", str(home))  # no ~/.ssh/id_* there: only the agent holds the key
    socket_path = tmp_path / "agent.sock"
    agent = subprocess.Popen(["ssh-agent", "-D", "-a", str(socket_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert agent.stdout.readline().startswith("SSH_AUTH_SOCK="), "ssh-agent printed where it listens"
        monkeypatch.setenv("SSH_AUTH_SOCK", str(socket_path))
        subprocess.run(["ssh-add", "-q", str(sshd_server.user_key)], check=True, capture_output=True)
        target = open_destination(sshd_server.url(inbox))
        try:
            writer("S-0001")(target.begin("S-0001"))
        finally:
            target.close()
    finally:
        os.kill(agent.pid, signal.SIGTERM)
        agent.wait(timeout=10)
        agent.stdout.close()
    assert_bundle_intact(inbox / "S-0001", "S-0001")


def test_a_full_server_disk_is_reported_as_full_and_the_sync_finishes_once_space_is_freed(
        sshd_server: SshServer) -> None:  # noqa: F811
    """OpenSSH answers a full disk with a bare "Failure"; the server's statvfs@openssh.com tells why."""
    from exchange_support import tmpfs

    from kiosk.exchange.sync import Outcome, sync

    specs = [("S-0001", 1_000_000), ("S-0002", 8_000_000), ("S-0003", 0)]
    with tmpfs(sshd_server.root / "small-disk", "4m") as small:
        target = destination(sshd_server, small)
        try:
            result = sync(_jobs(*specs), target)
        finally:
            target.close()
        assert result.names(Outcome.SENT) == ["S-0001"] and result.names(Outcome.FAILED) == ["S-0002"]
        assert isinstance(result.stopped_by, errors.DestinationFull), repr(result.results[1].error)
        assert result.names(Outcome.NOT_TRIED) == ["S-0003"]
        assert visible_bundles(small) == ["S-0001"] and partials(small) == []
        subprocess.run(["mount", "-o", "remount,size=32m", str(small)], check=True)
        target = destination(sshd_server, small)
        try:
            resumed = sync(_jobs(*specs), target)
        finally:
            target.close()
        assert resumed.names(Outcome.SENT) == ["S-0002", "S-0003"]
        for name, big in specs:
            assert_bundle_intact(small / name, name, big)


def test_a_read_only_server_disk_is_reported_as_read_only(sshd_server: SshServer) -> None:  # noqa: F811
    from exchange_support import remount_read_only, tmpfs

    with tmpfs(sshd_server.root / "locked-disk", "4m") as locked:
        target = destination(sshd_server, locked)
        try:
            writer("S-0001")(target.begin("S-0001"))
            remount_read_only(locked)
            with pytest.raises(errors.DestinationReadOnly) as caught:
                writer("S-0002")(target.begin("S-0002"))
        finally:
            target.close()
        assert caught.value.stops_sync
        assert visible_bundles(locked) == ["S-0001"]
        assert_bundle_intact(locked / "S-0001", "S-0001")
