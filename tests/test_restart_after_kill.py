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
from kiosk.resources import demo_plan_path
from kiosk.session import SessionEngine, SystemClock
from kiosk.store import SessionStatus, Store
from kiosk.store.handover import hand_to_participant
from kiosk.study import load_plan

pytestmark = [pytest.mark.gui, pytest.mark.slow]

PIN = "5802"
REASON = "The app stopped while a participant had the device. Enter the facilitator PIN to continue."

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
        if shown("ConsoleWindow") and shown("ConsoleWindow")[0].start_page.studies:  # plans load after the paint
            page = shown("ConsoleWindow")[0].start_page
            started.append(True)
            page.start_requested.emit(page.studies[0], "K-0001", 1, "one_screen", "F1", "", None)
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
    answer = answers.pop(0)
    if type(dialog).__name__ == "SetPinDialog":  # first run, or pin.json deleted to reset a forgotten PIN
        seen.append("SetPinDialog")
        dialog.pin_edit.setText(answer)
        dialog.repeat_edit.setText(answer)
        dialog.try_save()
        return
    if not [s for s in seen if s.startswith("PinDialog")]:
        seen.append(type(dialog).__name__ + ":" + dialog.prompt.text())
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

    cancelled = restart(home, "cancel")
    assert f"RESULT 1 PinDialog:{REASON}" in cancelled.stdout, (cancelled.stdout, cancelled.stderr)
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


def test_a_pin_reset_while_the_device_was_held_sets_a_pin_first_then_asks_for_it(tmp_path: Path) -> None:
    """A session needs the PIN to start, so a held device with no PIN means pin.json was deleted (the
    documented reset). The new PIN is chosen first; the locked start must never ask for a PIN that
    does not exist, which no answer could open."""
    home = tmp_path / "home"
    home.mkdir()
    store = Store(home / "kiosk.sqlite3")
    engine = SessionEngine.start(store, load_plan(demo_plan_path()), "K-0002", SystemClock(), facilitator="F1")
    hand_to_participant(store, engine.record.id, "2026-11-30T01:00:00.000+00:00")
    store.close()
    assert not PinLock.in_folder(home).is_set()
    done = restart(home, "4826", "4826")
    assert f"RESULT 0 SetPinDialog|PinDialog:{REASON}|console" in done.stdout, (done.stdout, done.stderr)
