"""The console opens the hotspot editor (issue 10, new-user run: only `ux-kiosk edit-prototype` did): a button on
the start page for a plan that has a prototype, reachable by keyboard (Ctrl+Shift+E, and Tab; issue 10 second run: Ctrl+E was a line edit's "end of line" on Linux,
so it did nothing while the code field had focus, which is always after start); the editor is modal to
the console, so no session can be handed over while it is open (the console is the facilitator's, behind the
PIN whenever the participant has the device, as for reports and withdrawals); a save is read back into the
plan the console offers, so the next session plays the edited hotspots."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from conftest import make_kiosk
from kiosk.prototype.model import Rect
from kiosk.qt.editor.window import HotspotEditorWindow
from kiosk.study import load_plan
from prototype_study import write_plan

pytestmark = pytest.mark.gui


def _editor(kiosk) -> HotspotEditorWindow | None:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, HotspotEditorWindow) and w.isVisible()]
    return found[0] if found else None


def test_ctrl_shift_e_in_the_focused_code_field_opens_the_editor_and_a_save_reaches_the_plan(
        qtbot, store, clock, tmp_path: Path) -> None:
    study = load_plan(write_plan(tmp_path / "study"))
    kiosk = make_kiosk(qtbot, store, [study], clock)
    kiosk.console.resize(1280, 800)
    kiosk.console.show()
    page = kiosk.console.start_page
    entry = page.edit_prototype_button
    assert entry.isEnabled() and entry.accessibleName() == "Edit the prototype's hotspots"
    assert "Ctrl+Shift+E" in entry.text()
    kiosk.console.activateWindow()
    qtbot.waitUntil(kiosk.console.isActiveWindow)
    page.code_edit.setFocus()  # as after start: the participant-code field has the focus
    qtbot.waitUntil(page.code_edit.hasFocus)
    qtbot.keyClick(page.code_edit, Qt.Key.Key_E,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: _editor(kiosk) is not None)
    editor = _editor(kiosk)
    assert editor.opened.prototype.folder == tmp_path / "study" / "prototypes" / "farm"
    assert editor.windowModality() == Qt.WindowModality.WindowModal and editor.parent() is kiosk.console
    assert list(editor.titles.fields) == ["sr-Cyrl", "en", "hu"]  # the plan's languages name its screens

    before = len(study.prototypes["farm"].screen("home").hotspots)
    editor.on_rect_drawn(Rect(900, 20, 200, 80))
    editor.on_link_key_pressed("3")  # to the third screen, "help"
    assert editor.save()
    editor.close()
    qtbot.waitUntil(lambda: _editor(kiosk) is None)
    qtbot.waitUntil(lambda: page.current_study() is not study)  # read again when the editor is gone
    assert page.current_study() is not None, page.plan_warnings_text()
    home = page.current_study().prototypes["farm"].screen("home")
    assert len(home.hotspots) == before + 1 and home.hotspots[-1].target == "help"
    assert page.current_study().id == study.id
    kiosk.bridge = None


def test_tab_reaches_the_entry_and_a_plan_without_a_prototype_has_none(qtbot, store, clock, tmp_path: Path) -> None:
    plain = load_plan(write_plan(tmp_path / "plain", "expected_minutes = 4\n"))
    assert not plain.prototypes
    kiosk = make_kiosk(qtbot, store, [plain], clock)
    kiosk.console.show()
    page = kiosk.console.start_page
    assert not page.edit_prototype_button.isEnabled()
    kiosk.console.activateWindow()
    qtbot.waitUntil(kiosk.console.isActiveWindow)
    qtbot.keyClick(page.study_box, Qt.Key.Key_E,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert _editor(kiosk) is None
    assert page.edit_prototype_button.focusPolicy() & Qt.FocusPolicy.TabFocus
    kiosk.bridge = None


def test_a_save_that_breaks_the_plan_becomes_a_located_warning(qtbot, store, clock, tmp_path: Path) -> None:
    """An unlinked hotspot saved from the editor makes the plan fail `check`: the page stops offering it and
    says where, as it does for a plan broken at start, rather than start a session on a broken prototype."""
    study = load_plan(write_plan(tmp_path / "study"))
    kiosk = make_kiosk(qtbot, store, [study], clock)
    kiosk.console.show()
    page = kiosk.console.start_page
    page.edit_prototype_button.click()
    qtbot.waitUntil(lambda: _editor(kiosk) is not None)
    editor = _editor(kiosk)
    editor.on_rect_drawn(Rect(900, 20, 200, 80))  # drawn, never linked
    assert editor.save()
    editor.close()
    qtbot.waitUntil(lambda: page.current_study() is not study)
    assert page.studies == [] and page.current_study() is None
    assert "prototypes/farm/prototype.toml:" in page.plan_warnings_text()
    assert "expected the id of a screen" in page.plan_warnings_text()
    kiosk.bridge = None


def test_a_plan_with_two_prototypes_asks_which_by_a_keyboard_menu(qtbot, store, clock, tmp_path: Path) -> None:
    import shutil

    plan = write_plan(tmp_path / "study")
    farm = plan.parent / "prototypes" / "farm"
    shutil.copytree(farm, plan.parent / "prototypes" / "barn")
    toml = (plan.parent / "prototypes" / "barn" / "prototype.toml")
    toml.write_text(toml.read_text(encoding="utf-8").replace('id = "farm"', 'id = "barn"', 1), encoding="utf-8")
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "expected_minutes = 10\n",
        'expected_minutes = 10\nprototype = { folder = "prototypes/barn", start = "home", goals = ["sent"] }\n', 1),
        encoding="utf-8")
    study = load_plan(plan)
    assert sorted(study.prototypes) == ["barn", "farm"]
    kiosk = make_kiosk(qtbot, store, [study], clock)
    kiosk.console.show()
    page = kiosk.console.start_page
    page.edit_prototype_button.click()
    menu = page.prototype_entry.menu
    qtbot.waitUntil(lambda: menu is not None and menu.isVisible())
    assert [a.text().split()[0] for a in menu.actions()] == ["farm", "barn"]
    qtbot.keyClick(menu, Qt.Key.Key_Down)
    qtbot.keyClick(menu, Qt.Key.Key_Down)
    qtbot.keyClick(menu, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _editor(kiosk) is not None)
    assert _editor(kiosk).opened.prototype.folder == plan.parent / "prototypes" / "barn"
    _editor(kiosk).close()
    qtbot.waitUntil(lambda: _editor(kiosk) is None)
    kiosk.bridge = None
