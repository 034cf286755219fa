"""A real OpenSSH server on loopback for the SFTP tests: throwaway keys, a free port, stopped by its pid after.

Debian's ``openssh-server`` (installed by ``scripts/setup test``) runs ``/usr/sbin/sshd -D -e -f CONFIG``
with a config of its own in a temporary folder: a fresh ed25519 host key, a fresh user key in
``AuthorizedKeysFile``, ``StrictModes no`` (the temporary folder's modes are not a user's home),
``UsePAM no``, ``Subsystem sftp internal-sftp``, and a ``known_hosts`` file naming the host key for
``[127.0.0.1]:PORT``. When sshd or ssh-keygen is missing the tests FAIL, saying what to install: a
skip would let CI pass without ever testing the transport.

Use: ``from sshd import sshd_server  # noqa: F401`` in a test module, then take ``sshd_server``.
"""

from __future__ import annotations

import getpass
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

SSHD = "/usr/sbin/sshd"


@dataclass(frozen=True)
class SshServer:
    host: str
    port: int
    user: str
    #: the user's private key file (ed25519, no passphrase)
    user_key: Path
    #: a known_hosts file that lists this server's host key under ``[127.0.0.1]:PORT``
    known_hosts: Path
    #: the server's host key fingerprint as ``ssh-keygen -l`` prints it
    fingerprint: str
    #: a folder the tests may write into (bundles go to ``inbox/`` under it)
    root: Path
    pid: int

    def url(self, path: Path) -> str:
        return f"sftp://{self.user}@{self.host}:{self.port}{path}"


def _need(tool: str) -> str:
    found = shutil.which(tool) or (tool if os.access(tool, os.X_OK) else None)
    if not found:
        pytest.fail(f"{tool} is missing: the SFTP tests run a real OpenSSH server; install openssh-server and "
                    "openssh-client (`bash scripts/setup test` does)", pytrace=False)
    return found


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _keygen(path: Path) -> str:
    subprocess.run([_need("ssh-keygen"), "-q", "-t", "ed25519", "-N", "", "-C", "ux-kiosk-test", "-f", str(path)],
                   check=True)
    listed = subprocess.run([_need("ssh-keygen"), "-l", "-E", "sha256", "-f", str(path)], check=True,
                            capture_output=True, text=True).stdout
    return listed.split()[1]


def _wait_for_banner(port: int, process: subprocess.Popen, deadline: float) -> None:
    """Until the server answers with its SSH banner (a listening socket alone may not be serving yet)."""
    while True:
        if process.poll() is not None:
            pytest.fail(f"sshd exited at once (status {process.returncode}): {process.stderr.read()!r}",
                        pytrace=False)
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as conn:
                if conn.recv(64).startswith(b"SSH-2.0-"):
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            pytest.fail(f"sshd did not answer on 127.0.0.1:{port} within 15 s", pytrace=False)
        time.sleep(0.05)  # polling a port that is not open yet: there is no event to wait on


def start_sshd(folder: Path) -> tuple[SshServer, subprocess.Popen]:
    sshd = _need(SSHD)
    if os.geteuid() == 0:
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # privilege separation folder sshd insists on
    folder.mkdir(parents=True, exist_ok=True)
    host_key, user_key = folder / "host_ed25519", folder / "user_ed25519"
    fingerprint = _keygen(host_key)
    _keygen(user_key)
    authorized = folder / "authorized_keys"
    authorized.write_text((folder / "user_ed25519.pub").read_text())
    port = _free_port()
    user = getpass.getuser()
    config = folder / "sshd_config"
    config.write_text("\n".join([
        f"Port {port}", "ListenAddress 127.0.0.1", f"HostKey {host_key}", f"PidFile {folder / 'sshd.pid'}",
        f"AuthorizedKeysFile {authorized}", "StrictModes no", "UsePAM no", "PasswordAuthentication no",
        "KbdInteractiveAuthentication no", "PubkeyAuthentication yes", "PermitRootLogin prohibit-password",
        f"AllowUsers {user}", "Subsystem sftp internal-sftp", "LogLevel ERROR", ""]))
    checked = subprocess.run([sshd, "-t", "-f", str(config)], capture_output=True, text=True)
    if checked.returncode != 0:
        pytest.fail(f"sshd refused the test config: {checked.stderr.strip()}", pytrace=False)
    process = subprocess.Popen([sshd, "-D", "-e", "-f", str(config)], stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    _wait_for_banner(port, process, time.monotonic() + 15)
    known_hosts = folder / "known_hosts"
    public = (folder / "host_ed25519.pub").read_text().split()
    known_hosts.write_text(f"[127.0.0.1]:{port} {public[0]} {public[1]}\n")
    root = folder / "files"
    root.mkdir()
    server = SshServer("127.0.0.1", port, user, user_key, known_hosts, fingerprint, root, process.pid)
    return server, process


def descendants(pid: int) -> list[int]:
    """Processes started by ``pid`` (sshd's per-connection children), read from /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = [], [pid]
    while frontier:
        children = [p for p, parent in parents.items() if parent in frontier]
        found += children
        frontier = children
    return found


def stop_sshd(process: subprocess.Popen) -> None:
    """Stop the server and every session process it started (a test that failed may have left one
    connected, or stopped with SIGSTOP)."""
    sessions = descendants(process.pid)
    process.terminate()
    for pid in sessions:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    if process.stderr:
        process.stderr.close()


@pytest.fixture(scope="module")
def sshd_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SshServer]:
    """One server per test module; each test writes into a fresh folder under ``server.root``."""
    server, process = start_sshd(tmp_path_factory.mktemp("sshd"))
    try:
        yield server
    finally:
        stop_sshd(process)
