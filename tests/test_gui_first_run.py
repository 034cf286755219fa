"""The app's first start asks the facilitator to set the PIN; without one it does not run sessions.

Each start runs in a child process: ``QApplication.exec()`` returning leaves the test process's
application in its closing state, which would break every later GUI test.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui

START = r"""
import sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from kiosk.paths import DataPaths
from kiosk.qt.app import run_app
from kiosk.qt.lock import SetPinDialog
from kiosk.resources import demo_plan_path

answer = sys.argv[2]
seen = []

def on_modal():
    dialog = QApplication.activeModalWidget()
    if dialog is None:
        return
    modal.stop()
    seen.append(type(dialog).__name__)
    if answer == "cancel":
        dialog.reject()
    else:
        dialog.pin_edit.setText(answer)
        dialog.repeat_edit.setText(answer)
        dialog.try_save()

start = time.monotonic()

def on_poll():
    console = any(type(w).__name__ == "ConsoleWindow" and w.isVisible() for w in QApplication.topLevelWidgets())
    if console or time.monotonic() - start > 30:
        seen.append("console" if console else "timeout")
        poll.stop()
        QApplication.quit()

modal = QTimer(interval=20, timeout=on_modal)
poll = QTimer(interval=20, timeout=on_poll)
modal.start()
poll.start()
code = run_app(DataPaths(Path(sys.argv[1])), [demo_plan_path()])
print("RESULT", code, " ".join(seen), flush=True)
"""


def start_app(home: Path, answer: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-c", START, str(home), answer], capture_output=True, text=True,
                          timeout=120, env=env, cwd=Path(__file__).parents[1])


def test_the_app_will_not_run_without_a_pin(tmp_path) -> None:
    done = start_app(tmp_path / "home", "cancel")
    assert "RESULT 1 SetPinDialog" in done.stdout, done.stderr
    assert "needs a facilitator PIN" in done.stderr
    assert not (tmp_path / "home" / "pin.json").exists()


def test_first_start_sets_the_pin_then_opens_the_console(tmp_path) -> None:
    done = start_app(tmp_path / "home", "5802")
    assert "RESULT 0 SetPinDialog console" in done.stdout, done.stderr
    stored = json.loads((tmp_path / "home" / "pin.json").read_text())
    assert "5802" not in json.dumps(stored) and stored["kdf"] == "scrypt"
    again = start_app(tmp_path / "home", "cancel")  # the PIN is set: no dialog, straight to the console
    assert "RESULT 0 console" in again.stdout, again.stderr


def test_a_damaged_pin_file_is_named_not_a_traceback(tmp_path) -> None:
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "pin.json").write_text("{not json")
    done = start_app(tmp_path / "home", "cancel")
    assert "RESULT 1" in done.stdout and "Traceback" not in done.stderr, done.stderr
    assert "delete pin.json" in done.stderr
