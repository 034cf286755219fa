"""The real app, killed with SIGKILL while a participant has the device, starts again locked.

A kiosk shell such as ``cage`` restarts the app after a crash; whoever holds the device must then
meet the PIN dialog, not the console with every participant's codes, timeline and notes. Each start
is a child process running ``run_app`` offscreen (see tests/test_gui_first_run.py for why).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.lock import PinLock
from kiosk.store import SessionStatus, Store

pytestmark = [pytest.mark.gui, pytest.mark.slow]

PIN = "5802"

COMMON = r"""
import sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from kiosk.paths import DataPaths
from kiosk.qt.app import run_app
from kiosk.resources import demo_plan_path

def shown(name):
    return [w for w in QApplication.topLevelWidgets() if type(w).__name__ == name and w.isVisible()]

start = time.monotonic()
"""

#: start a one-screen session from the console and say when the participant view is alone on screen
HAND_OVER = COMMON + r"""
started = []

def on_poll():
    if time.monotonic() - start > 60:
        print("TIMEOUT", flush=True)
        QApplication.quit()
    if not started:
        if shown("ConsoleWindow"):
            page = shown("ConsoleWindow")[0].start_page
            started.append(True)
            page.start_requested.emit(page.studies[0], "K-0001", 1, "one_screen", "F1", "")
        return
    if shown("ParticipantWindow") and not shown("ConsoleWindow"):
        print("PARTICIPANT", flush=True)  # the parent kills the process now
        poll.stop()

poll = QTimer(interval=20, timeout=on_poll)
poll.start()
run_app(DataPaths(Path(sys.argv[1])), [demo_plan_path()])
"""

#: start again; answer PIN dialogs with the given PINs in turn ("cancel" cancels), and report what showed
RESTART = COMMON + r"""
answers = sys.argv[2].split(",")
seen = []

def on_modal():
    dialog = QApplication.activeModalWidget()
    if dialog is None or not answers:
        return
    if not seen:
        seen.append(type(dialog).__name__ + ":" + dialog.prompt.text())
    answer = answers.pop(0)
    if answer == "cancel":
        dialog.reject()
        return
    dialog.pin_edit.setText(answer)
    dialog.try_pin()
    if dialog.isVisible() and dialog.message.isVisible():
        seen.append("said:" + dialog.message.text())

def on_poll():
    console = shown("ConsoleWindow")
    if console or time.monotonic() - start > 60:
        seen.append("console" if console else "timeout")
        poll.stop()
        QApplication.quit()

modal = QTimer(interval=20, timeout=on_modal)
poll = QTimer(interval=20, timeout=on_poll)
modal.start()
poll.start()
code = run_app(DataPaths(Path(sys.argv[1])), [demo_plan_path()])
print("RESULT", code, "|".join(seen), flush=True)
"""

ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUNBUFFERED": "1"}
ROOT = Path(__file__).parents[1]


def kill_in_participant_mode(home: Path) -> None:
    child = subprocess.Popen([sys.executable, "-c", HAND_OVER, str(home)], stdout=subprocess.PIPE, text=True,
                             env=ENV, cwd=ROOT)
    assert child.stdout is not None
    try:
        line = child.stdout.readline()
        assert line.strip() == "PARTICIPANT", line
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL


def restart(home: Path, *answers: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", RESTART, str(home), ",".join(answers)], capture_output=True,
                          text=True, timeout=120, env=ENV, cwd=ROOT)


def test_a_kill_in_participant_mode_restarts_into_the_pin_not_the_console(tmp_path: Path) -> None:
    home = tmp_path / "home"
    PinLock.in_folder(home).set_pin(PIN)
    kill_in_participant_mode(home)
    reason = "The app stopped while a participant had the device. Enter the facilitator PIN to continue."

    cancelled = restart(home, "cancel")
    assert f"RESULT 1 PinDialog:{reason}" in cancelled.stdout, (cancelled.stdout, cancelled.stderr)
    assert "console" not in cancelled.stdout.split("RESULT")[-1]
    assert "The console stays locked" in cancelled.stderr

    wrong_then_right = restart(home, "1111", PIN)
    assert "said:Wrong PIN. Try again.|console" in wrong_then_right.stdout, wrong_then_right.stderr
    assert "RESULT 0" in wrong_then_right.stdout

    unlocked = restart(home, "cancel")  # the facilitator had the console last: no PIN asked
    assert "RESULT 0 console" in unlocked.stdout, unlocked.stderr

    store = Store(home / "kiosk.sqlite3")
    [record] = store.sessions()
    assert record.status is SessionStatus.IN_PROGRESS  # offered for Resume, as after any crash
    store.close()
