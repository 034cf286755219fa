"""The demo study's prototype is drawn from code: its hotspots are its drawn buttons, in every language, and it
is drawn only when missing or out of date, into a writable place (issue 10, item 7)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk.qt.demo_screens import HEIGHT, SCREENS, WIDTH
from kiosk.resources import demo_plan_path
from kiosk.study import load_plan
from kiosk.study.prototypes import load_prototype

pytestmark = pytest.mark.gui

LANGUAGES = ("sr-Cyrl", "sr-Latn", "en", "hu")


@pytest.fixture
def study_copy(tmp_path: Path) -> Path:
    """A copy of the demo study folder without its drawn prototype."""
    folder = tmp_path / "demo-farm-subsidy"
    folder.mkdir()
    shutil.copyfile(demo_plan_path(), folder / "plan.toml")
    return folder / "plan.toml"


def test_the_bundled_demo_plan_loads_with_its_drawn_prototype() -> None:
    study = load_plan(demo_plan_path())
    prototype = study.prototypes["farm-subsidy"]
    assert list(prototype.screens) == ["home", "choose", "form", "review", "sent", "help", "applications", "status"]
    for screen in prototype.screens.values():
        assert (screen.width, screen.height) == (WIDTH, HEIGHT)
        assert set(screen.images) == set(study.languages) - {"sr-Cyrl"}
        for lang in study.languages:
            assert prototype.image_path(screen.id, lang).is_file()


def test_drawn_once_then_left_alone_until_something_is_missing(qapp, study_copy: Path) -> None:
    from kiosk.qt.demo_prototype import ensure_demo_prototype

    folder = study_copy.parent / "prototype"
    assert ensure_demo_prototype(folder, LANGUAGES) is True
    written = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    assert len([n for n in written if n.endswith(".png")]) == len(SCREENS) * len(LANGUAGES)
    assert ensure_demo_prototype(folder, LANGUAGES) is False
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == written
    (folder / "form.en.png").unlink()  # a file deleted by hand is drawn again, not reported as missing later
    assert ensure_demo_prototype(folder, LANGUAGES) is True
    assert (folder / "form.en.png").is_file()
    assert ensure_demo_prototype(folder, ("sr-Cyrl", "en")) is True  # the plan's languages changed
    assert "hu" not in (folder / "prototype.toml").read_text(encoding="utf-8")
    assert not (folder / "home.hu.png").exists()
    assert not list(folder.glob(".*.png")), "no half-written temporary files are left behind"


def test_every_hotspot_is_a_drawn_button_in_every_language(qapp, study_copy: Path) -> None:
    from PySide6.QtGui import QImage

    from kiosk.qt.demo_prototype import ensure_demo_prototype
    from kiosk.qt.demo_screens import SCREENS

    folder = study_copy.parent / "prototype"
    ensure_demo_prototype(folder, LANGUAGES)
    prototype = load_prototype(folder, LANGUAGES)
    linked = {b.id: b.rect for spec in SCREENS for b in spec.buttons if b.linked}
    assert {h.id: (h.rect.x, h.rect.y, h.rect.width, h.rect.height)
            for s in prototype.screens.values() for h in s.hotspots} == linked
    for screen in prototype.screens.values():
        for lang in LANGUAGES:
            image = QImage(str(prototype.image_path(screen.id, lang)))
            assert (image.width(), image.height()) == (WIDTH, HEIGHT)
            for hotspot in screen.hotspots:
                r = hotspot.rect
                cx, cy = r.x + r.width // 2, r.y + r.height // 2
                edges = {"left": ((r.x + 1, cy), (r.x - 3, cy)),
                         "right": ((r.x + r.width - 2, cy), (r.x + r.width + 2, cy)),
                         "top": ((cx, r.y + 1), (cx, r.y - 3))}
                for side, (inside, outside) in edges.items():
                    assert image.pixelColor(*inside) != image.pixelColor(*outside), (
                        f"{screen.id} ({lang}): no button edge at the {side} of hotspot {hotspot.id}")


def test_a_label_too_long_for_its_button_is_refused(qapp) -> None:
    from kiosk.qt.demo_screens import Button, ScreenSpec, Style, TextTooLong, draw_screen

    cramped = ScreenSpec("home", "home.crumb", "", (Button("x", (40, 300, 90, 40), "choose.machinery", Style.PRIMARY),),
                         lambda painter, lang: None)
    with pytest.raises(TextTooLong, match="does not fit 62×28"):
        draw_screen(cramped, "en")


def test_a_read_only_study_folder_gets_a_drawn_copy_in_the_cache(qapp, study_copy: Path, tmp_path: Path) -> None:
    """An installed app may sit in a folder nobody can write; /proc is such a place even for root."""
    from kiosk.qt.demo_prototype import ready_demo_plan

    (study_copy.parent / "prototype").symlink_to("/proc/version/prototype")
    cache = tmp_path / "cache"
    plan = ready_demo_plan(study_copy, fallback=cache)
    assert plan == cache / "demo-farm-subsidy" / "plan.toml"
    assert plan.read_bytes() == study_copy.read_bytes()
    study = load_plan(plan)
    assert [t.id for t in study.tasks if t.prototype] == ["apply-subsidy", "check-status", "download-decision"]
    assert ready_demo_plan(study_copy, fallback=cache) == plan  # the next start finds the copy current


def test_the_app_loads_the_demo_with_its_prototype(qapp) -> None:
    from kiosk.qt.app import load_studies

    studies, warnings = load_studies([])
    demo = next(s for s in studies if s.id == "demo-farm-subsidy")
    assert not warnings and "farm-subsidy" in demo.prototypes


def test_every_demo_screen_has_a_name_in_every_plan_language() -> None:
    """Reports and tables name screens by their titles; the demo had none, so its report showed `home`,
    `form` (issue 10 new-user run)."""
    from kiosk.qt.demo_prototype import ready_demo_plan
    from kiosk.study.loader import load_plan

    study = load_plan(ready_demo_plan(demo_plan_path()))
    (prototype,) = study.prototypes.values()
    for screen in prototype.screens.values():
        names = {lang: screen.title.get_or_fallback(lang) for lang in study.languages}
        assert all(names.values()) and screen.id not in names.values(), (screen.id, names)
    home = prototype.screens["home"].title
    assert (home.get_or_fallback("sr-Cyrl"), home.get_or_fallback("sr-Latn"), home.get_or_fallback("hu")) == \
        ("Почетна", "Početna", "Kezdőlap")
