"""The facilitator's hidden corner: five taps within three seconds on a blank spot ask for the PIN.

Shared by the participant window (its top-left corner) and the step-aside bar (its left end): during a
step-aside task the window's corner is the other program's, and Ctrl+Shift+F reaches only the program
that has the keyboard, so the bar needs a corner of its own (issue 10 second new-user run).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QWidget

CORNER_TAPS = 5
CORNER_WINDOW_MS = 3000


class CornerTaps(QObject):
    #: the fifth tap in a row: anyone can tap, so whoever listens asks for the PIN
    unlock_requested = Signal()

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.count = 0
        self._timer = QTimer(self, singleShot=True, interval=CORNER_WINDOW_MS)
        self._timer.timeout.connect(self.reset)

    def tapped(self) -> None:
        self.count += 1
        self._timer.start()
        if self.count >= CORNER_TAPS:
            self.reset()
            self.unlock_requested.emit()

    def released_beside(self, event: QMouseEvent, corner: QWidget) -> None:
        """A tap released on the blank margin between the screen's edge and the ``corner`` button counts as a
        corner tap: a facilitator aims for the very corner, and the button sits inside the margin."""
        reach = corner.geometry()
        if event.button() == Qt.MouseButton.LeftButton and event.position().x() <= reach.right() \
                and event.position().y() <= reach.bottom():
            self.tapped()

    def reset(self) -> None:
        self.count = 0
