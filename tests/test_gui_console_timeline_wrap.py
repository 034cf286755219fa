"""The console's timeline rows grow with their text (issue 10, second new-user run: once the list needed a scroll
bar, the long SUS answers wrapped over the next row). Each row must be as tall as its wrapped text, at the width
the list has when it is drawn."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt

from kiosk.qt.console.following_list import FollowingList

pytestmark = pytest.mark.gui

LONG = "06:01  Answered SUS 7 “I would imagine that most people would learn to use this system very quickly.”: 3"


def _rows_fit(timeline: FollowingList) -> list[str]:
    """Rows whose wrapped text is taller than the row, or that overlap the next one."""
    metrics = timeline.fontMetrics()
    bad = []
    previous_bottom = -10**9
    for i in range(timeline.count()):
        rect = timeline.visualItemRect(timeline.item(i))
        text = timeline.item(i).text()
        needed = metrics.boundingRect(QRect(0, 0, rect.width() - 4, 10**6),
                                      int(Qt.TextFlag.TextWordWrap), text).height()
        if needed > rect.height() or rect.top() < previous_bottom:
            bad.append(f"{i}: {rect.height()} < {needed}: {text}")
        previous_bottom = rect.bottom()
    return bad


@pytest.mark.parametrize("width", [440, 520, 600])
def test_rows_fit_their_wrapped_text_once_the_scroll_bar_shows(qtbot, width: int) -> None:
    timeline = FollowingList()
    qtbot.addWidget(timeline)
    timeline.resize(width, 300)
    timeline.show()
    qtbot.waitExposed(timeline)
    for n in range(40):  # short and long rows; the list needs its scroll bar part way through
        timeline.addItem(f"05:{n:02d}  Participant chose (not yet confirmed)" if n % 2 else
                         LONG.replace("SUS 7", f"SUS {n}")[: 40 + (n * 7) % 80])
    qtbot.waitUntil(lambda: timeline.verticalScrollBar().isVisible())
    for value in (0, timeline.verticalScrollBar().maximum() // 2, timeline.verticalScrollBar().maximum()):
        timeline.verticalScrollBar().setValue(value)
        assert _rows_fit(timeline) == []


def test_rows_added_while_the_console_is_hidden_fit_when_it_shows_again(qtbot) -> None:
    """The trial's case: the participant's window covered the console while the SUS was answered, the list
    needed its scroll bar then, and the rows kept the height they had at the width without it."""
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    window = QWidget()
    qtbot.addWidget(window)
    QVBoxLayout(window).addWidget(timeline := FollowingList())
    window.resize(480, 400)
    window.show()
    qtbot.waitExposed(window)
    for n in range(20):
        timeline.addItem(f"05:{n:02d}  Participant chose (not yet confirmed)")
    qtbot.waitUntil(lambda: timeline.visualItemRect(timeline.item(19)).height() > 0)
    window.hide()
    for n in range(20):
        timeline.addItem(LONG.replace("SUS 7", f"SUS {n}")[: 60 + (n * 7) % 60])
        timeline.follow()
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: _rows_fit(timeline) == [], timeout=2000)
    timeline.verticalScrollBar().setValue(timeline.verticalScrollBar().maximum() // 2)
    assert _rows_fit(timeline) == []


def test_rows_follow_a_narrower_list(qtbot) -> None:
    timeline = FollowingList()
    qtbot.addWidget(timeline)
    timeline.resize(900, 600)
    timeline.show()
    qtbot.waitExposed(timeline)
    for n in range(12):
        timeline.addItem(LONG)
    timeline.resize(380, 600)
    qtbot.waitUntil(lambda: timeline.viewport().width() < 380)
    assert _rows_fit(timeline) == []


def test_the_session_pages_sus_answers_do_not_overlap(qtbot, store, demo_study, clock, tmp_path) -> None:
    """The trial's case: the demo at 1280x800, every task skipped, then the SUS answered live."""
    from conftest import consent
    from kiosk.i18n import default_catalog
    from kiosk.qt.controller import KioskController
    from kiosk.session import SessionEngine, Step
    from kiosk.theme import load_theme

    engine = SessionEngine.start(store, demo_study, "C-0001", clock, facilitator="F1")
    engine.continue_from_welcome()
    consent(engine)
    for _ in demo_study.pre_questions:
        engine.skip_question()
    from kiosk.session import Outcome

    while engine.step is Step.INSTRUCTIONS:  # each task as in the trial: started, ended, outcome, SEQ answered
        engine.start_task()
        engine.end_task()
        engine.record_outcome(Outcome.SUCCESS)
        engine.answer(7)
    kiosk = KioskController(store, [demo_study], [], default_catalog(), "en", load_theme(), clock=clock,
                            pin_prompt=lambda: True)
    qtbot.addWidget(kiosk.console, before_close_func=lambda w: w.allow_close())
    qtbot.addWidget(kiosk.participant, before_close_func=lambda w: w.allow_close())
    kiosk.console.resize(1280, 800)
    kiosk.console.show()
    kiosk.resume_session(engine.record.id)
    kiosk.take_back()
    page = kiosk.console.session_page
    qtbot.waitExposed(page.timeline)
    live = kiosk.bridge.engine
    for _ in range(10):
        if live.step is not Step.QUESTION:
            break
        count = page.timeline.count()
        assert kiosk.bridge.run(live.answer, 3)
        qtbot.waitUntil(lambda: page.timeline.count() > count)
    page.timeline.scrollToBottom()
    kiosk.console.grab().save(str(tmp_path / "timeline.png"))
    assert _rows_fit(page.timeline) == []
    kiosk.bridge = None
