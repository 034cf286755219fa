"""Step-aside mode: during a task done in another program, the participant view is a slim bar on top.

For prototypes that are not images (an HTML prototype in a browser, an app, a staging e-service), the
kiosk must leave the screen to the other program yet keep Help and "I have finished" one tap away and the
timing running. The bar stays on top, spans the bottom of the participant's screen, and cannot be closed
by the participant (closing asks for the PIN, as the full participant view does).

A help call pressed on the bar is acknowledged on the bar ("help is on the way", as the full view says)
until the facilitator acknowledges it, or an older participant presses again. The facilitator takes the
device back with five taps on the bar's blank left end (the window's corner is the other program's now,
and Ctrl+Shift+F reaches only the program that has the keyboard).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QRect, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QGridLayout, QWidget

from kiosk.qt.participant.banner import HELP_KEY, HELP_SHORT_KEY
from kiosk.qt.participant.corner import CornerTaps
from kiosk.qt.participant.widgets import BigButton, wrap_label
from kiosk.qt.style import mm_to_px, screen_of
from kiosk.qt.x11_dock import reserve_bottom_strip
from kiosk.session.flow import Step

#: the bar's height on the glass: a 16 mm button and its margins
BAR_MM = 22


def bar_geometry(available: QRect, height: int) -> QRect:
    """Full width along the bottom edge of the screen's available area."""
    return QRect(available.x(), available.bottom() - height + 1, available.width(), height)


class StepAsideBar(QWidget):
    help_requested = Signal()
    done_requested = Signal()
    take_back_requested = Signal()
    #: five taps on the bar's blank left end: the controller asks for the PIN
    corner_unlock_requested = Signal()

    def __init__(self, stylesheet: str) -> None:
        super().__init__(None, Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint
                         | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("participantRoot")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(stylesheet)
        self.row = row = QGridLayout(self)
        margin = mm_to_px(2, screen_of(self))
        row.setContentsMargins(margin * 2, margin, margin * 2, margin)
        self.corner = BigButton("", role="corner", mm=16)
        self.corner.setAccessibleName("facilitator")
        self.corner.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.corner.setFixedWidth(mm_to_px(16, screen_of(self)))  # a fingertip, no wider: the bar's room is for words
        self.corner_taps = CornerTaps(self)
        self.corner.clicked.connect(self.corner_taps.tapped)
        self.corner_taps.unlock_requested.connect(self.corner_unlock_requested.emit)
        self.title = wrap_label("", "body")
        self.help_note = wrap_label("", "banner")
        self.help_note.hide()
        self.help_button = BigButton("", "secondary", mm=16)
        self.done_button = BigButton("", "primary", mm=16)
        self.help_button.clicked.connect(self.help_requested.emit)
        self.done_button.clicked.connect(self.done_requested.emit)
        self.two_lines: bool | None = None
        self._arrange(two_lines=False)
        QShortcut(QKeySequence("Ctrl+Shift+F"), self).activated.connect(self.take_back_requested.emit)
        self._close_allowed = False

    def show_for(self, title: str, help_text: str, done_text: str, available: QRect) -> None:
        self.title.setText(title)
        self.help_button.setText(help_text)
        self.help_button.setAccessibleName(help_text)
        self.done_button.setText(done_text)
        self.done_button.setAccessibleName(done_text)
        self.setAccessibleName(title)
        self._available = available
        self._fit_height()
        reserve_bottom_strip(self)  # X11: other windows (the browser) stop above the bar instead of under it
        self.show()
        self.raise_()

    def _arrange(self, two_lines: bool) -> None:
        """One line: corner, words, Help, I have finished. At large text on a narrow screen, two: the words over
        the buttons (each button then has half the bar), so no word is squeezed into a column of its own."""
        if two_lines == self.two_lines:
            return
        self.two_lines = two_lines
        row = self.row
        for widget in (self.corner, self.title, self.help_note, self.help_button, self.done_button):
            row.removeWidget(widget)
        row.addWidget(self.corner, 0, 0, 2 if two_lines else 1, 1)
        for words in (self.title, self.help_note):
            row.addWidget(words, 0, 1, 1, 2 if two_lines else 1)
        row.addWidget(self.help_button, 1 if two_lines else 0, 1 if two_lines else 2)
        row.addWidget(self.done_button, 1 if two_lines else 0, 2 if two_lines else 3)
        for column in range(4):
            row.setColumnStretch(column, (0, 1, 1, 0)[column] if two_lines else (0, 1, 0, 0)[column])

    def _words_width(self) -> int:
        """The width the words get in the bar as it is now arranged (measured, not laid out: laying the whole
        bar out with the longer help line would widen it past the screen)."""
        margins, spacing = self.row.contentsMargins(), self.row.horizontalSpacing()
        width = self.width() - margins.left() - margins.right() - self.corner.width() - spacing
        if not self.two_lines:
            width -= self.help_button.sizeHint().width() + self.done_button.sizeHint().width() + 2 * spacing
        return width

    def _needs_two_lines(self, width: int) -> bool:
        """Whether the buttons on one line with the words would leave the words less than a third of the bar."""
        for widget in (self.title, self.help_note):
            widget.ensurePolished()  # a hidden label has not had the stylesheet's font yet: measure with it
        margins = self.row.contentsMargins()
        spacing = self.row.horizontalSpacing() * 3 + margins.left() + margins.right()
        buttons = self.help_button.sizeHint().width() + self.done_button.sizeHint().width()
        words = max(self.title.minimumSizeHint().width(), self.help_note.minimumSizeHint().width(), width // 3)
        return self.corner.width() + buttons + words + spacing > width

    def _fit_height(self) -> None:
        """One finger tall, or as tall as its words need at a large text size (it grows up from the bottom edge)."""
        available = getattr(self, "_available", None)
        if available is None:
            return
        self._arrange(self._needs_two_lines(available.width()))
        self.row.activate()
        needed = max(mm_to_px(BAR_MM, screen_of(self)), self.minimumSizeHint().height(),
                     self.row.totalHeightForWidth(available.width()) if self.row.hasHeightForWidth() else 0)
        wanted = bar_geometry(available, needed)
        if wanted != self.geometry():
            self.setGeometry(wanted)
            if self.isVisible():
                reserve_bottom_strip(self)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # a button wrapped onto more lines: grow with it
            result = super().event(event)
            self._fit_height()
            return result
        return super().event(event)

    def show_help(self, text: str, short: str = "") -> None:
        """"Help is on the way" beside the buttons while a call waits ("" hides it). It takes the task
        title's place, and where the whole sentence does not fit on the bar's one line, ``short`` is shown:
        the bar is one finger tall, and a sentence cut off is worse than half of it."""
        self._help_texts = (text, short or text)
        self.help_note.setVisible(bool(text))
        self.title.setVisible(not text)
        self._fit_help()

    def _fit_help(self) -> None:
        text, short = getattr(self, "_help_texts", ("", ""))
        if not text:
            return
        self.help_note.setText(text)
        self.help_note.ensurePolished()
        width = self._words_width()
        if self.help_note.heightForWidth(width) > self.help_note.heightForWidth(10 ** 6):  # more than one line
            self.help_note.setText(short)
        self.help_note.setAccessibleName(self.help_note.text())

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit_help()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.corner_taps.released_beside(event, self.corner)  # the margin at the bar's very end counts too
        super().mouseReleaseEvent(event)

    def allow_close(self) -> None:
        self._close_allowed = True

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if self._close_allowed:
            event.accept()
            return
        event.ignore()
        self.take_back_requested.emit()


class StepAsideMode:
    """When the participant window steps aside for its bar, and back: kept out of the window, which has its own job.

    During a task done in another program the window steps aside for the bar on top; it comes back as it was
    (full screen or not) when the task ends, the participant stops, or the facilitator takes over.
    """

    def __init__(self, window: Any, stylesheet: str) -> None:
        """``window``: the ParticipantWindow (not imported here: it imports this module)."""
        self.window = window
        self.bar = StepAsideBar(stylesheet)
        self.bar.done_requested.connect(self._on_done)
        self.bar.help_requested.connect(self._on_help)
        self.bar.take_back_requested.connect(window.take_back_requested.emit)
        self.bar.corner_unlock_requested.connect(window.corner_unlock_requested.emit)
        self._was_full_screen = False

    def follow(self, engine) -> None:
        window = self.window
        task = engine.current_task
        aside = engine.step is Step.RUNNING and task is not None and task.step_aside and not window.overlay
        if aside and not self.bar.isVisible():
            self._was_full_screen = window.isFullScreen()
            available = (window.screen() or self.bar.screen()).availableGeometry()
            window.hide()
            self.bar.show_for(task.title.get(engine.language), window._t("participant.help"),
                              window._t("participant.task_done"), available)
        elif not aside and self.bar.isVisible():
            self.bar.hide()
            window.showFullScreen() if self._was_full_screen else window.show()
        waiting = engine.state.help_pending and aside
        self.bar.show_help(window._t(HELP_KEY) if waiting else "", window._t(HELP_SHORT_KEY))

    def refollow(self) -> None:
        """Handed back during a step-aside task: step aside again at once."""
        if self.window.bridge is not None:
            self.follow(self.window.bridge.engine)

    def _on_done(self) -> None:
        bridge = self.window.bridge
        if bridge is not None and self.window.tap_guard.accepts_tap(self.bar.done_button):
            self.window._confirm("finish")  # the window comes back to ask; "no" steps aside again

    def _on_help(self) -> None:
        bridge = self.window.bridge
        if bridge is not None:
            bridge.run(bridge.engine.request_help)
