"""`ux-kiosk demo` keeps its sessions in a data folder of its own and names it on the console."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.cli.app import demo_setup
from kiosk.cli.options import parse
from kiosk.paths import DATABASE_NAME
from kiosk.resources import demo_plan_path


@pytest.mark.parametrize("argv", [["demo"], ["--data-dir", "{home}", "demo"], ["demo", "--data-dir", "{home}"]])
def test_demo_setup_never_uses_the_real_database(tmp_path: Path, _isolated_home: Path, argv: list[str]) -> None:
    home = tmp_path / "real"
    args = parse([a.format(home=home) for a in argv])
    real = home if "--data-dir" in argv else _isolated_home
    paths, plans = demo_setup(args)
    assert plans == [demo_plan_path()]
    assert paths.root == real / "demo"
    assert paths.database != real / DATABASE_NAME
    assert not (real / DATABASE_NAME).exists()


@pytest.mark.gui
def test_demo_console_names_its_data_folder(qtbot, monkeypatch: pytest.MonkeyPatch, _isolated_home: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from kiosk.cli import main

    seen: dict[str, object] = {}

    def exec_once(app: QApplication) -> int:  # the event loop would block: look at the windows, then return
        seen["titles"] = [w.windowTitle() for w in app.topLevelWidgets() if w.isVisible()]
        for widget in app.topLevelWidgets():
            widget.close()
        return 0

    from conftest import KIOSK_PIN
    from kiosk.lock import PinLock

    (_isolated_home / "demo").mkdir(parents=True)
    PinLock.in_folder(_isolated_home / "demo").set_pin(KIOSK_PIN)  # else the first-run PIN dialog would wait
    monkeypatch.setattr(QApplication, "exec", exec_once)
    assert main(["demo"]) == 0
    assert any(f"Demo data: {_isolated_home / 'demo'}" in title for title in seen["titles"]), seen
    assert (_isolated_home / "demo" / DATABASE_NAME).exists()
    assert not (_isolated_home / DATABASE_NAME).exists()
