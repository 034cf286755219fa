"""The hotspot editor, its test-play window and its dialogs fit a 1280x800 laptop with their title bars (issue
10, new-user run: the editor opened 800 px tall, so with its title bar its bottom row was cut off), checked
on a virtual screen of that size as the console is (tests/test_console_fits_screens.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.gui, pytest.mark.slow]

#: runs the editor as `ux-kiosk edit-prototype` does, measures every window once the event loop runs, quits
PROBE = r'''
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog
app = QApplication(sys.argv)
from kiosk.prototype.model import Rect
from kiosk.qt.editor.app import run_editor
from kiosk.qt.editor.window import HotspotEditorWindow
from kiosk.resources import demo_plan_path
results = []

def measure(name, window):
    for _ in range(3):
        app.processEvents()
    frame, available = window.frameGeometry(), window.screen().availableGeometry()
    hint = window.minimumSizeHint()
    results.append({"name": name, "frame": frame.getRect(), "available": available.getRect(),
                    "fits": available.contains(frame), "min": [hint.width(), hint.height()],
                    "client": [window.width(), window.height()]})

def probe():
    (editor,) = [w for w in app.topLevelWidgets() if isinstance(w, HotspotEditorWindow) and w.isVisible()]
    measure("editor", editor)
    editor.test_play()
    measure("test-play", editor.play_window)
    editor.play_window.close()
    editor.on_rect_drawn(Rect(10, 10, 100, 60))  # an unsaved change: closing asks first
    editor.close()
    (dialog,) = [w for w in app.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
    measure("unsaved-dialog", dialog)
    editor._close_confirmed = True
    dialog.close()
    editor.close()
    print(json.dumps(results))
    app.quit()

QTimer.singleShot(0, probe)
run_editor(demo_plan_path().parent / "prototype", sys.argv[1])
'''


@pytest.mark.parametrize("size", [(1280, 800), (1366, 768)])
@pytest.mark.parametrize("lang", ["en", "hu"])  # Hungarian has the widest labels
def test_editor_and_its_dialogs_fit_laptop_screens_with_their_title_bars(size, lang: str, tmp_path: Path) -> None:
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": size[0],
                                               "height": size[1], "logicalDpi": 96}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    done = subprocess.run([sys.executable, "-c", PROBE, lang], env=env, capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).resolve().parents[1])
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout.strip().splitlines()[-1])
    assert [r["name"] for r in results] == ["editor", "test-play", "unsaved-dialog"]
    for result in results:
        assert result["fits"], result
        assert result["client"][0] >= result["min"][0] and result["client"][1] >= result["min"][1], result
