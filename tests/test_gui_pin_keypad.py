"""The facilitator's PIN typed on a digits keypad when the touchscreen is the only screen (issue 12, item 4):
the right PIN unlocks, a wrong one is refused and counted, the PIN never shows, keys are large and named."""

from __future__ import annotations

import pytest
from conftest import KIOSK_PIN
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from kiosk.i18n import default_catalog
from kiosk.lock import PinLock
from kiosk.qt.lock import PinDialog
from kiosk.qt.style import px_to_mm, screen_of
from kiosk.theme import load_theme

pytestmark = pytest.mark.gui


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def lock(tmp_path):
    pin_lock = PinLock.in_folder(tmp_path, clock=FakeClock())
    pin_lock.set_pin(KIOSK_PIN)
    return pin_lock


@pytest.fixture
def dialog(qtbot, lock):
    made = PinDialog(lock, default_catalog(), "sr-Cyrl", load_theme(), keypad=True)
    qtbot.addWidget(made)
    made.show()
    qtbot.waitExposed(made)
    return made


def press(qtbot, dialog: PinDialog, digits: str) -> None:
    assert dialog.keypad is not None
    for digit in digits:
        qtbot.mouseClick(dialog.keypad.keys[digit], Qt.MouseButton.LeftButton)


def test_the_right_pin_on_the_keypad_unlocks(qtbot, dialog) -> None:
    press(qtbot, dialog, KIOSK_PIN)
    assert dialog.pin_edit.text() == KIOSK_PIN
    assert not any(ch.isdigit() for ch in dialog.pin_edit.displayText())  # never shown in clear
    assert dialog.keypad.layout().indexOf(dialog.unlock_button) >= 0  # OK is the keypad's own key
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_a_wrong_pin_on_the_keypad_is_refused_and_said(qtbot, dialog) -> None:
    press(qtbot, dialog, "1357")
    with qtbot.waitSignal(dialog.pin_refused, timeout=5000) as refused:
        qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert not refused.args[0].accepted
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.message.isVisible() and dialog.message.text() == default_catalog().text("sr-Cyrl", "lock.wrong")
    assert dialog.pin_edit.text() == ""  # the next try starts afresh


def test_delete_takes_back_one_digit_and_a_pin_cannot_grow_past_its_length(qtbot, dialog) -> None:
    from kiosk.lock import MAX_LENGTH

    press(qtbot, dialog, "12")
    delete = dialog.keypad.delete_key
    assert delete.accessibleName() == "Обриши"
    qtbot.mouseClick(delete, Qt.MouseButton.LeftButton)
    assert dialog.pin_edit.text() == "1"
    press(qtbot, dialog, "9" * (MAX_LENGTH + 3))
    assert dialog.pin_edit.text() == "1" + "9" * (MAX_LENGTH - 1)


def test_keypad_keys_are_large_named_and_leave_the_focus_in_the_field(qtbot, dialog) -> None:
    dialog.pin_edit.setFocus()
    qtbot.waitUntil(dialog.pin_edit.hasFocus)
    theme = load_theme()
    screen = screen_of(dialog)
    keys = [*dialog.keypad.keys.values(), dialog.keypad.delete_key]
    assert sorted(k.accessibleName() for k in dialog.keypad.keys.values()) == list("0123456789")
    for key in keys:
        assert key.focusPolicy() == Qt.FocusPolicy.NoFocus
        assert px_to_mm(key.width(), screen) >= theme.min_target_mm - 0.1
        assert px_to_mm(key.height(), screen) >= theme.min_target_mm - 0.1
    assert px_to_mm(dialog.unlock_button.height(), screen) >= theme.min_target_mm - 0.1
    press(qtbot, dialog, "4")
    assert dialog.pin_edit.hasFocus()


def test_during_a_lock_out_the_keys_type_nothing(qtbot, lock) -> None:
    for _ in range(lock.policy.free_tries):
        lock.check("1111")
    made = PinDialog(lock, default_catalog(), "en", load_theme(), keypad=True)
    qtbot.addWidget(made)
    made.show()
    assert not made.unlock_button.isEnabled() and not made.keypad.keys["1"].isEnabled()
    made.keypad.type_digit("1")  # even if a tap got through
    assert made.pin_edit.text() == ""


def test_without_a_keypad_the_dialog_is_as_before(qtbot, lock) -> None:
    made = PinDialog(lock, default_catalog(), "en", load_theme())
    qtbot.addWidget(made)
    assert made.keypad is None and made.button_row.indexOf(made.unlock_button) >= 0


def test_taking_the_device_back_in_one_screen_mode_asks_on_the_keypad(kiosk, qtbot) -> None:
    """The controller's own dialog, over the participant view: keys tapped, a wrong PIN, then the right one."""
    kiosk.start_session(kiosk.console.start_page.studies[0], "L-0042", 1, "one_screen", facilitator="F-07")
    assert kiosk.participant.isVisible() and kiosk.console.isHidden()
    kiosk.pin_prompt = None  # the real dialog
    seen: list[str] = []
    tries = ["1357", KIOSK_PIN]

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PinDialog):
            QTimer.singleShot(10, answer)
            return
        if dialog.keypad is None:  # one screen: the PIN must be typed on the screen
            seen.append("no keypad")
            dialog.reject()
            return
        press(qtbot, dialog, tries.pop(0))
        qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
        if tries:
            seen.append(dialog.message.text())
            QTimer.singleShot(10, answer)

    QTimer.singleShot(0, answer)
    kiosk.take_back()
    assert seen == ["Wrong PIN. Try again."]
    assert kiosk.console.isVisible() and kiosk.participant.isHidden()


def test_a_restart_after_a_crash_in_participant_mode_asks_on_the_keypad(kiosk, qtbot, clock) -> None:
    """The app stopped while the participant held the touchscreen: the PIN at the next start is typed on keys."""
    from kiosk.qt.controller import KioskController
    from kiosk.store import Store

    kiosk.start_session(kiosk.console.start_page.studies[0], "L-0043", 1, "one_screen", facilitator="F-07")
    store = Store(kiosk.store.path)  # the restarted app, on a new connection to the same file
    again = KioskController(store, kiosk.console.start_page.studies, [], default_catalog(), "en", load_theme(),
                            pin_lock=kiosk.pin_lock, clock=clock, pin_prompt=None)
    qtbot.addWidget(again.console, before_close_func=lambda w: w.allow_close())
    seen: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PinDialog):
            QTimer.singleShot(10, answer)
            return
        if dialog.keypad is None:
            seen.append("no keypad")
            dialog.reject()
            return
        press(qtbot, dialog, KIOSK_PIN)
        qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)
    try:
        assert again.open_console() is True and seen == []
        assert again.console.isVisible()
    finally:
        again.bridge = None
        store.close()


def test_the_pin_dialog_is_drawn_at_the_facilitators_size_whatever_the_participants_text(kiosk, qtbot) -> None:
    """Trial: at the participant's 200% the PIN dialog's Cancel fell off the bottom of an 800 px screen; the
    dialog is the facilitator's, in the theme's own sizes."""
    from kiosk.session.access import AccessSettings

    kiosk.start_session(kiosk.console.start_page.studies[0], "L-0043", 1, "one_screen", facilitator="F-07",
                        access=AccessSettings(text_size=200))
    kiosk.pin_prompt = None
    heights: list[int] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PinDialog):
            QTimer.singleShot(10, answer)
            return
        dialog.adjustSize()
        heights.append(dialog.sizeHint().height())
        dialog.reject()

    QTimer.singleShot(0, answer)
    kiosk.take_back()
    assert heights and heights[0] <= 760, heights
