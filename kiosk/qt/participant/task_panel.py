"""The task's instruction, shown again over the prototype on request and closed with one tap anywhere on it.

On the player only the task title fits beside the prototype; the instruction the participant read before
starting would otherwise be gone for good (issue 10 new-user run). The panel covers the prototype while
open, so a tap meant to close it can never land on a hotspot and be logged as a tap on the service.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from kiosk.qt.participant.scrolling import touch_scrollbar_stylesheet
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
        # at large text the instruction can be taller than the prototype it covers: it scrolls inside the panel
        self.words = QScrollArea()
        self.words.setWidgetResizable(True)
        self.words.setFrameShape(QScrollArea.Shape.NoFrame)
        self.words.setMinimumHeight(mm_to_px(12, screen_of(parent)))  # not its scroll bars' height: a line will do
        self.words.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.words.setStyleSheet(touch_scrollbar_stylesheet(theme, screen_of(parent)))
        page = QWidget()
        page.setObjectName("content")
        words = QVBoxLayout(page)
        words.setContentsMargins(0, 0, 0, 0)
        words.addWidget(self.heading)
        words.addWidget(self.text)
        words.addStretch(1)
        self.words.setWidget(page)
        layout.addWidget(self.words, 1)
        layout.addWidget(self.close_button)
        self._covering: QWidget | None = None
        self.hide()

    def open_over(self, widget: QWidget) -> None:
        """Cover ``widget`` (the prototype canvas) exactly."""
        self.place_over(widget)
        self.show()
        self.raise_()
        self.shown_text.emit(f"{self.heading.text()}. {self.text.text()}")

    def place_over(self, widget: QWidget) -> None:
        """Where ``widget`` is; where that is lower than the close button and a few lines need (large text), it
        grows up over the row above the prototype, and only then down, never past the page."""
        self._covering = widget
        rect, page = widget.geometry(), (widget.parentWidget() or widget).rect()
        needed = self.minimumSizeHint().height()
        if rect.height() < needed:
            rect.setTop(max(page.top(), rect.bottom() - needed + 1))
        if rect.height() < needed:
            rect.setBottom(min(page.bottom(), rect.top() + needed - 1))
        self.setGeometry(rect)

    def event(self, event) -> bool:
        result = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest and self.isVisible() and self._covering is not None:
            self.place_over(self._covering)  # the close button wrapped onto more lines: make room for them
        return result

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
