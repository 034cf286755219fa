"""A folder of exported screens as an editable prototype, and writing it back as ``prototype.toml``.

Opening is forgiving where ``load_prototype`` is strict: a hotspot outside its image or a link to a
missing screen is kept, so the facilitator can see and fix it in the editor (the editor's checks name
it). Every image in the folder not yet used becomes a screen, its id made from the file name, so a
fresh export from Figma or Penpot opens with one screen per frame. Saving writes a temporary file and
renames it over the old one, so a crash mid-save never leaves half a file.

Comments: the block of comment lines at the top of an existing file is kept; comments further down are
not (keeping them needs a TOML editor library this project does not ship), and the editor says so.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.i18n import LocalText
from kiosk.prototype.editing import EditError, make_id, unique_id
from kiosk.prototype.images import IMAGE_SUFFIXES, UnreadableImage, image_size
from kiosk.prototype.model import Action, Hotspot, Prototype, Rect, Screen

PROTOTYPE_FILE = "prototype.toml"
DEFAULT_HEADER = "# Hotspots of this prototype's screens, saved by the ux-kiosk hotspot editor.\n"
_LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[A-Z][a-z]{3})?$")
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


@dataclass(frozen=True)
class OpenedFolder:
    prototype: Prototype
    header: str  # the comment lines at the top of the existing file, written back as they were
    had_file: bool
    comments_dropped: bool  # the file has comments below its header, which saving will not keep
    skipped: tuple[str, ...] = ()  # entries of the file that could not be read (dropped on save)


def _size(folder: Path, name: str) -> tuple[int, int]:
    try:
        return image_size(folder / name)
    except (OSError, UnreadableImage):
        return 0, 0  # missing or unreadable: the editor's checks say so


def _header(text: str) -> tuple[str, bool]:
    lines = text.splitlines(keepends=True)
    head: list[str] = []
    for line in lines:
        if line.lstrip().startswith("#") or (head and not line.strip()):
            head.append(line)
        else:
            break
    while head and not head[-1].strip():
        head.pop()
    rest = lines[len(head):]
    dropped = any("#" in line for line in rest)  # a rough test: a '#' inside a string also counts
    return "".join(head), dropped


def _read_rect(value: Any) -> Rect | None:
    if isinstance(value, list) and len(value) == 4 and all(type(v) is int for v in value):
        return Rect(*value)
    return None


def _read_file(folder: Path, text: str) -> tuple[str, list[Screen], list[str]]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise EditError(f"{folder / PROTOTYPE_FILE}: {exc}", key="editor.error_unreadable",
                        file=str(folder / PROTOTYPE_FILE), detail=str(exc)) from None
    head = data.get("prototype")
    prototype_id = head.get("id") if isinstance(head, Mapping) else None
    screens: list[Screen] = []
    skipped: list[str] = []
    taken: set[str] = set()
    raw_screens = data.get("screens")
    for i, item in enumerate(raw_screens if isinstance(raw_screens, list) else []):
        if not isinstance(item, Mapping) or not isinstance(item.get("image"), str):
            skipped.append(f"screens[{i}]")
            continue
        image = item["image"]
        sid = unique_id(make_id(str(item.get("id") or Path(image).stem)), taken)
        taken.add(sid)
        images = {str(k): v for k, v in (item.get("images") or {}).items() if isinstance(v, str)} \
            if isinstance(item.get("images"), Mapping) else {}
        title = {str(k): v for k, v in item["title"].items() if isinstance(v, str)} \
            if isinstance(item.get("title"), Mapping) else {}
        hotspots = []
        raw_hotspots = item.get("hotspots")
        for j, spot in enumerate(raw_hotspots if isinstance(raw_hotspots, list) else []):
            rect = _read_rect(spot.get("rect")) if isinstance(spot, Mapping) else None
            if rect is None or not isinstance(spot.get("id"), str):
                skipped.append(f"screens[{i}].hotspots[{j}]")
                continue
            hid = unique_id(make_id(spot["id"]), taken)
            taken.add(hid)
            if spot.get("back") is True:
                hotspots.append(Hotspot(hid, rect, Action.BACK))
            elif spot.get("goal") is True:
                hotspots.append(Hotspot(hid, rect, Action.GOAL))
            else:
                go = spot.get("go")
                hotspots.append(Hotspot(hid, rect, Action.GO, go if isinstance(go, str) else ""))
        width, height = _size(folder, image)
        screens.append(Screen(sid, image, width, height, tuple(hotspots), images, LocalText(title)))
    return (prototype_id if isinstance(prototype_id, str) else ""), screens, skipped


def open_folder(folder: Path) -> OpenedFolder:
    """The folder's prototype.toml (if any), plus one new screen for every image it does not use yet."""
    folder = Path(folder)
    if not folder.is_dir():
        raise EditError(f"{folder} is not a folder", key="editor.error_not_folder", folder=str(folder))
    path = folder / PROTOTYPE_FILE
    header, dropped, prototype_id = DEFAULT_HEADER, False, ""
    screens: list[Screen] = []
    skipped: list[str] = []
    had_file = path.is_file()
    if had_file:
        text = path.read_bytes().decode("utf-8-sig", errors="replace")
        header, dropped = _header(text)
        prototype_id, screens, skipped = _read_file(folder, text)
    used = {s.image for s in screens} | {name for s in screens for name in s.images.values()}
    files = sorted(p.name for p in folder.iterdir() if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES)
    taken = {s.id for s in screens} | {h.id for s in screens for h in s.hotspots}
    stems = {Path(name).stem for name in files} | {Path(s.image).stem for s in screens}

    def language_of(name: str) -> tuple[str, str] | None:
        """("home", "en") for "home.en.png" when a "home" image exists: that screen's English image."""
        base, _, tag = Path(name).stem.rpartition(".")
        return (base, tag) if base in stems and _LANGUAGE_TAG.match(tag) else None

    new = [name for name in files if name not in used]
    for name in [n for n in new if language_of(n) is None]:  # every screen first, then its languages
        sid = unique_id(make_id(Path(name).stem), taken)
        taken.add(sid)
        width, height = _size(folder, name)
        screens.append(Screen(sid, name, width, height))
    for name in [n for n in new if language_of(n) is not None]:
        base, tag = language_of(name) or ("", "")
        owner = next((s for s in screens if Path(s.image).stem == base), None)
        if owner is None:  # "home" is only another screen's language image: this one stands alone
            sid = unique_id(make_id(Path(name).stem), taken)
            taken.add(sid)
            screens.append(Screen(sid, name, *_size(folder, name)))
        elif tag not in owner.images:  # else the file names another image for this language: leave this one
            screens[screens.index(owner)] = Screen(owner.id, owner.image, owner.width, owner.height,
                                                   owner.hotspots, {**owner.images, tag: name}, owner.title)
    if not screens:
        raise EditError(f"no PNG or JPEG images in {folder}", key="editor.error_no_images", folder=str(folder))
    prototype = Prototype(prototype_id or make_id(folder.name), folder, {s.id: s for s in screens})
    return OpenedFolder(prototype, header, had_file, dropped, tuple(skipped))


def _string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def _inline(table: Mapping[str, str]) -> str:
    items = ", ".join(f"{k if _BARE_KEY.match(k) else _string(k)} = {_string(v)}" for k, v in table.items())
    return "{ " + items + " }"


def to_toml(prototype: Prototype, header: str = DEFAULT_HEADER) -> str:
    """prototype.toml as ``load_prototype`` reads it, in the editor's order of screens and hotspots."""
    out = [header.rstrip("\n") + "\n\n" if header.strip() else "", "[prototype]\n", f"id = {_string(prototype.id)}\n"]
    for screen in prototype.screens.values():
        out += ["\n[[screens]]\n", f"id = {_string(screen.id)}\n", f"image = {_string(screen.image)}\n"]
        if screen.images:
            out.append(f"images = {_inline(screen.images)}\n")
        if screen.title.values:
            out.append(f"title = {_inline(dict(screen.title.values))}\n")
        for hotspot in screen.hotspots:
            r = hotspot.rect
            out += ["\n  [[screens.hotspots]]\n", f"  id = {_string(hotspot.id)}\n",
                    f"  rect = [{r.x}, {r.y}, {r.width}, {r.height}]\n"]
            if hotspot.action is Action.GO:
                out.append(f"  go = {_string(hotspot.target)}\n")
            else:
                out.append(f"  {hotspot.action.value} = true\n")
    return "".join(out)


def save(prototype: Prototype, header: str = DEFAULT_HEADER) -> Path:
    """Write ``prototype.toml`` atomically: a temporary file beside it, flushed to disk, renamed over it."""
    path = prototype.folder / PROTOTYPE_FILE
    data = to_toml(prototype, header).encode("utf-8")
    try:
        fd, temp = tempfile.mkstemp(dir=prototype.folder, prefix=".prototype.", suffix=".toml.tmp")
    except OSError as exc:
        raise EditError(f"cannot save {path}: {exc.strerror or exc}", key="editor.error_save", file=str(path),
                        detail=str(exc.strerror or exc)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(temp, path.stat().st_mode & 0o777)
        else:
            os.chmod(temp, 0o644)
        os.replace(temp, path)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise EditError(f"cannot save {path}: {exc.strerror or exc}", key="editor.error_save", file=str(path),
                        detail=str(exc.strerror or exc)) from None
    if hasattr(os, "O_DIRECTORY"):  # the rename itself reaches the disk (POSIX)
        dir_fd = os.open(prototype.folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    return path
