"""The hotspot editor's pure model: geometry, commands with exact undo/redo, opening a folder, saving, checks."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.prototype.draft_file import open_folder, save, to_toml
from kiosk.prototype.editing import EditError, Editor, Handle, make_id, moved, rect_from_corners, resized
from kiosk.prototype.model import Action, Hotspot, Rect
from kiosk.study import PlanError
from kiosk.study.prototype_draft import check_draft
from kiosk.study.prototypes import load_prototype
from prototype_fixtures import FARM_TOML, farm_prototype, write_png


def _three_screens(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("1 Home.png", "Form@2x.png", "Потврда.png"):
        write_png(folder / name, 400, 300)
    return folder


# ---- geometry ---------------------------------------------------------------------------------------------

def test_ids_are_made_from_file_names() -> None:
    assert make_id("1 Home") == "1-home"
    assert make_id("Form@2x") == "form-2x"
    assert make_id("Потврда захтева") == "potvrda-zahteva"
    assert make_id("Đurđevdan Čačak") == "djurdjevdan-cacak"
    assert make_id("___") == "screen"
    assert len(make_id("x" * 200)) == 63


def test_a_drag_becomes_a_whole_pixel_rectangle_cut_to_the_image() -> None:
    assert rect_from_corners(300.4, 200.6, 100.2, 50.5, 400, 300) == Rect(100, 50, 200, 151)
    assert rect_from_corners(-20, -5, 50, 40, 400, 300) == Rect(0, 0, 50, 40)
    assert rect_from_corners(380, 280, 500, 400, 400, 300) == Rect(380, 280, 20, 20)
    assert rect_from_corners(10, 10, 15, 100, 400, 300) is None  # 5 px wide: a slip, not a hotspot


def test_moving_keeps_the_hotspot_inside_the_image() -> None:
    r = Rect(10, 20, 100, 50)
    assert moved(r, 5, -3, 400, 300) == Rect(15, 17, 100, 50)
    assert moved(r, -50, -50, 400, 300) == Rect(0, 0, 100, 50)
    assert moved(r, 1000, 1000, 400, 300) == Rect(300, 250, 100, 50)


def test_resizing_drags_only_the_handles_edges_and_never_flips() -> None:
    r = Rect(100, 100, 100, 50)
    assert resized(r, Handle.BOTTOM_RIGHT, 20, 10, 400, 300) == Rect(100, 100, 120, 60)
    assert resized(r, Handle.TOP_LEFT, -30, -40, 400, 300) == Rect(70, 60, 130, 90)
    assert resized(r, Handle.LEFT, 500, 0, 400, 300) == Rect(192, 100, 8, 50)
    assert resized(r, Handle.TOP, 0, -500, 400, 300) == Rect(100, 0, 100, 150)
    assert resized(r, Handle.RIGHT, 0, 99, 400, 300) == Rect(100, 100, 100, 50)


# ---- commands, undo and redo --------------------------------------------------------------------------------

def test_every_edit_is_undone_and_redone_exactly(tmp_path: Path) -> None:
    editor = Editor(open_folder(_three_screens(tmp_path / "flow")).prototype)
    assert list(editor.prototype.screens) == ["1-home", "form-2x", "potvrda"]
    start = editor.prototype
    assert not editor.dirty and not editor.can_undo
    hid = editor.add_hotspot("1-home", Rect(10, 20, 100, 40))
    assert hid == "1-home-1"
    assert editor.prototype.screen("1-home").hotspots == (Hotspot("1-home-1", Rect(10, 20, 100, 40), Action.GO, ""),)
    editor.set_rect(hid, Rect(30, 40, 120, 60))
    editor.nudge(hid, 10, -1)
    editor.link(hid, "form-2x")
    editor.rename_hotspot(hid, "apply")
    editor.rename_screen("form-2x", "form")
    after = editor.prototype
    assert after.screen("1-home").hotspots == (Hotspot("apply", Rect(40, 39, 120, 60), Action.GO, "form"),)
    assert list(after.screens) == ["1-home", "form", "potvrda"]
    assert editor.dirty
    states = []
    while editor.undo():
        states.append(editor.prototype)
    assert editor.prototype == start and not editor.dirty
    assert states[0].screen("1-home").hotspots[0].target == "form-2x"  # the rename undone, the link follows back
    assert states[1].screen("1-home").hotspots[0].id == "1-home-1"
    assert states[2].screen("1-home").hotspots[0].target == ""
    assert states[3].screen("1-home").hotspots[0].rect == Rect(30, 40, 120, 60)
    while editor.redo():
        pass
    assert editor.prototype == after


def test_back_goal_delete_and_undo_put_the_hotspot_back_in_its_place(tmp_path: Path) -> None:
    editor = Editor(open_folder(_three_screens(tmp_path / "flow")).prototype)
    first = editor.add_hotspot("form-2x", Rect(0, 0, 50, 50))
    second = editor.add_hotspot("form-2x", Rect(60, 0, 50, 50))
    editor.make_back(first)
    editor.make_goal(second)
    assert [(h.action, h.target) for h in editor.prototype.screen("form-2x").hotspots] == \
        [(Action.BACK, ""), (Action.GOAL, "")]
    editor.delete_hotspot(first)
    assert [h.id for h in editor.prototype.screen("form-2x").hotspots] == [second]
    editor.undo()
    assert [h.id for h in editor.prototype.screen("form-2x").hotspots] == [first, second]


def test_a_change_after_undo_drops_the_redo_branch_and_the_saved_mark(tmp_path: Path) -> None:
    editor = Editor(open_folder(_three_screens(tmp_path / "flow")).prototype)
    hid = editor.add_hotspot("1-home", Rect(0, 0, 50, 50))
    editor.mark_saved()
    editor.undo()
    assert editor.dirty and editor.can_redo
    editor.add_hotspot("potvrda", Rect(0, 0, 50, 50))
    assert not editor.can_redo
    editor.undo()
    assert editor.dirty, "the saved state (with the first hotspot) can no longer be reached"
    assert editor.prototype.hotspot(hid) is None


def test_ids_are_checked_before_a_rename(tmp_path: Path) -> None:
    editor = Editor(open_folder(_three_screens(tmp_path / "flow")).prototype)
    hid = editor.add_hotspot("1-home", Rect(0, 0, 50, 50))
    with pytest.raises(EditError) as bad:
        editor.rename_hotspot(hid, "Send Now")
    assert bad.value.key == "editor.error_bad_id" and bad.value.values["suggestion"] == "send-now"
    with pytest.raises(EditError) as taken:
        editor.rename_screen("1-home", "potvrda")
    assert taken.value.key == "editor.error_id_taken"
    with pytest.raises(EditError):
        editor.link(hid, "nowhere")
    assert not editor.can_undo or len(editor.prototype.screen("1-home").hotspots) == 1


# ---- opening a folder, saving, round trip -------------------------------------------------------------------

def test_a_saved_flow_loads_back_as_the_same_prototype(tmp_path: Path) -> None:
    folder = _three_screens(tmp_path / "flow")
    editor = Editor(open_folder(folder).prototype)
    editor.rename_screen("1-home", "home")
    a = editor.add_hotspot("home", Rect(10, 200, 150, 60))
    editor.link(a, "form-2x")
    b = editor.add_hotspot("form-2x", Rect(10, 10, 80, 40))
    editor.make_back(b)
    c = editor.add_hotspot("form-2x", Rect(200, 220, 180, 60))
    editor.link(c, "potvrda")
    d = editor.add_hotspot("potvrda", Rect(100, 100, 200, 50))
    editor.make_goal(d)
    path = save(editor.prototype)
    assert path == folder / "prototype.toml"
    assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == []  # no temporary file left
    assert load_prototype(folder) == editor.prototype
    assert open_folder(folder).prototype == editor.prototype
    text = path.read_text(encoding="utf-8")
    assert text.index('id = "home"') < text.index('id = "form-2x"') < text.index('id = "potvrda"')
    assert '  rect = [10, 200, 150, 60]\n  go = "form-2x"\n' in text
    assert "  back = true\n" in text and "  goal = true\n" in text


def test_an_existing_file_keeps_its_order_header_titles_and_language_images(tmp_path: Path) -> None:
    folder = farm_prototype(tmp_path / "farm", "# The farm prototype\n# by the design team\n\n" + FARM_TOML.replace(
        'image = "home.png"\n', 'image = "home.png"\nimages = { en = "home.en.png" }\ntitle = { en = "Home" }\n'))
    write_png(folder / "home.en.png", 1280, 800)
    write_png(folder / "extra.png", 1280, 800)
    write_png(folder / "form.en.png", 1280, 800)
    opened = open_folder(folder)
    assert opened.had_file and not opened.comments_dropped and opened.skipped == ()
    assert opened.header == "# The farm prototype\n# by the design team\n"
    assert list(opened.prototype.screens) == ["home", "form", "help", "sent", "extra"]
    assert opened.prototype.screen("form").images == {"en": "form.en.png"}
    save(opened.prototype, opened.header)
    text = (folder / "prototype.toml").read_text(encoding="utf-8")
    assert text.startswith("# The farm prototype\n# by the design team\n\n[prototype]\n")
    assert load_prototype(folder) == opened.prototype


def test_comments_further_down_are_reported_as_not_kept(tmp_path: Path) -> None:
    folder = farm_prototype(tmp_path / "farm", FARM_TOML.replace('go = "form"', 'go = "form"  # the main way'))
    assert open_folder(folder).comments_dropped


def test_a_save_that_fails_leaves_the_old_file_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = farm_prototype(tmp_path / "farm")
    before = (folder / "prototype.toml").read_bytes()
    editor = Editor(open_folder(folder).prototype)
    editor.delete_hotspot("apply")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(EditError) as failed:
        save(editor.prototype)
    assert failed.value.key == "editor.error_save" and "No space" in str(failed.value)
    assert (folder / "prototype.toml").read_bytes() == before
    assert sorted(p.name for p in folder.iterdir() if p.suffix == ".tmp") == []


def test_a_folder_without_images_or_with_broken_toml_is_refused(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(EditError) as empty:
        open_folder(tmp_path / "empty")
    assert empty.value.key == "editor.error_no_images"
    folder = farm_prototype(tmp_path / "farm", "[prototype\n")
    with pytest.raises(EditError) as broken:
        open_folder(folder)
    assert broken.value.key == "editor.error_unreadable" and "line 1" in str(broken.value)


# ---- live checks: the same code as `ux-kiosk check` ---------------------------------------------------------

def test_the_checks_name_each_problem_at_its_hotspot(tmp_path: Path) -> None:
    folder = farm_prototype(tmp_path / "farm", FARM_TOML.replace("rect = [100, 300, 500, 100]",
                                                                 "rect = [1000, 300, 500, 100]")
                            .replace('go = "sent"', 'go = "gone"'))
    opened = open_folder(folder)
    assert opened.prototype.screen("sent").hotspots[0].rect == Rect(1000, 300, 500, 100)  # kept, to be fixed
    editor = Editor(opened.prototype)
    assert editor.add_hotspot("help", Rect(0, 0, 40, 40)) == "help-3"
    (folder / "help.png").unlink()
    found = {(p.key, p.screen, p.hotspot) for p in check_draft(editor.prototype, start="home")}
    assert found == {("editor.check_outside", "sent", "receipt"), ("editor.check_missing_screen", "form", "send"),
                     ("editor.check_unlinked", "help", "help-3"), ("editor.check_image", "help", None),
                     ("editor.check_goal_unreachable", "sent", "receipt")}
    with pytest.raises(PlanError):
        load_prototype(folder)  # and `check` agrees there is something to fix


def test_a_clean_prototype_has_no_problems_and_reachability_follows_the_start(tmp_path: Path) -> None:
    prototype = open_folder(farm_prototype(tmp_path / "farm")).prototype
    assert check_draft(prototype, start="home") == []
    assert [p.key for p in check_draft(prototype, start="help")] == []  # help → form → sent
    editor = Editor(prototype)
    editor.delete_hotspot("help-form")
    assert [(p.key, p.values["start"]) for p in check_draft(editor.prototype, start="help")] == \
        [("editor.check_goal_unreachable", "help")]
    assert to_toml(editor.prototype).count("[[screens]]") == 4


def test_a_fresh_export_with_language_images_opens_them_as_one_screen(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    for name in ("home.png", "home.en.png", "home.sr-Cyrl.png", "form.jpg", "form.en.jpg", "v1.2.png"):
        write_png(folder / name, 640, 400)  # PNG bytes under a .jpg name: read by content, as the loader does
    opened = open_folder(folder)
    assert list(opened.prototype.screens) == ["form", "home", "v1-2"]
    assert opened.prototype.screen("home").images == {"en": "home.en.png", "sr-Cyrl": "home.sr-Cyrl.png"}
    assert opened.prototype.screen("form").images == {"en": "form.en.jpg"}
    assert not opened.had_file and opened.header.startswith("# Hotspots")
