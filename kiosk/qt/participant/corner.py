"""The facilitator's hidden corner: five taps within three seconds on a blank spot ask for the PIN.

Shared by the participant window (its top-left corner) and the step-aside bar (its left end): during a
step-aside task the window's corner is the other program's, and Ctrl+Shift+F reaches only the program
that has the keyboard, so the bar needs a corner of its own (issue 10 second new-user run).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

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

    def reset(self) -> None:
        self.count = 0
