"""Step-aside mode: during a task done in another program, the participant view is a slim bar on top.

For prototypes that are not images (an HTML prototype in a browser, an app, a staging e-service), the
kiosk must leave the screen to the other program yet keep Help and "I have finished" one tap away and the
timing running. The bar stays on top, spans the bottom of the participant's screen, and cannot be closed
by the participant (closing asks for the PIN, as the full participant view does).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QWidget

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

    def __init__(self, stylesheet: str) -> None:
        super().__init__(None, Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint
                         | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("participantRoot")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(stylesheet)
        row = QHBoxLayout(self)
        margin = mm_to_px(2, screen_of(self))
        row.setContentsMargins(margin * 2, margin, margin * 2, margin)
        self.title = wrap_label("", "body")
        row.addWidget(self.title, 1)
        self.help_button = BigButton("", "secondary", mm=16)
        self.done_button = BigButton("", "primary", mm=16)
        self.help_button.clicked.connect(self.help_requested.emit)
        self.done_button.clicked.connect(self.done_requested.emit)
        row.addWidget(self.help_button)
        row.addWidget(self.done_button)
        QShortcut(QKeySequence("Ctrl+Shift+F"), self).activated.connect(self.take_back_requested.emit)
        self._close_allowed = False

    def show_for(self, title: str, help_text: str, done_text: str, available: QRect) -> None:
        self.title.setText(title)
        self.help_button.setText(help_text)
        self.help_button.setAccessibleName(help_text)
        self.done_button.setText(done_text)
        self.done_button.setAccessibleName(done_text)
        self.setAccessibleName(title)
        self.setGeometry(bar_geometry(available, mm_to_px(BAR_MM, screen_of(self))))
        reserve_bottom_strip(self)  # X11: other windows (the browser) stop above the bar instead of under it
        self.show()
        self.raise_()

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
