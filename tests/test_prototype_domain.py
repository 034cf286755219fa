"""Prototypes as plan data (issue 10): reading a prototype folder with located errors, and following taps."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from kiosk.prototype.graph import reachable, shortest_paths
from kiosk.prototype.images import UnreadableImage, image_size
from kiosk.prototype.model import Action, PrototypeTask, Rect
from kiosk.prototype.navigation import Navigator, Tap
from kiosk.study.prototypes import load_prototype, read_task_prototype
from kiosk.study.reader import PlanError, Reader
from prototype_fixtures import FARM_TOML, farm_prototype, write_png


def test_a_rectangle_holds_its_left_and_top_edges_only() -> None:
    rect = Rect(10, 20, 30, 40)
    assert rect.contains(10, 20) and rect.contains(39.9, 59.9)
    assert not rect.contains(40, 30) and not rect.contains(20, 60) and not rect.contains(9.9, 30)
    assert rect.inside(40, 60) and not rect.inside(39, 60) and not Rect(-1, 0, 5, 5).inside(100, 100)
    assert rect.centre == (25.0, 40.0)


def test_image_sizes_come_from_the_header(tmp_path: Path) -> None:
    assert image_size(write_png(tmp_path / "a.png", 1280, 800)) == (1280, 800)
    jpeg = tmp_path / "b.jpg"  # SOI, an APP0 segment, then a baseline frame header: 600 high, 1024 wide
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00" + b"\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    jpeg.write_bytes(b"\xff\xd8" + app0 + b"\xff\xc0" + struct.pack(">HBHH", 17, 8, 600, 1024) + b"\x03" + b"\x00" * 9)
    assert image_size(jpeg) == (1024, 600)
    (tmp_path / "c.png").write_bytes(b"GIF89a......")
    with pytest.raises(UnreadableImage, match="not a PNG or JPEG"):
        image_size(tmp_path / "c.png")
    (tmp_path / "d.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00")
    with pytest.raises(UnreadableImage, match="damaged JPEG"):
        image_size(tmp_path / "d.jpg")


def test_a_prototype_folder_loads(tmp_path: Path) -> None:
    prototype = load_prototype(farm_prototype(tmp_path / "farm"))
    assert prototype.id == "farm" and list(prototype.screens) == ["home", "form", "help", "sent"]
    home = prototype.screen("home")
    assert (home.width, home.height) == (1280, 800)
    assert [(h.id, h.action, h.target) for h in home.hotspots] == [("apply", Action.GO, "form"),
                                                                   ("about", Action.GO, "help")]
    assert home.hotspot_at(100, 500).id == "apply" and home.hotspot_at(99, 500) is None
    assert prototype.screen("help").hotspots[0].action is Action.BACK
    assert prototype.screen("sent").hotspots[0].action is Action.GOAL
    assert prototype.image_path("form", "en") == tmp_path / "farm" / "form.png"


def _problems(folder: Path) -> list[str]:
    with pytest.raises(PlanError) as caught:
        load_prototype(folder)
    return [str(p) for p in caught.value.problems]


def test_every_problem_in_a_prototype_is_named_with_its_line(tmp_path: Path) -> None:
    broken = (FARM_TOML.replace('go = "sent"', 'go = "snet"')
              .replace("rect = [100, 300, 500, 100]", "rect = [1000, 300, 500, 100]")
              .replace('image = "help.png"', 'image = "hlep.png"')
              .replace('  id = "about"\n  rect = [600, 500, 300, 100]\n  go = "help"',
                       '  id = "about"\n  rect = [600, 500, 300, 100]\n  go = "help"\n  back = true'))
    folder = farm_prototype(tmp_path / "farm", broken)
    problems = _problems(folder)
    lines = {line: i + 1 for i, line in enumerate(broken.splitlines())}
    about_header = broken.splitlines().index('  id = "about"')  # the line before: its [[screens.hotspots]]
    assert problems[0].startswith(f"{folder}/prototype.toml:{about_header}: screens[0].hotspots[1]: a hotspot does "
                                  "exactly one thing: go = \"screen\", back = true or goal = true; found go, back")
    help_line = lines['image = "hlep.png"']
    assert any(p.startswith(f"{folder}/prototype.toml:{help_line}: screens[2].image: the image hlep.png is missing")
               for p in problems)
    assert any("screens[3].hotspots[0].rect: [1000, 300, 500, 100] reaches outside the 1280×800 image" in p
               for p in problems)
    assert any(p.endswith("screens[1].hotspots[0].go: leads to 'snet', which is not a screen here; screens: home, "
                          "form, help, sent") for p in problems)
    assert len(problems) == 4


def test_a_language_image_must_match_the_screen_size(tmp_path: Path) -> None:
    folder = farm_prototype(tmp_path / "farm", FARM_TOML.replace('image = "home.png"',
                                                                 'image = "home.png"\nimages = { en = "home.en.png" }'))
    write_png(folder / "home.en.png", 1280, 720)
    assert any("home.en.png is 1280×720 pixels but home.png is 1280×800" in p for p in _problems(folder))
    write_png(folder / "home.en.png", 1280, 800)
    prototype = load_prototype(folder)
    assert prototype.screen("home").image_for("en") == "home.en.png"
    assert prototype.screen("home").image_for("sr-Latn") == "home.png"


def _task(tmp_path: Path, value: dict, toml: str = FARM_TOML) -> tuple[Reader, object]:
    farm_prototype(tmp_path / "prototypes" / "farm", toml)
    r = Reader("", str(tmp_path / "plan.toml"))
    return r, read_task_prototype(r, {"folder": "prototypes/farm", **value}, "tasks[0].prototype", tmp_path, {})


def test_a_task_names_its_start_and_goals_and_gets_the_shortest_paths_as_expected(tmp_path: Path) -> None:
    r, result = _task(tmp_path, {"start": "home", "goals": ["receipt"]})
    assert r.problems == []
    task, prototype = result
    assert task == PrototypeTask("farm", "home", ("receipt",), (("home", "form", "sent"),), 0, True)
    assert reachable(prototype, "help") == {"help", "form", "sent"}


def test_two_equally_short_ways_are_both_expected(tmp_path: Path) -> None:
    r, result = _task(tmp_path, {"start": "home", "goals": ["form"]})
    task, prototype = result
    assert shortest_paths(prototype, "home", ("sent",)) == [("home", "form", "sent")]
    assert shortest_paths(prototype, "help", ("sent",)) == [("help", "form", "sent")]
    assert shortest_paths(prototype, "home", ("form", "help")) == [("home", "form"), ("home", "help")]
    assert task.expected_paths == (("home", "form"),)


def test_task_problems_unreachable_goal_bad_path_unknown_start(tmp_path: Path) -> None:
    r, result = _task(tmp_path, {"start": "sent", "goals": ["home", "nowhere"],
                                 "expected_paths": [["sent", "home"]]})
    assert result is not None
    messages = [p.message for p in r.problems]
    assert "'home' cannot be reached from 'sent': no chain of hotspots leads there" in messages
    assert "'nowhere' is neither a screen nor a hotspot of prototypes/farm" in messages
    assert "no hotspot on 'sent' leads to 'home'" in messages
    r, result = _task(tmp_path, {"start": "start", "goals": ["sent"]})
    assert result is None and r.problems[0].message.startswith("'start' is not a screen of prototypes/farm")


def _taps(navigator: Navigator, *points: tuple[float, float]) -> list[Tap]:
    return [navigator.tap(x, y, 1000 * (i + 1)) for i, (x, y) in enumerate(points)]


def test_taps_follow_hotspots_and_misses_change_nothing(tmp_path: Path) -> None:
    prototype = load_prototype(farm_prototype(tmp_path / "farm"))
    task = PrototypeTask("farm", "home", ("receipt",), (("home", "form", "sent"),))
    nav = Navigator(prototype, task)
    taps = _taps(nav, (50, 50), (150, 550), (950, 60), (30, 30), (150, 650), (200, 350))
    assert [(t.screen, t.hotspot, t.to, t.goal) for t in taps] == [
        ("home", None, "home", None), ("home", "apply", "form", None), ("form", "form-help", "help", None),
        ("help", "help-back", "form", None), ("form", "send", "sent", None), ("sent", "receipt", "sent", "receipt")]
    assert nav.goal_reached == "receipt" and nav.history == ["home", "form", "sent"]
    again = Navigator(prototype, task)
    again.replay([Tap.from_payload(t.payload()) for t in taps])
    assert again.history == nav.history and again.goal_reached == "receipt"


def test_hotspot_hints_come_only_when_asked_and_after_that_many_misses(tmp_path: Path) -> None:
    prototype = load_prototype(farm_prototype(tmp_path / "farm"))
    quiet = Navigator(prototype, PrototypeTask("farm", "home", ("sent",)))
    _taps(quiet, *[(5, 5)] * 10)
    assert not quiet.should_hint()
    hinted = Navigator(prototype, PrototypeTask("farm", "home", ("sent",), hint_after_misses=3))
    _taps(hinted, (5, 5), (5, 5))
    assert not hinted.should_hint()
    _taps(hinted, (5, 5))
    assert hinted.should_hint()
    _taps(hinted, (150, 550))
    assert not hinted.should_hint()
