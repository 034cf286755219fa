"""The hub imports 1,000 small session bundles (issue 11: target at most 60 s), then the same inbox again.

    .venv/bin/python bench/hub_import.py [--bundles 1000] [--work DIR]

The bundles are made once with the real writer (a simulated laptop running the example study, sealed to a hub
key) and kept in ``--work`` (default: a folder in the system's temporary folder), so later runs time only
the import: a fresh hub each run (init, trust the laptop), then ``hub import`` of the inbox (every bundle
verified, decrypted, merged in its own transaction, a signed receipt written), then the same inbox again
(every bundle verified again, nothing to merge).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk.exchange.bundle import subjects, write_bundle  # noqa: E402
from kiosk.exchange.folder import FolderDestination  # noqa: E402
from kiosk.exchange.hub.database import HubStore  # noqa: E402
from kiosk.exchange.hub.importer import Status, bundle_folders, import_inbox  # noqa: E402
from kiosk.exchange.keys import HUB_PUBLIC, KeyKind, init_hub, laptop_identity, read_public_key  # noqa: E402
from kiosk.simulate import simulate  # noqa: E402
from kiosk.store import Store  # noqa: E402
from kiosk.study import load_plan  # noqa: E402

PLAN = ROOT / "sessions" / "example-social-card" / "plan.toml"
TARGET_SECONDS = 60.0


def make_bundles(work: Path, count: int) -> tuple[Path, Path]:
    """The laptop's data folder and an inbox holding ``count`` sealed bundles (made once, then reused)."""
    laptop, inbox, keys = work / "laptop", work / "inbox", work / "hub-keys"
    if inbox.is_dir() and len(bundle_folders(inbox)) >= count:
        return laptop, inbox
    shutil.rmtree(work, ignore_errors=True)
    hub_key = init_hub(keys)
    store = Store(laptop / "kiosk.sqlite3")
    started = time.perf_counter()
    try:
        simulate(store, load_plan(PLAN), count, seed=11)
        identity = laptop_identity(laptop)
        Path(inbox).mkdir(parents=True, exist_ok=True)
        destination = FolderDestination(inbox)
        for subject in subjects(store)[:count]:
            write_bundle(store, subject, laptop, destination.begin(subject.name), identity, hub_key.public)
    finally:
        store.close()
    print(f"made {count} bundles once in {time.perf_counter() - started:.1f} s ({inbox})")
    return laptop, inbox


def fresh_hub(work: Path, laptop: Path) -> Path:
    hub_dir = work / "hub"
    shutil.rmtree(hub_dir, ignore_errors=True)
    shutil.copytree(work / "hub-keys", hub_dir)  # the key the bundles were sealed to
    hub = HubStore.open(hub_dir)
    try:
        hub.trust_laptop(read_public_key(laptop / "keys" / "laptop-key.pub", KeyKind.LAPTOP), "bench")
    finally:
        hub.close()
    assert (hub_dir / HUB_PUBLIC).is_file()
    return hub_dir


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundles", type=int, default=1000)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "ux-kiosk-hub-bench")
    args = parser.parse_args()
    laptop, inbox = make_bundles(args.work, args.bundles)
    shutil.rmtree(inbox / "receipts", ignore_errors=True)
    size = sum(p.stat().st_size for p in inbox.rglob("*") if p.is_file())
    hub_dir = fresh_hub(args.work, laptop)
    rows = []
    for label in ("first import", "same inbox again"):
        started = time.perf_counter()
        summary = import_inbox(inbox, hub_dir)
        seconds = time.perf_counter() - started
        counts = {status: summary.count(status) for status in Status}
        rows.append((label, len(summary.outcomes), counts, seconds))
    print(f"\ninbox: {len(bundle_folders(inbox))} bundles, {size / 1e6:.1f} MB; hub database "
          f"{(hub_dir / 'hub.sqlite3').stat().st_size / 1e6:.1f} MB\n")
    print(f"{'run':<18} {'bundles':>8} {'imported':>9} {'already':>8} {'refused':>8} {'seconds':>8} {'bundles/s':>10}")
    for label, total, counts, seconds in rows:
        print(f"{label:<18} {total:>8} {counts[Status.IMPORTED]:>9} {counts[Status.ALREADY_HAD]:>8} "
              f"{counts[Status.QUARANTINED]:>8} {seconds:>8.1f} {total / seconds:>10.1f}")
    first = rows[0][3]
    verdict = "met" if first <= TARGET_SECONDS * args.bundles / 1000 else "NOT met"
    print(f"\ntarget: 1,000 bundles in at most {TARGET_SECONDS:.0f} s: {verdict}")
    return 0 if verdict == "met" else 1


if __name__ == "__main__":
    sys.exit(main())
