"""The console shows before the study plans are parsed, and the start page fills in when they arrive (issue 8).

Parsing and validating both bundled plans took about 30 ms of the start; the facilitator sees the console
first and the studies a moment later. Until then nothing can start a session on a study that is not there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.i18n import default_catalog
from kiosk.lock import PinLock
from kiosk.paths import DataPaths
from kiosk.resources import demo_plan_path

pytestmark = pytest.mark.gui


def test_a_start_page_still_loading_offers_no_study_and_starts_nothing(qtbot, store, demo_study) -> None:
    from kiosk.qt.console.start_page import StartPage

    page = StartPage(default_catalog(), "en", store, None, [])
    qtbot.addWidget(page)
    started: list[object] = []
    page.start_requested.connect(lambda *args: started.append(args))
    assert page.studies == [] and page.current_study() is None
    assert not page.study_box.isEnabled() and not page.start_button.isEnabled()
    assert not page.generate_button.isEnabled()
    assert page.study_box.placeholderText() == "Loading studies…"  # said in words, in the console language
    page.facilitator_edit.setText("F-07")  # the facilitator may type meanwhile
    page.code_edit.setText("P-0001")
    page.code_edit.returnPressed.emit()
    assert started == []

    page.set_studies([demo_study], ["other/plan.toml:3: title: expected a text"])
    assert page.studies == [demo_study] and page.current_study() is demo_study
    assert page.study_box.isEnabled() and page.start_button.isEnabled() and page.generate_button.isEnabled()
    assert page.study_box.count() == 1
    assert page.facilitator_edit.text() == "F-07" and page.code_edit.text() == "P-0001"  # typing is kept
    assert "other/plan.toml:3" in page.plan_warnings_text()
    page.start_button.click()
    assert [args[:3] for args in started] == [(demo_study, "P-0001", 1)]


def test_when_no_plan_can_be_read_the_study_list_stops_saying_loading(qtbot, store) -> None:
    """``gui --plan /nonexistent``: the plan's error showed, but the list said "Loading studies…" for ever."""
    from kiosk.qt.console.start_page import StartPage

    page = StartPage(default_catalog(), "en", store, None, [])
    qtbot.addWidget(page)
    page.set_studies([], ["/nonexistent: the plan file does not exist"])
    assert page.study_box.placeholderText() == "No study to offer"
    assert not page.start_button.isEnabled() and not page.generate_button.isEnabled()
    assert "/nonexistent" in page.plan_warnings_text()
    serbian = StartPage(default_catalog(), "sr-Cyrl", store, None, [])
    qtbot.addWidget(serbian)
    serbian.set_studies([], [])
    assert serbian.study_box.placeholderText() == "Нема студије за понуду"


def test_the_participant_number_is_suggested_once_the_studies_arrive(qtbot, store, demo_study) -> None:
    from kiosk.qt.console.start_page import StartPage
    from kiosk.session import SessionEngine, SystemClock

    SessionEngine.start(store, demo_study, "P-0001", SystemClock(), facilitator="F1")
    page = StartPage(default_catalog(), "en", store, None, [])
    qtbot.addWidget(page)
    page.set_studies([demo_study], [])
    assert page.number_box.value() == 2
    assert page.study_report_button.isEnabled()


def test_the_app_shows_the_console_first_and_the_studies_from_the_worker(qtbot, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from kiosk.qt.app import start_console

    paths = DataPaths(tmp_path / "home")
    PinLock.in_folder(paths.ensure().root).set_pin("2468")
    broken = tmp_path / "broken" / "plan.toml"
    broken.parent.mkdir()
    broken.write_text("id = 'x'\n", encoding="utf-8")
    controller = start_console(QApplication.instance(), paths, [demo_plan_path(), broken])
    assert controller is not None
    try:
        page = controller.console.start_page
        assert controller.console.isVisible()
        assert page.studies == []  # the plans arrive through the event loop, after the first paint
        qtbot.waitUntil(lambda: bool(page.studies), timeout=10000)
        assert [s.id for s in page.studies] == ["demo-farm-subsidy"]
        assert str(broken) in page.plan_warnings_text()
        assert page.start_button.isEnabled()
    finally:
        controller.shutdown()
        controller.store.close()


def test_studies_arriving_after_the_console_closed_are_dropped(qtbot, tmp_path: Path) -> None:
    """Closing at once (a test, a quick Alt+F4): the plans come back to a console that is gone, and nothing
    may touch its deleted widgets (``RuntimeError: Internal C++ object already deleted``)."""
    from PySide6.QtWidgets import QApplication

    from kiosk.qt import workers
    from kiosk.qt.app import start_console

    paths = DataPaths(tmp_path / "home")
    PinLock.in_folder(paths.ensure().root).set_pin("2468")
    controller = start_console(QApplication.instance(), paths, [demo_plan_path()])
    assert controller is not None
    controller.shutdown()  # deletes the console; the plans are read, their outcome still on its way
    controller.store.close()
    qtbot.waitUntil(lambda: not workers._in_flight, timeout=10000)  # delivered, to nobody


def test_plans_that_could_not_be_read_at_all_are_said_so(qtbot, store) -> None:
    from kiosk.qt.console.start_page import StartPage

    page = StartPage(default_catalog(), "en", store, None, [])
    qtbot.addWidget(page)
    page.on_studies_failed("the sessions folder cannot be read")
    assert page.studies == [] and page.current_study() is None
    assert "the sessions folder cannot be read" in page.plan_warnings_text()


def test_the_app_turns_automatic_garbage_collection_off_before_any_worker_runs(tmp_path: Path) -> None:
    """The plans are parsed on the worker while the console starts: a collection triggered there could
    destroy Qt objects from the wrong thread (see kiosk/qt/garbage.py), so run_app installs the GUI-thread
    collector before start_console sends anything to the worker."""
    import os
    import subprocess
    import sys

    code = (
        "import gc, sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication(sys.argv[:1])\n"
        "import kiosk.qt.app as qa\n"
        "from kiosk.paths import DataPaths\n"
        "real = qa.start_console\n"
        "def start_console(*args, **kwargs):\n"
        "    print('automatic collection on:', gc.isenabled(), flush=True)\n"
        "    return None  # as if no PIN was chosen: run_app returns at once\n"
        "qa.start_console = start_console\n"
        "print('exit', qa.run_app(DataPaths(Path(sys.argv[1])), []), 'after:', gc.isenabled())\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "home")], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
                          cwd=Path(__file__).parents[1])
    assert done.stdout.split("\n")[:2] == ["automatic collection on: False", "exit 1 after: True"], done.stderr


def test_the_plans_wait_for_the_consoles_first_paint(qtbot, tmp_path: Path) -> None:
    """Python runs one thread at a time: plans parsed on the worker while the console is built and painted
    slowed the first picture (issue 8, start time). They are sent to the worker once it is painted."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from kiosk.qt import workers
    from kiosk.qt.app import start_console

    paths = DataPaths(tmp_path / "home")
    PinLock.in_folder(paths.ensure().root).set_pin("2468")
    order: list[str] = []

    class Painted(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint and watched.isWidgetType() and watched.isWindow():
                order.append(f"painted, jobs in flight: {len(workers._in_flight)}")
            return False

    watcher = Painted()
    QApplication.instance().installEventFilter(watcher)
    try:
        controller = start_console(QApplication.instance(), paths, [demo_plan_path()])
        assert controller is not None
        assert not workers._in_flight  # nothing on the worker yet: the console has not been painted
        page = controller.console.start_page
        qtbot.waitUntil(lambda: bool(page.studies), timeout=10000)
        assert order and order[0] == "painted, jobs in flight: 0"
    finally:
        QApplication.instance().removeEventFilter(watcher)
        controller.shutdown()
        controller.store.close()


def test_the_facilitator_can_type_their_code_as_soon_as_the_console_shows(qtbot, tmp_path: Path) -> None:
    """Found by a new user (issue 8): after the studies arrived the keyboard focus was sometimes on the study
    list or nowhere, so the first keys typed were lost. The console opens in the facilitator field, and the
    studies arriving do not move it."""
    from PySide6.QtWidgets import QApplication

    from kiosk.qt.app import start_console

    paths = DataPaths(tmp_path / "home")
    PinLock.in_folder(paths.ensure().root).set_pin("2468")
    controller = start_console(QApplication.instance(), paths, [demo_plan_path()])
    assert controller is not None
    try:
        page = controller.console.start_page
        assert controller.console.focusWidget() is page.facilitator_edit
        qtbot.keyClicks(page.facilitator_edit, "F")
        qtbot.waitUntil(lambda: bool(page.studies), timeout=10000)
        assert controller.console.focusWidget() is page.facilitator_edit
    finally:
        controller.shutdown()
        controller.store.close()
