"""App start: one QApplication, the store, the studies on offer, and the two windows."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from kiosk.i18n import default_catalog
from kiosk.lock import PinLock
from kiosk.paths import DataPaths
from kiosk.qt.console.dialogs import load_qt_translations, translate_buttons
from kiosk.qt.console.window import ConsoleWindow
from kiosk.qt.controller import KioskController
from kiosk.qt.demo_prototype import ready_demo_plan
from kiosk.qt.garbage import GuiThreadCollector
from kiosk.qt.lock import SetPinDialog, ensure_pin
from kiosk.qt.style import register_fonts
from kiosk.resources import data_folder, demo_plan_path
from kiosk.store.db import Store, StoreError
from kiosk.store.erasure import erasure_pending, finish_pending_erasure
from kiosk.study.loader import PlanError, load_plan
from kiosk.study.model import Study
from kiosk.theme import load_theme


def load_studies(plan_paths: list[Path]) -> tuple[list[Study], list[str]]:
    """Load the given plans, or every bundled one; a broken plan becomes a warning, not a crash."""
    paths = plan_paths or sorted(data_folder("sessions").glob("*/plan.toml"))
    studies, warnings = [], []
    demo = demo_plan_path().resolve()
    for path in paths:
        if path.resolve() == demo:  # its prototype is drawn on first use (or in the cache if read-only)
            try:
                path = ready_demo_plan(path)
            except OSError as exc:
                warnings.append(f"{path}: the demo prototype could not be drawn: {exc}")
        try:
            studies.append(load_plan(path))
        except PlanError as exc:
            warnings.append(str(exc))
    return studies, warnings


def open_store(paths: DataPaths) -> Store:
    """Open the laptop's database and finish an erasure a crash or a busy reader left half done."""
    store = Store(paths.ensure().database)
    finish_pending_erasure(store, paths.root)
    return store


def run_app(paths: DataPaths, plan_paths: list[Path], console_language: str = "en", set_pin: bool = False,
            theme: str = "standard", demo: bool = False) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("ux-kiosk")
    register_fonts()
    catalog = default_catalog()
    load_qt_translations(app, console_language)  # Serbian has none: our dialogs take texts from the catalog
    try:
        store = open_store(paths)
    except (StoreError, OSError) as exc:
        box = QMessageBox(QMessageBox.Icon.Critical, "ux-kiosk", str(exc), QMessageBox.StandardButton.Ok)
        translate_buttons(box, catalog, console_language)
        box.exec()
        return 1
    pin_lock = PinLock.in_folder(paths.root)
    if set_pin:
        SetPinDialog(pin_lock, catalog, console_language).exec()
    if not ensure_pin(pin_lock, catalog, console_language):
        print(catalog.text(console_language, "lock.needed"), file=sys.stderr)
        store.close()
        return 1
    studies, warnings = load_studies(plan_paths)
    participant_theme = load_theme(theme)
    console = ConsoleWindow(catalog, console_language, store, studies, warnings)
    # the participant window is built on first use, so the console shows sooner (issue 8)
    controller = KioskController(store, studies, warnings, catalog, console_language, participant_theme, pin_lock,
                                 console=console, paths=paths)
    if demo:  # the demo has a data folder of its own: name it, so nobody takes demo sessions for real ones
        title = catalog.text(console_language, "cli.demo_data", path=paths.root)
        controller.console.setWindowTitle(f"{controller.console.windowTitle()} — {title}")
    if not controller.open_console():  # the app stopped while a participant had the device: PIN refused
        print(catalog.text(console_language, "lock.restart_refused"), file=sys.stderr)
        controller.shutdown()
        store.close()
        return 1
    if erasure_pending(store):  # another program still reads: keep trying while the app runs
        controller.erasure_service().retry.start()
    collector = GuiThreadCollector(app)  # no garbage collection on the report and erasure worker
    code = app.exec()
    collector.stop()
    controller.shutdown()
    store.close()
    return code
