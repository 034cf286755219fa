"""A screen's title typed in the hotspot editor (issue 10, second new-user run: a self-made prototype's report
showed screen ids, as the editor had no field for a title). Undoable, saved to prototype.toml, and complete in
the languages of the plan that plays the prototype, so `ux-kiosk check` accepts it."""

from __future__ import annotations

from pathlib import Path

from kiosk.i18n import LocalText
from kiosk.prototype.draft_file import open_folder, save
from kiosk.prototype.editing import Editor, title_languages
from kiosk.study import load_plan
from kiosk.study.prototypes import load_prototype
from prototype_fixtures import FARM_TOML, farm_prototype
from prototype_study import write_plan


def test_a_title_is_set_per_language_undone_redone_and_removed(tmp_path: Path) -> None:
    editor = Editor(open_folder(farm_prototype(tmp_path / "farm")).prototype)
    editor.set_title("home", "en", "  Home   page ")
    editor.set_title("home", "sr-Cyrl", "Почетна")
    assert editor.prototype.screen("home").title == LocalText({"en": "Home page", "sr-Cyrl": "Почетна"})
    editor.set_title("home", "en", "Home page")  # the same text is no change: nothing to undo
    assert editor.undo() and editor.prototype.screen("home").title == LocalText({"en": "Home page"})
    assert editor.redo() and editor.prototype.screen("home").title.get("sr-Latn") == "Početna"
    editor.set_title("home", "en", "")
    editor.set_title("home", "sr-Cyrl", " ")
    assert editor.prototype.screen("home").title == LocalText({})
    assert editor.dirty
    while editor.undo():
        pass
    assert editor.prototype.screen("home").title == LocalText({}) and not editor.dirty


def test_titles_are_saved_and_the_plan_that_plays_the_prototype_accepts_them(tmp_path: Path) -> None:
    plan = write_plan(tmp_path / "study")
    folder = tmp_path / "study" / "prototypes" / "farm"
    study = load_plan(plan)
    editor = Editor(open_folder(folder).prototype)
    languages = title_languages(editor.prototype, study.languages)
    assert "sr-Latn" not in languages and set(languages) | {"sr-Latn"} == set(study.languages)
    for lang in languages:
        editor.set_title("form", lang, {"sr-Cyrl": "Образац", "hu": "Űrlap"}.get(lang, "Form"))
    save(editor.prototype)
    text = (folder / "prototype.toml").read_text(encoding="utf-8")
    assert 'title = { ' in text and '"Образац"' in text
    assert load_prototype(folder, study.languages).screen("form").title.get("sr-Latn") == "Obrazac"
    assert load_plan(plan).prototypes["farm"].screen("form").title.get("en") == "Form"


def test_the_languages_offered_are_the_plans_then_the_files() -> None:
    from kiosk.prototype.model import Prototype, Screen

    titled = Prototype("p", Path("."), {"a": Screen("a", "a.png", 10, 10, title=LocalText({"hu": "A", "de": "A"}))})
    assert title_languages(titled, ("sr-Cyrl", "sr-Latn", "en")) == ("sr-Cyrl", "en", "de", "hu")
    assert title_languages(titled) == ("de", "hu")
    plain = Prototype("p", Path("."), {"a": Screen("a", "a.png", 10, 10)})
    assert title_languages(plain, (), "sr-Latn") == ("sr-Cyrl",)


def test_an_untitled_farm_round_trips_unchanged(tmp_path: Path) -> None:
    folder = farm_prototype(tmp_path / "farm", FARM_TOML)
    editor = Editor(open_folder(folder).prototype)
    save(editor.prototype)
    assert "title" not in (folder / "prototype.toml").read_text(encoding="utf-8")
