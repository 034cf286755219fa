"""The hotspot editor names screens (issue 10, second new-user run: with no title field a self-made prototype's
report showed ids): one field per language of the plan that plays the prototype, each edit undoable, saved to
prototype.toml and shown in test-play."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from kiosk.i18n import default_catalog
from kiosk.qt.editor.app import open_editor
from kiosk.study import load_plan
from prototype_study import write_plan

pytestmark = pytest.mark.gui


@pytest.fixture
def study_editor(qtbot, tmp_path: Path):
    plan = write_plan(tmp_path / "study")
    window = open_editor(tmp_path / "study" / "prototypes" / "farm", default_catalog(), "en")
    qtbot.addWidget(window, before_close_func=lambda w: setattr(w, "_close_confirmed", True))
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    return window, plan


def _type(qtbot, field, text: str) -> None:
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    field.selectAll()
    if text.isascii():
        qtbot.keyClicks(field, text)
    else:  # QTest types only keys a US keyboard has; Cyrillic and ő come from an input method
        field.insert(text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_a_title_typed_per_plan_language_is_undoable_saved_and_played(qtbot, study_editor, tmp_path: Path) -> None:
    editor, plan = study_editor
    fields = editor.titles.fields
    assert list(fields) == ["sr-Cyrl", "en", "hu"]  # the plan's languages; Serbian Latin is derived
    assert [f.accessibleName() for f in fields.values()] == [
        "Screen title in Serbian (Cyrillic)", "Screen title in English", "Screen title in Hungarian"]
    assert editor.screen_id == "home" and all(f.text() == "" for f in fields.values())
    _type(qtbot, fields["en"], "Home page")
    assert editor.editor.prototype.screen("home").title.values == {"en": "Home page"}
    assert editor.status.text() == "Title of home changed." and editor.isWindowModified()
    editor.undo_button.click()
    assert fields["en"].text() == "" and not editor.editor.prototype.screen("home").title.values
    editor.redo_button.click()
    assert fields["en"].text() == "Home page"
    _type(qtbot, fields["sr-Cyrl"], "Почетна")
    _type(qtbot, fields["hu"], "Kezdőlap")
    editor.screen_list.setCurrentRow(1)  # another screen: its own (empty) title
    assert editor.screen_id == "form" and fields["en"].text() == ""
    editor.screen_list.setCurrentRow(0)
    assert fields["sr-Cyrl"].text() == "Почетна"

    assert editor.save()
    assert load_plan(plan).prototypes["farm"].screen("home").title.get("sr-Latn") == "Početna"
    assert 'title = { en = "Home page", sr-Cyrl = "Почетна", hu = "Kezdőlap" }' in (
        tmp_path / "study" / "prototypes" / "farm" / "prototype.toml").read_text(encoding="utf-8")

    editor.test_play()
    play = editor.play_window
    assert play is not None
    qtbot.waitExposed(play)
    assert play.caption.text().startswith("Screen: Home page (home).")
    play.close()


def test_a_folder_no_plan_plays_offers_the_languages_its_file_has(qtbot, tmp_path: Path) -> None:
    from prototype_fixtures import FARM_TOML, farm_prototype

    folder = farm_prototype(tmp_path / "flow", FARM_TOML.replace(
        'image = "home.png"\n', 'image = "home.png"\ntitle = { hu = "Kezdőlap" }\n'))
    window = open_editor(folder, default_catalog(), "sr-Cyrl")
    qtbot.addWidget(window)
    assert list(window.titles.fields) == ["hu"] and window.titles.fields["hu"].text() == "Kezdőlap"
