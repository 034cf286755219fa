"""App start: one QApplication, the store, the studies on offer, and the two windows."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from kiosk.i18n import default_catalog
from kiosk.paths import DataPaths
from kiosk.qt.controller import KioskController
from kiosk.qt.style import register_fonts
from kiosk.resources import data_folder
from kiosk.store.db import Store, StoreError
from kiosk.study.loader import PlanError, load_plan
from kiosk.study.model import Study
from kiosk.theme import load_theme


def load_studies(plan_paths: list[Path]) -> tuple[list[Study], list[str]]:
    """Load the given plans, or every bundled one; a broken plan becomes a warning, not a crash."""
    paths = plan_paths or sorted(data_folder("sessions").glob("*/plan.toml"))
    studies, warnings = [], []
    for path in paths:
        try:
            studies.append(load_plan(path))
        except PlanError as exc:
            warnings.append(str(exc))
    return studies, warnings


def run_app(paths: DataPaths, plan_paths: list[Path], console_language: str = "en", pin: str | None = None,
            theme: str = "standard", demo: bool = False) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("ux-kiosk")
    register_fonts()
    catalog = default_catalog()
    try:
        store = Store(paths.ensure().database)
    except (StoreError, OSError) as exc:
        QMessageBox.critical(None, "ux-kiosk", str(exc))
        return 1
    studies, warnings = load_studies(plan_paths)
    controller = KioskController(store, studies, warnings, catalog, console_language, load_theme(theme), pin)
    if demo:  # the demo has a data folder of its own: name it, so nobody takes demo sessions for real ones
        title = catalog.text(console_language, "cli.demo_data", path=paths.root)
        controller.console.setWindowTitle(f"{controller.console.windowTitle()} — {title}")
    controller.console.show()
    code = app.exec()
    controller.shutdown()
    store.close()
    return code
