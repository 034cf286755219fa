"""Writing a session with 1 GB of registered files as a sealed bundle, beside a plain copy of the same bytes.

    .venv/bin/python bench/exchange.py [--size-mb 1024] [--dir FOLDER] [--rounds 2] [--sftp]

Both sides write into the same folder (``--dir``, default a temporary folder; choose one on the disk or
stick that matters) and end with the data on disk (fsync): the copy is ``shutil.copyfile`` then fsync;
the bundle streams the file once through secretstream (1 MiB chunks) and SHA-256 (one digest per file, taken
by the destination as it writes and listed in the manifest), fsyncs each file, reads it back from the disk
(cached pages dropped) to compare, and renames the bundle into place. A row without the read-back shows
what that check costs: it reads every byte from the medium again. The source file is read once before timing, so both read it from the
page cache. Target (issue 11): the bundle's throughput at least 0.8x the copy's. Rounds alternate the
two; the best and the median of each are reported (on a shared machine the best is the least disturbed).

``--sftp`` measures the same against an SFTP hub instead (a real OpenSSH server on loopback, started as the
tests start it): the sealed bundle sent by ``SftpDestination`` (its default size check) beside a plain copy of
the same file by paramiko's ``sftp.put`` and by OpenSSH's ``scp``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
os.environ.setdefault("UX_KIOSK_HOME", tempfile.mkdtemp())

from kiosk.exchange.bundle import subjects, write_bundle  # noqa: E402
from kiosk.exchange.folder import FolderDestination  # noqa: E402
from kiosk.exchange.keys import init_hub, laptop_identity  # noqa: E402
from kiosk.resources import demo_plan_path  # noqa: E402
from kiosk.simulate import simulate  # noqa: E402
from kiosk.store import Store  # noqa: E402
from kiosk.study import load_plan  # noqa: E402

MIB = 1 << 20


def make_session(folder: Path, size_mb: int) -> tuple[Store, Path]:
    """One simulated finished session with a large registered file (a recording, as issue 11 foresees)."""
    store = Store(folder / "data" / "kiosk.sqlite3")
    simulate(store, load_plan(demo_plan_path()), 1, seed=1)
    session = store.sessions()[0].id
    media = folder / "data" / "media" / session / "recording"
    media.mkdir(parents=True)
    block = os.urandom(MIB)
    big = media / "segment-0001.bin"
    with big.open("wb") as out:
        for _ in range(size_mb):
            out.write(block)
    return store, big


def copy_once(source: Path, target: Path) -> float:
    start = time.perf_counter()
    shutil.copyfile(source, target)
    fd = os.open(target, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    return time.perf_counter() - start


def bundle_once(store: Store, root: Path, out: Path, hub, read_back: bool = True) -> float:
    """``hub`` None: signed, in clear (hashing only), to show what sealing itself costs."""
    subject = next(s for s in subjects(store))
    identity = laptop_identity(root)
    start = time.perf_counter()
    Path(out).mkdir(parents=True, exist_ok=True)
    destination = FolderDestination(out, read_back=read_back)
    write_bundle(store, subject, root, destination.begin(subject.name), identity, hub.public if hub else None)
    return time.perf_counter() - start


def sftp_rounds(store: Store, big: Path, folder: Path, hub, rounds: int) -> int:
    """The sealed bundle over SFTP beside paramiko's put and OpenSSH's scp of the same file, to the same server."""
    import subprocess

    from sshd import start_sshd, stop_sshd

    from kiosk.exchange.sftp import SftpAddress, SftpDestination, SshOptions, connect

    server, process = start_sshd(folder / "sshd")
    try:
        inbox = server.root / "inbox"
        inbox.mkdir()
        address = SftpAddress(server.user, server.host, server.port, str(inbox))
        options = SshOptions(known_hosts=server.known_hosts, key_file=server.user_key)
        subject = next(s for s in subjects(store))
        identity = laptop_identity(folder / "data")

        def bundle() -> None:
            destination = SftpDestination(address, options)
            try:
                write_bundle(store, subject, folder / "data", destination.begin(subject.name), identity, hub.public)
            finally:
                destination.close()
            shutil.rmtree(inbox / subject.name)

        def put() -> None:
            client = connect(address, options)
            try:
                client.open_sftp().put(str(big), f"{inbox}/put.bin")
            finally:
                client.close()
            (inbox / "put.bin").unlink()

        def put_and_fsync() -> None:
            """The plain copy made durable, as the bundle is (and as the folder's copy + fsync is)."""
            import paramiko

            client = connect(address, options)
            try:
                sftp = client.open_sftp()
                with big.open("rb") as source, sftp.open(f"{inbox}/durable.bin", "wb") as target:
                    target.set_pipelined(True)
                    while block := source.read(MIB):
                        target.write(block)
                    target.flush()
                    sftp._request(paramiko.sftp.CMD_EXTENDED, "fsync@openssh.com", target.handle)
            finally:
                client.close()
            (inbox / "durable.bin").unlink()

        def scp() -> None:
            subprocess.run(["scp", "-q", "-i", str(server.user_key), "-P", str(server.port), "-o",
                            f"UserKnownHostsFile={server.known_hosts}", "-o", "BatchMode=yes", str(big),
                            f"{server.user}@{server.host}:{inbox}/scp.bin"], check=True)
            (inbox / "scp.bin").unlink()

        runs = (("paramiko sftp.put", put), ("paramiko copy + fsync@openssh", put_and_fsync), ("OpenSSH scp", scp),
                ("sealed bundle over SFTP", bundle))
        times: dict[str, list[float]] = {label: [] for label, _ in runs}
        for _ in range(rounds):
            for label, run in runs:
                start = time.perf_counter()
                run()
                times[label].append(time.perf_counter() - start)
    finally:
        stop_sshd(process)
    size = big.stat().st_size
    print(f"{'':30}{'best s':>8}{'MB/s':>7}{'median s':>10}{'MB/s':>7}")
    for label, measured in times.items():
        best, middle = min(measured), statistics.median(measured)
        print(f"{label:30}{best:8.2f}{size / best / 1e6:7.0f}{middle:10.2f}{size / middle / 1e6:7.0f}")
    sealed = times["sealed bundle over SFTP"]
    for label in ("paramiko sftp.put", "paramiko copy + fsync@openssh", "OpenSSH scp"):
        print(f"bundle throughput / {label}: best {min(times[label]) / min(sealed):.2f}, "
              f"median {statistics.median(times[label]) / statistics.median(sealed):.2f}")
    ratio = min(times["paramiko copy + fsync@openssh"]) / min(sealed)
    print(f"(target >= 0.80 against the durable copy; {rounds} rounds of {size / MIB:.0f} MiB)")
    return 0 if ratio >= 0.8 else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=1024)
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sftp", action="store_true", help="against an SFTP server on loopback instead of a folder")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="ux-kiosk-bench-", dir=args.dir))
    try:
        store, big = make_session(folder, args.size_mb)
        hub = init_hub(folder / "hub")
        with big.open("rb") as handle:  # into the page cache, for both sides alike
            while handle.read(16 * MIB):
                pass
        if args.sftp:
            try:
                return sftp_rounds(store, big, folder, hub, args.rounds)
            finally:
                store.close()
        copies, bundles, unchecked, clear = [], [], [], []
        for n in range(args.rounds):
            copies.append(copy_once(big, folder / f"copy-{n}.bin"))
            (folder / f"copy-{n}.bin").unlink()
            bundles.append(bundle_once(store, folder / "data", folder / f"out-{n}", hub))
            shutil.rmtree(folder / f"out-{n}")
            unchecked.append(bundle_once(store, folder / "data", folder / f"fast-{n}", hub, read_back=False))
            shutil.rmtree(folder / f"fast-{n}")
            clear.append(bundle_once(store, folder / "data", folder / f"clear-{n}", None))
            shutil.rmtree(folder / f"clear-{n}")
        store.close()
        size = big.stat().st_size
        print(f"{'':50}{'best s':>8}{'MB/s':>7}{'median s':>10}{'MB/s':>7}")
        for label, times in (("plain copy + fsync", copies),
                             ("sealed bundle (encrypt, hash, fsync, read back)", bundles),
                             ("sealed bundle, no read-back", unchecked),
                             ("signed bundle in clear (hash, fsync, read back)", clear)):
            best, middle = min(times), statistics.median(times)
            print(f"{label:50}{best:8.2f}{size / best / 1e6:7.0f}{middle:10.2f}{size / middle / 1e6:7.0f}")
        copy, bundle = min(copies), min(bundles)
        print(f"bundle throughput / copy throughput: best {copy / bundle:.2f}, median "
              f"{statistics.median(copies) / statistics.median(bundles):.2f} (target >= 0.80; "
              f"{args.rounds} rounds of {size / MIB:.0f} MiB in {folder})")
        print(f"without the read-back: best {copy / min(unchecked):.2f}, median "
              f"{statistics.median(copies) / statistics.median(unchecked):.2f}")
        return 0 if copy / bundle >= 0.8 else 1
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
