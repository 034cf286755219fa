"""A help call the facilitator cannot miss: a banner on the console, and a quiet cue on the participant's
screen for one-screen sessions, where the console is hidden. Both stay until the facilitator acknowledges.

The cue is deliberately small and calm (an amber dot in the blank top-left corner, away from every button):
the participant already sees "help is on the way"; the cue is for the facilitator across the room.
"""

from __future__ import annotations

from PySide6 import QtCore  # QtCore.Qt and QEvent looked up when used: building their enums is not for start
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from kiosk.qt.console.widgets import button

ACKNOWLEDGE_KEY = "F9"


def alert_sound() -> None:
    """A short system beep; with no sound card or no audio server it does nothing, and never raises."""
    try:
        QApplication.beep()
    except Exception:  # noqa: BLE001 - an alert sound must never break the console
        pass


class HelpBanner(QFrame):
    """A high-contrast bar across the console with the Acknowledge button beside the message."""

    def __init__(self, acknowledge_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpBanner")
        self.setStyleSheet("QFrame#helpBanner { background: #FFD400; border: 3px solid #111; }"
                           "QFrame#helpBanner QLabel { color: #111; font-size: 14pt; font-weight: bold; }")
        row = QHBoxLayout(self)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.acknowledge_button: QPushButton = button(acknowledge_text, ACKNOWLEDGE_KEY)
        # Acknowledge sits on the left: when the banner goes, the status line moves up into its place, and
        # the second tap of a double tap must land on the step's name, not on Continue at the right.
        row.addWidget(self.acknowledge_button)
        row.addWidget(self.label, 1)
        self.hide()

    def show_call(self, text: str) -> None:
        self.label.setText(text)
        self.label.setAccessibleName(text)
        self.show()


class HelpCue(QLabel):
    """An amber dot laid over the participant window's blank top-left corner (the facilitator's hidden tap
    target, which it lets taps through to): no words for the participant to worry about, nothing covered,
    and a sign the facilitator knows from across the room. Its accessible name says what it means."""

    SIZE = 28

    def __init__(self, parent: QWidget, anchor: QWidget | None = None) -> None:
        super().__init__(parent)
        self.anchor = anchor
        self.setObjectName("helpCue")
        self.setAttribute(QtCore.Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setFixedSize(self.SIZE, self.SIZE)
        self.setStyleSheet(f"QLabel#helpCue {{ background: #F2B600; border: 3px solid #7A5C00;"
                           f" border-radius: {self.SIZE // 2}px; }}")
        parent.installEventFilter(self)
        self.hide()

    def show_cue(self, text: str) -> None:
        self.setAccessibleName(text)
        self.setToolTip(text)
        self._place()
        self.show()
        self.raise_()

    def _place(self) -> None:
        if self.anchor is not None:
            centre = self.anchor.geometry().center()
            self.move(centre.x() - self.SIZE // 2, centre.y() - self.SIZE // 2)
        else:
            self.move(8, 8)

    def eventFilter(self, watched, event) -> bool:
        if event.type() in (QtCore.QEvent.Type.Resize, QtCore.QEvent.Type.LayoutRequest,
                             QtCore.QEvent.Type.Show) and self.isVisible():
            self._place()
        return False
