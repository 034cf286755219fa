"""Helpers for the exchange transport tests: bundles of real files, and small real file systems to fill or lock."""

from __future__ import annotations

import hashlib
import os
import random
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from kiosk.exchange.sink import BundleSink

CHUNK = 1 << 16


def content(seed: str, size: int) -> Iterator[bytes]:
    """``size`` reproducible pseudo-random bytes in chunks (incompressible, as a recording is)."""
    rng = random.Random(seed)
    left = size
    while left > 0:
        n = min(CHUNK, left)
        yield rng.randbytes(n)
        left -= n


def sha256_of_content(seed: str, size: int) -> str:
    digest = hashlib.sha256()
    for block in content(seed, size):
        digest.update(block)
    return digest.hexdigest()


def bundle_files(name: str, big: int = 0) -> dict[str, int]:
    """The files of a test bundle: relative path -> size (a manifest, some data, maybe a large recording)."""
    files = {"bagit.txt": 55, "manifest-sha256.txt": 300, "data/events.json": 20_000}
    if big:
        files["data/media/recording.bin"] = big
    return files


def writer(name: str, big: int = 0, after_chunk: Callable[[str, int], None] | None = None,
           commit: bool = True) -> Callable[[BundleSink], None]:
    """A bundle writer as exchange-core's will be: each file streamed once through the sink, then commit."""
    def write(sink: BundleSink) -> None:
        for relpath, size in bundle_files(name, big).items():
            with sink.open(relpath) as out:
                written = 0
                for block in content(f"{name}/{relpath}", size):
                    out.write(block)
                    written += len(block)
                    if after_chunk is not None:
                        after_chunk(relpath, written)
        if commit:
            sink.commit()
    return write


def assert_bundle_intact(folder: Path, name: str, big: int = 0) -> None:
    """Every file of the bundle is there with exactly the bytes written, and nothing else is."""
    expected = bundle_files(name, big)
    found = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert found == set(expected), f"{name}: files {sorted(found)} instead of {sorted(expected)}"
    for relpath, size in expected.items():
        data = (folder / relpath).read_bytes()
        assert len(data) == size, f"{name}/{relpath}: {len(data)} bytes instead of {size}"
        assert hashlib.sha256(data).hexdigest() == sha256_of_content(f"{name}/{relpath}", size), \
            f"{name}/{relpath}: content differs"


def visible_bundles(folder: Path) -> list[str]:
    """What the hub's import would take as bundles: folders not partial and not the receipts."""
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")
                  and p.name != "receipts")


def partials(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".partial-"))


@contextmanager
def tmpfs(path: Path, size: str) -> Iterator[Path]:
    """A real small file system (tmpfs) mounted at ``path``, to fill up or remount read-only; needs root.

    Skips (with the reason) where mounting is not allowed, such as an unprivileged container; CI runs as root.
    """
    path.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root (CI runs as root)")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=True)


def remount_read_only(path: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(path)], check=True)
