"""Consent on the touchscreen and the console: verbal with a witness, Stop (keep or delete), withdraw by code,
contact details, receipts."""

from __future__ import annotations

import subprocess

import pytest
from PySide6.QtCore import QPoint, Qt

from conftest import consent
from kiosk.qt.console.withdraw_dialog import WithdrawDialog
from kiosk.qt.workers import drain_ordered_pool
from kiosk.session import Step
from kiosk.store import SessionStatus

pytestmark = pytest.mark.gui


def click(qtbot, widget) -> None:
    assert widget.isVisible() and widget.isEnabled(), f"cannot click {widget.accessibleName()!r}"
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def begin(kiosk, code: str, mode: str = "two_screens", guardian: str = ""):
    kiosk.start_session(kiosk.console.start_page.studies[0], code, 1, mode, facilitator="F-07", guardian=guardian)
    kiosk.participant.showNormal()
    kiosk.participant.resize(1280, 800)
    kiosk.console.show()
    return kiosk.bridge.engine


def to_method(qtbot, p, engine, *options: str) -> None:
    click(qtbot, p.next_button)  # welcome
    click(qtbot, p.next_button)  # consent text
    for option in ("take_part", *options):
        click(qtbot, p.screen_widget.choices.buttons[option])
    click(qtbot, p.next_button)
    click(qtbot, p.next_button)  # review: this is right
    assert engine.step is Step.CONSENT_METHOD


def test_verbal_consent_is_confirmed_on_the_console_with_a_witness(kiosk, qtbot, store) -> None:
    engine = begin(kiosk, "V-0001")
    p, page = kiosk.participant, kiosk.console.session_page
    to_method(qtbot, p, engine, "future_contact")
    assert page.verbal_panel.isHidden()
    click(qtbot, p.screen_widget.methods.buttons["verbal"])
    assert engine.step is Step.CONSENT_VERBAL and p.next_button.isHidden()
    assert page.verbal_panel.isVisible()
    click(qtbot, page.confirm_verbal_button)
    assert "witness" in page.message_label.text() and engine.step is Step.CONSENT_VERBAL
    qtbot.keyClicks(page.witness_edit, "W-Ana")
    click(qtbot, page.confirm_verbal_button)
    assert engine.step is Step.QUESTION
    record = store.consent_record(engine.record.id)
    assert (record.method, record.witness, record.facilitator) == ("verbal", "W-Ana", "F-07")
    # the participant agreed to future contact: the console asks for it, and keeps it apart
    assert page.contact_panel.isVisible()
    qtbot.keyClicks(page.contact_edit, "ana@example.org")
    click(qtbot, page.save_contact_button)
    assert store.contacts(engine.study.id)[0]["contact"] == "ana@example.org" and page.contact_panel.isHidden()
    # and a receipt can be printed
    click(qtbot, page.receipt_button)
    assert len(kiosk.jobs) == 1
    drain_ordered_pool(30_000)  # the job may end before the test waits: never arm late
    qtbot.waitUntil(lambda: not kiosk.jobs, timeout=10_000)
    receipt = store.path.parent / "receipts" / f"{engine.record.id}.pdf"
    assert str(receipt) in page.message_label.text() and receipt.read_bytes().startswith(b"%PDF")
    text = " ".join(subprocess.run(["pdftotext", str(receipt), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert "V-0001" in text


def test_a_guardian_signs_for_a_participant_under_18(kiosk, qtbot, store) -> None:
    page = kiosk.console.start_page
    qtbot.keyClicks(page.facilitator_edit, "F-07")
    qtbot.keyClicks(page.code_edit, "M-0001")
    click(qtbot, page.minor_box)
    click(qtbot, page.start_button)
    assert kiosk.bridge is None and "guardian" in page.error_label.text().lower()
    qtbot.keyClicks(page.guardian_edit, "G-Petar")
    click(qtbot, page.start_button)
    engine = kiosk.bridge.engine
    kiosk.participant.showNormal()
    p = kiosk.participant
    to_method(qtbot, p, engine)
    assert "родитељ или старатељ" in " ".join(w.text() for w in p.screen_widget.findChildren(type(p.banner)))
    click(qtbot, p.screen_widget.methods.buttons["mark"])
    qtbot.mousePress(p.screen_widget.pad, Qt.MouseButton.LeftButton, pos=QPoint(30, 30))
    qtbot.mouseRelease(p.screen_widget.pad, Qt.MouseButton.LeftButton, pos=QPoint(120, 90))
    click(qtbot, p.next_button)
    assert store.consent_record(engine.record.id).guardian == "G-Petar"


def test_stop_and_keep_from_the_participant_screen(kiosk, qtbot, store) -> None:
    engine = begin(kiosk, "S-0001")
    p = kiosk.participant
    assert p.stop_button.isVisible()
    click(qtbot, p.stop_button)
    click(qtbot, p.screen_widget.cancel)  # changed their mind
    assert engine.step is Step.WELCOME and p.stop_button.isVisible()
    click(qtbot, p.stop_button)
    click(qtbot, p.screen_widget.keep)
    assert store.session(engine.record.id).status is SessionStatus.WITHDRAWN
    assert p.stop_button.isHidden() and p.next_button.isHidden()


def test_stop_and_delete_from_the_participant_screen(kiosk, qtbot, store) -> None:
    engine = begin(kiosk, "S-0002")
    engine.continue_from_welcome()
    consent(engine)
    session_id = engine.record.id
    p = kiosk.participant
    click(qtbot, p.stop_button)
    click(qtbot, p.screen_widget.delete)
    assert store.events(session_id) != []  # one tap only asks
    with qtbot.waitSignal(kiosk.erasure_service().erasure_finished, timeout=30_000):  # on the ordered worker
        click(qtbot, p.screen_widget.yes)  # "Yes, delete everything"
    assert store.sessions() == [] and store.events(session_id) == []
    assert [t.participant_code for t in store.tombstones()] == ["S-0002"]
    assert kiosk.bridge is None and "S-0002" not in " ".join(label.text() for label in p.findChildren(type(p.banner)))
    assert "everything was deleted" in kiosk.console.start_page.report_status.text()


def test_withdraw_by_code_later_from_the_console(kiosk, qtbot, store) -> None:
    from kiosk.qt.console.dialogs import ConfirmDialog
    from test_gui_console_flow import answer, open_dialog

    engine = begin(kiosk, "W-0001")
    engine.continue_from_welcome()
    consent(engine)
    kiosk.new_session()
    page = kiosk.console.start_page

    def withdraw(mode: str) -> WithdrawDialog:
        click(qtbot, page.withdraw_button)
        dialog = open_dialog(qtbot, page, WithdrawDialog)
        dialog.code_edit.setText("w-0001")
        (dialog.delete if mode == "delete" else dialog.keep).setChecked(True)
        dialog.reason_edit.setText("asked by phone")
        click(qtbot, dialog.confirm)
        return dialog

    withdraw("keep")
    assert store.sessions()[0].status is SessionStatus.WITHDRAWN
    assert "withdrawn" in page.report_status.text()
    withdraw("delete")
    with qtbot.waitSignal(kiosk.erasure_service().erasure_finished, timeout=30_000):
        answer(qtbot, open_dialog(qtbot, page, ConfirmDialog))  # deleting asks a second time
    assert store.sessions() == [] and store.tombstones()[0].reason == "asked by phone"
    assert page.table.rowCount() == 0


def test_withdraw_and_keep_a_participant_whose_session_has_ended(kiosk, qtbot, store, clock) -> None:
    from kiosk.session import SessionEngine

    engine = SessionEngine.start(store, kiosk.console.start_page.studies[0], "E-0001", clock, facilitator="F1")
    engine.abandon("prototype crashed")  # an ended (here abandoned) session, long before the phone call
    message = kiosk.withdraw(engine.study.id, "E-0001", "keep", "asked by phone")
    assert store.session(engine.record.id).status is SessionStatus.WITHDRAWN
    assert "withdrawn" in message and "withdrawn" in kiosk.console.start_page.report_status.text()
    again = kiosk.withdraw(engine.study.id, "E-0001", "keep", "asked twice")  # idempotent
    assert "withdrawn" in again
    withdrawals = [e for e in store.events(engine.record.id) if e.kind == "participant_withdrew"]
    assert len(withdrawals) == 1


def test_console_work_does_not_wipe_what_the_participant_is_choosing(kiosk, qtbot, store) -> None:
    engine = begin(kiosk, "U-0001")
    engine.continue_from_welcome()
    consent(engine, "future_contact")
    p, page = kiosk.participant, kiosk.console.session_page
    click(qtbot, p.screen_widget.choices.buttons["65-74"])  # ticked, not yet confirmed with Next
    qtbot.keyClicks(page.contact_edit, "ana@example.org")
    click(qtbot, page.save_contact_button)
    qtbot.keyClicks(page.note_edit, "hesitates")
    qtbot.keyClick(page.note_edit, Qt.Key.Key_Return)
    assert p.screen_widget.choices.buttons["65-74"].isChecked() and p.next_button.isEnabled()


def test_double_clicking_confirm_verbal_consent_writes_no_receipt(kiosk, qtbot, store) -> None:
    """Found by a new user: the receipt button takes the place of "Confirm verbal consent", so the second
    click of a double click wrote a receipt nobody asked for."""
    from kiosk.session.taps import TapGuard

    now = [100.0]
    page = kiosk.console.session_page
    page.tap_guard = TapGuard(0.5, clock=lambda: now[0])
    engine = begin(kiosk, "V-0002")
    p = kiosk.participant
    to_method(qtbot, p, engine)
    click(qtbot, p.screen_widget.methods.buttons["verbal"])
    qtbot.keyClicks(page.witness_edit, "W-Ana")
    click(qtbot, page.confirm_verbal_button)
    assert engine.step is Step.QUESTION and page.receipt_button.isVisible()
    now[0] += 0.18
    click(qtbot, page.receipt_button)  # the rest of the double click
    assert not kiosk.jobs
    now[0] += 1.0
    click(qtbot, page.receipt_button)  # a deliberate click still works
    assert len(kiosk.jobs) == 1
    drain_ordered_pool(30_000)
    qtbot.waitUntil(lambda: not kiosk.jobs, timeout=10_000)


def test_a_drawn_mark_and_the_chosen_method_survive_a_language_switch(kiosk, qtbot, store) -> None:
    """The issue-9 new-user run: choosing 'I will make a mark', drawing an X, then tapping another language
    brought the screen back empty; the README promises choices not yet confirmed survive a language change."""
    engine = begin(kiosk, "M-0002", mode="one_screen")
    p = kiosk.participant
    to_method(qtbot, p, engine)
    click(qtbot, p.screen_widget.methods.buttons["mark"])
    qtbot.mousePress(p.screen_widget.pad, Qt.MouseButton.LeftButton, pos=QPoint(30, 30))
    qtbot.mouseRelease(p.screen_widget.pad, Qt.MouseButton.LeftButton, pos=QPoint(120, 90))
    drawn = [[(point.x(), point.y()) for point in stroke] for stroke in p.screen_widget.pad.strokes]
    assert p.next_button.isEnabled()
    click(qtbot, p.language_buttons["en"])
    assert engine.language == "en" and p.screen_widget.methods.selected() == ["mark"]
    kept = [[(point.x(), point.y()) for point in stroke] for stroke in p.screen_widget.pad.strokes]
    assert p.screen_widget.pad.isVisible() and kept == drawn and p.next_button.isEnabled()
    click(qtbot, p.next_button)
    assert store.consent_record(engine.record.id).signature_png.startswith(b"\x89PNG")
