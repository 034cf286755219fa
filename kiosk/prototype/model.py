"""A click-through prototype as exported screen images and the rectangles that link them (issue 10).

Design teams export their prototype's frames as PNG or JPEG (Figma, Penpot); rural centres have no
network for online prototype tools. A prototype is those images plus hotspots in *image* coordinates,
so a tap is logged where it fell on the design whatever the kiosk's screen size.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from kiosk.i18n import LocalText


@dataclass(frozen=True)
class Rect:
    """A rectangle in image pixels: left, top, width, height."""

    x: int
    y: int
    width: int
    height: int

    def contains(self, px: float, py: float) -> bool:
        """Left and top edges inside, right and bottom outside, so two touching hotspots never share a pixel."""
        return self.x <= px < self.x + self.width and self.y <= py < self.y + self.height

    def inside(self, width: int, height: int) -> bool:
        return self.x >= 0 and self.y >= 0 and self.x + self.width <= width and self.y + self.height <= height

    @property
    def centre(self) -> tuple[float, float]:
        return self.x + self.width / 2, self.y + self.height / 2


class Action(StrEnum):
    """What a hotspot does: go to a screen, go back one screen, or mark a goal without leaving the screen."""

    GO = "go"
    BACK = "back"
    GOAL = "goal"


@dataclass(frozen=True)
class Hotspot:
    id: str
    rect: Rect
    action: Action
    target: str = ""  # the screen a GO hotspot leads to


@dataclass(frozen=True)
class Screen:
    id: str
    image: str  # file name inside the prototype folder, for every language without its own
    width: int
    height: int
    hotspots: tuple[Hotspot, ...] = ()
    images: dict[str, str] = field(default_factory=dict)  # language tag → file, where text differs
    title: LocalText = field(default_factory=LocalText)

    def image_for(self, lang: str) -> str:
        """The language's own image, else Serbian Cyrillic's for Serbian Latin, else the default."""
        if lang in self.images:
            return self.images[lang]
        if lang == "sr-Latn" and "sr-Cyrl" in self.images:
            return self.images["sr-Cyrl"]
        return self.image

    def hotspot_at(self, x: float, y: float) -> Hotspot | None:
        """The hotspot under a tap; where two overlap, the one listed last (drawn on top in the editor) wins."""
        for hotspot in reversed(self.hotspots):
            if hotspot.rect.contains(x, y):
                return hotspot
        return None


@dataclass(frozen=True)
class Prototype:
    id: str
    folder: Path
    screens: dict[str, Screen]

    def screen(self, screen_id: str) -> Screen:
        return self.screens[screen_id]

    def hotspot(self, hotspot_id: str) -> tuple[Screen, Hotspot] | None:
        for screen in self.screens.values():
            for hotspot in screen.hotspots:
                if hotspot.id == hotspot_id:
                    return screen, hotspot
        return None

    def image_path(self, screen_id: str, lang: str) -> Path:
        return self.folder / self.screens[screen_id].image_for(lang)


@dataclass(frozen=True)
class PrototypeTask:
    """How one study task uses a prototype: where it starts, what counts as done, which ways were intended.

    A goal is a screen id (reaching it) or a hotspot id (tapping it: a "Send" with no screen after it).
    Expected paths are screen sequences from the start to a goal; with none given, every shortest path is
    expected, so "direct success" still means something.
    """

    prototype: str
    start: str
    goals: tuple[str, ...]
    expected_paths: tuple[tuple[str, ...], ...] = ()
    hint_after_misses: int = 0  # 0: never show hotspot hints (the default; a hint is logged as an assist)
    end_on_goal: bool = True
