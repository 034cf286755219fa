"""Console dialogs in the console's language: a two-step confirmation, and Qt's standard buttons translated.

PySide6 ships no Serbian translation of Qt itself, so every standard button (OK, Cancel, Yes, No) gets its
text from our catalog here; where Qt has its own file (English, Hungarian) ``kiosk.qt.translations`` loads it.
Dialogs open non-blocking (``open()``): the event loop keeps running, so the session's timers and the
participant's screen go on, and tests click them like any other widget.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtCore
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit,
                               QMessageBox, QPushButton, QVBoxLayout, QWidget)

from kiosk.i18n import Catalog
from kiosk.qt.console.widgets import line_edit
from kiosk.qt.translations import QT_LOCALES as QT_LOCALES  # where callers have looked for them
from kiosk.qt.translations import load_qt_translations as load_qt_translations

_Std = QDialogButtonBox.StandardButton
STANDARD_BUTTON_KEYS = {_Std.Ok: "console_flow.button_ok", _Std.Cancel: "console_flow.button_cancel",
                        _Std.Yes: "console_flow.button_yes", _Std.No: "console_flow.button_no",
                        _Std.Close: "console_flow.button_close", _Std.Save: "console_flow.button_save"}


def translate_buttons(box: QDialogButtonBox | QMessageBox, catalog: Catalog, lang: str) -> None:
    """Give the standard buttons of ``box`` their text (and accessible name) from our catalog."""
    for standard, key in STANDARD_BUTTON_KEYS.items():
        found = box.button(standard) if isinstance(box, QDialogButtonBox) else \
            box.button(QMessageBox.StandardButton(standard.value))
        if found is not None:
            found.setText(catalog.text(lang, key))
            found.setAccessibleName(found.text())


class ConfirmDialog(QDialog):
    """Two deliberate steps for anything that ends or deletes: the safe choice is first, focused and the
    default (Enter and Escape both choose it); the other choice sits at the far end of the row and wakes
    only ``ACT_GUARD_MS`` after the dialog opens, so the second click of a double click that opened the
    dialog cannot also answer it."""

    ACT_GUARD_MS = 500

    def __init__(self, parent: QWidget, title: str, text: str, safe_text: str, act_text: str,
                 reason_prompt: str | None = None, destructive: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.setWindowModality(QtCore.Qt.WindowModality.WindowModal)
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        self.text_label = QLabel(text)
        self.text_label.setWordWrap(True)
        self.text_label.setStyleSheet("font-size: 12pt;")
        layout.addWidget(self.text_label)
        self.reason_edit: QLineEdit | None = None
        if reason_prompt is not None:
            self.reason_edit = line_edit(reason_prompt)
            layout.addWidget(self.reason_edit)
        row = QHBoxLayout()
        self.safe_button = QPushButton(safe_text)
        self.safe_button.setAccessibleName(safe_text)
        self.act_button = QPushButton(act_text)
        self.act_button.setAccessibleName(act_text)
        self.act_button.setAutoDefault(False)
        self.safe_button.setDefault(True)
        if destructive:
            self.act_button.setStyleSheet("QPushButton { background: #8A1010; color: white; padding: 6px 14px; }"
                                          "QPushButton:disabled { background: #E6CCCC; color: #6B4A4A; }")
        row.addWidget(self.safe_button)
        row.addStretch(1)
        row.addSpacing(160)
        row.addWidget(self.act_button)
        layout.addLayout(row)
        self.safe_button.clicked.connect(self.reject)
        self.act_button.clicked.connect(self.accept)
        self.act_button.setEnabled(False)
        QTimer.singleShot(self.ACT_GUARD_MS, self, lambda: self.act_button.setEnabled(True))
        self.focus_first()

    def focus_first(self) -> None:
        """Typing goes into the reason when one is asked for (a space on a focused "No" would close the
        dialog and the rest of the words would press console buttons); else the safe choice has it.
        Enter in the reason field still chooses the safe default: only a click deletes or ends."""
        (self.reason_edit or self.safe_button).setFocus()

    @property
    def reason(self) -> str:
        return self.reason_edit.text().strip() if self.reason_edit is not None else ""


def confirm(parent: QWidget, title: str, text: str, safe_text: str, act_text: str,
            on_confirmed: Callable[[str], object], reason_prompt: str | None = None,
            destructive: bool = False) -> ConfirmDialog:
    """Open a ConfirmDialog; ``on_confirmed(reason)`` runs only if the non-safe choice is clicked."""
    dialog = ConfirmDialog(parent, title, text, safe_text, act_text, reason_prompt, destructive)
    dialog.accepted.connect(lambda: on_confirmed(dialog.reason))
    dialog.open()
    dialog.focus_first()
    return dialog
