"""The PIN dialogs: the one that unlocks participant mode, and the first-run one that sets the PIN.

Both draw their own colours from the participant theme: as children of the participant window they
would otherwise inherit its label colour (white in high contrast) over Qt's default light grey.
Their buttons carry catalog text, since Qt ships no Serbian translation for OK/Cancel. Neither
closes on a wrong entry: it says what was wrong and, during a lock-out, how long to wait.
"""

from __future__ import annotations

import math
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.i18n import Catalog
from kiosk.lock import MAX_LENGTH, PinCheck, PinError, PinLock
from kiosk.qt.style import FONT_FAMILY, mm_to_px, screen_of
from kiosk.theme import Theme, load_theme

if TYPE_CHECKING:
    from kiosk.qt.pin_keypad import PinKeypad


def dialog_stylesheet(theme: Theme) -> str:
    """The dialog's own colours; a widget's own stylesheet wins over the one it inherits."""
    c = theme.colors
    return f"""
    QDialog#pinDialog {{ background: {c['background']}; }}
    QDialog#pinDialog QLabel {{ color: {c['text']}; background: {c['background']};
        font-family: "{FONT_FAMILY}"; font-size: {theme.body_pt}pt; }}
    QDialog#pinDialog QLabel[role="message"] {{ color: {c['danger_text']}; background: {c['danger_bg']};
        padding: 6px; }}
    QDialog#pinDialog QLineEdit, QDialog#pinDialog QPushButton {{
        font-family: "{FONT_FAMILY}"; font-size: {theme.body_pt}pt; padding: 6px 18px; border-radius: 10px;
        background: {c['secondary_bg']}; color: {c['secondary_text']}; border: 4px solid {c['border']}; }}
    QDialog#pinDialog QPushButton[role="primary"] {{ background: {c['primary_bg']}; color: {c['primary_text']};
        border-color: {c['primary_bg']}; font-weight: bold; }}
    QDialog#pinDialog QPushButton:disabled {{ background: {c['background']}; color: {c['muted_text']};
        border: 3px dashed {c['muted_text']}; }}
    QDialog#pinDialog QLineEdit:focus, QDialog#pinDialog QPushButton:focus {{ border-color: {c['focus']}; }}
    """


class _PinDialogBase(QDialog):
    def __init__(self, catalog: Catalog, lang: str, theme: Theme | None, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.lang = lang
        self.setObjectName("pinDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(dialog_stylesheet(theme or load_theme()))
        self.layout_ = QVBoxLayout(self)
        self.setMinimumWidth(mm_to_px(130, screen_of(parent)))
        self.message = QLabel("")
        self.message.setProperty("role", "message")
        self.message.setWordWrap(True)
        self.message.hide()

    def t(self, key: str, **values: object) -> str:
        return self.catalog.text(self.lang, f"lock.{key}", **values)

    def _label(self, key: str) -> QLabel:
        label = QLabel(self.t(key))
        label.setWordWrap(True)
        self.layout_.addWidget(label)
        return label

    def _pin_edit(self, key: str) -> QLineEdit:
        """A digits-only password field with a visible label (a placeholder vanishes while typing)."""
        caption = self._label(key)
        edit = QLineEdit()
        caption.setBuddy(edit)
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setValidator(QRegularExpressionValidator(rf"[0-9]{{0,{MAX_LENGTH}}}", edit))
        edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData)
        edit.setAccessibleName(self.t(key))
        edit.setPlaceholderText(self.t(key))
        self.layout_.addWidget(edit)
        return edit

    def _buttons(self, confirm_key: str, cancel_key: str) -> tuple[QPushButton, QPushButton]:
        row = QHBoxLayout()
        cancel = QPushButton(self.t(cancel_key))
        confirm = QPushButton(self.t(confirm_key))
        confirm.setProperty("role", "primary")
        confirm.setDefault(True)
        for button in (cancel, confirm):
            button.setAccessibleName(button.text())
            row.addWidget(button)
        self.button_row = row
        cancel.clicked.connect(self.reject)
        self.layout_.addWidget(self.message)
        self.layout_.addLayout(row)
        return confirm, cancel

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setAccessibleName(text)
        self.message.show()
        self.fit_content()

    def fit_content(self) -> None:
        """Wrapped labels only get their full height if the dialog is made as tall as they need."""
        self.layout_.activate()
        width = max(self.width(), self.minimumWidth())
        height = self.layout_.totalHeightForWidth(width)
        self.setMinimumHeight(height)
        self.resize(width, max(height, self.height()))

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.fit_content()


class PinDialog(_PinDialogBase):
    """Asks for the facilitator PIN; accepts only a right PIN, and stays open (with the reason) otherwise."""

    #: a try was refused; carries the outcome, so the console can count what was tried
    pin_refused = Signal(object)

    def __init__(self, lock: PinLock, catalog: Catalog, lang: str, theme: Theme | None = None,
                 parent: QWidget | None = None, tick_ms: int = 1000, *, prompt_key: str = "prompt",
                 cancel_key: str = "cancel", keypad: bool = False) -> None:
        """``prompt_key`` says why the PIN is asked (leaving participant mode, or a restart after the app
        stopped in it); ``cancel_key`` names what cancelling does (go back, or quit the app); ``keypad``
        puts a digits keypad under the field, with Unlock as its OK key (a touchscreen has no keyboard)."""
        super().__init__(catalog, lang, theme, parent)
        self.lock = lock
        self.setWindowTitle(self.t("title"))
        self.prompt = self._label(prompt_key)
        self.pin_edit = self._pin_edit("pin")
        self.unlock_button, self.cancel_button = self._buttons("unlock", cancel_key)
        self.keypad: PinKeypad | None = None
        if keypad:
            from kiosk.qt.pin_keypad import PinKeypad  # only where asked: the console's first paint needs none

            self.button_row.removeWidget(self.unlock_button)  # Unlock becomes the keypad's OK key
            self.keypad = PinKeypad(self.pin_edit, theme or load_theme(), catalog.text(lang, "keyboard.delete"),
                                    self.unlock_button, self)
            self.layout_.insertWidget(self.layout_.indexOf(self.pin_edit) + 1, self.keypad)
        self.unlock_button.clicked.connect(self.try_pin)
        self.pin_edit.returnPressed.connect(self.try_pin)
        #: while a lock-out runs the dialog counts down and keeps Unlock disabled
        self.tick = QTimer(self)
        self.tick.setInterval(tick_ms)
        self.tick.timeout.connect(self.refresh_wait)
        self.refresh_wait()

    def try_pin(self) -> None:
        if not self.unlock_button.isEnabled() or not self.pin_edit.text().strip():
            return  # locked out, or nothing typed (the default button's click after Enter already tried)
        try:
            outcome = self.lock.check(self.pin_edit.text())
        except PinError as exc:
            self.show_message(self.t(exc.key))
            return
        self.pin_edit.clear()
        if outcome.accepted:
            self.tick.stop()
            self.accept()
            return
        self.pin_refused.emit(outcome)
        self._show_refusal(outcome)

    def _show_refusal(self, outcome: PinCheck) -> None:
        if outcome.wait_s > 0:
            self.refresh_wait()  # disables Unlock and starts the countdown
            key = "locked" if outcome.locked_out else "wrong_wait"
            self.show_message(self.catalog.plural(self.lang, f"lock.{key}", math.ceil(outcome.wait_s)))
        else:
            self.show_message(self.t("wrong"))

    def refresh_wait(self) -> None:
        """Keep Unlock disabled until the lock-out is over, with the seconds left on screen."""
        try:
            wait = self.lock.remaining_delay()
        except PinError as exc:
            self.show_message(self.t(exc.key))
            return
        locked = wait > 0
        self.unlock_button.setEnabled(not locked)
        # Read-only, not disabled: a disabled field hands the focus to Quit, and the next Enter quit the app.
        self.pin_edit.setReadOnly(locked)
        if self.keypad is not None:
            self.keypad.set_locked(locked)
        if locked:
            self.show_message(self.catalog.plural(self.lang, "lock.locked", math.ceil(wait)))
            if not self.tick.isActive():
                self.tick.start()
        elif self.tick.isActive():
            self.tick.stop()
            self.message.hide()
            self.pin_edit.setFocus()


class SetPinDialog(_PinDialogBase):
    """First run: the facilitator chooses the PIN (typed twice); only its salted hash is kept."""

    def __init__(self, lock: PinLock, catalog: Catalog, lang: str, theme: Theme | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(catalog, lang, theme, parent)
        self.lock = lock
        self.setWindowTitle(self.t("set_title"))
        self.intro = self._label("set_intro")
        self.pin_edit = self._pin_edit("new_pin")
        self.repeat_edit = self._pin_edit("repeat_pin")
        self.save_button, self.quit_button = self._buttons("save", "quit")
        self.save_button.clicked.connect(self.try_save)
        self.repeat_edit.returnPressed.connect(self.try_save)

    def try_save(self) -> None:
        pin = self.pin_edit.text()
        if pin != self.repeat_edit.text():
            self.show_message(self.t("mismatch"))
            self.repeat_edit.clear()
            return
        try:
            self.lock.set_pin(pin)
        except PinError as exc:
            self.show_message(self.t(exc.key))
            return
        self.accept()


def ensure_pin(lock: PinLock, catalog: Catalog, lang: str) -> bool:
    """On first run ask the facilitator to set the PIN; False if they quit without setting one,
    or if the PIN file is damaged (the message says how to reset it)."""
    try:
        if lock.is_set():
            return True
    except PinError as exc:
        print(catalog.text(lang, f"lock.{exc.key}"), file=sys.stderr)
        return False
    return SetPinDialog(lock, catalog, lang).exec() == QDialog.DialogCode.Accepted and lock.is_set()
