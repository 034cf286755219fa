"""The start benchmark's memory figure is the child's own, not its parent's (found by the issue 8 trial).

Linux keeps ``ru_maxrss`` across ``execve``: a child started by a bench process that had grown to 180 MB
reported 180 MB for the app and for the bare window alike (ratio 1.00x) when the whole bench ran.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _bench():
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ru_maxrss survives exec on Linux")
def test_a_child_started_by_a_large_bench_reports_its_own_peak_memory(tmp_path) -> None:
    bench = _bench()
    ballast = bytearray(400 * 1024 * 1024)
    for offset in range(0, len(ballast), 4096):  # touched, so it counts as resident
        ballast[offset] = 1
    _seconds, _cpu, rss_mb, _main_cpu = bench._start_once(bench.BARE_START, tmp_path)
    assert 20 < rss_mb < 300, rss_mb
