"""The task's instruction, shown again over the prototype on request and closed with one tap anywhere on it.

On the player only the task title fits beside the prototype; the instruction the participant read before
starting would otherwise be gone for good (issue 10 new-user run). The panel covers the prototype while
open, so a tap meant to close it can never land on a hotspot and be logged as a tap on the service.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QSizePolicy, QVBoxLayout, QWidget

from kiosk.qt.participant.widgets import BigButton, wrap_label
from kiosk.qt.style import mm_to_px, screen_of
from kiosk.theme import Theme


class TaskPanel(QFrame):
    #: the instruction was opened: its words, for speech to read aloud (issue 12)
    shown_text = Signal(str)
    closed = Signal()

    def __init__(self, parent: QWidget, theme: Theme, title: str, instructions: str, close_text: str) -> None:
        super().__init__(parent)
        self.setObjectName("taskPanel")
        c = theme.colors
        self.setStyleSheet(f"QFrame#taskPanel {{ background: {c['background']}; border: 4px solid {c['border']};"
                           " border-radius: 12px; }")
        self.setAccessibleName(title)
        layout = QVBoxLayout(self)
        margin = mm_to_px(6, screen_of(parent))
        layout.setContentsMargins(margin, margin, margin, margin)
        layout.setSpacing(mm_to_px(4, screen_of(parent)))
        self.heading = wrap_label(title, "heading")
        self.text = wrap_label(instructions, "body")
        self.close_button = BigButton(close_text, "primary", mm=16)
        self.close_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.close_button.clicked.connect(self.close_panel)
        layout.addWidget(self.heading)
        layout.addWidget(self.text)
        layout.addStretch(1)
        layout.addWidget(self.close_button)
        self.hide()

    def open_over(self, widget: QWidget) -> None:
        """Cover ``widget`` (the prototype canvas) exactly."""
        self.setGeometry(widget.geometry())
        self.show()
        self.raise_()
        self.shown_text.emit(f"{self.heading.text()}. {self.text.text()}")

    def close_panel(self) -> None:
        self.hide()
        self.closed.emit()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        """One tap anywhere on the panel closes it (the close button is there for those who look for one)."""
        if event.button() == Qt.MouseButton.LeftButton:
            self.close_panel()
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        event.accept()  # never through to the prototype underneath
