"""Help calls, Qt's own buttons in Serbian, and the console's smaller slips (issue 7 items 9, 13, 15)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPushButton

from conftest import consent
from kiosk.i18n import default_catalog
from kiosk.session import Step
from kiosk.session.events import EventKind
from test_gui_console_flow import _no_hanging_dialog, answer, click, open_dialog, start, take_back  # noqa: F401

pytestmark = pytest.mark.gui


def to_first_task(engine) -> None:
    engine.continue_from_welcome()
    consent(engine, "future_contact")
    for value in ("18-34", "alone", ["tablet"]):
        engine.answer(value)
    assert engine.step is Step.INSTRUCTIONS


# -- 9: a help call the facilitator cannot miss --------------------------------------------------

def test_help_call_alerts_the_console_until_acknowledged(kiosk, qtbot, store) -> None:
    catalog = default_catalog()
    beeps: list[int] = []
    kiosk.alert_sound = lambda: beeps.append(1)
    start(kiosk, qtbot, "P-0701")
    participant = kiosk.participant
    page = kiosk.console.session_page
    click(qtbot, participant.help_button)
    assert beeps == [1]
    cue = kiosk.help_cue
    assert cue.isVisible() and cue.parent() is participant  # one screen: the console is hidden, so a cue here
    participant.resize(1280, 800)
    qtbot.waitUntil(lambda: cue.geometry().intersects(participant.corner.geometry()))
    for other in participant.findChildren(QPushButton):
        if other is not participant.corner and other.isVisible():
            area = QRect(other.mapTo(participant, QPoint(0, 0)), other.size())
            assert not cue.geometry().intersects(area), other.text()  # the cue covers no button
    take_back(kiosk, qtbot)
    assert page.help_banner.isVisible()
    assert page.step_label.text() == catalog.text("en", "console_flow.help_status")
    click(qtbot, page.acknowledge_button)
    assert not page.help_banner.isVisible() and not cue.isVisible()
    kinds = [e.kind for e in store.events(kiosk.bridge.engine.record.id)]
    assert kinds[-2:] == [EventKind.HELP_REQUESTED, EventKind.HELP_ACKNOWLEDGED]
    assert page.step_label.text() == catalog.text("en", "step.welcome")


def test_a_pending_help_call_survives_resume(kiosk, qtbot, store, demo_study, clock) -> None:
    from kiosk.session import SessionEngine

    engine = SessionEngine.start(store, demo_study, "P-0702", clock, facilitator="F1")
    engine.request_help()
    kiosk.console.show_start()
    kiosk.resume_session(engine.record.id)
    take_back(kiosk, qtbot)
    assert kiosk.console.session_page.help_banner.isVisible()


# -- 13: Qt's standard buttons in the console's language -----------------------------------------

def test_standard_buttons_speak_serbian() -> None:
    from kiosk.qt.console.dialogs import translate_buttons

    catalog = default_catalog()
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                           | QDialogButtonBox.StandardButton.Yes | QDialogButtonBox.StandardButton.No)
    translate_buttons(box, catalog, "sr-Cyrl")
    texts = {box.button(b).text() for b in (QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Cancel,
                                            QDialogButtonBox.StandardButton.Yes, QDialogButtonBox.StandardButton.No)}
    assert texts == {"У реду", "Откажи", "Да", "Не"}


def test_withdraw_dialog_is_all_serbian(qtbot, store, demo_study, clock) -> None:
    from kiosk.qt.controller import KioskController
    from kiosk.theme import load_theme

    controller = KioskController(store, [demo_study], [], default_catalog(), "sr-Cyrl", load_theme(), clock=clock,
                                 pin_prompt=lambda: True)
    qtbot.addWidget(controller.console, before_close_func=lambda w: w.allow_close())
    qtbot.addWidget(controller.participant, before_close_func=lambda w: w.allow_close())
    controller.console.show()
    page = controller.console.start_page
    click(qtbot, page.withdraw_button)
    dialog = open_dialog(qtbot, page)
    texts = [b.text() for b in dialog.findChildren(type(page.withdraw_button)) if b.isVisible()]
    assert "Cancel" not in texts and "Откажи" in texts
    dialog.reject()


# -- 15: smaller slips -----------------------------------------------------------------------------

def test_paused_status_line_does_not_ask_for_the_outcome(kiosk, qtbot) -> None:
    start(kiosk, qtbot, "P-0801")
    engine = kiosk.bridge.engine
    to_first_task(engine)
    engine.start_task()
    page = kiosk.console.session_page
    running = page.hint_label.text()
    engine.pause_task()
    assert page.hint_label.text() != running
    assert page.hint_label.text() == default_catalog().text(
        "en", "console.next_step", hint=default_catalog().text("en", "console_flow.hint_paused"))


def test_ctrl2_without_help_text_moves_to_the_help_field(kiosk, qtbot) -> None:
    start(kiosk, qtbot, "P-0802")
    engine = kiosk.bridge.engine
    to_first_task(engine)
    engine.start_task()
    take_back(kiosk, qtbot)
    kiosk.console.activateWindow()
    qtbot.waitUntil(kiosk.console.isActiveWindow)
    page = kiosk.console.session_page
    qtbot.keyClick(kiosk.console, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert engine.step is Step.RUNNING
    qtbot.waitUntil(page.assistance_edit.hasFocus)


def press_ctrl6_at_the_first_task(kiosk, qtbot, code: str):
    """Start a session, bring it to its first task, take the console back and press Ctrl+6 (skip)."""
    start(kiosk, qtbot, code)
    engine = kiosk.bridge.engine
    to_first_task(engine)
    take_back(kiosk, qtbot)
    kiosk.console.activateWindow()
    qtbot.waitUntil(kiosk.console.isActiveWindow)
    qtbot.keyClick(kiosk.console, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    return engine, open_dialog(qtbot, kiosk.console)


def test_ctrl6_asks_why_before_skipping(kiosk, qtbot, store) -> None:
    engine, dialog = press_ctrl6_at_the_first_task(kiosk, qtbot, "P-0803")
    assert engine.step is Step.INSTRUCTIONS  # nothing skipped yet
    qtbot.keyClicks(dialog.reason_edit, "prototype crashed")
    answer(qtbot, dialog)
    skipped = [e for e in store.events(engine.record.id) if e.kind == EventKind.TASK_SKIPPED]
    assert skipped and skipped[0].payload["reason"] == "prototype crashed"


def test_no_task_time_after_the_outcome(kiosk, qtbot) -> None:
    from kiosk.session.flow import Outcome

    start(kiosk, qtbot, "P-0804")
    engine = kiosk.bridge.engine
    to_first_task(engine)
    engine.start_task()
    engine.record_outcome(Outcome.SUCCESS)
    assert engine.current_task is not None  # the task's questions follow
    assert kiosk.console.session_page.elapsed_label.text() == ""


def test_contact_saved_is_not_shown_as_an_error(kiosk, qtbot) -> None:
    start(kiosk, qtbot, "P-0805")
    engine = kiosk.bridge.engine
    to_first_task(engine)
    take_back(kiosk, qtbot)
    page = kiosk.console.session_page
    qtbot.keyClicks(page.contact_edit, "ana@example.org")
    click(qtbot, page.save_contact_button)
    assert page.message_label.text() == default_catalog().text("en", "console.contact_saved")
    assert page.message_label.property("tone") == "ok"
    page.bridge.run(engine.pause_task)  # not allowed here: an error
    assert page.message_label.property("tone") == "error"


def test_abandon_asks_for_its_own_reason_not_the_note(kiosk, qtbot, store) -> None:
    start(kiosk, qtbot, "P-0806")
    engine = kiosk.bridge.engine
    take_back(kiosk, qtbot)
    page = kiosk.console.session_page
    qtbot.keyClicks(page.note_edit, "half-written note")
    click(qtbot, page.abandon_button)
    dialog = open_dialog(qtbot, kiosk.console)
    assert dialog.safe_button.isDefault()
    qtbot.keyClicks(dialog.reason_edit, "fire alarm")
    answer(qtbot, dialog)
    abandoned = [e for e in store.events(engine.record.id) if e.kind == EventKind.SESSION_ABANDONED]
    assert abandoned[0].payload["reason"] == "fire alarm"
    assert page.note_edit.text() == "half-written note"


def test_double_tapping_acknowledge_does_nothing_more(kiosk, qtbot, store) -> None:
    """Acknowledge disappears with its banner; the second tap of a double tap must land on nothing that acts
    (the session page's Continue button sat right under it once the banner was gone)."""
    page = kiosk.console.session_page
    start(kiosk, qtbot, "P-0807")
    engine = kiosk.bridge.engine
    engine.request_help()
    take_back(kiosk, qtbot)
    kiosk.console.resize(1280, 760)
    qtbot.waitUntil(page.acknowledge_button.isVisible)
    where = page.acknowledge_button.mapTo(kiosk.console, page.acknowledge_button.rect().center())
    events = len(store.events(engine.record.id))
    click(qtbot, page.acknowledge_button)
    QApplication.sendPostedEvents()  # the layout pass a real second tap, ~150 ms later, would find done
    QApplication.processEvents()
    second = kiosk.console.childAt(where)
    if isinstance(second, QPushButton) and second.isEnabled():
        qtbot.mouseClick(second, Qt.MouseButton.LeftButton)
    assert len(store.events(engine.record.id)) == events + 1  # only the acknowledgement
    assert engine.step is Step.WELCOME and page.message_label.text() == ""


def test_qt_translations_load_where_qt_has_them() -> None:
    from kiosk.qt.console.dialogs import load_qt_translations

    app = QApplication.instance()
    translator = load_qt_translations(app, "hu")
    try:
        assert translator is not None and not translator.isEmpty()
    finally:
        app.removeTranslator(translator)
    assert load_qt_translations(app, "sr-Cyrl") is None  # none shipped: our catalog names the buttons


def test_controller_uses_the_windows_and_folders_it_is_given(qtbot, store, demo_study, clock, tmp_path) -> None:
    from kiosk.paths import DataPaths
    from kiosk.qt.console.window import ConsoleWindow
    from kiosk.qt.controller import KioskController
    from kiosk.qt.participant.window import ParticipantWindow
    from kiosk.theme import load_theme

    catalog = default_catalog()
    console = ConsoleWindow(catalog, "en", store, [demo_study], [])
    participant = ParticipantWindow(catalog, load_theme())
    qtbot.addWidget(console, before_close_func=lambda w: w.allow_close())
    qtbot.addWidget(participant)
    paths = DataPaths(tmp_path / "elsewhere")
    controller = KioskController(store, [demo_study], [], catalog, "en", load_theme(), clock=clock, pin_prompt=lambda: True,
                                 console=console, participant=participant, paths=paths)
    assert controller.console is console and controller.participant is participant
    assert controller.reports_folder == paths.reports and controller.receipts_folder == paths.root / "receipts"


def test_double_clicking_pause_does_not_pause_and_resume(kiosk, qtbot, store, clock) -> None:
    """Pause becomes Resume under the pointer; the second click of a double click is ignored for a moment."""
    start(kiosk, qtbot, "P-0808")
    engine = kiosk.bridge.engine
    to_first_task(engine)
    engine.start_task()
    take_back(kiosk, qtbot)
    page = kiosk.console.session_page
    click(qtbot, page.pause_button)
    click(qtbot, page.pause_button)  # the second click of a double click
    assert engine.step is Step.PAUSED
    clock.advance(1)  # a deliberate second press later works
    click(qtbot, page.pause_button)
    assert engine.step is Step.RUNNING


def test_message_box_buttons_speak_serbian() -> None:
    from PySide6.QtWidgets import QMessageBox

    from kiosk.qt.console.dialogs import translate_buttons

    box = QMessageBox(QMessageBox.Icon.Critical, "ux-kiosk", "disk full",
                      QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
    translate_buttons(box, default_catalog(), "sr-Cyrl")
    assert {b.text() for b in box.buttons()} == {"У реду", "Откажи"}


def test_typing_the_skip_reason_goes_into_the_reason_field(kiosk, qtbot, store) -> None:
    """Found by a new user: the dialog opened with the focus on "No", so the first space typed pressed it
    and the rest of the reason landed on console buttons."""
    engine, dialog = press_ctrl6_at_the_first_task(kiosk, qtbot, "P-0804")
    qtbot.waitUntil(lambda: dialog.isActiveWindow() and QApplication.focusWidget() is not None)
    qtbot.keyClicks(QApplication.focusWidget(), "out of time")  # typed straight away, no click first
    assert dialog.isVisible() and dialog.reason_edit.text() == "out of time"
    assert engine.step is Step.INSTRUCTIONS
    click(qtbot, dialog.safe_button)  # leave no dialog open for the next test
