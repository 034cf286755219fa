"""Garbage collection never runs on a worker thread while the app runs (it would destroy Qt objects
there, and a timer of a destroyed object later crashes the GUI thread)."""

from __future__ import annotations

import gc
import threading

from kiosk.qt.garbage import GuiThreadCollector
from kiosk.qt.workers import Job


def _make_cycles(n: int = 50_000) -> int:
    """What a report job does to the allocator: many short-lived objects, some in cycles."""
    for _ in range(n):
        a: list = []
        a.append(a)
    return n


def test_no_collection_runs_on_the_worker_thread_and_the_gui_thread_collects(qtbot) -> None:
    threads: list[str] = []

    def record(phase: str, info: dict) -> None:
        if phase == "start":
            threads.append(threading.current_thread().name)

    gc.enable()  # as a plain Python program starts (the suite itself keeps it off)
    collector = GuiThreadCollector()
    gc.callbacks.append(record)
    try:
        job = Job(_make_cycles)
        with qtbot.waitSignal(job.finished, timeout=30_000):
            job.start()
        assert [t for t in threads if t != threading.main_thread().name] == []
        _make_cycles(5_000)  # on the GUI thread: the timer collects what passed the threshold
        qtbot.waitUntil(lambda: threading.main_thread().name in threads, timeout=5_000)
    finally:
        gc.callbacks.remove(record)
        collector.stop()
    assert gc.isenabled()  # given back at shutdown
    gc.disable()
