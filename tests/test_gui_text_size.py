"""Who sets the participant's text size, and that the window follows it (issue 12 item 2): the facilitator on the
start page (with reading aloud and pictures) and during the session, the participant on the welcome screen."""

from __future__ import annotations

import math

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.qt.participant.widgets import BigButton
from kiosk.session.access import AccessSettings
from kiosk.session.events import EventKind

pytestmark = pytest.mark.gui


def access_events(engine) -> list[dict]:
    return [e.payload for e in engine.store.events(engine.record.id) if e.kind == EventKind.ACCESS_CHANGED]


def body_label_pt(window) -> float:
    window.ensurePolished()
    QApplication.processEvents()
    labels = [label for label in window.scroll_area.widget().findChildren(QLabel)
              if label.property("role") == "body" and label.isVisibleTo(window)]
    return labels[0].font().pointSizeF()


def test_the_facilitator_chooses_the_aids_on_the_start_page_and_the_form_forgets_them(kiosk, qtbot) -> None:
    page = kiosk.console.start_page
    page.facilitator_edit.setText("F1")
    page.code_edit.setText("P-0301")
    page.aids.text_size.setCurrentIndex(2)  # 150%
    page.aids.read_aloud.setChecked(True)
    page.aids.pictures.setChecked(True)
    page.start_button.click()
    engine = kiosk.bridge.engine
    assert engine.access == AccessSettings(text_size=150, read_aloud=True, pictures=True)
    window = kiosk.participant
    window.showNormal()
    assert window.theme.body_pt == math.ceil(window.base_theme.body_pt * 1.5)
    assert body_label_pt(window) == window.theme.body_pt
    # the next participant starts from the defaults, like the code and the guardian
    assert page.aids.settings() == AccessSettings()
    assert page.aids.text_size.currentText() == "100%"
    kiosk.bridge = None


def test_the_participant_steps_the_text_size_on_the_welcome_screen(kiosk, qtbot) -> None:
    kiosk.start_session(kiosk.console.start_page.studies[0], "P-0302", 1, "one_screen", facilitator="F1")
    window = kiosk.participant
    window.showNormal()
    window.resize(1280, 800)
    engine = kiosk.bridge.engine
    buttons = window.screen_widget.text_size
    assert not buttons.smaller.isEnabled() and buttons.larger.isEnabled()  # 100% is the smallest
    small = body_label_pt(window)
    qtbot.mouseClick(buttons.larger, Qt.MouseButton.LeftButton)
    assert engine.access.text_size == 125
    assert access_events(engine)[-1]["by"] == "participant"
    assert window.theme.body_pt == math.ceil(window.base_theme.body_pt * 1.25)
    assert body_label_pt(window) > small
    for _ in range(3):  # up to 200%; each tap is one step, on the rebuilt screen
        window.screen_widget.text_size.larger.click()
    assert engine.access.text_size == 200
    assert not window.screen_widget.text_size.larger.isEnabled()  # the end: greyed out
    window.screen_widget.text_size.smaller.click()
    assert engine.access.text_size == 175
    assert [e["text_size"] for e in access_events(engine)] == [125, 150, 175, 200, 175]
    assert kiosk.console.session_page.text_size_control.box.currentData() == 175  # the console follows
    kiosk.bridge = None


def test_the_facilitator_changes_the_text_size_during_the_session(kiosk, qtbot) -> None:
    kiosk.start_session(kiosk.console.start_page.studies[0], "P-0303", 1, "one_screen", facilitator="F1",
                        access=AccessSettings(read_aloud=True))
    engine = kiosk.bridge.engine
    engine.continue_from_welcome()
    window = kiosk.participant
    window.showNormal()
    control = kiosk.console.session_page.text_size_control
    assert control.box.currentData() == 100
    control.box.setCurrentIndex(4)
    assert engine.access == AccessSettings(text_size=200, read_aloud=True)  # the other aids kept
    assert access_events(engine)[-1]["by"] == "facilitator"
    assert window.theme.min_pt == window.base_theme.min_pt * 2
    assert body_label_pt(window) == window.base_theme.body_pt * 2
    assert control.read_aloud.isChecked()
    control.read_aloud.click()  # too much for this participant (or no speaker works): reading goes off mid-session
    assert engine.access == AccessSettings(text_size=200, read_aloud=False)
    assert access_events(engine)[-1]["by"] == "facilitator" and control.read_aloud.accessibleName()
    kiosk.bridge = None


def test_a_big_button_wraps_its_words_instead_of_growing_past_its_room(qtbot) -> None:
    holder = QWidget()
    holder.setObjectName("participantRoot")
    holder.setStyleSheet("QPushButton { font-size: 40pt; padding: 6px 18px; }")
    column = QVBoxLayout(holder)
    button = BigButton("I am ready to start the task now")
    column.addWidget(button)
    qtbot.addWidget(holder)
    holder.resize(420, 600)
    holder.show()
    qtbot.waitUntil(lambda: "\n" in QPushButton.text(button))
    QApplication.processEvents()
    assert button.text() == "I am ready to start the task now"  # the whole label, for speech and tests
    assert button.accessibleName() == "I am ready to start the task now"
    drawn = QPushButton.sizeHint(button)
    assert drawn.width() <= button.width() and drawn.height() <= button.height()  # nothing cut
    assert button.width() <= holder.width()
    holder.resize(1600, 600)
    qtbot.waitUntil(lambda: "\n" not in QPushButton.text(button))  # room again: one line


def test_a_rating_scale_too_long_for_a_row_wraps_with_its_end_labels_beside_its_ends(qtbot) -> None:
    from kiosk.qt.participant.widgets import LikertScale
    from kiosk.qt.style import participant_stylesheet
    from kiosk.theme import load_theme

    root = QWidget()
    root.setObjectName("participantRoot")
    root.setStyleSheet(participant_stylesheet(load_theme().scaled(2.0)))
    column = QVBoxLayout(root)
    scale = LikertScale(tuple(range(0, 11)), "Not at all likely", "Extremely likely", None, pictorial=True)
    column.addWidget(scale)
    column.addStretch(1)
    qtbot.addWidget(root)
    root.resize(1160, 700)  # the page's width at 1280×800
    root.show()
    for _ in range(3):
        QApplication.processEvents()
    assert root.minimumSizeHint().width() <= 1160  # the scale no longer widens the page
    buttons = list(scale.buttons.values())
    assert all(0 <= b.x() and b.geometry().right() <= scale.width() for b in buttons)
    assert len({b.y() for b in buttons}) == 2  # two rows
    first, last = buttons[0], buttons[-1]
    assert scale.low_text.geometry().bottom() < first.y()  # "not at all likely" over 0
    assert scale.high_text.y() > last.geometry().bottom()  # "extremely likely" under 10 ...
    assert last.geometry().right() >= scale.width() - 2  # ... which ends the last row at the right edge
    assert [b.text() for b in sorted(buttons, key=lambda b: (b.y(), b.x()))] == [str(v) for v in range(11)]
    root.resize(2400, 700)
    qtbot.waitUntil(lambda: len({b.y() for b in buttons}) == 1)  # room for one row again


@pytest.mark.parametrize("lang", ["sr-Cyrl", "hu"])
def test_at_200_percent_the_header_takes_two_rows_and_the_speaker_is_as_tall_as_the_text(kiosk, qtbot,
                                                                                           lang) -> None:
    """With the read-aloud button beside Stop, the four languages stood one a row down the right edge (four
    rows, 320 of 800 px) and the speaker was a 27 px glyph in a 270 px button: the languages keep room for two
    side by side, and the speaker follows the text size."""
    kiosk.start_session(kiosk.console.start_page.studies[0], "P-0303", 1, "one_screen", facilitator="F1",
                        access=AccessSettings(text_size=200))
    engine = kiosk.bridge.engine
    engine.choose_language(lang)
    window = kiosk.participant
    window.showNormal()
    window.resize(1280, 800)
    QApplication.processEvents()
    tops = sorted({button.mapTo(window, button.rect().topLeft()).y() for button in window.language_buttons.values()})
    assert len(tops) == 2, tops
    speaker = window.read_aloud.button
    assert speaker.iconSize().height() >= speaker.fontMetrics().height() > 40
    assert speaker.mapTo(window, speaker.rect().topLeft()).y() == window.stop_button.mapTo(
        window, window.stop_button.rect().topLeft()).y()
    kiosk.bridge = None


def test_the_more_below_hint_stands_at_the_right_beside_the_scroll_bar(kiosk, qtbot) -> None:
    """Trial: centred, the hint lay over the middle of full-width choices, where their words are."""
    from conftest import consent

    kiosk.start_session(kiosk.console.start_page.studies[0], "P-0304", 1, "one_screen", facilitator="F1",
                        access=AccessSettings(text_size=200))
    engine = kiosk.bridge.engine
    engine.continue_from_welcome()
    consent(engine)
    window = kiosk.participant
    window.showNormal()
    window.resize(1280, 800)
    QApplication.processEvents()
    hint, viewport = window.more_hint, window.scroll_area.viewport().geometry()
    assert hint.isVisible()
    assert viewport.right() - 24 <= hint.geometry().right() <= viewport.right()
    kiosk.bridge = None


def test_enter_starts_the_session_from_a_ticked_aid_as_from_the_code(kiosk, qtbot) -> None:
    """Trial: the README says *Start session* (or Enter); with the focus on *Read each screen aloud*, just
    ticked with Space, Enter did nothing."""
    page = kiosk.console.start_page
    page.facilitator_edit.setText("F1")
    page.code_edit.setText("P-0305")
    page.show()
    page.aids.read_aloud.setFocus()
    qtbot.keyClick(page.aids.read_aloud, Qt.Key.Key_Space)
    qtbot.keyClick(page.aids.read_aloud, Qt.Key.Key_Return)
    assert kiosk.bridge is not None and kiosk.bridge.engine.access.read_aloud
    assert len(kiosk.store.sessions()) == 1
    kiosk.bridge = None
