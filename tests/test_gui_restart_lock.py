"""A restart after the app stopped in participant mode opens the console only with the facilitator PIN.

The first controller hands the device over on a real database file; a second controller, on a new
connection to the same file, is the restarted app. (tests/test_restart_after_kill.py does the same
with a real process killed by SIGKILL.)
"""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from conftest import KIOSK_PIN, unexpected_pin_prompt
from kiosk.i18n import default_catalog
from kiosk.qt.controller import KioskController
from kiosk.qt.lock import PinDialog
from kiosk.store import SessionStatus, Store, StoreError
from kiosk.store.handover import left_with_participant
from kiosk.theme import load_theme

pytestmark = pytest.mark.gui

REASON = "The app stopped while a participant had the device. Enter the facilitator PIN to continue."


def hand_over(kiosk, code: str = "R-0001", mode: str = "one_screen") -> str:
    kiosk.start_session(kiosk.console.start_page.studies[0], code, 1, mode, facilitator="F-07")
    return kiosk.bridge.engine.record.id


@pytest.fixture
def restart(qtbot, kiosk, clock):
    """Start the app again on the same database file, with a PIN prompt the test chooses."""
    opened: list[tuple[KioskController, Store]] = []

    def make(prompt=unexpected_pin_prompt, lang: str = "en") -> KioskController:
        store = Store(kiosk.store.path)
        controller = KioskController(store, kiosk.console.start_page.studies, [], default_catalog(), lang,
                                     load_theme(), pin_lock=kiosk.pin_lock, clock=clock, pin_prompt=prompt)
        qtbot.addWidget(controller.console, before_close_func=lambda w: w.allow_close())
        opened.append((controller, store))
        return controller

    yield make
    for controller, store in opened:
        controller.bridge = None
        store.close()


def answers(kiosk, *pins: str):
    """A PIN prompt typing the given PINs into the real lock in turn ('' cancels), recording each one."""
    asked: list[str] = []
    given = iter(pins)

    def prompt() -> bool:
        pin = next(given)
        asked.append(pin)
        return bool(pin) and kiosk.pin_lock.check(pin).accepted

    return prompt, asked


def test_the_hand_over_is_committed_while_the_participant_has_the_screen(kiosk) -> None:
    assert left_with_participant(kiosk.store) is None
    session_id = hand_over(kiosk)
    assert kiosk.participant.isVisible() and kiosk.console.isHidden()
    hold = left_with_participant(kiosk.store)
    assert hold is not None and hold.session_id == session_id
    kiosk.pin_prompt, _ = answers(kiosk, KIOSK_PIN)
    kiosk.take_back()
    assert kiosk.console.isVisible() and left_with_participant(kiosk.store) is None
    kiosk.console.session_page.show_participant_requested.emit()  # 'Show participant screen' hands it over again
    assert kiosk.console.isHidden() and left_with_participant(kiosk.store) is not None


def test_two_screens_beside_the_console_hold_nothing(kiosk, monkeypatch) -> None:
    """With the console on screen beside the participant view, the facilitator still has the device."""
    from PySide6.QtCore import QRect

    # a screen wide enough for both windows (the offscreen test screen is 800x800)
    monkeypatch.setattr("kiosk.qt.controller.side_by_side",
                        lambda *_args: (QRect(0, 30, 900, 900), QRect(910, 30, 900, 900)))
    hand_over(kiosk, mode="two_screens")
    assert kiosk.participant.isVisible() and kiosk.console.isVisible()
    assert left_with_participant(kiosk.store) is None


def test_two_screens_falling_back_to_one_full_screen_hold_the_device(kiosk) -> None:
    hand_over(kiosk, mode="two_screens")  # the 800x800 test screen is too small for both windows
    assert kiosk.participant.isVisible() and kiosk.console.isHidden()
    assert left_with_participant(kiosk.store) is not None


def test_a_restart_after_participant_mode_refuses_the_console_without_the_pin(kiosk, restart) -> None:
    session_id = hand_over(kiosk)
    prompt, asked = answers(kiosk, "")  # cancelled
    again = restart(prompt)
    assert again.open_console() is False
    assert asked == [""] and again.console.isHidden()
    assert left_with_participant(again.store) is not None  # still locked for the start after this one
    prompt, asked = answers(kiosk, "1357")  # a wrong PIN is no better
    third = restart(prompt)
    assert third.open_console() is False and third.console.isHidden() and asked == ["1357"]
    assert json.loads(kiosk.pin_lock.path.read_text())["failures"] == 1  # and counts towards the lock-out
    assert third.store.session(session_id).status is SessionStatus.IN_PROGRESS  # nothing was lost meanwhile


def test_the_right_pin_opens_the_console_and_the_next_start_asks_nothing(kiosk, restart) -> None:
    session_id = hand_over(kiosk)
    prompt, asked = answers(kiosk, KIOSK_PIN)
    again = restart(prompt)
    assert again.open_console() is True
    assert asked == [KIOSK_PIN] and again.console.isVisible()
    assert session_id in again.console.start_page.resume_sessions()  # offered for Resume, as after any crash
    assert left_with_participant(again.store) is None
    assert restart().open_console() is True  # the default prompt fails the test if it is asked


def test_a_restart_after_the_facilitator_took_the_device_back_asks_nothing(kiosk, restart) -> None:
    hand_over(kiosk)
    kiosk.pin_prompt, _ = answers(kiosk, KIOSK_PIN)
    kiosk.take_back()
    again = restart()  # asking would fail the test
    assert again.open_console() is True and again.console.isVisible()


def test_a_first_start_on_a_new_data_folder_asks_nothing(restart) -> None:
    assert restart().open_console() is True


def test_the_participant_view_is_not_shown_if_the_hand_over_cannot_be_saved(kiosk, monkeypatch) -> None:
    """Locked-but-not-saved would unlock at the next crash; like an event, the mark is committed first."""
    def refuse(*_args: object) -> None:
        raise StoreError("the disk is full: nothing new was saved")

    monkeypatch.setattr("kiosk.qt.held_device.hand_to_participant", refuse)
    hand_over(kiosk)
    assert kiosk.console.isVisible() and not kiosk.participant.isVisible()
    assert "disk is full" in kiosk.console.session_page.message_label.text()


def _answer_dialog(qtbot, seen: list[str], *pins: str) -> None:
    """Answer the real modal PIN dialog: each PIN in turn ('' cancels), noting what the dialog said."""
    given = list(pins)

    def step() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PinDialog):
            QTimer.singleShot(10, step)
            return
        if not seen:
            seen.append(dialog.prompt.text())
            seen.append(dialog.cancel_button.text())
        pin = given.pop(0)
        if not pin:
            qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
            return
        dialog.pin_edit.setText(pin)
        qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
        if dialog.message.isVisible():
            seen.append(dialog.message.text())
        if given:
            QTimer.singleShot(10, step)

    QTimer.singleShot(0, step)


def test_the_real_pin_dialog_says_why_and_quits_on_cancel(kiosk, restart, qtbot) -> None:
    hand_over(kiosk)
    again = restart(prompt=None)  # the controller's own dialog
    seen: list[str] = []
    _answer_dialog(qtbot, seen, "1357", "")
    assert again.open_console() is False and again.console.isHidden()
    assert seen == [REASON, "Quit", "Wrong PIN. Try again."]


def test_the_real_pin_dialog_opens_the_console_with_the_right_pin(kiosk, restart, qtbot) -> None:
    hand_over(kiosk)
    again = restart(prompt=None, lang="sr-Cyrl")
    seen: list[str] = []
    _answer_dialog(qtbot, seen, KIOSK_PIN)
    assert again.open_console() is True and again.console.isVisible()
    assert seen[:2] == [default_catalog().text("sr-Cyrl", "lock.restart_reason"), "Изађи"]
    assert seen[0].startswith("Апликација")
