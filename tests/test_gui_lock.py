"""Participant mode is locked: Alt+F4, Ctrl+Shift+F and the corner all need the PIN, and the PIN dialogs
say what went wrong, count down a lock-out, and are readable in both themes."""

from __future__ import annotations

from collections import Counter

import json

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from conftest import KIOSK_PIN
from kiosk.i18n import default_catalog
from kiosk.lock import PinLock
from kiosk.qt.lock import PinDialog, SetPinDialog
from kiosk.theme import MIN_TEXT_CONTRAST, contrast_ratio, load_theme

pytestmark = pytest.mark.gui


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def hand_over(kiosk) -> None:
    kiosk.start_session(kiosk.console.start_page.studies[0], "L-0001", 1, "one_screen", facilitator="F-07")
    assert kiosk.participant.isVisible() and kiosk.console.isHidden()


def scripted(kiosk, *pins: str) -> list[str]:
    """A PIN prompt that types the given PINs in turn into the real lock, and records that it was asked."""
    asked: list[str] = []
    answers = iter(pins)

    def prompt() -> bool:
        pin = next(answers)
        asked.append(pin)
        return kiosk.pin_lock.check(pin).accepted

    kiosk.pin_prompt = prompt
    return asked


def test_closing_the_participant_window_does_not_end_participant_mode(kiosk, qtbot) -> None:
    hand_over(kiosk)
    asked = scripted(kiosk, "1357", KIOSK_PIN)
    quit_signals: list[bool] = []
    QApplication.instance().lastWindowClosed.connect(lambda: quit_signals.append(True))
    assert kiosk.participant.close() is False  # what Alt+F4 and the window manager's close do
    assert kiosk.participant.isVisible() and kiosk.console.isHidden() and not quit_signals
    assert asked == ["1357"]
    assert kiosk.participant.close() is False  # the window itself never closes; the right PIN shows the console
    assert kiosk.console.isVisible() and kiosk.participant.isHidden() and asked == ["1357", KIOSK_PIN]


def test_the_keyboard_shortcut_needs_the_pin(kiosk, qtbot) -> None:
    hand_over(kiosk)
    asked = scripted(kiosk, "8642", KIOSK_PIN)
    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(kiosk.participant, Qt.Key.Key_F, shift_ctrl)
    assert kiosk.console.isHidden() and kiosk.participant.isVisible() and asked == ["8642"]
    qtbot.keyClick(kiosk.participant, Qt.Key.Key_F, shift_ctrl)
    assert kiosk.console.isVisible() and kiosk.participant.isHidden()


def test_the_corner_locks_out_after_wrong_tries(kiosk, qtbot) -> None:
    hand_over(kiosk)
    clock = FakeClock()
    kiosk.pin_lock = PinLock(kiosk.pin_lock.path, clock=clock)
    tries = kiosk.pin_lock.policy.free_tries
    asked = scripted(kiosk, *(["1111"] * tries), KIOSK_PIN, KIOSK_PIN)
    for _ in range(tries + 1):
        for _ in range(5):
            qtbot.mouseClick(kiosk.participant.corner, Qt.MouseButton.LeftButton)
    assert len(asked) == tries + 1 and kiosk.console.isHidden()  # the right PIN during the lock-out is refused
    clock.now += kiosk.pin_lock.remaining_delay()
    for _ in range(5):
        qtbot.mouseClick(kiosk.participant.corner, Qt.MouseButton.LeftButton)
    assert kiosk.console.isVisible()


def test_the_real_dialog_is_what_the_controller_asks_with(kiosk, qtbot) -> None:
    hand_over(kiosk)
    kiosk.pin_prompt = None  # the controller's own modal PIN dialog
    seen: list[str] = []

    def type_pin() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PinDialog):
            if dialog is not None:
                dialog.reject()
            return
        seen.append(dialog.windowTitle())
        dialog.pin_edit.setText(KIOSK_PIN)
        qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, type_pin)
    kiosk.take_back()
    assert seen == ["Facilitator PIN"] and kiosk.console.isVisible() and kiosk.participant.isHidden()


def test_a_wrong_pin_keeps_the_dialog_open_with_the_reason_and_the_wait(qtbot, tmp_path) -> None:
    clock = FakeClock()
    lock = PinLock(tmp_path / "pin.json", clock=clock)
    lock.set_pin("2468")
    dialog = PinDialog(lock, default_catalog(), "en", tick_ms=20)
    qtbot.addWidget(dialog)
    dialog.show()
    refused = []
    dialog.pin_refused.connect(refused.append)
    qtbot.keyClicks(dialog.pin_edit, "1111")
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.result() == 0
    assert dialog.message.isVisible() and dialog.message.text() == "Wrong PIN. Try again."
    assert dialog.pin_edit.text() == ""
    for _ in range(lock.policy.free_tries - 1):
        qtbot.keyClicks(dialog.pin_edit, "1111")
        qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Return)
    assert len(refused) == lock.policy.free_tries
    assert dialog.message.text() == "Wrong PIN. Wait 30 seconds before the next try."
    assert not dialog.unlock_button.isEnabled() and dialog.pin_edit.isReadOnly() and dialog.isVisible()
    clock.now += 12.5
    qtbot.waitUntil(lambda: "Wait 18 s" in dialog.message.text(), timeout=5000)  # counts down
    clock.now += 18
    qtbot.waitUntil(dialog.unlock_button.isEnabled, timeout=5000)
    assert dialog.message.isHidden()
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.keyClicks(dialog.pin_edit, "2468")
        qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)


def test_dialog_buttons_speak_serbian(qtbot, tmp_path) -> None:
    lock = PinLock(tmp_path / "pin.json")
    lock.set_pin("2468")
    dialog = PinDialog(lock, default_catalog(), "sr-Cyrl")
    qtbot.addWidget(dialog)
    assert (dialog.unlock_button.text(), dialog.cancel_button.text()) == ("Откључај", "Откажи")
    assert dialog.pin_edit.accessibleName() == "ПИН" and dialog.unlock_button.accessibleName() == "Откључај"
    latin = SetPinDialog(lock, default_catalog(), "sr-Latn")
    qtbot.addWidget(latin)
    assert latin.save_button.text() == "Sačuvaj PIN"


def _text_contrast(image, rect) -> float:
    """The contrast of the text actually drawn in ``rect``: its commonest colour is the background, the
    colour furthest from it is the ink (anti-aliased edges only lie between the two)."""
    counts: Counter[str] = Counter()
    for x in range(rect.left(), rect.right()):
        for y in range(rect.top(), rect.bottom()):
            counts[image.pixelColor(x, y).name()] += 1
    background = counts.most_common(1)[0][0]
    return max(contrast_ratio(color, background) for color in counts)


def assert_no_clipped_label(dialog) -> None:
    from PySide6.QtWidgets import QLabel

    for label in dialog.findChildren(QLabel):
        if label.isVisible():
            assert label.height() >= label.heightForWidth(label.width()), f"{label.text()!r} is cut off"


@pytest.mark.parametrize("theme_name", ["standard", "high_contrast"])
def test_pin_dialog_text_has_7_to_1_contrast_over_the_participant_view(kiosk, qtbot, theme_name) -> None:
    theme = load_theme(theme_name)
    kiosk.participant.theme = theme
    from kiosk.qt.style import participant_stylesheet

    kiosk.participant.setStyleSheet(participant_stylesheet(theme))
    dialog = PinDialog(kiosk.pin_lock, default_catalog(), "en", theme, kiosk.participant)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.pin_edit.setText("0000")
    dialog.try_pin()  # wrong, so the message shows too
    QApplication.processEvents()
    image = dialog.grab().toImage()
    for label in (dialog.prompt, dialog.message):
        assert label.isVisible()
        ratio = _text_contrast(image, label.geometry())
        assert ratio >= MIN_TEXT_CONTRAST, f"{theme_name}: {label.text()!r} at {ratio:.1f}:1"
    assert_no_clipped_label(dialog)
    # the palette Qt derived from the stylesheet agrees with what was drawn
    ink = dialog.prompt.palette().color(dialog.prompt.foregroundRole()).name()
    paper = image.pixelColor(dialog.prompt.geometry().topLeft()).name()
    assert contrast_ratio(ink, paper) >= MIN_TEXT_CONTRAST
    dialog.close()


def test_first_run_dialog_sets_a_pin_and_refuses_bad_ones(qtbot, tmp_path) -> None:
    lock = PinLock.in_folder(tmp_path)
    dialog = SetPinDialog(lock, default_catalog(), "en")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.pin_edit, "0000")
    qtbot.keyClicks(dialog.repeat_edit, "0000")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "too easy" in dialog.message.text() and not lock.is_set()
    assert_no_clipped_label(dialog)
    dialog.pin_edit.setText("5801")
    dialog.repeat_edit.setText("5810")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "differ" in dialog.message.text() and not lock.is_set()
    qtbot.keyClicks(dialog.pin_edit, "x")  # digits only: the field refuses letters
    assert dialog.pin_edit.text() == "5801"
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.keyClicks(dialog.repeat_edit, "5801")
        qtbot.keyClick(dialog.repeat_edit, Qt.Key.Key_Return)
    assert lock.is_set() and lock.check("5801").accepted
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_enter_is_one_try_and_a_lock_out_never_hands_enter_to_quit(qtbot, tmp_path) -> None:
    """Under a real window manager Enter both fired the field's returnPressed and clicked the default Unlock
    (the second try, on the cleared field, counted as a wrong PIN); and at lock-out the disabled field gave
    the focus to Quit, so the next Enter quit the app after a restart."""
    clock = FakeClock()
    lock = PinLock(tmp_path / "pin.json", clock=clock)
    lock.set_pin("2468")
    dialog = PinDialog(lock, default_catalog(), "en", cancel_key="quit", tick_ms=20)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    dialog.pin_edit.setFocus()
    qtbot.keyClicks(dialog.pin_edit, "1111")
    qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Return)
    dialog.try_pin()  # the default button's click on the now empty field, as the window manager delivered it
    assert json.loads((tmp_path / "pin.json").read_text())["failures"] == 1
    for _ in range(lock.policy.free_tries - 1):
        qtbot.keyClicks(dialog.pin_edit, "1111")
        qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Return)
    assert not dialog.unlock_button.isEnabled()  # locked out now
    assert dialog.pin_edit.isEnabled() and dialog.focusWidget() is dialog.pin_edit
    qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() == 0  # Enter during the wait neither quits nor counts
