"""Start-up cost guards (issue 8): what the console needs before it shows must not drag in heavy imports.

Measured with ``python -X importtime``: sqlite-utils imported numpy, click, pluggy and dateutil for one
query, about 40% of the start CPU time. These tests keep that from coming back unnoticed.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("numpy", "sqlite_utils", "click", "pluggy", "dateutil", "reportlab")


def _loaded_after(code: str) -> list[str]:
    probe = (
        f"{code}\n"
        "import sys\n"
        f"print(','.join(sorted(m for m in {HEAVY!r} if m in sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                            env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    return [name for name in result.stdout.strip().split(",") if name]


@pytest.mark.parametrize("module", ["kiosk.store", "kiosk.session", "kiosk.qt.app"])
def test_start_path_modules_import_nothing_heavy(module: str) -> None:
    assert _loaded_after(f"import {module}") == []


def test_opening_the_store_and_listing_sessions_imports_nothing_heavy(tmp_path) -> None:
    code = (
        "from kiosk.store import Store\n"
        f"store = Store(__import__('pathlib').Path({str(tmp_path / 'k.sqlite3')!r}))\n"
        "store.sessions(); store.tombstones(); store.close()\n"
    )
    assert _loaded_after(code) == []


def test_console_start_builds_neither_the_session_page_nor_the_participant_window(tmp_path) -> None:
    """The bench's start path: both are built on first use (a session started or resumed), not at start."""
    code = (
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from kiosk.i18n import default_catalog\n"
        "from kiosk.qt.app import load_studies\n"
        "from kiosk.qt.controller import KioskController\n"
        "from kiosk.store import Store\n"
        "from kiosk.theme import load_theme\n"
        "studies, _ = load_studies([])\n"
        f"store = Store(Path({str(tmp_path / 'k.sqlite3')!r}))\n"
        "controller = KioskController(store, studies, [], default_catalog(), 'en', load_theme())\n"
        "controller.console.show()\n"
        "app.processEvents()\n"
        "import sys\n"
        "late = ('kiosk.qt.participant.window', 'kiosk.qt.console.session_page')\n"
        "print(','.join(m for m in late if m in sys.modules))\n"
        "controller.shutdown()\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.stdout.strip() == ""
