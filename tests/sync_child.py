"""A sync in a process of its own, to be SIGKILLed mid-transfer by tests/test_exchange_interrupted.py.

    python tests/sync_child.py TARGET STOP_BUNDLE STOP_AFTER_BYTES NAME:BIG ... [--known-hosts F --key-file F]

Once bundle STOP_BUNDLE has handed over more than STOP_AFTER_BYTES, it prints ``WRITING <bytes>`` and
blocks on stdin inside the writer, mid-file, so the test kills it at a known point without sleeping.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from exchange_support import bundle_files, writer  # noqa: E402
from kiosk.exchange.sync import BundleJob, Progress, sync  # noqa: E402
from kiosk.exchange.targets import TargetOptions, open_destination  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("target")
    parser.add_argument("stop_bundle")
    parser.add_argument("stop_after", type=int)
    parser.add_argument("bundles", nargs="+")
    parser.add_argument("--known-hosts", type=Path)
    parser.add_argument("--key-file", type=Path)
    args = parser.parse_args()
    specs = [(spec.split(":")[0], int(spec.split(":")[1])) for spec in args.bundles]
    jobs = [BundleJob(name, writer(name, big), sum(bundle_files(name, big).values())) for name, big in specs]
    destination = open_destination(args.target, TargetOptions(known_hosts=args.known_hosts, key_file=args.key_file))
    started: dict[str, int] = {}

    def watch(p: Progress) -> None:
        started.setdefault(p.bundle, p.bytes_written)
        if p.bundle == args.stop_bundle and p.bytes_written - started[p.bundle] > args.stop_after:
            print("WRITING", p.bytes_written - started[p.bundle], flush=True)
            sys.stdin.read()  # until killed

    sync(jobs, destination, progress=watch)
    print("FINISHED", flush=True)


if __name__ == "__main__":
    main()
