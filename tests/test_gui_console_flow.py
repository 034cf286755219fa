"""The facilitator console between and around sessions (issue 7): clicked on the real widgets at 1280x800."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from kiosk.i18n import default_catalog
from kiosk.session import SessionEngine
from kiosk.store import SessionStatus
from kiosk.study.loader import load_plan_text

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def _no_hanging_dialog(qtbot):
    """Old code opened blocking dialogs; close any that is left so a failing test fails instead of hanging."""

    def close_modal() -> None:
        widget = QApplication.activeModalWidget()
        if widget is not None:
            widget.close()
        timer.start()

    timer = QTimer(singleShot=True, interval=4000, timeout=close_modal)
    timer.start()
    yield
    timer.stop()


def click(qtbot, widget) -> None:
    assert widget.isVisible() and widget.isEnabled(), f"cannot click {widget.accessibleName()!r}"
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def at_laptop_size(kiosk) -> None:
    kiosk.console.resize(1280, 800)


def start(kiosk, qtbot, code: str = "P-0042", facilitator: str = "F-07") -> None:
    page = kiosk.console.start_page
    qtbot.keyClicks(page.facilitator_edit, facilitator)
    qtbot.keyClicks(page.code_edit, code)
    click(qtbot, page.start_button)
    assert kiosk.bridge is not None, page.error_label.text()


def open_dialog(qtbot, parent: QWidget, kind=QDialog) -> QDialog:
    """The dialog the console opened (non-blocking), once it is on screen."""
    found: list[QDialog] = []

    def visible() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
        return bool(found)

    qtbot.waitUntil(visible, timeout=2000)
    return found[-1]


def answer(qtbot, dialog) -> None:
    """Choose the non-safe answer of a ConfirmDialog once it has woken (it ignores clicks for a moment)."""
    qtbot.waitUntil(dialog.act_button.isEnabled, timeout=2000)
    click(qtbot, dialog.act_button)


def take_back(kiosk, qtbot) -> None:
    """The facilitator takes the device back, typing the right PIN as the lock asks for it."""
    from conftest import KIOSK_PIN

    kiosk.pin_prompt = lambda: kiosk.pin_lock.check(KIOSK_PIN).accepted
    kiosk.take_back()
    qtbot.waitUntil(kiosk.console.isVisible)


def other_study(demo_study):
    text = demo_study.source_text.replace('id = "demo-farm-subsidy"', 'id = "other-study"', 1)
    return load_plan_text(text, "other/plan.toml")


# -- 8: the start page forgets the previous participant ---------------------------------------------

def test_start_page_is_reset_after_every_session(kiosk, qtbot, store) -> None:
    at_laptop_size(kiosk)
    page = kiosk.console.start_page
    page.minor_box.setChecked(True)
    qtbot.keyClicks(page.guardian_edit, "G-Petar")
    page.two_screens.setChecked(True)
    start(kiosk, qtbot, "P-0102", "AB")
    kiosk.bridge.engine.abandon("test")
    take_back(kiosk, qtbot)
    click(qtbot, kiosk.console.session_page.new_session_button)
    qtbot.waitUntil(lambda: kiosk.console.stack.currentWidget() is page)
    assert page.code_edit.text() == "" and page.guardian_edit.text() == ""
    assert not page.minor_box.isChecked() and not page.guardian_edit.isEnabled()
    assert page.one_screen.isChecked()
    start(kiosk, qtbot, "P-0103", "AB")  # typed into the fields as they are now
    record = kiosk.bridge.engine.record
    assert record.participant_code == "P-0103" and record.facilitator == "AB"
    assert record.guardian == "" and not record.minor and record.mode == "one_screen"


def test_new_session_during_a_live_session_asks_first(kiosk, qtbot, store) -> None:
    catalog = default_catalog()
    start(kiosk, qtbot, "P-0104")
    session_id = kiosk.bridge.engine.record.id
    take_back(kiosk, qtbot)
    click(qtbot, kiosk.console.session_page.new_session_button)
    dialog = open_dialog(qtbot, kiosk.console)
    assert dialog.safe_button.isDefault()
    assert dialog.safe_button.text() == catalog.text("en", "console_flow.stay")
    click(qtbot, dialog.safe_button)
    assert kiosk.console.stack.currentWidget() is kiosk.console.session_page and kiosk.bridge is not None
    click(qtbot, kiosk.console.session_page.new_session_button)
    dialog = open_dialog(qtbot, kiosk.console)
    answer(qtbot, dialog)
    page = kiosk.console.start_page
    qtbot.waitUntil(lambda: kiosk.console.stack.currentWidget() is page)
    assert store.session(session_id).status is SessionStatus.IN_PROGRESS  # kept, resumable
    assert session_id in page.resume_sessions()


def test_every_interrupted_session_is_offered_for_resume(kiosk, qtbot, store, demo_study, clock) -> None:
    ids = []
    for code in ("P-0201", "P-0202", "P-0203"):
        engine = SessionEngine.start(store, demo_study, code, clock, facilitator="F1")
        ids.append(engine.record.id)
    kiosk.console.show_start()
    page = kiosk.console.start_page
    assert sorted(page.resume_sessions()) == sorted(ids)
    second = page.resume_buttons[ids[1]]
    qtbot.waitUntil(second.isVisible)
    assert "P-0202" in second.accessibleName()
    click(qtbot, second)
    assert kiosk.bridge.engine.record.id == ids[1]


def test_under_18_without_guardian_names_the_problem(kiosk, qtbot) -> None:
    catalog = default_catalog()
    page = kiosk.console.start_page
    page.minor_box.setChecked(True)
    qtbot.keyClicks(page.facilitator_edit, "F-07")
    qtbot.keyClicks(page.code_edit, "P-0105")
    click(qtbot, page.start_button)
    assert kiosk.bridge is None
    assert page.error_label.text() == catalog.text("en", "console_flow.guardian_missing")
    assert page.error_label.text() != page.guardian_edit.placeholderText()


# -- 12: withdrawal per study, deletion in two steps -----------------------------------------------

def test_withdraw_takes_the_study_of_the_selected_session(kiosk, qtbot, store, demo_study, clock) -> None:
    other = other_study(demo_study)
    SessionEngine.start(store, demo_study, "P-0301", clock, facilitator="F1").abandon("x")
    theirs = SessionEngine.start(store, other, "P-0302", clock, facilitator="F1")
    theirs.abandon("x")
    kiosk.console.show_start()
    page = kiosk.console.start_page
    row = next(i for i, r in enumerate(page._records) if r.participant_code == "P-0302")
    page.table.selectRow(row)
    click(qtbot, page.withdraw_button)
    dialog = open_dialog(qtbot, page)
    assert dialog.code_edit.text() == "P-0302"
    assert dialog.study_box.currentData() == "other-study" and dialog.study_box.isVisible()
    click(qtbot, dialog.confirm)
    qtbot.waitUntil(lambda: store.session(theirs.record.id).status is SessionStatus.WITHDRAWN)
    assert "P-0302" in page.report_status.text()


def test_withdraw_delete_takes_two_steps_with_the_safe_choice_first(kiosk, qtbot, store, demo_study, clock) -> None:
    catalog = default_catalog()
    keep = SessionEngine.start(store, demo_study, "P-0401", clock, facilitator="F1")
    keep.abandon("x")
    gone = SessionEngine.start(store, demo_study, "P-0402", clock, facilitator="F1")
    gone.abandon("x")
    kiosk.console.show_start()
    page = kiosk.console.start_page
    row = next(i for i, r in enumerate(page._records) if r.participant_code == "P-0402")

    def ask_delete():
        page.table.selectRow(row)
        click(qtbot, page.withdraw_button)
        dialog = open_dialog(qtbot, page)
        qtbot.mouseClick(dialog.delete, Qt.MouseButton.LeftButton, pos=QPoint(8, dialog.delete.height() // 2))
        assert dialog.delete.isChecked()
        click(qtbot, dialog.confirm)
        return _second_step(qtbot, dialog)

    second = ask_delete()
    assert not second.act_button.isEnabled()  # the rest of a double click cannot delete
    assert "P-0402" in second.text_label.text() and "demo-farm-subsidy" in second.text_label.text()
    assert second.safe_button.isDefault()
    assert second.safe_button.geometry().x() < second.act_button.geometry().x() - 100  # far apart, safe first
    assert second.safe_button.text() == catalog.text("en", "console_flow.keep_data")
    click(qtbot, second.safe_button)
    assert store.session(gone.record.id).status is SessionStatus.ABANDONED  # nothing deleted

    second = ask_delete()
    with qtbot.waitSignal(kiosk.erasure_service().erasure_finished, timeout=30_000):  # erasure runs on its worker
        answer(qtbot, second)
    assert all(r.participant_code != "P-0402" for r in store.sessions())
    assert page.table.selectionModel().selectedRows() == []  # the selection did not jump to someone else
    assert store.session(keep.record.id).status is SessionStatus.ABANDONED


def _second_step(qtbot, first):
    from kiosk.qt.console.dialogs import ConfirmDialog

    qtbot.waitUntil(lambda: not first.isVisible())
    return open_dialog(qtbot, first, kind=ConfirmDialog)


# -- 11: timeline and window size ----------------------------------------------------------------

def test_timeline_fills_the_withdrawal_reason(store, demo_study, clock) -> None:
    from kiosk.session.describe import describe_event

    engine = SessionEngine.start(store, demo_study, "P-0501", clock, facilitator="F1")
    engine.withdraw("tired")
    last = store.events(engine.record.id)[-1]
    text = describe_event(default_catalog(), "en", last, demo_study)
    assert "{" not in text and "tired" in text


def test_timeline_wraps_and_follows_the_newest_entry_after_resume(qtbot, store, demo_study, clock) -> None:
    from kiosk.i18n import default_catalog as catalog
    from kiosk.qt.controller import KioskController
    from kiosk.theme import load_theme

    engine = SessionEngine.start(store, demo_study, "P-0502", clock, facilitator="F1")
    for i in range(60):
        engine.add_note(f"note {i} " + "a long observation that does not fit on one line " * 3)
    controller = KioskController(store, [demo_study], [], catalog(), "en", load_theme(), clock=clock,
                                 pin_prompt=lambda: True)
    qtbot.addWidget(controller.console, before_close_func=lambda w: w.allow_close())
    qtbot.addWidget(controller.participant, before_close_func=lambda w: w.allow_close())
    controller.console.show()
    controller.resume_session(engine.record.id)
    controller.take_back()
    timeline = controller.console.session_page.timeline
    assert timeline.wordWrap()
    assert timeline.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    bar = timeline.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0 and bar.value() == bar.maximum())
    controller.bridge = None  # its heartbeat must not outlive this test's database


def test_console_fits_the_screen_with_its_title_bar(kiosk, qtbot) -> None:
    available = kiosk.console.screen().availableGeometry()
    frame = kiosk.console.frameGeometry()
    assert available.contains(frame), (frame, available)


@pytest.mark.parametrize("size", [(1280, 800), (1366, 768), (1920, 1080)])
def test_console_geometry_for_laptop_screens(size) -> None:
    from kiosk.qt.console.placement import console_geometry

    available = QRect(0, 0, size[0], size[1] - 40)  # a task bar
    rect = console_geometry(available, title_bar=32)
    assert available.contains(rect.adjusted(0, -32, 0, 0))
    assert rect.width() >= 1000 and rect.height() >= 600


def test_session_page_fits_1366x768(kiosk, qtbot) -> None:
    start(kiosk, qtbot, "P-0503")
    take_back(kiosk, qtbot)
    hint = kiosk.console.minimumSizeHint()
    assert hint.height() <= 768 - 40 - 32 and hint.width() <= 1280


# -- 14: two screens asked for, one display present ----------------------------------------------

def test_two_screens_on_one_display_never_covers_the_console(kiosk, qtbot) -> None:
    """The offscreen display (800x800) is too small for both windows: the participant view gets the screen to
    itself, inside it, and the console says how to come back; before, the window hung over the console."""
    page = kiosk.console.start_page
    page.two_screens.setChecked(True)
    start(kiosk, qtbot, "P-0601")
    participant, console = kiosk.participant, kiosk.console
    qtbot.waitUntil(participant.isVisible)
    screen = participant.screen().geometry()
    frame = participant.frameGeometry()
    assert frame.bottom() <= screen.bottom(), (frame, screen)  # nothing below the screen's edge
    assert console.isHidden()  # and nothing over the console
    assert "Ctrl+Shift+F" in console.session_page.message_label.text()
    take_back(kiosk, qtbot)
    assert console.isVisible()


def test_side_by_side_when_both_windows_fit() -> None:
    from PySide6.QtCore import QSize

    from kiosk.qt.console.placement import side_by_side

    wide = QRect(0, 0, 2560, 1400)
    console, participant = side_by_side(wide, QSize(640, 630), QSize(1180, 600))
    assert wide.contains(console) and wide.contains(participant) and not console.intersects(participant)
    assert console.width() >= 640 and participant.width() >= 1180
    assert side_by_side(QRect(0, 0, 1280, 760), QSize(640, 630), QSize(1180, 600)) is None


def test_erasing_the_same_code_in_another_study_keeps_the_open_session(kiosk, qtbot, store, demo_study,
                                                                         clock) -> None:
    """Codes repeat across studies: deleting P-0701 of another study must not cut off the P-0701 on screen."""
    other = other_study(demo_study)
    SessionEngine.start(store, other, "P-0701", clock, facilitator="F1").abandon("x")
    start(kiosk, qtbot, "P-0701")
    open_session = kiosk.bridge.engine.record.id
    with qtbot.waitSignal(kiosk.erasure_service().erasure_finished, timeout=30_000):
        kiosk.withdraw("other-study", "P-0701", "delete", "asked by phone")
    assert kiosk.bridge is not None and kiosk.bridge.engine.record.id == open_session
    assert store.session(open_session).status is SessionStatus.IN_PROGRESS
    assert [r.study_id for r in store.sessions()] == [demo_study.id]


def test_closing_the_console_during_a_live_session_asks_first(kiosk, qtbot, store) -> None:
    """Found by a new user: Alt+F4 on the console ended the app in the middle of a session, without the
    question that New session asks."""
    start(kiosk, qtbot, "P-0901")
    take_back(kiosk, qtbot)
    assert kiosk.console.close() is False  # the window manager's close, as Alt+F4 sends it
    dialog = open_dialog(qtbot, kiosk.console)
    assert kiosk.console.isVisible()
    click(qtbot, dialog.safe_button)  # "Stay in this session"
    assert kiosk.console.isVisible() and kiosk.bridge is not None
    assert kiosk.console.close() is False
    answer(qtbot, open_dialog(qtbot, kiosk.console))  # "Leave it for later"
    qtbot.waitUntil(lambda: not kiosk.console.isVisible())
    assert store.sessions()[0].status is SessionStatus.IN_PROGRESS  # resumable at the next start
