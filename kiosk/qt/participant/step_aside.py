"""Step-aside mode: during a task done in another program, the participant view is a slim bar on top.

For prototypes that are not images (an HTML prototype in a browser, an app, a staging e-service), the
kiosk must leave the screen to the other program yet keep Help and "I have finished" one tap away and the
timing running. The bar stays on top, spans the bottom of the participant's screen, and cannot be closed
by the participant (closing asks for the PIN, as the full participant view does).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.qt.participant.widgets import BigButton, wrap_label
from kiosk.qt.style import mm_to_px, screen_of

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
