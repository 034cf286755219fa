"""The session page's timeline: a list that keeps its newest entry in view.

Apart from ``widgets`` (which the start page uses) because Qt's list view types cost about 1.5 ms to make,
and the start page, built before the console first shows, has no list (issue 8). ``QtCore.Qt`` is looked up
when used: building Qt's enum namespace costs about 20 ms.
"""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractItemView, QListView, QListWidget


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
