"""A help call the facilitator cannot miss: a banner on the console, and a quiet cue on the participant's
screen for one-screen sessions, where the console is hidden. Both stay until the facilitator acknowledges.

The cue is deliberately small and calm (a soft amber dot and a short label at the top edge, away from the
buttons): the participant already sees "help is on the way"; the cue is for the facilitator across the room.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
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
        row.addWidget(self.label, 1)
        row.addWidget(self.acknowledge_button)
        self.hide()

    def show_call(self, text: str) -> None:
        self.label.setText(text)
        self.label.setAccessibleName(text)
        self.show()


class HelpCue(QLabel):
    """Laid over the participant window's top edge (not in its layout), so it moves no button."""

    def __init__(self, parent: QWidget, point_size: int) -> None:
        super().__init__(parent)
        self.setObjectName("helpCue")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setStyleSheet("QLabel#helpCue { background: #FFF4CC; color: #5A4500; border: 2px solid #C99700;"
                           f" border-radius: 12px; padding: 2px 12px; font-size: {point_size}pt; }}")
        self.hide()

    def show_cue(self, text: str) -> None:
        self.setText(f"\u25CF {text}")
        self.setAccessibleName(text)
        self.adjustSize()
        parent = self.parentWidget()
        if parent is not None:
            self.move((parent.width() - self.width()) // 2, 4)
        self.show()
        self.raise_()
