"""Issue 10, second new-user run, participant side: what a new user found, on the real widgets."""

from __future__ import annotations


import pytest
from PySide6.QtCore import QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QFont

from conftest import make_kiosk
from kiosk.qt.participant.screens.prototype import PrototypeScreen
from kiosk.session import Step
from kiosk.session.events import EventKind
from kiosk.study import load_plan
from test_gui_step_aside import _plan as _aside_plan
from test_prototype_plan import _plan
from test_prototype_session import _to_prototype_task

pytestmark = pytest.mark.gui


@pytest.fixture
def player(qtbot, store, clock, tmp_path):
    study = load_plan(_plan(tmp_path))
    kiosk = make_kiosk(qtbot, store, [study], clock)
    kiosk.start_session(study, "P-0210", 1, "one_screen", facilitator="F-07")
    kiosk.participant.showNormal()
    kiosk.participant.resize(1280, 800)
    engine = kiosk.bridge.engine
    engine.choose_language("sr-Cyrl")
    _to_prototype_task(engine)
    qtbot.waitUntil(lambda: isinstance(kiosk.participant.screen_widget, PrototypeScreen))
    yield kiosk
    kiosk.bridge = None


@pytest.fixture
def aside(qtbot, store, clock, tmp_path):
    study = load_plan(_aside_plan(tmp_path))
    kiosk = make_kiosk(qtbot, store, [study], clock)
    kiosk.start_session(study, "P-0310", 1, "one_screen", facilitator="F-07")
    kiosk.bridge.engine.choose_language("en")
    _to_prototype_task(kiosk.bridge.engine)
    qtbot.waitUntil(kiosk.participant.step_aside_bar.isVisible)
    yield kiosk
    kiosk.bridge = None


def _click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _text(kiosk, lang: str, key: str) -> str:
    return kiosk.catalog.text(lang, key)


# -- 1. the help banner follows a language switch ---------------------------------------------------------

def test_the_help_banner_follows_a_language_switch_and_goes_when_acknowledged(player, qtbot) -> None:
    window, engine = player.participant, player.bridge.engine
    _click(qtbot, window.help_button)
    qtbot.waitUntil(lambda: engine.state.help_pending)
    assert window.banner_text() == _text(player, "sr-Cyrl", "participant.help_called")
    _click(qtbot, window.language_buttons["en"])
    qtbot.waitUntil(lambda: engine.language == "en")
    assert window.banner_text() == _text(player, "en", "participant.help_called")
    player.bridge.run(engine.acknowledge_help)  # the facilitator pressed Acknowledge
    qtbot.waitUntil(lambda: window.banner_text() == "")


# -- 3. help on the step-aside bar is acknowledged on the bar ------------------------------------------------

def test_help_on_the_step_aside_bar_says_help_is_coming_until_acknowledged(aside, qtbot) -> None:
    bar, engine = aside.participant.step_aside_bar, aside.bridge.engine
    assert not bar.help_note.isVisible()
    _click(qtbot, bar.help_button)
    qtbot.waitUntil(bar.help_note.isVisible)
    assert QFont(bar.help_note.font()).pointSizeF() >= aside.participant.theme.min_pt
    for width, key in ((1024, "participant.help_called_short"), (1920, "participant.help_called")):
        bar.resize(width, bar.height())  # a small kiosk screen; a 21.5-inch touchscreen
        bar.layout().activate()
        assert bar.help_note.text() == _text(aside, "en", key)
        assert bar.help_note.heightForWidth(bar.help_note.width()) <= bar.help_note.height()  # every word shows
        assert bar.help_note.geometry().right() < bar.help_button.geometry().left()  # beside the buttons
        bar.grab().save(f"/tmp/fix10-bar-help-{width}.png")
    aside.bridge.run(engine.acknowledge_help)
    qtbot.waitUntil(lambda: not bar.help_note.isVisible())
    assert bar.title.isVisible()


# -- 4. the bar has its own facilitator corner ---------------------------------------------------------------

def test_five_taps_on_the_bar_corner_ask_for_the_pin(aside, qtbot) -> None:
    bar = aside.participant.step_aside_bar
    asked = []
    aside.pin_prompt = lambda: asked.append(True) or False
    for _ in range(4):
        _click(qtbot, bar.corner)
    assert asked == []
    _click(qtbot, bar.corner)
    assert asked == [True] and bar.isVisible()  # a wrong PIN leaves the bar as it was
    assert bar.corner.geometry().right() < bar.title.geometry().left()  # a blank end of the bar
    assert bar.corner.focusPolicy() == Qt.FocusPolicy.NoFocus
    for _ in range(5):  # the margin at the very end of the bar counts, as the window's does
        qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=QPoint(2, bar.height() // 2))
    assert asked == [True, True]


def test_no_go_back_from_the_bar_is_logged_and_the_bar_comes_back(aside, qtbot, store) -> None:
    bar, window, engine = aside.participant.step_aside_bar, aside.participant, aside.bridge.engine
    _click(qtbot, bar.done_button)
    qtbot.waitUntil(window.isVisible)
    _click(qtbot, window.screen_widget.no)
    qtbot.waitUntil(bar.isVisible)
    assert window.isHidden() and engine.step is Step.RUNNING
    assert store.events(engine.record.id)[-1].kind == EventKind.FINISH_CANCELLED


# -- 5. the prototype keeps its place and scale while the participant may tap ----------------------------------

def _hotspot_in_window(window, x: float, y: float) -> QPoint:
    canvas = window.screen_widget.canvas
    point = canvas._to_widget(x, y)
    return canvas.mapTo(window, QPoint(round(point.x()), round(point.y())))


def _tap_window_at(qtbot, window, where: QPoint) -> None:
    canvas = window.screen_widget.canvas
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=canvas.mapFrom(window, where))


def test_a_tap_at_the_same_place_hits_the_same_hotspot_after_help_and_after_hide_and_show(player, qtbot,
                                                                                         store) -> None:
    window, engine = player.participant, player.bridge.engine
    apply_at = _hotspot_in_window(window, 300, 550)
    placed = window.screen_widget.canvas.mapTo(window, QPoint(0, 0)), window.screen_widget.canvas.size()
    _click(qtbot, window.help_button)
    qtbot.waitUntil(lambda: window.banner_text() != "")
    window.grab().save("/tmp/fix10-help-over-prototype.png")
    show_task = window.screen_widget.task_button
    assert not window.banners.over.geometry().intersects(QRect(show_task.mapTo(window, QPoint(0, 0)),
                                                               show_task.size()))  # "Show the task again" stays free
    for lang in ("hu", "sr-Cyrl"):  # Hungarian's whole sentence is too long for the room: its first half
        _click(qtbot, window.language_buttons[lang])
        qtbot.waitUntil(lambda lang=lang: engine.language == lang)
        assert window.banner_text() in (_text(player, lang, "participant.help_called"),
                                        _text(player, lang, "participant.help_called_short"))
        canvas = window.screen_widget.canvas
        drawn = QRect(canvas.mapTo(window, QPoint(0, 0)), canvas.size())
        assert not window.banners.over.geometry().intersects(drawn)  # the line covers no part of the prototype
    assert (window.screen_widget.canvas.mapTo(window, QPoint(0, 0)), window.screen_widget.canvas.size()) == placed
    window.hide()
    window.show()
    qtbot.waitExposed(window)
    assert (window.screen_widget.canvas.mapTo(window, QPoint(0, 0)), window.screen_widget.canvas.size()) == placed
    _tap_window_at(qtbot, window, apply_at)
    taps = [e.payload for e in store.events(engine.record.id) if e.kind == EventKind.PROTOTYPE_TAPPED]
    assert [t["hotspot"] for t in taps] == ["apply"]


def test_a_tap_counts_against_the_picture_the_participant_saw_not_a_layout_not_yet_drawn(player, qtbot) -> None:
    canvas = player.participant.screen_widget.canvas
    canvas.grab()  # drawn at its place
    seen = canvas._to_widget(300, 550)
    canvas.resize(canvas.width() // 2, canvas.height() // 2)  # a transient layout, not yet on the glass
    x, y = canvas.to_image(QPointF(seen))
    assert abs(x - 300) <= 2 and abs(y - 550) <= 2


# -- 6. cosmetic: one selected language, a Stop button that does not move ------------------------------------

def test_a_focused_language_button_does_not_look_selected(player, qtbot) -> None:
    window = player.participant
    chosen, other = window.language_buttons["sr-Cyrl"], window.language_buttons["en"]
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    edge = QPoint(2, other.height() // 2)
    focused_edge = other.grab().toImage().pixelColor(edge)
    chosen_edge = chosen.grab().toImage().pixelColor(QPoint(2, chosen.height() // 2))
    assert focused_edge != chosen_edge
    window.grab().save("/tmp/fix10-language-focus.png")


def test_stop_keeps_its_width_in_every_language(player, qtbot) -> None:
    window, engine = player.participant, player.bridge.engine
    widths = set()
    for lang in engine.study.languages:
        _click(qtbot, window.language_buttons[lang])
        qtbot.waitUntil(lambda lang=lang: engine.language == lang)
        qtbot.waitUntil(lambda: window.stop_button.text() == _text(player, engine.language, "consent.stop"))
        window.layout().activate()
        widths.add(window.stop_button.width())
    assert len(widths) == 1


# -- 7. "Show the task again" and "No, go back" are in the log -------------------------------------------------

def test_show_the_task_again_and_no_go_back_are_logged_without_changing_time_on_task(player, qtbot, store) -> None:
    window, engine = player.participant, player.bridge.engine
    screen = window.screen_widget
    _click(qtbot, screen.task_button)
    assert screen.task_panel.isVisible()
    _click(qtbot, window.next_button)
    _click(qtbot, window.screen_widget.no)
    qtbot.waitUntil(lambda: isinstance(window.screen_widget, PrototypeScreen))
    kinds = [e.kind for e in store.events(engine.record.id)]
    assert kinds[-2:] == [EventKind.TASK_SHOWN_AGAIN, EventKind.FINISH_CANCELLED]
    assert engine.step is Step.RUNNING


# -- 2. the console names the step the participant asked for help at ----------------------------------------

def test_the_console_names_the_step_of_the_help_call_not_the_step_now(player, qtbot) -> None:
    from kiosk.session.flow import Outcome

    window, engine = player.participant, player.bridge.engine
    _click(qtbot, window.help_button)  # on the prototype: the task is running
    qtbot.waitUntil(lambda: engine.state.help_pending)
    player.bridge.run(engine.record_outcome, Outcome.SUCCESS)  # the task ends: the next step is another
    page = player.console.session_page
    page.refresh()
    running = _text(player, "en", "step.running")
    assert engine.step is not Step.RUNNING and f"“{running}”" in page.help_banner.label.text()
