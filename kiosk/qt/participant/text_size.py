"""The participant window at the participant's text size: the theme's text sizes scaled, the fixed rows measured.

``engine.access.text_size`` is session data; this is only its rendering. Every participant text size is the
theme's × the scale (never below ``min_pt`` × scale), targets stay in millimetres, and the header and footer,
whose buttons keep their places on every screen, are measured again for the new size.
"""

from __future__ import annotations

from typing import Any

from kiosk.qt.participant.widgets import BigButton
from kiosk.qt.style import participant_stylesheet

#: every label the Next button can have: it is made wide enough for the longest word of any, so it never moves
NEXT_KEYS = ("participant.next", "participant.welcome_start", "participant.task_ready", "participant.task_done",
             "consent.confirm")
#: Back, Help, Next: fixed shares of the width; above 100% text Next's longer labels get more of it
FOOTER_SHARES, LARGE_FOOTER_SHARES = (2, 2, 3), (1, 1, 2)


class WindowSizing:
    def __init__(self, window: Any) -> None:
        """``window``: the ParticipantWindow (not imported: it imports this module)."""
        self.window = window
        self._measured_for: str | None = None

    def apply(self, scale: float) -> None:
        """Draw the window at ``scale`` (1.0 = the theme's own sizes) if it is not drawn so already."""
        window = self.window
        if window.theme.text_scale == scale:
            return
        window.theme = window.base_theme.scaled(scale)
        sheet = participant_stylesheet(window.theme)
        window.setStyleSheet(sheet)
        window.step_aside_bar.setStyleSheet(sheet)
        self._measured_for = None
        for index, share in enumerate(FOOTER_SHARES if scale <= 1 else LARGE_FOOTER_SHARES):
            window.footer.setStretch(index, share)

    def fit_footer(self, lang: str) -> None:
        """Size Next for its longest label in this language (and Back, Help, Stop for theirs) once, so
        the bottom row keeps the same places on every screen."""
        if self._measured_for == lang:
            return
        self._measured_for = lang
        window, text = self.window, self.window.catalog.text
        for button, keys in ((window.next_button, NEXT_KEYS), (window.back_button, ("participant.back",)),
                             (window.help_button, ("participant.help",))):
            widest(button, [text(lang, key) for key in keys])
        widest(window.stop_button, [text(other, "consent.stop") for other in window.language_buttons])


def widest(button: BigButton, texts: list[str]) -> None:
    """As wide as the widest word of its texts, so no label moves it or its neighbours (longer labels wrap)."""
    widths = []
    for text in texts:
        button.setText(text)
        widths.append(button.minimumSizeHint().width())
    button.setMinimumWidth(max(widths))
