"""Where the console and the participant window go on the screens there are, title bars included.

A fixed 1200x800 console plus its title bar is taller than a 1280x800 laptop, and its bottom row (Show
participant, Abandon, New session) was cut off; these functions work from the screen's available geometry
(the desktop minus task bars), so the same code fits 1280x800, 1366x768 and 1920x1080.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QWidget

PREFERRED_SIZE = (1200, 800)
#: what a desktop's title bar and borders add when the window has not been shown yet
DEFAULT_TITLE_BAR = 32
DEFAULT_BORDER = 2


def console_geometry(available: QRect, title_bar: int = DEFAULT_TITLE_BAR, border: int = DEFAULT_BORDER,
                     preferred: tuple[int, int] = PREFERRED_SIZE) -> QRect:
    """A window's client rectangle (the console's unless told): its preferred size, shrunk to what fits,
    centred in ``available``."""
    width = min(preferred[0], available.width() - 2 * border)
    height = min(preferred[1], available.height() - title_bar - border)
    x = available.x() + (available.width() - width) // 2
    y = available.y() + title_bar + (available.height() - title_bar - border - height) // 2
    return QRect(x, y, width, height)


def side_by_side(available: QRect, console_min: QSize, participant_min: QSize,
                 title_bar: int = DEFAULT_TITLE_BAR, border: int = DEFAULT_BORDER) -> tuple[QRect, QRect] | None:
    """Console on the left, participant on the right, both whole on one screen (two screens asked for, one
    present), or None when their minimum sizes do not fit beside each other: then the participant view must
    have the screen to itself, since a window over the console or past the screen's edge helps no one."""
    width = available.width() - 4 * border
    height = available.height() - title_bar - border
    if console_min.width() + participant_min.width() > width or max(console_min.height(),
                                                                        participant_min.height()) > height:
        return None
    spare = width - console_min.width() - participant_min.width()
    console_width = console_min.width() + spare // 2
    left = QRect(available.x() + border, available.y() + title_bar, console_width, height)
    right = QRect(left.right() + 1 + 2 * border, available.y() + title_bar,
                  available.right() - border - (left.right() + 1 + 2 * border) + 1, height)
    return left, right


def frame_extra(window: QWidget) -> tuple[int, int]:
    """(title bar, border) the window manager adds, once known; a safe guess before the first show."""
    frame, inner = window.frameGeometry(), window.geometry()
    if window.isVisible() and frame.height() > inner.height():
        return inner.y() - frame.y(), max(frame.bottom() - inner.bottom(), 0)
    return DEFAULT_TITLE_BAR, DEFAULT_BORDER


def fit_console(window: QWidget) -> None:
    fit_window(window, PREFERRED_SIZE)


def fit_window(window: QWidget, preferred: tuple[int, int]) -> None:
    """Any facilitator window (the hotspot editor, its test-play) at its preferred size where the screen has
    room, else shrunk to the screen with its title bar, centred."""
    screen = window.screen()
    title_bar, border = frame_extra(window)
    window.setGeometry(console_geometry(screen.availableGeometry(), title_bar, border, preferred))
