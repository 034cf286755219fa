"""Small console building blocks, so every field and button gets its accessible name the same way.

``QtCore.Qt`` is looked up when used, not imported: building Qt's enum namespace costs about 20 ms, and
the start page, built before the console first shows, needs none of it (issue 8).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtCore
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QLabel, QLineEdit, QListView, QListWidget, QPushButton,
                               QWidget)


def review_note() -> QLabel:
    """An amber note that a consent text was not reviewed by a native speaker (hidden until there is one)."""
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("background: #FFF4CC; color: #111; border-left: 6px solid #B36B00; padding: 6px;"
                        " font-weight: bold;")
    label.hide()
    return label


def button(text: str, shortcut: str | None = None) -> QPushButton:
    """A push button named for screen readers; its shortcut is shown in the label and the tooltip."""
    widget = QPushButton(f"{text}  [{shortcut}]" if shortcut else text)
    widget.setAccessibleName(text)
    if shortcut:
        widget.setToolTip(shortcut)
    return widget


def line_edit(prompt: str, placeholder: bool = True) -> QLineEdit:
    edit = QLineEdit()
    edit.setAccessibleName(prompt)
    if placeholder:
        edit.setPlaceholderText(prompt)
    return edit


def field_row(prompt: str, action: str, on_action: Callable[[], None]) -> tuple[QWidget, QLineEdit, QPushButton]:
    """A text field with its action button beside it, as one panel that can be shown or hidden."""
    panel = QWidget()
    row = QHBoxLayout(panel)
    row.setContentsMargins(0, 0, 0, 0)
    edit = line_edit(prompt)
    act = button(action)
    act.clicked.connect(on_action)
    edit.returnPressed.connect(on_action)
    row.addWidget(edit, 1)
    row.addWidget(act)
    return panel, edit, act


class FollowingList(QListWidget):
    """A timeline that wraps long lines and keeps the newest entry in view, also when it is first shown
    (after Resume the list was filled while hidden and showed its oldest entries).

    Its vertical scroll bar is always there: rows added while the console was hidden (the participant's
    window over it) were sized at the width without the bar, and when the bar appeared the long ones wrapped
    over the next row (issue 10, second run). A constant width, and a fresh layout on show, keep every row
    as tall as its wrapped text.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setTextElideMode(QtCore.Qt.TextElideMode.ElideNone)

    def follow(self) -> None:
        """Scroll to the newest entry now and once more after the pending layout pass has sized the items."""
        self.scrollToBottom()
        QTimer.singleShot(0, self, self.scrollToBottom)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.scheduleDelayedItemsLayout()  # rows added while hidden: sized again at the width shown
        self.follow()

    def resizeEvent(self, event) -> None:
        bar = self.verticalScrollBar()
        at_end = bar.value() >= bar.maximum() - 2
        super().resizeEvent(event)
        if at_end:
            self.follow()
