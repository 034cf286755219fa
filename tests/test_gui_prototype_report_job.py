"""The console's study report job draws its heatmaps on the ordered worker, never on the GUI thread (issue 10)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from kiosk.qt.workers import Job
from kiosk.reports.jobs import study_report_job
from prototype_study import scripted_study

pytestmark = pytest.mark.gui


def test_heatmaps_of_a_study_report_are_drawn_off_the_gui_thread(qtbot, store, clock, tmp_path: Path,
                                                                 monkeypatch) -> None:
    scripted_study(store, tmp_path / "study", clock)
    import kiosk.reports.heatmaps as heatmaps

    threads: list[int] = []
    real = heatmaps.render

    def recording(taps, *sizes):
        threads.append(threading.get_ident())
        return real(taps, *sizes)

    monkeypatch.setattr(heatmaps, "render", recording)
    job = Job(study_report_job, store.path, "example-social-card", tmp_path / "reports", "en")
    with qtbot.waitSignal(job.finished, timeout=60_000) as done:  # armed before the job starts
        job.start()
    assert Path(done.args[0]).read_bytes().startswith(b"%PDF")
    assert len(threads) == 1 and threads[0] != threading.get_ident()  # the start screen's heatmap, on the worker
