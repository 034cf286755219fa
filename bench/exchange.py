"""Writing a session with 1 GB of registered files as a sealed bundle, beside a plain copy of the same bytes.

    .venv/bin/python bench/exchange.py [--size-mb 1024] [--dir FOLDER] [--rounds 2]

Both sides write into the same folder (``--dir``, default a temporary folder; choose one on the disk or
stick that matters) and end with the data on disk (fsync): the copy is ``shutil.copyfile`` then fsync;
the bundle streams the file once through secretstream (1 MiB chunks) and SHA-256 (one digest per file, taken
by the destination as it writes and listed in the manifest), fsyncs each file, reads it back from the disk
(cached pages dropped) to compare, and renames the bundle into place. A row without the read-back shows
what that check costs: it reads every byte from the medium again. The source file is read once before timing, so both read it from the
page cache. Target (issue 11): the bundle's throughput at least 0.8x the copy's. Rounds alternate the
two; the best and the median of each are reported (on a shared machine the best is the least disturbed).
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
sys.path[:0] = [str(ROOT)]
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=1024)
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="ux-kiosk-bench-", dir=args.dir))
    try:
        store, big = make_session(folder, args.size_mb)
        hub = init_hub(folder / "hub")
        with big.open("rb") as handle:  # into the page cache, for both sides alike
            while handle.read(16 * MIB):
                pass
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
