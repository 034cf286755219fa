"""Reading a prototype folder (``prototype.toml`` + screen images) and a task's use of it, with located errors.

A plan's task says ``prototype = { folder = "prototypes/farm", start = "home", goals = ["sent"] }``; the
folder holds the exported screens and ``prototype.toml`` with their hotspots (hand-written or saved by
the hotspot editor). Every problem names the file and line, as for the plan itself: a missing image, a
hotspot outside its image or leading to a missing screen, a goal that cannot be reached from the start.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kiosk.i18n import LocalText
from kiosk.prototype.graph import goal_screen, links, reachable, shortest_paths
from kiosk.prototype.images import IMAGE_SUFFIXES, UnreadableImage, image_size
from kiosk.prototype.model import Action, Hotspot, Prototype, PrototypeTask, Rect, Screen
import kiosk.study.source as toml_source
from kiosk.study.reader import ID, PlanError, Problem, Reader, kind_of

PROTOTYPE_FILE = "prototype.toml"
_TASK_KEYS = {"folder", "start", "goals", "expected_paths", "hint_after_misses", "end_on_goal"}
_SCREEN_KEYS = {"id", "image", "images", "title", "hotspots"}
_HOTSPOT_KEYS = {"id", "rect", "go", "back", "goal"}


def load_prototype(folder: Path, languages: tuple[str, ...] = (), authoring: bool = True) -> Prototype:
    """Read ``folder/prototype.toml`` and check every image it names; raise PlanError listing every problem.
    ``authoring=False``: the snapshot a session ran against (see ``load_plan_text``)."""
    path = folder / PROTOTYPE_FILE
    try:
        text = toml_source.decode(path.read_bytes())
    except OSError as exc:
        raise PlanError([Problem(str(path), None, "", f"cannot read the prototype: {exc.strerror or exc}")]) from None
    except UnicodeDecodeError:
        raise PlanError([Problem(str(path), None, "", "the file is not UTF-8; save it as UTF-8")]) from None
    prototype, problems = check_prototype_text(toml_source.strip_bom(text), folder, languages, authoring)
    if problems:
        raise PlanError(problems)
    return prototype


def check_prototype_text(text: str, folder: Path, languages: tuple[str, ...] = (),
                         authoring: bool = True) -> tuple[Prototype, list[Problem]]:
    """Every problem ``ux-kiosk check`` would find in this text as ``folder/prototype.toml``, and what was read.

    The hotspot editor checks its unsaved work with this, so the editor and ``check`` never disagree.
    """
    path = folder / PROTOTYPE_FILE
    try:
        data = toml_source.parse(text)
    except toml_source.SourceProblem as exc:
        return Prototype(folder.name, folder, {}), [Problem(str(path), exc.line, "", exc.message)]
    r = Reader(text, str(path), authoring)
    r.languages = languages
    prototype = _read_prototype(r, data, folder)
    return prototype, list(r.problems)


def _read_prototype(r: Reader, data: Mapping[str, Any], folder: Path) -> Prototype:
    head = r.table(data.get("prototype", {}), "prototype", {"id"})
    top = r.table(data, "", {"prototype", "screens"})
    prototype_id = r.text(head, "id", "prototype") or folder.name
    screens: dict[str, Screen] = {}
    raw = top.get("screens")
    if not isinstance(raw, list) or not raw:
        r.problem("screens", f"expected at least one [[screens]] section, found {kind_of(raw) if raw is not None else 'none'}")
        return Prototype(prototype_id, folder, screens)
    seen: set[str] = set()
    links: list[tuple[str, str]] = []  # (key path of a "go", its target): checked once every screen is known
    for i, item in enumerate(raw):
        screen = _read_screen(r, item, f"screens[{i}]", folder, seen, links)
        if screen is not None:
            screens[screen.id] = screen
    for where, target in links:
        if target not in screens:
            r.problem(where, f"leads to {target!r}, which is not a screen here; screens: {', '.join(screens)}")
    return Prototype(prototype_id, folder, screens)


def _read_screen(r: Reader, item: Any, path: str, folder: Path, seen: set[str],
                 links: list[tuple[str, str]]) -> Screen | None:
    table = r.table(item, path, _SCREEN_KEYS)
    screen_id = r.identifier(table, path, seen)
    image = r.text(table, "image", path)
    size = _image(r, folder, image, f"{path}.image") if image else None
    images: dict[str, str] = {}
    extra = table.get("images", {})
    if not isinstance(extra, Mapping):
        r.problem(f"{path}.images", f'expected a table of images by language, such as {{ en = "home.en.png" }}, '
                                    f"found {kind_of(extra)}")
        extra = {}
    for lang, name in extra.items():
        if not isinstance(name, str) or not name.strip():
            r.problem(f"{path}.images.{lang}", f"expected an image file name, found {kind_of(name)}")
            continue
        if not r.authoring and not (folder / name).is_file():
            # A stored snapshot (a bundle at the hub carries the images of the languages its session used):
            # a language without its image shows the screen's default image rather than losing the prototype.
            continue
        other = _image(r, folder, name, f"{path}.images.{lang}")
        if other and size and other != size:
            r.problem(f"{path}.images.{lang}", f"{name} is {other[0]}×{other[1]} pixels but {image} is "
                                               f"{size[0]}×{size[1]}: every language's image of a screen must match, "
                                               "so the hotspots fit all of them")
        images[str(lang)] = name
    title = r.local_text(table, "title", path) if "title" in table else LocalText({})
    hotspots = _read_hotspots(r, table.get("hotspots", []), path, size, seen, links)
    if not screen_id:
        return None
    # A screen whose image is missing still counts as a screen, so links to it are not reported twice.
    width, height = size or (0, 0)
    return Screen(screen_id, image, width, height, hotspots, images, title)


def _image(r: Reader, folder: Path, name: str, key_path: str) -> tuple[int, int] | None:
    file = folder / name
    if Path(name).suffix.lower() not in IMAGE_SUFFIXES:
        r.problem(key_path, f"{name!r} is not a PNG or JPEG file name")
        return None
    if not file.is_file():
        r.problem(key_path, f"the image {name} is missing from {folder}")
        return None
    try:
        return image_size(file)
    except (UnreadableImage, OSError) as exc:
        r.problem(key_path, str(exc))
        return None


def _read_hotspots(r: Reader, value: Any, path: str, size: tuple[int, int] | None,
                   seen: set[str], links: list[tuple[str, str]]) -> tuple[Hotspot, ...]:
    if not isinstance(value, list):
        r.problem(f"{path}.hotspots", f"expected a list of [[screens.hotspots]], found {kind_of(value)}")
        return ()
    hotspots = []
    for j, item in enumerate(value):
        where = f"{path}.hotspots[{j}]"
        table = r.table(item, where, _HOTSPOT_KEYS)
        hotspot_id = r.identifier(table, where, seen)  # unique across screens and hotspots: goals name either
        rect = _rect(r, table.get("rect"), f"{where}.rect", size)
        action = _action(r, table, where)
        if action and action[0] is Action.GO:
            links.append((f"{where}.go", action[1]))  # its own index, even if a hotspot before it was dropped
        if hotspot_id and rect and action:
            hotspots.append(Hotspot(hotspot_id, rect, action[0], action[1]))
    return tuple(hotspots)


def _rect(r: Reader, value: Any, path: str, size: tuple[int, int] | None) -> Rect | None:
    if not (isinstance(value, list) and len(value) == 4 and all(isinstance(v, int) and not isinstance(v, bool)
                                                                for v in value)):
        r.problem(path, f"expected [x, y, width, height] in whole image pixels, found {kind_of(value)}")
        return None
    rect = Rect(*value)
    if rect.width <= 0 or rect.height <= 0:
        r.problem(path, f"width and height must be above 0, found {rect.width}×{rect.height}")
        return None
    if size and not rect.inside(*size):
        r.problem(path, f"[{rect.x}, {rect.y}, {rect.width}, {rect.height}] reaches outside the "
                        f"{size[0]}×{size[1]} image")
        return None
    return rect


def _action(r: Reader, table: Mapping[str, Any], where: str) -> tuple[Action, str] | None:
    given = [key for key in ("go", "back", "goal") if key in table]
    if len(given) != 1:
        r.problem(where, 'a hotspot does exactly one thing: go = "screen", back = true or goal = true'
                         + (f"; found {', '.join(given)}" if given else ""))
        return None
    key = given[0]
    if key == "go":
        target = table["go"]
        if not isinstance(target, str) or not ID.match(target):
            r.problem(f"{where}.go", f"expected the id of a screen, found {kind_of(target)}")
            return None
        return Action.GO, target
    if table[key] is not True:
        r.problem(f"{where}.{key}", f"expected true, found {kind_of(table[key])}")
        return None
    return (Action.BACK if key == "back" else Action.GOAL), ""


def read_task_prototype(r: Reader, value: Any, path: str, plan_folder: Path,
                        cache: dict[Path, Prototype | None]) -> tuple[PrototypeTask, Prototype] | None:
    """A task's ``prototype = {...}``: its folder loaded once per plan, its start, goals and expected paths checked."""
    table = r.table(value, path, _TASK_KEYS)
    folder_name = r.text(table, "folder", path)
    start = r.text(table, "start", path)
    goals = table.get("goals")
    if not (isinstance(goals, list) and goals and all(isinstance(g, str) for g in goals)):
        r.problem(f"{path}.goals", f'expected a list of screen or hotspot ids, such as ["sent"], found {kind_of(goals)}')
        goals = []
    hints = table.get("hint_after_misses", 0)
    if not isinstance(hints, int) or isinstance(hints, bool) or not 0 <= hints <= 20:
        r.problem(f"{path}.hint_after_misses", f"expected 0 (never) to 20 misses, found {kind_of(hints)}")
        hints = 0
    end_on_goal = table.get("end_on_goal", True)
    if not isinstance(end_on_goal, bool):
        r.problem(f"{path}.end_on_goal", f"expected true or false, found {kind_of(end_on_goal)}")
        end_on_goal = True
    if not folder_name:
        return None
    folder = (plan_folder / folder_name).resolve()
    if not (folder / PROTOTYPE_FILE).is_file():
        # located at the plan's entry: the facilitator fixes the folder name there, not in a file that is not
        # there (the problem is not cached, so every task naming the folder gets its own line)
        missing = (f"the prototype folder {folder_name} does not exist (looked in {folder})" if not folder.is_dir()
                   else f"the prototype folder {folder_name} has no {PROTOTYPE_FILE}")
        r.problem(f"{path}.folder", missing)
        return None
    if folder not in cache:
        try:
            cache[folder] = load_prototype(folder, r.languages, r.authoring)
        except PlanError as exc:
            r.problems.extend(exc.problems)
            cache[folder] = None
    prototype = cache[folder]
    if prototype is None:
        return None
    if start not in prototype.screens:
        r.problem(f"{path}.start", f"{start!r} is not a screen of {folder_name}; screens: {', '.join(prototype.screens)}")
        return None
    can_reach = reachable(prototype, start)
    for goal in goals:
        screen = goal_screen(prototype, goal)
        if screen is None:
            r.problem(f"{path}.goals", f"{goal!r} is neither a screen nor a hotspot of {folder_name}")
        elif screen not in can_reach:
            r.problem(f"{path}.goals", f"{goal!r} cannot be reached from {start!r}: no chain of hotspots leads there")
    expected = _expected_paths(r, table.get("expected_paths"), f"{path}.expected_paths", prototype, start, tuple(goals))
    task = PrototypeTask(prototype.id, start, tuple(goals), expected, hints, end_on_goal)
    return task, prototype


def _expected_paths(r: Reader, value: Any, path: str, prototype: Prototype, start: str,
                    goals: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    if value is None:
        return tuple(shortest_paths(prototype, start, goals))
    if not (isinstance(value, list) and all(isinstance(p, list) and p and all(isinstance(s, str) for s in p)
                                            for p in value)):
        r.problem(path, f'expected a list of screen lists, such as [["home", "form", "sent"]], found {kind_of(value)}')
        return ()
    graph = links(prototype)
    ends = {goal_screen(prototype, g) for g in goals}
    for i, screens in enumerate(value):
        if screens[0] != start:
            r.problem(f"{path}[{i}]", f"starts at {screens[0]!r}, not at the task's start {start!r}")
        elif screens[-1] not in ends:
            r.problem(f"{path}[{i}]", f"ends at {screens[-1]!r}, which is not a goal's screen")
        else:
            for here, there in zip(screens, screens[1:], strict=False):
                if there not in graph.get(here, []):
                    r.problem(f"{path}[{i}]", f"no hotspot on {here!r} leads to {there!r}")
                    break
    return tuple(tuple(p) for p in value)
