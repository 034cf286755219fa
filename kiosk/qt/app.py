"""App start: one QApplication, the store, the console on screen, then the studies on offer.

The console must show fast on a field laptop (issue 8): what it needs before its first paint is kept
small. The study plans are parsed on the ordered worker once the console shows, the engine and the
participant window load with the first session, and the PIN dialogs only when a PIN must be chosen.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from kiosk.i18n import Catalog, default_catalog
from kiosk.lock import PinError, PinLock
from kiosk.paths import DataPaths
from kiosk.qt.console.start_page import StartPage
from kiosk.qt.console.window import ConsoleWindow
from kiosk.qt.controller import KioskController
from kiosk.qt.first_paint import after_first_paint
from kiosk.qt.translations import load_qt_translations
from kiosk.resources import data_folder, demo_plan_path
from kiosk.store.db import Store, StoreError

if TYPE_CHECKING:
    from kiosk.qt.workers import Job
    from kiosk.study.model import Study


def load_studies(plan_paths: list[Path]) -> tuple[list[Study], list[str]]:
    """Load the given plans, or every bundled one; a broken plan becomes a warning, not a crash.

    The app runs this on the ordered worker (``_load_studies_after_paint``): it must touch no widget."""
    from kiosk.qt.demo_prototype import ready_demo_plan
    from kiosk.study.loader import PlanError, load_plan

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
    if store.erasure_pending():
        from kiosk.store.erasure import finish_pending_erasure

        finish_pending_erasure(store, paths.root)
    return store


def _pin_ready(pin_lock: PinLock, set_pin: bool, catalog: Catalog, lang: str) -> bool:
    """True when a PIN is set; asks for one first (first run, ``--set-pin``), with the dialogs loaded only then."""
    try:
        if not set_pin and pin_lock.is_set():
            return True
    except PinError:
        pass  # ensure_pin says what is wrong with the file
    from kiosk.qt.lock import SetPinDialog, ensure_pin
    from kiosk.qt.style import register_fonts

    register_fonts()  # the PIN dialog is drawn in our font
    if set_pin:
        SetPinDialog(pin_lock, catalog, lang).exec()
    return ensure_pin(pin_lock, catalog, lang)


def _load_studies_after_paint(page: StartPage, plan_paths: list[Path]) -> Job:
    """Parse the plans on the ordered worker, once the console has been painted (``after_first_paint``: a
    worker importing and parsing beside the first paint held the interpreter and delayed the picture); the
    console is on screen meanwhile (about 30 ms for the two bundled plans), and the start page offers them
    as soon as they arrive. The page's own slots receive
    them, so a console closed in the meantime is not touched (Qt drops the connection with the page)."""
    from kiosk.qt.workers import Job  # after the first paint: the worker's Qt types are not needed to show it

    job = Job(load_studies, plan_paths)
    job.finished.connect(page.on_studies_loaded)
    job.failed.connect(page.on_studies_failed)
    return job.start()


def start_console(app: QCoreApplication, paths: DataPaths, plan_paths: list[Path], console_language: str = "en",
                  set_pin: bool = False, theme: str = "standard", demo: bool = False) -> KioskController | None:
    """Everything up to the console on screen, with its studies on their way; None if the app cannot run
    (the database cannot be opened, or no PIN was chosen: the reason is shown or printed). Call it with
    Python's automatic garbage collection off (``GuiThreadCollector``): the plans are parsed on a worker."""
    catalog = default_catalog()
    load_qt_translations(app, console_language)  # Serbian has none: our dialogs take texts from the catalog
    try:
        store = open_store(paths)
    except (StoreError, OSError) as exc:
        from PySide6.QtWidgets import QMessageBox

        from kiosk.qt.console.dialogs import translate_buttons

        box = QMessageBox(QMessageBox.Icon.Critical, "ux-kiosk", str(exc), QMessageBox.StandardButton.Ok)
        translate_buttons(box, catalog, console_language)
        box.exec()
        return None
    pin_lock = PinLock.in_folder(paths.root)
    if not _pin_ready(pin_lock, set_pin, catalog, console_language):
        print(catalog.text(console_language, "lock.needed"), file=sys.stderr)
        store.close()
        return None
    console = ConsoleWindow(catalog, console_language, store, None, [])  # the studies follow from the worker
    # the participant window is built on first use, so the console shows sooner (issue 8)
    controller = KioskController(store, [], [], catalog, console_language, theme, pin_lock,
                                 console=console, paths=paths)
    if demo:  # the demo has a data folder of its own: name it, so nobody takes demo sessions for real ones
        title = catalog.text(console_language, "cli.demo_data", path=paths.root)
        console.setWindowTitle(f"{console.windowTitle()} — {title}")
    if not controller.open_console():  # the app stopped while a participant had the device: PIN refused
        print(catalog.text(console_language, "lock.restart_refused"), file=sys.stderr)
        controller.shutdown()
        store.close()
        return None
    after_first_paint(console, lambda: _load_studies_after_paint(console.start_page, plan_paths))
    if store.erasure_pending():  # another program still reads: keep trying while the app runs
        controller.erasure_service().retry.start()
    return controller


def run_app(paths: DataPaths, plan_paths: list[Path], console_language: str = "en", set_pin: bool = False,
            theme: str = "standard", demo: bool = False) -> int:
    from kiosk.qt.garbage import GuiThreadCollector

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("ux-kiosk")
    # Before start_console sends the plans to the worker: no garbage collection on the plan, report and
    # erasure worker (a collection there could destroy Qt objects from the wrong thread).
    collector = GuiThreadCollector(app)
    controller = start_console(app, paths, plan_paths, console_language, set_pin, theme, demo)
    if controller is None:
        collector.stop()
        return 1
    code = app.exec()
    collector.stop()
    controller.shutdown()
    controller.store.close()
    return code
