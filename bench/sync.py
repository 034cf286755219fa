"""Sending bytes to a folder or over SFTP against a plain copy of the same bytes (issue 11): a timing, not a test.

    .venv/bin/python bench/sync.py [--mb 256] [--repeat 3] [--dest DIR] [--no-sftp]

A source file of N MB (random, so incompressible, as recordings are) is sent as one bundle by:
a plain copy (``shutil.copyfile``, then fsync of the file and of its folder); ``FolderDestination`` with
its read-back check (the default) and without; ``SftpDestination`` over loopback to a real OpenSSH server
(started here as the tests start it) with a size check (the default) and with read-back; and paramiko's
own ``sftp.put`` as the SFTP baseline (and OpenSSH's ``scp``, a C client, for scale). Each method runs ``--repeat`` times in turn (interleaved, so load on
the shared machine hits all alike); the table shows the median, the throughput and the ratio to the plain
copy. ``--dest`` points the folder runs at a real stick; by default they use a temporary folder on the
same disk as the source. The issue's target is >= 0.8x the plain copy for export + seal + sync of 1 GB;
this measures the transport part alone (the bundle writer arrives with exchange-core).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from kiosk.exchange.folder import FolderDestination, fsync_folder  # noqa: E402
from kiosk.exchange.sink import BundleSink, Destination  # noqa: E402

CHUNK = 1 << 20


def make_source(folder: Path, megabytes: int) -> Path:
    source = folder / "recording.bin"
    with open(source, "wb") as out:
        for _ in range(megabytes):
            out.write(os.urandom(CHUNK))
    return source


def bundle_writer(source: Path) -> Callable[[BundleSink], None]:
    def write(sink: BundleSink) -> None:
        with open(source, "rb") as data, sink.open("data/media/recording.bin") as out:
            while block := data.read(CHUNK):
                out.write(block)
        sink.commit()
    return write


def plain_copy(source: Path, target: Path) -> None:
    target.mkdir(parents=True)
    copy = target / source.name
    shutil.copyfile(source, copy)
    fd = os.open(copy, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    fsync_folder(target)
    fsync_folder(target.parent)


def send(destination: Destination, name: str, source: Path) -> None:
    bundle_writer(source)(destination.begin(name))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=int, default=256)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dest", type=Path, help="a folder on the medium to test (default: a temporary folder)")
    parser.add_argument("--no-sftp", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    dest_root = Path(tempfile.mkdtemp(prefix="bench-sync-dest-", dir=args.dest)) if args.dest else work / "dest"
    dest_root.mkdir(exist_ok=True)
    source = make_source(work, args.mb)
    server = process = None
    methods: dict[str, Callable[[int], None]] = {
        "plain copy (shutil + fsync)": lambda i: plain_copy(source, dest_root / f"copy-{i}"),
        "FolderDestination, read-back (default)": lambda i: send(FolderDestination(dest_root), f"F-{i}", source),
        "FolderDestination, no read-back": lambda i: send(FolderDestination(dest_root, read_back=False),
                                                          f"N-{i}", source),
    }
    if not args.no_sftp:
        from sshd import start_sshd, stop_sshd

        from kiosk.exchange.sftp import SftpAddress, SftpDestination, SshOptions, connect

        server, process = start_sshd(work / "sshd")
        inbox = server.root / "inbox"
        inbox.mkdir()
        address = SftpAddress(server.user, server.host, server.port, str(inbox))
        options = SshOptions(known_hosts=server.known_hosts, key_file=server.user_key)

        def sftp(i: int, read_back: bool, prefix: str) -> None:
            destination = SftpDestination(address, SshOptions(**{**options.__dict__, "read_back": read_back}))
            try:
                send(destination, f"{prefix}-{i}", source)
            finally:
                destination.close()

        def sftp_put(i: int) -> None:
            client = connect(address, options)
            try:
                client.open_sftp().put(str(source), f"{inbox}/put-{i}.bin")
            finally:
                client.close()

        def scp(i: int) -> None:
            subprocess.run(["scp", "-q", "-i", str(server.user_key), "-P", str(server.port),
                            "-o", f"UserKnownHostsFile={server.known_hosts}", "-o", "BatchMode=yes",
                            str(source), f"{server.user}@{server.host}:{inbox}/scp-{i}.bin"], check=True)

        methods["OpenSSH scp (C client, for scale)"] = scp
        methods["paramiko sftp.put (SFTP baseline)"] = sftp_put
        methods["SftpDestination, size check (default)"] = lambda i: sftp(i, False, "S")
        methods["SftpDestination, read-back"] = lambda i: sftp(i, True, "R")
    times: dict[str, list[float]] = {label: [] for label in methods}
    try:
        for i in range(args.repeat):
            for label, run in methods.items():
                start = time.perf_counter()
                run(i)
                times[label].append(time.perf_counter() - start)
    finally:
        if process is not None:
            stop_sshd(process)
        shutil.rmtree(work, ignore_errors=True)
        if args.dest:
            shutil.rmtree(dest_root, ignore_errors=True)
    base = statistics.median(times["plain copy (shutil + fsync)"])
    print(f"{args.mb} MB, median of {args.repeat}, destination folder {args.dest or 'temporary, same disk'}")
    print(f"{'method':<42} {'seconds':>8} {'MB/s':>8} {'vs copy':>8}")
    for label, measured in times.items():
        median = statistics.median(measured)
        print(f"{label:<42} {median:8.2f} {args.mb / median:8.1f} {base / median:8.2f}x")


if __name__ == "__main__":
    main()
