"""The demo prototype as the player shows it on a 1280×800 kiosk (issue 10 new-user run, items 5 to 7)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QImage

from kiosk.qt.demo_screens import SMALLEST_TEXT
from kiosk.qt.participant.screens.prototype import PrototypeScreen
from kiosk.qt.style import px_to_mm
from kiosk.session import Step
from kiosk.session.events import EventKind
from test_prototype_session import _to_prototype_task

pytestmark = pytest.mark.gui


def _player(kiosk, qtbot, lang: str, task: str = "apply-subsidy") -> PrototypeScreen:
    kiosk.start_session(kiosk.console.start_page.studies[0], "T-0020", 1, "one_screen", facilitator="F-07")
    p = kiosk.participant
    p.showNormal()
    p.resize(1280, 800)
    engine = kiosk.bridge.engine
    engine.choose_language(lang)
    _to_prototype_task(engine, task)
    qtbot.waitUntil(lambda: isinstance(p.screen_widget, PrototypeScreen))
    qtbot.waitUntil(lambda: p.screen_widget.canvas.height() > 300 and p.width() == 1280)
    qtbot.waitUntil(lambda: not p.scroll_area.verticalScrollBar().isVisible())  # the layout has settled
    return p.screen_widget


def _tap_hotspot(qtbot, screen: PrototypeScreen, hotspot_id: str) -> None:
    prototype = screen.navigator.prototype
    hotspot = next(h for h in prototype.screen(screen.navigator.screen).hotspots if h.id == hotspot_id)
    point = screen.canvas._to_widget(*hotspot.rect.centre)
    qtbot.mouseClick(screen.canvas, Qt.MouseButton.LeftButton, pos=QPoint(round(point.x()), round(point.y())))


@pytest.mark.parametrize("lang", ["sr-Cyrl", "en"])
def test_the_demo_is_drawn_at_the_size_the_player_shows_it(kiosk, qtbot, lang: str) -> None:
    """Before: drawn at 1280×800, shown at 0.69, so its 16 px footer came out at 11 px, under the 18 pt minimum."""
    screen = _player(kiosk, qtbot, lang)
    kiosk.participant.grab().save(f"/tmp/demo-player-home-{lang}.png")
    prototype = screen.navigator.prototype
    shown = screen.canvas.image_rect()
    scale = shown.width() / prototype.screen("home").width
    assert scale >= 0.999, f"the demo is shown at {scale:.2f} of its drawn size at 1280×800"
    minimum_px = kiosk.participant.theme.min_pt * screen.logicalDpiY() / 72
    for screen_id in prototype.screens:
        image = QImage(str(prototype.image_path(screen_id, lang)))
        smallest = int(image.text(SMALLEST_TEXT) or 0)
        assert smallest * scale >= minimum_px - 0.01, f"{screen_id} ({lang}): text of {smallest} px shown at {scale:.2f}"


@pytest.mark.parametrize("lang", ["sr-Cyrl", "en"])
def test_the_drawn_help_is_not_a_second_kiosk_help(kiosk, qtbot, lang: str) -> None:
    """Before: the prototype's own "Help" (Помоћ) was a second Help beside the kiosk's, which calls the facilitator."""
    screen = _player(kiosk, qtbot, lang)
    window = kiosk.participant
    kiosk_help = window.help_button
    drawn = next(h for h in screen.navigator.prototype.screen("home").hotspots if h.target == "help")
    top_left = screen.canvas.mapTo(window, screen.canvas._to_widget(drawn.rect.x, drawn.rect.y).toPoint())
    bottom_right = screen.canvas.mapTo(window, screen.canvas._to_widget(drawn.rect.x + drawn.rect.width,
                                                                        drawn.rect.y + drawn.rect.height).toPoint())
    drawn_on_window = QRect(top_left, bottom_right)
    help_on_window = QRect(kiosk_help.mapTo(window, QPoint(0, 0)), kiosk_help.size())
    gap_px = help_on_window.top() - drawn_on_window.bottom()
    assert px_to_mm(gap_px, window.screen()) > 80  # the whole prototype lies between them
    from kiosk.qt.demo_screens import SCREENS
    from kiosk.qt.demo_texts import text

    drawn_label = text(next(b for b in SCREENS[0].buttons if b.go == "help").label, lang)
    assert drawn_label != kiosk_help.text() and kiosk_help.text() not in drawn_label


@pytest.mark.parametrize("lang", ["sr-Cyrl", "en"])
def test_check_status_ends_where_the_status_can_be_read(kiosk, qtbot, store, lang: str) -> None:
    """Before: the goal was the applications list, and reaching it ended the task before the status was read."""
    screen = _player(kiosk, qtbot, lang, "check-status")
    engine = kiosk.bridge.engine
    _tap_hotspot(qtbot, screen, "home-applications")
    assert engine.step is Step.RUNNING and screen.navigator.screen == "applications"
    _tap_hotspot(qtbot, screen, "applications-open")
    assert screen.navigator.screen == "status"
    assert engine.step is Step.RUNNING and kiosk.participant.screen_widget is screen  # on screen, to be read
    kiosk.participant.grab().save(f"/tmp/demo-player-status-{lang}.png")
    taps = [e.payload for e in store.events(engine.record.id) if e.kind == EventKind.PROTOTYPE_TAPPED]
    assert taps[-1]["to"] == "status" and taps[-1]["goal"] == "status"  # the goal reached is logged
    qtbot.mouseClick(kiosk.participant.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(kiosk.participant.screen_widget.yes, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: engine.step is Step.OUTCOME)  # the participant ends it; the facilitator judges
