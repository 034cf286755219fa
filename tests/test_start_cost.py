"""Start-up cost guards (issue 8): what the console needs before it shows must not drag in heavy imports.

Measured with ``python -X importtime``: sqlite-utils imported numpy, click, pluggy and dateutil for one
query, about 40% of the start CPU time. These tests keep that from coming back unnoticed.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("numpy", "sqlite_utils", "click", "pluggy", "dateutil", "reportlab")


def _printed(code: str) -> str:
    """What ``python -c code`` prints, in a fresh interpreter (offscreen Qt): start costs need a clean slate."""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    return result.stdout.strip()


def _loaded_after(code: str) -> list[str]:
    probe = (
        f"{code}\n"
        "import sys\n"
        f"print(','.join(sorted(m for m in {HEAVY!r} if m in sys.modules)))\n"
    )
    return [name for name in _printed(probe).split(",") if name]


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


def _at_console_start(tmp_path, report: str) -> str:
    """Run the bench's start path (``start_console`` on a data folder with a PIN, one ``processEvents``),
    then the statement ``report``; return what it printed. The database exists already, as on every
    start but the first (the first also gets the laptop its id)."""
    from kiosk.lock import PinLock
    from kiosk.paths import DataPaths
    from kiosk.store import Store

    home = tmp_path / "home"
    PinLock.in_folder(home).set_pin("2468")
    Store(DataPaths(home).ensure().database).close()
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from kiosk.paths import DataPaths\n"
        "from kiosk.qt.app import start_console\n"
        "from kiosk.qt.garbage import GuiThreadCollector\n"
        "collector = GuiThreadCollector(app)\n"
        f"controller = start_console(app, DataPaths(Path({str(home)!r})), [])\n"
        "app.processEvents()\n"
        f"{report}\n"
        "controller.shutdown()\n"
    )
    return _printed(code)


def _loaded_at_console_start(tmp_path, modules: tuple[str, ...]) -> list[str]:
    """Which of ``modules`` the bench's start path has imported by the time the console is shown."""
    printed = _at_console_start(tmp_path, f"print(','.join(m for m in {modules!r} if m in sys.modules))")
    return [name for name in printed.split(",") if name]


def test_console_start_builds_neither_the_session_page_nor_the_participant_window(tmp_path) -> None:
    """The bench's start path: both are built on first use (a session started or resumed), not at start."""
    assert _loaded_at_console_start(tmp_path, ("kiosk.qt.participant.window", "kiosk.qt.console.session_page")) == []


#: loaded on first use, not for the start page: the engine and what only it needs (a session started or
#: resumed), the Qt bridge to it
FIRST_USE = ("kiosk.session.engine", "kiosk.session.lifecycle", "kiosk.session.state", "kiosk.session.flow",
             "kiosk.qt.bridge")


def test_console_start_leaves_the_session_engine_for_the_first_session(tmp_path) -> None:
    assert _loaded_at_console_start(tmp_path, FIRST_USE) == []


@pytest.mark.parametrize("package", ["kiosk.session", "kiosk.study"])
def test_lazy_packages_still_offer_every_name_they_list(package: str) -> None:
    """The package loads its engine or loader on first use; every listed name still resolves to its home."""
    code = (
        f"import importlib, {package} as p\n"
        "for name in p.__all__:\n"
        "    value = getattr(p, name)\n"
        "    assert value is getattr(importlib.import_module(p.__name__ + '.' + p._HOMES[name]), name)\n"
        "try:\n"
        "    p.no_such_name\n"
        "except AttributeError as exc:\n"
        "    print(exc)\n"
    )
    assert _printed(code) == f"module {package!r} has no attribute 'no_such_name'"


def test_console_start_does_not_build_qts_namespace(tmp_path) -> None:
    """``PySide6.QtCore.Qt`` (every Qt-wide enum) takes about 20 ms to build on first use, a sixth of a bare
    window's whole start: nothing the console needs to show may touch it (PySide6 adds it to the module's
    namespace on first use)."""
    printed = _at_console_start(tmp_path, "import PySide6.QtCore as core; print('Qt' in vars(core))")
    assert printed == "False"


#: not needed to show the console: plan loading and the study model (on the worker, after the first paint),
#: the PIN dialogs and PIN hashing (a PIN typed), the console's dialogs (asked for), uuid (ids are made with
#: the first session), importlib.resources (14 ms with its zipfile support, to find a folder beside the package)
NOT_AT_START = ("kiosk.study.loader", "kiosk.study.model", "kiosk.qt.lock", "kiosk.qt.console.withdraw_dialog",
                "kiosk.qt.console.dialogs", "hashlib", "secrets", "uuid", "importlib.resources")


def test_starting_the_app_imports_neither_plan_loading_nor_pin_hashing() -> None:
    code = f"import kiosk.qt.app, sys\nprint(','.join(m for m in {NOT_AT_START!r} if m in sys.modules))"
    assert _printed(code) == ""


def test_showing_the_console_needs_no_more_of_them(tmp_path) -> None:
    """The whole start path (store opened, PIN checked, console shown), not only the imports. The worker
    parsing the plans meanwhile imports the loader, the model and hashlib (plan digests): left out here."""
    late = tuple(m for m in NOT_AT_START if m not in ("kiosk.study.loader", "kiosk.study.model", "hashlib"))
    assert _loaded_at_console_start(tmp_path, late) == []


def test_the_command_line_hands_over_to_the_app_without_loading_plans(tmp_path) -> None:
    """``ux-kiosk gui`` / ``demo``: the command line must not parse or import the plan loader on the GUI
    thread before the console shows (it used to import it to translate a PlanError the app never raises)."""
    code = (
        "import sys\n"
        "import kiosk.qt.app\n"
        "def run_app(*args, **kwargs):\n"
        f"    print(','.join(m for m in {NOT_AT_START!r} if m in sys.modules))\n"
        "    return 0\n"
        "kiosk.qt.app.run_app = run_app\n"
        "from kiosk.cli import main\n"
        f"sys.exit(main(['--data-dir', {str(tmp_path / 'home')!r}, 'demo']))\n"
    )
    assert _printed(code) == ""


def test_console_start_writes_percentages_without_loading_babels_number_formats(tmp_path) -> None:
    """The aids' text sizes (100% … 200%) are on the first screen; Babel's number and date modules and the
    locale data they load cost about 20 ms, an eighth of a bare window's start. The catalog keeps how its
    language writes a whole percentage, so the start path needs neither (on the second start: the first
    compiles the catalog, with Babel)."""
    _at_console_start(tmp_path / "first", "")
    report = "print(','.join(m for m in ('babel.numbers', 'babel.dates', 'babel.core') if m in sys.modules))"
    assert _at_console_start(tmp_path / "second", report) == ""


def test_console_start_leaves_erasure_and_the_participant_theme_for_when_they_are_needed(tmp_path) -> None:
    """With no erasure pending, the erasure module is not needed to show the console (about 3 ms); the
    participant's theme (TOML parsing, about 5 ms) is read when the participant window is first built."""
    assert _loaded_at_console_start(tmp_path, ("kiosk.store.erasure", "kiosk.theme", "tomllib")) == []


#: what ``ux-kiosk gui`` need not import before its console shows: the other commands' modules (the exchange,
#: the hub, reports) and the participant theme's TOML parser, which the ``--theme`` default's check loaded
NOT_FOR_THE_APP = ("kiosk.cli.commands", "kiosk.cli.exchange_commands", "kiosk.cli.hub_commands",
                   "kiosk.cli.sync_command", "kiosk.cli.retention_command", "kiosk.theme", "tomllib")


def test_the_command_line_opening_the_app_loads_no_other_commands_module(tmp_path) -> None:
    code = (
        "import sys\n"
        "import kiosk.qt.app\n"
        "def run_app(*args, **kwargs):\n"
        f"    print(','.join(m for m in {NOT_FOR_THE_APP!r} if m in sys.modules))\n"
        "    return 0\n"
        "kiosk.qt.app.run_app = run_app\n"
        "from kiosk.cli import main\n"
        f"sys.exit(main(['--data-dir', {str(tmp_path / 'home')!r}, 'gui', '--theme', 'standard']))\n"
    )
    assert _printed(code) == ""


def test_every_subcommand_has_a_handler() -> None:
    """The handlers are looked up by name (each command's module is imported only when it runs): a
    subcommand added to the parser without one would fail only when typed."""
    import argparse

    from kiosk.cli import _handler
    from kiosk.cli.options import build_parser

    subparsers = next(action for action in build_parser()._actions if isinstance(action, argparse._SubParsersAction))
    assert set(subparsers.choices) >= {"gui", "demo", "sync", "hub", "report"}
    for command in subparsers.choices:
        assert callable(_handler(command)), command


def test_the_app_starts_with_automatic_collection_off_and_other_commands_run_with_it_on(tmp_path) -> None:
    """Automatic garbage collection only walks the start's long-lived objects (about 10 ms of it): ``main``
    turns it off before it imports anything, the app's own collector takes over, and every other command
    gets it back before it runs. The process has it back when ``main`` returns."""
    code = (
        "import gc, sys\n"
        "import kiosk.qt.app, kiosk.cli.commands\n"
        "seen = []\n"
        "def run_app(*args, **kwargs):\n"
        "    seen.append(('app', gc.isenabled()))\n"
        "    return 0\n"
        "def cmd_sessions(args):\n"
        "    seen.append(('sessions', gc.isenabled()))\n"
        "    return 0\n"
        "kiosk.qt.app.run_app = run_app\n"
        "kiosk.cli.commands.cmd_sessions = cmd_sessions\n"
        "from kiosk.cli import main\n"
        f"home = {str(tmp_path / 'home')!r}\n"
        "main(['--data-dir', home, 'gui']); after_app = gc.isenabled()\n"
        "main(['--data-dir', home, 'sessions']); after_sessions = gc.isenabled()\n"
        "print(seen[0][1], seen[1][1], after_app, after_sessions)\n"
    )
    assert _printed(code).split() == ["False", "True", "True", "True"]


def test_console_start_loads_no_record_type_it_does_not_show(tmp_path) -> None:
    """The sessions list needs a session's row only; the events, consent, plan, heartbeat, contact and
    tombstone records (six frozen dataclasses, about 1 ms each to create on Python 3.11) wait for a session,
    and a plan's texts (``LocalText``) for the plans, which are read after the first paint."""
    assert _loaded_at_console_start(tmp_path, ("kiosk.store.records", "kiosk.i18n.local_text")) == []


def test_console_start_makes_no_list_view_and_no_resume_banner(tmp_path) -> None:
    """Qt's list view types (the session timeline's, ~1.5 ms to make) and the interrupted-sessions banner
    (a scroll area with a style sheet, ~1 ms) are not needed to show a console with nothing to resume."""
    printed = _at_console_start(tmp_path, "import PySide6.QtWidgets as widgets; "
                                          "print('QListWidget' in vars(widgets), 'QListView' in vars(widgets), "
                                          "controller.console.start_page._resume_banner is None)")
    assert printed == "False False True"


@pytest.mark.parametrize("package", ["kiosk.store", "kiosk.i18n"])
def test_packages_naming_records_late_still_offer_every_name_they_list(package: str) -> None:
    code = (
        f"import {package} as p\n"
        "assert all(getattr(p, name) is not None for name in p.__all__)\n"
        "try:\n"
        "    p.no_such_name\n"
        "except AttributeError as exc:\n"
        "    print(exc)\n"
    )
    assert _printed(code) == f"module {package!r} has no attribute 'no_such_name'"


def test_the_start_paths_modules_create_no_dataclass() -> None:
    """A frozen dataclass costs about 0.9 ms to create on Python 3.11 (six methods compiled with exec), and
    the dataclasses module more: the values made before the console's first paint are NamedTuples."""
    code = ("import sys, kiosk.cli, kiosk.cli.options, kiosk.cli.app, kiosk.qt.app, kiosk.qt.garbage\n"
            "print('dataclasses' in sys.modules)")
    assert _printed(code) == "False"


def test_the_worker_and_its_qt_types_load_after_the_first_paint() -> None:
    """The ordered worker's job class (a QObject with signals, a QRunnable, the thread pool: about 1 ms of
    Qt types) is first needed to parse the plans, which wait for the first paint."""
    code = "import sys, kiosk.cli.app, kiosk.qt.app, kiosk.qt.garbage\nprint('kiosk.qt.workers' in sys.modules)"
    assert _printed(code) == "False"
