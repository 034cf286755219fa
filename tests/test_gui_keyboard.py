"""Free-text answers typed on the on-screen keyboard, as a participant with no physical keyboard types them:
real keys clicked (found by their accessible names), Next pressed, the answer read back from the SQLite file.
Serbian Cyrillic, Hungarian and Serbian Latin (digraph keys), at 1280x800 (issue 12, item 4)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from conftest import consent, make_kiosk
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from kiosk.qt.participant.keyboard import KeyButton
from kiosk.qt.style import px_to_mm, screen_of
from kiosk.session.taps import TapGuard
from kiosk.study import load_plan

pytestmark = pytest.mark.gui

PLAN = Path(__file__).parent / "plans" / "free_text.toml"


@pytest.fixture
def kiosk(qtbot, store, clock):
    controller = make_kiosk(qtbot, store, [load_plan(PLAN)], clock)
    controller.console.show()
    yield controller
    controller.bridge = None


def at_free_text(kiosk, code: str, lang: str = "en"):
    """A session on the participant's screen (one screen, 1280x800), at the free-text question."""
    kiosk.start_session(kiosk.console.start_page.studies[0], code, 1, "one_screen", facilitator="F-07")
    p = kiosk.participant
    p.showNormal()
    p.resize(1280, 800)
    engine = kiosk.bridge.engine
    engine.choose_language(lang)
    engine.continue_from_welcome()
    consent(engine)
    assert engine.current_question.id == "town"
    QApplication.processEvents()
    return p, engine


def keyboard(p):
    board = p.screen_widget.keyboard
    assert board is not None and board.isVisible()
    return board


def key(p, name: str) -> KeyButton:
    """The visible key a screen reader announces as ``name``."""
    found = [k for k in keyboard(p).findChildren(KeyButton) if k.isVisible() and k.accessibleName() == name]
    assert len(found) == 1, f"no single visible key named {name!r}"
    return found[0]


def tap(qtbot, widget) -> None:
    assert widget.isVisible(), f"cannot see {widget.accessibleName()!r}"
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def type_word(qtbot, p, keys: list[str], caps_lock: bool = False) -> None:
    """Tap each key in turn; a capital is Shift, then the key (named by the capital it now types)."""
    for name in keys:
        if name == " ":
            tap(qtbot, key(p, p.catalog.text(p.bridge.engine.language, "keyboard.space")))
            continue
        if name != name.lower() and not caps_lock:
            tap(qtbot, key(p, p.catalog.text(p.bridge.engine.language, "keyboard.shift")))
        tap(qtbot, key(p, name))


def double_click(qtbot, widget) -> None:
    """Two quick taps as the window system delivers them: press, release, a double-click press, release."""
    centre = widget.rect().center()
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=centre)
    second = QMouseEvent(QEvent.Type.MouseButtonDblClick, QPointF(centre), QPointF(widget.mapToGlobal(centre)),
                         Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, second)
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=centre)


def recorded_answer(store, question_id: str) -> str:
    """The answer as committed to the database file, read through a connection of its own."""
    with sqlite3.connect(store.path) as conn:
        rows = conn.execute("SELECT payload FROM events WHERE kind = 'answer_recorded'").fetchall()
    values = [json.loads(row[0])["value"] for row in rows if json.loads(row[0])["question_id"] == question_id]
    assert len(values) == 1
    return values[0]


def test_an_answer_typed_in_serbian_cyrillic_is_recorded(kiosk, qtbot, store) -> None:
    p, engine = at_free_text(kiosk, "K-0001")
    tap(qtbot, p.language_buttons["sr-Cyrl"])  # the participant switches: the keyboard follows
    assert engine.language == "sr-Cyrl"
    type_word(qtbot, p, ["Љ", "у", "б", "љ", "а", "н", "а", " ", "ђ", "а", "к"])
    assert p.screen_widget.text_input.text() == "Љубљана ђак"
    assert p.screen_widget.text_input.hasFocus() or not any(k.hasFocus() for k in keyboard(p).keys())
    assert p.next_button.isEnabled()
    tap(qtbot, p.next_button)
    assert recorded_answer(store, "town") == "Љубљана ђак"


def test_an_answer_typed_in_hungarian_is_recorded(kiosk, qtbot, store) -> None:
    p, engine = at_free_text(kiosk, "K-0002")
    tap(qtbot, p.language_buttons["hu"])
    type_word(qtbot, p, ["Ő", "r", "ü", "l", "t", " ", "t", "ű", "z"])
    assert p.screen_widget.text_input.text() == "Őrült tűz"
    tap(qtbot, p.next_button)
    assert recorded_answer(store, "town") == "Őrült tűz"


def test_serbian_latin_digraphs_are_keys_and_capitalise_as_in_spelling(kiosk, qtbot, store) -> None:
    p, engine = at_free_text(kiosk, "K-0003", "sr-Latn")
    shift = p.catalog.text("sr-Latn", "keyboard.shift")
    type_word(qtbot, p, ["Lj", "u", "b", "lj", "a", "n", "a", " ", "Nj", "i", "v", "a", " ", "Dž", "a", "k", " "])
    tap(qtbot, key(p, shift))
    tap(qtbot, key(p, shift))  # tapped twice: all capitals, until Shift is tapped again
    type_word(qtbot, p, ["DŽ", "E", "P"], caps_lock=True)
    tap(qtbot, key(p, shift))
    type_word(qtbot, p, ["dž"])
    tap(qtbot, key(p, p.catalog.text("sr-Latn", "keyboard.delete")))  # takes back the whole "dž" it typed
    assert p.screen_widget.text_input.text() == "Ljubljana Njiva Džak DŽEP"
    tap(qtbot, p.next_button)
    assert recorded_answer(store, "town") == "Ljubljana Njiva Džak DŽEP"


def test_a_letter_tapped_twice_types_twice_but_a_tap_on_a_new_screen_types_nothing(kiosk, qtbot) -> None:
    p, engine = at_free_text(kiosk, "K-0004")
    clock = ManualClock()
    p.tap_guard = TapGuard(0.5, clock=clock)
    p.refresh()  # the screen is new: for half a second a tap (a double tap's second) types nothing
    clock.wait(0.2)
    tap(qtbot, key(p, "l"))
    assert p.screen_widget.text_input.text() == ""
    clock.wait(1.0)
    tap(qtbot, key(p, "l"))
    clock.wait(0.15)  # a deliberate "ll", as fast as fingers go
    tap(qtbot, key(p, "l"))
    double_click(qtbot, key(p, "s"))
    assert p.screen_widget.text_input.text() == "llss"


def test_a_key_held_down_types_once(kiosk, qtbot) -> None:
    p, _engine = at_free_text(kiosk, "K-0005")
    held = key(p, "m")
    assert not held.autoRepeat()
    qtbot.mousePress(held, Qt.MouseButton.LeftButton)
    qtbot.wait(600)  # Qt's auto-repeat would start after 300 ms: held longer, it must not type again
    qtbot.mouseRelease(held, Qt.MouseButton.LeftButton)
    assert p.screen_widget.text_input.text() == "m"


def test_keys_are_large_named_and_never_take_the_focus(kiosk, qtbot) -> None:
    p, _engine = at_free_text(kiosk, "K-0006", "sr-Cyrl")
    field = p.screen_widget.text_input
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    board = keyboard(p)
    names = {k.accessibleName() for k in board.keys()}
    assert {"љ", "Обриши", "Велико слово", "размак", "Сакриј тастатуру", "Бројеви и знаци"} <= names
    screen = screen_of(p)
    for k in board.keys():
        assert k.accessibleName()
        assert k.focusPolicy() == Qt.FocusPolicy.NoFocus
        assert px_to_mm(k.width(), screen) >= p.theme.min_target_mm - 0.1, k.accessibleName()
        assert px_to_mm(k.height(), screen) >= p.theme.min_target_mm - 0.1, k.accessibleName()
        assert k.font().pointSizeF() >= p.theme.min_pt
    rows = {k.y() for k in board.keys()}
    first_row = [k for k in board.keys() if k.y() == min(rows)]
    span = max(k.x() + k.width() for k in first_row) - min(k.x() for k in first_row)
    assert span >= board.width() - 2, "the rows fill the width"
    tap(qtbot, key(p, "ш"))
    assert field.hasFocus() and field.text() == "ш"
    tap(qtbot, key(p, "Бројеви и знаци"))
    tap(qtbot, key(p, "7"))
    tap(qtbot, key(p, "Слова"))
    tap(qtbot, key(p, "ђ"))
    assert field.text() == "ш7ђ"
    qtbot.keyClicks(field, "x")  # a physical keyboard keeps working beside the screen's keys
    assert field.text() == "ш7ђx"


@pytest.mark.parametrize("lang", ["sr-Cyrl", "sr-Latn", "en", "hu"])
def test_the_question_field_and_keyboard_all_show_at_1280x800(kiosk, qtbot, lang) -> None:
    p, _engine = at_free_text(kiosk, "K-0010", lang)
    screen = p.screen_widget
    area = p.scroll_area.viewport()
    heading = [label for label in screen.findChildren(QLabel) if label.property("role") == "heading"][0]
    for widget in (heading, screen.text_input, keyboard(p)):
        top = widget.mapTo(area, widget.rect().topLeft()).y()
        bottom = widget.mapTo(area, widget.rect().bottomLeft()).y()
        assert top >= 0 and bottom <= area.height(), f"{lang}: {widget.accessibleName()!r} is cut off"
    assert p.scroll_area.horizontalScrollBar().maximum() == 0


def test_hiding_the_keyboard_is_kept_across_a_language_switch_and_the_text_too(kiosk, qtbot) -> None:
    p, engine = at_free_text(kiosk, "K-0007", "sr-Cyrl")
    type_word(qtbot, p, ["с", "е", "л", "о"])
    tap(qtbot, key(p, "Сакриј тастатуру"))
    screen = p.screen_widget
    assert screen.keyboard.isHidden() and screen.show_keys.isVisible()
    tap(qtbot, p.language_buttons["hu"])
    screen = p.screen_widget
    assert screen.text_input.text() == "село"
    assert screen.keyboard.isHidden() and screen.show_keys.isVisible()
    tap(qtbot, screen.show_keys)
    assert screen.keyboard.isVisible() and key(p, "ő").isVisible()  # now the Hungarian keys
    tap(qtbot, key(p, "ő"))
    assert screen.text_input.text() == "селоő"


def test_typed_text_is_kept_as_a_draft_that_survives_a_restart(kiosk, qtbot, store, clock) -> None:
    from kiosk.qt.participant.screens import question

    p, engine = at_free_text(kiosk, "K-0008", "hu")
    screen = p.screen_widget
    screen.draft_timer.setInterval(10)  # a pause in typing; the app waits DRAFT_PAUSE_MS
    assert question.DRAFT_PAUSE_MS == 1000
    type_word(qtbot, p, ["k", "ő"])
    qtbot.waitUntil(lambda: engine.state.drafts.get("town") is not None)
    session_id = engine.record.id
    kiosk.bridge = None  # the app is killed here: nothing else is saved
    again = make_kiosk(qtbot, store, [load_plan(PLAN)], clock)
    try:
        again.resume_session(session_id)
        assert again.participant.screen_widget.text_input.text() == "kő"
    finally:
        again.bridge = None


class ManualClock:
    """The tap guard's clock: moves only when the test says a finger waited."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def wait(self, seconds: float) -> None:
        self.now += seconds


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_keys_take_the_themes_text_size_and_wrap_rather_than_shrink(qtbot, scale) -> None:
    """The text-size setting gives a theme with larger sizes: the key labels follow it, and on a narrow
    width (or at 200%) a row wraps onto more lines; no key is ever under the minimum target or cut off."""
    import dataclasses

    from PySide6.QtWidgets import QLineEdit

    from kiosk.i18n import default_catalog
    from kiosk.keyboards import layout_for
    from kiosk.qt.participant.keyboard import OnScreenKeyboard
    from kiosk.theme import load_theme

    base = load_theme()
    theme = dataclasses.replace(base, body_pt=round(base.body_pt * scale), heading_pt=round(base.heading_pt * scale),
                                min_pt=round(base.min_pt * scale))
    field = QLineEdit()
    board = OnScreenKeyboard(field, layout_for("hu"), theme, lambda key: default_catalog().text("hu", key))
    qtbot.addWidget(board)
    lines = {}
    narrow = 500 if scale == 1.0 else 800
    for width in (1200, narrow):
        board.resize(width, board.heightForWidth(width) if board.hasHeightForWidth() else 600)
        board.show()
        qtbot.waitUntil(lambda w=width: board.width() == w)
        QApplication.processEvents()
        screen = screen_of(board)
        lines[width] = len({k.y() for k in board.keys()})
        for k in board.keys():
            assert k.font().pointSize() == theme.body_pt
            assert px_to_mm(k.width(), screen) >= theme.min_target_mm - 0.1, (width, k.accessibleName())
            assert px_to_mm(k.height(), screen) >= theme.min_target_mm - 0.1
            assert k.x() >= 0 and k.x() + k.width() <= board.width(), (width, k.accessibleName())
            assert k.width() >= k.fontMetrics().horizontalAdvance(k.text()), "label cut off"
    assert board.minimumWidth() <= narrow
    assert lines[narrow] > lines[1200] >= 4


def test_read_aloud_says_the_question_and_the_typed_answer_not_the_keys(kiosk, qtbot) -> None:
    """The spoken walk read every visible button: on a free-text question that was the whole keyboard,
    "й ц у к е н ..." before the line that says what to do next."""
    p, _engine = at_free_text(kiosk, "K-0011", "sr-Cyrl")
    said = p.read_aloud.spoken_text()
    keys = [key.accessibleName() for key in p.screen_widget.keyboard.findChildren(QPushButton)]
    assert keys and not any(line in keys for line in said.splitlines()), said
    assert p.bridge.engine.current_question.text.get("sr-Cyrl") in said


@pytest.mark.parametrize("theme_name", ["standard", "high_contrast"])
@pytest.mark.parametrize("lang", ["sr-Cyrl", "sr-Latn", "en", "hu"])
def test_the_free_text_screen_passes_the_participant_accessibility_checks(kiosk, qtbot, lang, theme_name) -> None:
    """The checks every other participant screen passes (tests/test_gui_accessibility.py): names, sizes
    (a key's target is the theme's minimum, as a BigButton states its own), nothing clipped, text size."""
    from test_gui_accessibility import _check_screen

    from kiosk.qt.style import participant_stylesheet
    from kiosk.theme import load_theme

    theme = load_theme(theme_name)
    kiosk.participant.theme = theme
    kiosk.participant.setStyleSheet(participant_stylesheet(theme))
    p, _engine = at_free_text(kiosk, "K-0020", lang)
    problems = []
    for page in ("letters", "symbols"):
        keyboard(p).show_page(page)
        QApplication.processEvents()
        problems += _check_screen(p, f"free-text {page}", theme.min_pt)
    assert all(k.target_mm == theme.min_target_mm for k in keyboard(p).keys())
    assert problems == [], "\n".join(problems)


def test_no_key_is_drawn_blank(kiosk, qtbot) -> None:
    """Every key shows its label: a bare '&' is a shortcut marker to Qt and drew an empty key."""
    p, _engine = at_free_text(kiosk, "K-0021", "hu")
    blank = []
    for page in ("letters", "symbols"):
        keyboard(p).show_page(page)
        QApplication.processEvents()
        for k in keyboard(p).keys():
            image = k.grab().toImage()
            inner = {image.pixel(x, y) for x in range(10, image.width() - 10, 2)
                     for y in range(10, image.height() - 10, 2)}
            if len(inner) < 2:
                blank.append(k.accessibleName())
    assert blank == []
