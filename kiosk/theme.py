"""Participant themes as data (colours and minimum sizes), with the WCAG contrast arithmetic.

Kept free of Qt so the accessibility rules (7:1 text contrast, 18 pt, 16 mm targets) are checked
by plain tests, and the Qt stylesheet is only a rendering of these values.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, replace

from kiosk.resources import available_themes as available_themes  # listed beside the data folders (cheap to import)
from kiosk.resources import data_folder

#: foreground/background pairs that appear as text on participant screens
TEXT_PAIRS = (
    ("text", "background"), ("muted_text", "background"), ("primary_text", "primary_bg"),
    ("secondary_text", "secondary_bg"), ("selected_text", "selected_bg"), ("danger_text", "danger_bg"),
    ("muted_text", "secondary_bg"),  # a text field's placeholder, on the field's fill
)
MIN_TEXT_CONTRAST = 7.0
#: (edge, surroundings) pairs that outline a control or show where it is: a border on the page and on the control's
#: own fill, the primary, selected and danger fills on the page (their border is the fill), the focus ring, and
#: the dashed outline of a disabled button
BORDER_PAIRS = (
    ("border", "background"), ("border", "secondary_bg"), ("primary_bg", "background"), ("selected_bg", "background"),
    ("danger_bg", "background"), ("focus", "background"), ("focus", "secondary_bg"), ("muted_text", "background"),
)
#: WCAG 2.x 1.4.11: user-interface components against adjacent colours
MIN_BORDER_CONTRAST = 3.0


@dataclass(frozen=True)
class Theme:
    name: str
    colors: dict[str, str]
    body_pt: int
    heading_pt: int
    min_pt: int
    primary_target_mm: float
    min_target_mm: float
    #: the participant's text size this theme is drawn at (1.0 = the theme's own sizes; 2.0 = 200%)
    text_scale: float = 1.0
    #: the theme's own body, heading and minimum sizes, when this is a scaled copy
    own_pt: tuple[int, int, int] | None = None

    def scaled(self, factor: float) -> Theme:
        """The theme with every text size multiplied by ``factor`` (a participant's text size), rounded up so
        no text falls below ``min_pt`` × factor. Targets stay in millimetres: a finger does not grow with the text.
        Always scales the theme's own sizes, so scaling a scaled theme does not compound its rounding."""
        own = self.own_pt or (self.body_pt, self.heading_pt, self.min_pt)
        body, heading, least = (math.ceil(round(pt * factor, 6)) for pt in own)
        return replace(self, body_pt=body, heading_pt=heading, min_pt=least, text_scale=factor, own_pt=own)


def load_theme(name: str = "standard") -> Theme:
    path = data_folder("ui") / "themes" / f"{name}.toml"
    if not path.exists():
        raise ValueError(f"unknown theme {name!r}; expected one of {', '.join(available_themes())}")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    sizes = data["sizes"]
    return Theme(name=data["name"], colors=dict(data["colors"]), body_pt=sizes["body_pt"],
                 heading_pt=sizes["heading_pt"], min_pt=sizes["min_pt"],
                 primary_target_mm=sizes["primary_target_mm"], min_target_mm=sizes["min_target_mm"])


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(hex_color: str) -> float:
    h = hex_color.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2.x contrast ratio, from 1 (none) to 21 (black on white)."""
    a, b = relative_luminance(foreground), relative_luminance(background)
    light, dark = max(a, b), min(a, b)
    return (light + 0.05) / (dark + 0.05)


def contrast_problems(theme: Theme) -> list[str]:
    """Every text pair under 7:1 and every edge pair under 3:1, in words a theme's author can act on."""
    problems = []
    for pairs, least, what in ((TEXT_PAIRS, MIN_TEXT_CONTRAST, "text"), (BORDER_PAIRS, MIN_BORDER_CONTRAST, "edge")):
        for fg, bg in pairs:
            ratio = contrast_ratio(theme.colors[fg], theme.colors[bg])
            if ratio < least:
                problems.append(f"{theme.name}: {what} {fg} {theme.colors[fg]} on {bg} {theme.colors[bg]} is "
                                f"{ratio:.2f}:1, under {least:g}:1")
    return problems
