"""Reports from the console run on a worker thread and come back to the GUI thread as a saved file.

The job may end before the test looks at it (it did, 1 run in 6, on a loaded machine), so these tests
never arm ``waitSignal`` on a job that is already running: they wait on what the console shows, and
they force the worst ordering by letting the worker finish before they start waiting.
"""

from __future__ import annotations

import subprocess
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from kiosk.qt.workers import drain_ordered_pool
from kiosk.reports.dataset import collect_study
from kiosk.simulate import simulate

pytestmark = pytest.mark.gui


def pdf_text(path: Path) -> str:
    return " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())


def test_study_report_from_the_console_runs_off_the_gui_thread(kiosk, qtbot, store, demo_study, monkeypatch) -> None:
    simulate(store, demo_study, participants=4, seed=5)
    page = kiosk.console.start_page
    page.reload()
    import kiosk.reports.jobs as jobs

    threads = []
    real = jobs.write_study_report

    def recording(*args, **kwargs):
        threads.append(threading.get_ident())
        return real(*args, **kwargs)

    monkeypatch.setattr(jobs, "write_study_report", recording)
    assert page.study_report_button.isEnabled()
    qtbot.mouseClick(page.study_report_button, Qt.MouseButton.LeftButton)
    assert "Writing the report" in page.report_status.text() and len(kiosk.jobs) == 1
    drain_ordered_pool(60_000)  # the worst ordering: the job is over before we wait
    qtbot.waitUntil(lambda: not kiosk.jobs, timeout=10_000)
    path = Path(page.open_report_button.property("path"))
    assert path.exists() and path.read_bytes().startswith(b"%PDF")
    assert path.parent == store.path.parent / "reports"
    assert threads and threads[0] != threading.get_ident()
    assert str(path) in page.report_status.text() and not page.open_report_button.isHidden()
    # the report is of this study and these four participants, in the console's language
    expected = collect_study(store, demo_study.id)
    text = pdf_text(path)
    assert expected.participants == 4
    assert demo_study.title.get("en") in text and f"{expected.sus.value:.1f}" in text
    for task in demo_study.tasks:
        assert task.title.get("en") in text


def test_a_failed_report_is_reported_not_raised(kiosk, qtbot, store, demo_study) -> None:
    page = kiosk.console.start_page
    kiosk.write_session_report("no-such-session")
    # the job fails at once on a worker thread, often before a waitSignal here could connect: wait on the page
    qtbot.waitUntil(lambda: "could not be written" in page.report_status.text(), timeout=30_000)
    assert "could not be written" in page.report_status.text() and "no-such-session" in page.report_status.text()
    assert page.open_report_button.isHidden() and not list((store.path.parent / "reports").glob("*.pdf"))
