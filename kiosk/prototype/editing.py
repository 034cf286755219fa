"""Editing a prototype's hotspots as undoable commands, with no Qt: the hotspot editor's whole rule book.

The editor window only turns mouse and keys into calls here and draws the result, so every rule (where a
dragged rectangle may go, what a new hotspot is called, which ids are allowed, what undo restores) is
tested without a screen. Each change is a command that knows its own inverse (the command pattern), so
undo and redo replay exact values, never an approximate "previous state".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from enum import StrEnum

from kiosk.explained import ExplainedError
from kiosk.i18n import LocalText
from kiosk.i18n.local_text import DERIVED_LANGUAGES
from kiosk.prototype.model import Action, Hotspot, Prototype, Rect, Screen
from kiosk.translit import cyrillic_to_latin

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")  # the plan's id rule (kiosk.study.reader.ID)
#: a rectangle smaller than this (image pixels) is a slip of the mouse, not a hotspot
MIN_SIDE = 8
NUDGE, BIG_NUDGE = 1, 10


class EditError(ExplainedError):
    """A change the editor refuses, worded for the facilitator (catalog key + values)."""


class Handle(StrEnum):
    """The eight grips around a selected hotspot; each names the edges it drags."""

    TOP_LEFT = "top-left"
    TOP = "top"
    TOP_RIGHT = "top-right"
    RIGHT = "right"
    BOTTOM_RIGHT = "bottom-right"
    BOTTOM = "bottom"
    BOTTOM_LEFT = "bottom-left"
    LEFT = "left"


def make_id(name: str) -> str:
    """A valid id from any file or screen name: "Почетна страна@2x" → "pocetna-strana-2x"."""
    text = cyrillic_to_latin(name).replace("đ", "dj").replace("Đ", "Dj")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9_]+", "-", text).strip("-_")
    return text[:63].rstrip("-_") or "screen"


def unique_id(base: str, taken: set[str]) -> str:
    if base not in taken:
        return base
    n = 2
    while f"{base[:58]}-{n}" in taken:
        n += 1
    return f"{base[:58]}-{n}"


def rect_from_corners(x0: float, y0: float, x1: float, y1: float, width: int, height: int) -> Rect | None:
    """The rectangle a mouse drag spans, in whole pixels, cut to the image; None for a click or a tiny slip."""
    left, right = sorted((max(0, min(width, round(x0))), max(0, min(width, round(x1)))))
    top, bottom = sorted((max(0, min(height, round(y0))), max(0, min(height, round(y1)))))
    if right - left < MIN_SIDE or bottom - top < MIN_SIDE:
        return None
    return Rect(left, top, right - left, bottom - top)


def moved(rect: Rect, dx: float, dy: float, width: int, height: int) -> Rect:
    """The rectangle shifted by (dx, dy) but kept whole inside the image (it slides along the edge)."""
    x = max(0, min(width - rect.width, rect.x + round(dx)))
    y = max(0, min(height - rect.height, rect.y + round(dy)))
    return Rect(x, y, rect.width, rect.height)


def resized(rect: Rect, handle: Handle, dx: float, dy: float, width: int, height: int) -> Rect:
    """The rectangle with the handle's edges dragged by (dx, dy); an edge stops at the image's border and
    never closer than MIN_SIDE to the opposite edge, so a resize cannot flip or vanish the hotspot."""
    left, top, right, bottom = rect.x, rect.y, rect.x + rect.width, rect.y + rect.height
    name = handle.value
    if "left" in name:
        left = max(0, min(right - MIN_SIDE, left + round(dx)))
    if "right" in name:
        right = min(width, max(left + MIN_SIDE, right + round(dx)))
    if "top" in name:
        top = max(0, min(bottom - MIN_SIDE, top + round(dy)))
    if "bottom" in name:
        bottom = min(height, max(top + MIN_SIDE, bottom + round(dy)))
    return Rect(left, top, right - left, bottom - top)


# ---- commands: each applies to a Prototype and undoes itself exactly ------------------------------------


def _with_screen(prototype: Prototype, screen: Screen) -> Prototype:
    screens = dict(prototype.screens)
    screens[screen.id] = screen
    return replace(prototype, screens=screens)


@dataclass(frozen=True)
class AddHotspot:
    screen: str
    hotspot: Hotspot

    def apply(self, p: Prototype) -> Prototype:
        s = p.screen(self.screen)
        return _with_screen(p, replace(s, hotspots=(*s.hotspots, self.hotspot)))

    def undo(self, p: Prototype) -> Prototype:
        s = p.screen(self.screen)
        return _with_screen(p, replace(s, hotspots=tuple(h for h in s.hotspots if h.id != self.hotspot.id)))


@dataclass(frozen=True)
class DeleteHotspot:
    screen: str
    hotspot: Hotspot
    index: int  # where it was, so undo puts it back in the same place (overlaps: the last one wins a tap)

    def apply(self, p: Prototype) -> Prototype:
        s = p.screen(self.screen)
        return _with_screen(p, replace(s, hotspots=tuple(h for h in s.hotspots if h.id != self.hotspot.id)))

    def undo(self, p: Prototype) -> Prototype:
        s = p.screen(self.screen)
        items = list(s.hotspots)
        items.insert(self.index, self.hotspot)
        return _with_screen(p, replace(s, hotspots=tuple(items)))


@dataclass(frozen=True)
class ChangeHotspot:
    """A hotspot replaced by another version of itself: moved, resized, linked, made Back or Goal, renamed."""

    screen: str
    before: Hotspot
    after: Hotspot

    def _swap(self, p: Prototype, old: Hotspot, new: Hotspot) -> Prototype:
        s = p.screen(self.screen)
        return _with_screen(p, replace(s, hotspots=tuple(new if h == old else h for h in s.hotspots)))

    def apply(self, p: Prototype) -> Prototype:
        return self._swap(p, self.before, self.after)

    def undo(self, p: Prototype) -> Prototype:
        return self._swap(p, self.after, self.before)


@dataclass(frozen=True)
class RenameScreen:
    """A screen's new id; the links that led to it follow it (and only those go back on undo)."""

    old: str
    new: str
    links: tuple[str, ...]  # ids of the hotspots whose "go" named the old id

    def _rename(self, p: Prototype, old: str, new: str) -> Prototype:
        screens: dict[str, Screen] = {}
        for sid, screen in p.screens.items():
            hotspots = tuple(replace(h, target=new) if h.id in self.links else h for h in screen.hotspots)
            screen = replace(screen, id=new if sid == old else sid, hotspots=hotspots)
            screens[screen.id] = screen
        return replace(p, screens=screens)

    def apply(self, p: Prototype) -> Prototype:
        return self._rename(p, self.old, self.new)

    def undo(self, p: Prototype) -> Prototype:
        return self._rename(p, self.new, self.old)


@dataclass(frozen=True)
class ChangeTitle:
    """A screen's title (the name reports and the console show for it) in one or more languages."""

    screen: str
    before: LocalText
    after: LocalText

    def apply(self, p: Prototype) -> Prototype:
        return _with_screen(p, replace(p.screen(self.screen), title=self.after))

    def undo(self, p: Prototype) -> Prototype:
        return _with_screen(p, replace(p.screen(self.screen), title=self.before))


Command = AddHotspot | DeleteHotspot | ChangeHotspot | RenameScreen | ChangeTitle


def title_languages(prototype: Prototype, plan_languages: tuple[str, ...] = (), fallback: str = "en") -> tuple[str, ...]:
    """The languages a screen title is typed in: the plan's (a derived one such as Serbian Latin comes from
    its source, so it is never typed), then any other the file already has; with neither, ``fallback``'s.

    A title, once given, needs every language of the plan that plays the prototype (``ux-kiosk check``
    says so), so the editor offers exactly those.
    """
    typed = [DERIVED_LANGUAGES.get(lang, (lang,))[0] for lang in plan_languages]
    typed += sorted({lang for s in prototype.screens.values() for lang in s.title.values})
    typed = typed or [DERIVED_LANGUAGES.get(fallback, (fallback,))[0]]
    return tuple(dict.fromkeys(typed))


class Editor:
    """One prototype being edited: its current state, the undo and redo stacks, and whether it is saved."""

    def __init__(self, prototype: Prototype) -> None:
        self.prototype = prototype
        self._done: list[Command] = []
        self._undone: list[Command] = []
        self._saved_depth: int | None = 0  # len(_done) when last saved; None: that state is gone from undo

    # ---- state ----
    @property
    def dirty(self) -> bool:
        return self._saved_depth != len(self._done)

    def mark_saved(self) -> None:
        self._saved_depth = len(self._done)

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    def ids(self) -> set[str]:
        return set(self.prototype.screens) | {h.id for s in self.prototype.screens.values() for h in s.hotspots}

    def find(self, hotspot_id: str) -> tuple[Screen, Hotspot]:
        found = self.prototype.hotspot(hotspot_id)
        if found is None:
            raise EditError(f"no hotspot {hotspot_id!r}", key="editor.error_no_hotspot", hotspot=hotspot_id)
        return found

    # ---- history ----
    def do(self, command: Command) -> None:
        if self._saved_depth is not None and self._saved_depth > len(self._done):
            self._saved_depth = None  # the saved state was on the redo branch this change drops
        self.prototype = command.apply(self.prototype)
        self._done.append(command)
        self._undone.clear()

    def undo(self) -> bool:
        if not self._done:
            return False
        command = self._done.pop()
        self.prototype = command.undo(self.prototype)
        self._undone.append(command)
        return True

    def redo(self) -> bool:
        if not self._undone:
            return False
        command = self._undone.pop()
        self.prototype = command.apply(self.prototype)
        self._done.append(command)
        return True

    # ---- edits the window asks for ----
    def add_hotspot(self, screen_id: str, rect: Rect) -> str:
        """A new, not yet linked hotspot on top of the screen's others; returns its id (``<screen>-<n>``)."""
        taken = self.ids()
        n = len(self.prototype.screen(screen_id).hotspots) + 1
        while f"{screen_id[:58]}-{n}" in taken:
            n += 1
        hotspot = Hotspot(f"{screen_id[:58]}-{n}", rect, Action.GO, "")
        self.do(AddHotspot(screen_id, hotspot))
        return hotspot.id

    def delete_hotspot(self, hotspot_id: str) -> None:
        screen, hotspot = self.find(hotspot_id)
        self.do(DeleteHotspot(screen.id, hotspot, screen.hotspots.index(hotspot)))

    def _change(self, hotspot_id: str, **changes: object) -> None:
        screen, hotspot = self.find(hotspot_id)
        after = replace(hotspot, **changes)  # type: ignore[arg-type]
        if after != hotspot:
            self.do(ChangeHotspot(screen.id, hotspot, after))

    def set_rect(self, hotspot_id: str, rect: Rect) -> None:
        self._change(hotspot_id, rect=rect)

    def nudge(self, hotspot_id: str, dx: int, dy: int) -> None:
        """Arrow keys: move by whole pixels, staying inside the image."""
        screen, hotspot = self.find(hotspot_id)
        self.set_rect(hotspot_id, moved(hotspot.rect, dx, dy, screen.width, screen.height))

    def link(self, hotspot_id: str, target: str) -> None:
        if target not in self.prototype.screens:
            raise EditError(f"no screen {target!r}", key="editor.error_no_screen", screen=target)
        self._change(hotspot_id, action=Action.GO, target=target)

    def make_back(self, hotspot_id: str) -> None:
        self._change(hotspot_id, action=Action.BACK, target="")

    def make_goal(self, hotspot_id: str) -> None:
        self._change(hotspot_id, action=Action.GOAL, target="")

    def _new_id(self, old: str, new: str) -> str:
        new = new.strip()
        if new == old:
            return new
        if not _ID.match(new):
            raise EditError(f"{new!r} is not a valid id", key="editor.error_bad_id", id=new, suggestion=make_id(new))
        if new in self.ids():
            raise EditError(f"{new!r} is already used", key="editor.error_id_taken", id=new)
        return new

    def rename_hotspot(self, hotspot_id: str, new: str) -> None:
        self._change(hotspot_id, id=self._new_id(hotspot_id, new))

    def set_title(self, screen_id: str, lang: str, text: str) -> None:
        """One language of a screen's title; an empty text removes that language (and, the last, the title)."""
        if screen_id not in self.prototype.screens:
            raise EditError(f"no screen {screen_id!r}", key="editor.error_no_screen", screen=screen_id)
        before = self.prototype.screen(screen_id).title
        values = {k: v for k, v in before.values.items() if k != lang}
        if text.strip():
            values[lang] = " ".join(text.split())
        after = LocalText(values)
        if dict(after.values) != dict(before.values):
            self.do(ChangeTitle(screen_id, before, after))

    def rename_screen(self, screen_id: str, new: str) -> None:
        if screen_id not in self.prototype.screens:
            raise EditError(f"no screen {screen_id!r}", key="editor.error_no_screen", screen=screen_id)
        new = self._new_id(screen_id, new)
        if new == screen_id:
            return
        links = tuple(h.id for s in self.prototype.screens.values() for h in s.hotspots
                      if h.action is Action.GO and h.target == screen_id)
        self.do(RenameScreen(screen_id, new, links))
