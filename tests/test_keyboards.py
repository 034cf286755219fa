"""On-screen keyboard layouts as data: every language the app or a plan speaks has one, each file is checked,
a broken one is refused with where and why, and Shift capitalises digraphs as Serbian spelling does. No Qt."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.i18n import default_catalog
from kiosk.keyboards import (
    FALLBACK_LAYOUT,
    LayoutError,
    Shift,
    available_layouts,
    keyboards_folder,
    layout_for,
    load_layout,
    parse_layout,
    typed,
)
from kiosk.resources import data_folder
from kiosk.study import load_plan

ROOT = Path(__file__).resolve().parent.parent
PLANS = sorted(data_folder("sessions").glob("*/plan.toml")) + sorted((ROOT / "tests" / "plans").glob("*.toml"))

AZBUKA = "абвгдђежзијклљмнњопрстћуфхцчџш"
GAJICA = ["a", "b", "c", "č", "ć", "d", "dž", "đ", "e", "f", "g", "h", "i", "j", "k", "l", "lj", "m", "n", "nj",
          "o", "p", "r", "s", "š", "t", "u", "v", "z", "ž"]
GOOD = 'language = "xx"\nletters = ["a b c", "d e"]\nsymbols = ["1 2 3"]\n'


def test_every_shipped_layout_loads_and_is_named_for_its_language() -> None:
    names = available_layouts()
    assert {"sr-Cyrl", "sr-Latn", "hu", "en"} <= set(names)
    for name in names:
        layout = load_layout(keyboards_folder() / f"{name}.toml")
        assert layout.language == name
        assert all(len(row) for row in layout.letters) and layout.symbols


def test_every_language_the_app_ships_has_its_own_layout() -> None:
    missing = sorted(set(default_catalog().languages) - set(available_layouts()))
    assert not missing, f"add ui/keyboards/<language>.toml for {missing}"


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.parent.name if p.name == "plan.toml" else p.stem)
def test_every_plan_language_has_its_own_layout(plan: Path) -> None:
    for language in load_plan(plan).languages:
        assert layout_for(language).language == language, f"{plan}: no keyboard for {language}"


def test_each_alphabet_is_complete() -> None:
    cyrillic = layout_for("sr-Cyrl").keys()
    assert set(AZBUKA) <= cyrillic and "љ" in cyrillic and "џ" in cyrillic
    latin = layout_for("sr-Latn").keys()
    assert set(GAJICA) <= latin  # dž, lj, nj are keys of their own
    assert "l" in latin and "j" in latin  # and the single letters still type "l" then "j" where meant
    assert set("áéíóöőúüű") <= layout_for("hu").keys()
    assert set("abcdefghijklmnopqrstuvwxyz") <= layout_for("en").keys()
    for name in available_layouts():
        assert set("0123456789") <= layout_for(name).keys()


def test_a_language_without_a_layout_gets_its_base_language_or_english(tmp_path: Path) -> None:
    assert layout_for("sr-Latn-RS").language == "sr-Latn"
    assert layout_for("hu-HU").language == "hu"
    assert layout_for("de").language == FALLBACK_LAYOUT == "en"
    assert layout_for("sr").language == "en"  # no script given: no guess between Cyrillic and Latin


def test_shift_capitalises_one_key_and_caps_lock_every_key() -> None:
    assert typed("љ", Shift.OFF) == "љ"
    assert typed("љ", Shift.ONCE) == "Љ"
    assert typed("dž", Shift.ONCE) == "Dž" and typed("lj", Shift.ONCE) == "Lj" and typed("nj", Shift.ONCE) == "Nj"
    assert typed("dž", Shift.LOCKED) == "DŽ" and typed("lj", Shift.LOCKED) == "LJ"
    assert typed("ő", Shift.ONCE) == "Ő" and typed("ű", Shift.LOCKED) == "Ű"
    assert typed("7", Shift.LOCKED) == "7"
    assert Shift.OFF.tapped() is Shift.ONCE and Shift.ONCE.tapped() is Shift.LOCKED
    assert Shift.LOCKED.tapped() is Shift.OFF
    assert Shift.ONCE.after_key() is Shift.OFF and Shift.LOCKED.after_key() is Shift.LOCKED
    assert Shift.OFF.after_key() is Shift.OFF


@pytest.mark.parametrize(("text", "message"), [
    ('language = "xx"\nletters = ["a b"\n', "not valid TOML"),
    (GOOD.replace('"xx"', '"hu"'), "language: expected 'xx' (the file's name), found 'hu'"),
    (GOOD + "leters = []\n", "unknown key 'leters'"),
    (GOOD.replace('letters = ["a b c", "d e"]', "letters = []"), "letters: expected a list of 1 to 4 rows"),
    (GOOD.replace('symbols = ["1 2 3"]', 'symbols = ["1 2 3", "4", "5", "6", "7"]'), "symbols: expected a list"),
    (GOOD.replace('"d e"', "[1, 2]"), "letters[2]: expected a string of keys"),
    (GOOD.replace('"d e"', '"   "'), "letters[2]: expected 1 to 13 keys, found 0"),
    (GOOD.replace('"d e"', '"' + " ".join("abcdefghijklmn") + '"'), "letters[2]: expected 1 to 13 keys, found 14"),
    (GOOD.replace('"d e"', '"d abcd"'), "the key 'abcd' is longer than 3 characters"),
    (GOOD.replace('"d e"', '"d a"'), "letters[2]: the key 'a' is on this page twice"),
    (GOOD.replace('"d e"', '"d o\u030b"'), "decomposed"),
    (GOOD.replace('"d e"', '"d e\u200b"'), "invisible or control character U+200B"),
])
def test_a_broken_layout_is_refused_with_where_and_why(text: str, message: str) -> None:
    with pytest.raises(LayoutError) as caught:
        parse_layout(text, "xx", "ui/keyboards/xx.toml")
    assert str(caught.value).startswith("ui/keyboards/xx.toml: ")
    assert message in str(caught.value)


def test_a_digit_may_be_on_both_pages_and_a_good_file_loads(tmp_path: Path) -> None:
    (tmp_path / "xx.toml").write_text(GOOD.replace('"d e"', '"d e 1"'), encoding="utf-8")
    layout = layout_for("xx", tmp_path)
    assert layout.letters == (("a", "b", "c"), ("d", "e", "1")) and layout.symbols == (("1", "2", "3"),)


def test_an_unreadable_file_names_itself(tmp_path: Path) -> None:
    path = tmp_path / "xx.toml"
    path.write_bytes(b"\xff\xfe language")
    with pytest.raises(LayoutError, match=r"xx\.toml: cannot be read as UTF-8"):
        load_layout(path)


def test_the_readme_example_is_a_valid_layout() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### A keyboard for the new language", 1)[1]
    example = section.split("```toml\n", 1)[1].split("```", 1)[0]
    layout = parse_layout(example, "sk", "README.md")
    assert "ô" in layout.keys() and len(layout.letters) == 3
