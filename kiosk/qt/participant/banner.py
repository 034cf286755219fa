"""The participant window's one line of news: "help is on the way", or why Next is not ready yet.

The line keeps the message's key, not its words, so a language switch redraws it in the new language
(issue 10 second run: the help line stayed Serbian after a switch to English). "Help is on the way" is
not a message of the moment but the session's state: it shows while a help call waits and goes when the
facilitator acknowledges it, whatever screen the participant is on.

On a screen whose layout must not move (the prototype player: a tap is aimed at what is drawn), the line
lies over the page instead of pushing it down, where the screen says (``banner_area``: the prototype's
title, beside "Show the task again"); it eats taps on itself, so a tap on it never reaches the prototype.
Where "help is on the way" does not fit there on one line, its first half is shown, so the line covers
no part of the prototype.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QRect
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.qt.participant.widgets import wrap_label
from kiosk.store.records import SessionStatus

HELP_KEY = "participant.help_called"
#: the first half of HELP_KEY, where the whole sentence does not fit the room kept for it
HELP_SHORT_KEY = "participant.help_called_short"
#: from this text scale on, the line above the page says only the first half of "help is on the way"
LARGE_TEXT_SCALE = 1.5


class BannerLine(QObject):
    def __init__(self, window: Any, page: QWidget) -> None:
        """``window``: the ParticipantWindow (not imported: it imports this module); ``page``: the scroll
        area whose top the line lies over when the screen must keep its place."""
        super().__init__(window)
        self.window = window
        self.page = page
        self.in_flow: QLabel = wrap_label("", "banner")  # the window puts it in its layout, above the page
        self.in_flow.hide()
        self.over: QLabel = wrap_label("", "banner")
        self.over.setParent(window)
        self.over.hide()
        self._message: tuple[str, dict[str, object]] | None = None
        self._texts = ("", "")  # the line's words, and its first half for where they do not fit
        page.installEventFilter(self)

    def say(self, key: str, **values: object) -> None:
        """A message of the moment; it goes with the next change on screen (``clear``)."""
        self._message = (key, values)
        self.update()

    def clear(self) -> None:
        self._message = None
        self.update()

    def text(self) -> str:
        """What the participant reads now ("" when no line is shown)."""
        for label in (self.in_flow, self.over):
            if not label.isHidden():
                return label.text()
        return ""

    def update(self) -> None:
        window = self.window
        text = short = ""
        if window.bridge is not None:
            engine = window.bridge.engine
            if self._message is not None:
                key, values = self._message
                text = window._t(key, **values)
            elif engine.state.help_pending and engine.state.status is SessionStatus.IN_PROGRESS:
                text, short = window._t(HELP_KEY), window._t(HELP_SHORT_KEY)
        self._texts = (text, short or text)
        keeps_place = bool(getattr(window.screen_widget, "keeps_place", False))
        for label in (self.in_flow, self.over):
            label.setText(text)
            label.setAccessibleName(text)
        if window.theme.text_scale >= LARGE_TEXT_SCALE:  # the line above the page must not eat the page
            self.in_flow.setText(self._texts[1])
        self.in_flow.setVisible(bool(text) and not keeps_place)
        self.over.setVisible(bool(text) and keeps_place)
        if not self.over.isHidden():
            window.screen_widget.installEventFilter(self)  # placed again once the page is laid out
            self._place()

    def _place(self) -> None:
        screen = self.window.screen_widget
        area = self.page.geometry()
        if screen is not None and hasattr(screen, "banner_area"):
            wanted = screen.banner_area()
            area = QRect(screen.mapTo(self.window, wanted.topLeft()), wanted.size())
        width = area.width()
        for text in self._texts:  # the whole line if it fits the room kept for it, else its first half
            self.over.setText(text)
            self.over.setAccessibleName(text)
            if self.over.heightForWidth(width) <= area.height():
                break
        self.over.setGeometry(QRect(area.x(), area.y(), width, max(area.height(), self.over.heightForWidth(width))))
        self.over.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Move) and not self.over.isHidden():
            self._place()
        return False
