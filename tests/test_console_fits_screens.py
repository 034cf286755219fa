"""The console with its title bar fits real laptop screens (issue 7 item 11), checked on a virtual screen of
that size: the offscreen platform takes its screen from a JSON file, so each size needs its own process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.gui, pytest.mark.slow]

PROBE = r'''
import json, sys, tempfile, pathlib
from datetime import UTC, datetime
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv)
from kiosk.i18n import default_catalog
from kiosk.qt.controller import KioskController
from kiosk.resources import demo_plan_path
from kiosk.session.clock import SimulatedClock
from kiosk.store.db import Store
from kiosk.study.loader import load_plan
from kiosk.theme import load_theme
store = Store(pathlib.Path(tempfile.mkdtemp()) / "k.sqlite3")
study = load_plan(demo_plan_path())
results = []
for lang in ("en", "sr-Cyrl"):
    c = KioskController(store, [study], [], default_catalog(), lang, load_theme(), pin_prompt=lambda: True,
                        clock=SimulatedClock(datetime(2026, 11, 2, 9, 0, tzinfo=UTC)))
    c.console.show()
    page = c.console.start_page
    page.facilitator_edit.setText("F1"); page.code_edit.setText(f"P-{len(results) + 1:04d}")
    page.start_button.click()
    c.take_back()
    for _ in range(3):
        app.processEvents()
    frame, available = c.console.frameGeometry(), c.console.screen().availableGeometry()
    hint = c.console.minimumSizeHint()
    results.append({"lang": lang, "frame": frame.getRect(), "available": available.getRect(),
                    "fits": available.contains(frame), "min": [hint.width(), hint.height()],
                    "client": [c.console.width(), c.console.height()]})
    c.shutdown()
print(json.dumps(results))
'''


@pytest.mark.parametrize("size", [(1280, 800), (1366, 768)])
def test_console_fits_laptop_screens_with_its_title_bar(size, tmp_path: Path) -> None:
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": size[0],
                                               "height": size[1], "logicalDpi": 96}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).resolve().parents[1])
    assert done.returncode == 0, done.stderr
    for result in json.loads(done.stdout.strip().splitlines()[-1]):
        assert result["fits"], result
        assert result["client"][0] >= result["min"][0] and result["client"][1] >= result["min"][1], result
