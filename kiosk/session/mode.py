"""How the session uses the screens; a module of its own so the start page can offer it without the engine.

The start page needs only this enum, and importing the engine for it cost the console's first paint
its lifecycle, state, flow and metrics (issue 8).
"""

from __future__ import annotations

from enum import StrEnum


class Mode(StrEnum):
    """One screen: the device is handed over. Two screens: console on the laptop, participant on the touchscreen."""

    ONE_SCREEN = "one_screen"
    TWO_SCREENS = "two_screens"
