"""The ordered worker hands results back on the GUI thread, through its event loop, never from the worker.

Guards ``Job``'s connection after it stopped naming ``Qt.ConnectionType`` (issue 8: building Qt's enum
namespace cost the console's start about 20 ms): the outcome must still be queued to the GUI thread.
"""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from kiosk.qt.workers import Job

pytestmark = pytest.mark.gui


def _worker_thread_name() -> str:
    return threading.current_thread().name


def test_a_job_runs_on_the_worker_and_reports_on_the_gui_thread(qtbot) -> None:
    job = Job(_worker_thread_name).start()
    seen: list[tuple[str, bool]] = []
    # connected after start(): the outcome is posted to the GUI thread's event loop, so it cannot be missed
    job.finished.connect(lambda name: seen.append((name, QThread.currentThread() is QApplication.instance().thread())))
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    [(ran_on, reported_on_gui)] = seen
    assert ran_on != threading.main_thread().name
    assert reported_on_gui


def test_a_failed_job_reports_its_error_on_the_gui_thread(qtbot) -> None:
    def fail() -> None:
        raise ValueError("the plan folder is gone")

    job = Job(fail).start()
    errors: list[tuple[str, bool]] = []
    job.failed.connect(lambda error: errors.append((error, QThread.currentThread() is QApplication.instance().thread())))
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert errors == [("the plan folder is gone", True)]


def _explained_failure() -> None:
    from kiosk.speech import SpeechUnavailable

    raise SpeechUnavailable("no speaker or headphones found")


def _a_bug() -> None:
    raise ZeroDivisionError("division by zero")


@pytest.mark.parametrize("function, traceback_printed", [(_explained_failure, False), (_a_bug, True)])
def test_a_job_prints_a_traceback_for_a_bug_only(qtbot, capfd, function, traceback_printed: bool) -> None:
    """A condition the app words for a person (no speaker, a full disk: an ExplainedError or OSError) goes to
    the facilitator through ``failed``; a traceback on stderr is for a bug. The trial saw a full traceback
    for a laptop without speakers."""
    job = Job(function).start()
    errors: list[str] = []
    job.failed.connect(errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert ("Traceback" in capfd.readouterr().err) is traceback_printed
