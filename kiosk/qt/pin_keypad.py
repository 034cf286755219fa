"""The digits keypad under the facilitator's PIN field, for a touchscreen with no physical keyboard.

In one-screen mode the participant's touchscreen is the only screen, and the PIN that takes it back
must be typed there. The keys type into the (masked) PIN field and never take its focus; the field's
validator still refuses anything but digits and more than the PIN's length; while a lock-out runs the
field is read-only and the keys type nothing. The dialog's own confirm button sits in the grid as OK.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QWidget

from kiosk.qt.participant.keyboard import DELETE_LABEL, KeyButton, key_stylesheet
from kiosk.qt.slots import bind
from kiosk.qt.style import mm_to_px, screen_of
from kiosk.theme import Theme

#: keypad keys are taller than the keyboard's: four rows, and nothing else to fit on the dialog
KEY_HEIGHT_MM = 14


class PinKeypad(QWidget):
    """1 2 3 / 4 5 6 / 7 8 9 / Delete 0 OK, typing into ``edit``; ``confirm`` is the dialog's OK button
    (taken out of its button row first, by the dialog)."""

    def __init__(self, edit: QLineEdit, theme: Theme, delete_name: str, confirm: QPushButton,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pinKeypad")
        self.edit = edit
        self.setStyleSheet(key_stylesheet(theme))
        self.setFocusProxy(edit)  # a tap on a key leaves the focus (and Enter) in the PIN field
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(mm_to_px(2, screen_of(self)))
        self.keys: dict[str, KeyButton] = {}
        for index, digit in enumerate("1234567890"):
            key = KeyButton(digit, digit, theme, height_mm=KEY_HEIGHT_MM, parent=self)
            key.clicked.connect(bind(self.type_digit, digit))
            self.keys[digit] = key
            row, column = (3, 1) if digit == "0" else divmod(index, 3)
            grid.addWidget(key, row, column)
        self.delete_key = KeyButton(DELETE_LABEL, delete_name, theme, height_mm=KEY_HEIGHT_MM, parent=self)
        self.delete_key.clicked.connect(self.delete)
        grid.addWidget(self.delete_key, 3, 0)
        confirm.setMinimumHeight(self.delete_key.sizeHint().height())
        grid.addWidget(confirm, 3, 2)

    def set_locked(self, locked: bool) -> None:
        """During a lock-out the keys show greyed out (the field is read-only, so they would type nothing)."""
        for key in (*self.keys.values(), self.delete_key):
            key.setEnabled(not locked)

    def type_digit(self, digit: str) -> None:
        if not self.edit.isReadOnly():
            self.edit.setFocus()
            self.edit.insert(digit)  # validated: digits only, never longer than a PIN can be

    def delete(self) -> None:
        if not self.edit.isReadOnly():
            self.edit.setFocus()
            self.edit.backspace()
