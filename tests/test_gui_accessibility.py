"""Every participant screen, in every language, at realistic sizes: names, text sizes, target sizes, contrast,
no clipping (the audit itself: tests/access_audit.py; both themes: tests/test_gui_touch_audit.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from access_audit import audit
from conftest import consent
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QWidget

from kiosk.qt.screenshots import render_study, walk_session
from kiosk.resources import data_folder
from kiosk.study import load_plan

pytestmark = pytest.mark.gui

SIZES = [(1280, 800), (1920, 1080)]
EXAMPLE = data_folder("sessions") / "example-social-card" / "plan.toml"


def _visible(widget) -> bool:
    return widget.isVisibleTo(widget.window())


def _check_screen(window, name: str, theme_min_pt: int) -> list[str]:
    """Sizes against the window's theme, names and drawn contrast (tests/access_audit.py), then no clipped text
    and no text under ``theme_min_pt``."""
    problems = audit(window, name, window.theme)
    for widget in window.findChildren(QAbstractButton):
        if _visible(widget) and widget.text() and widget.width() < widget.sizeHint().width():
            label = widget.accessibleName() or "<unnamed>"
            problems.append(f"{name}: {label!r} is clipped ({widget.width()} < {widget.sizeHint().width()} px)")
    for widget in window.findChildren(QLabel) + window.findChildren(QAbstractButton):
        if _visible(widget) and widget.text() and widget.font().pointSizeF() < theme_min_pt:
            problems.append(f"{name}: {widget.text()[:30]!r} is {widget.font().pointSizeF()} pt")
    return problems


def _answer_area_hidden(window, name: str) -> list[str]:
    """A free-text question with its keyboard may need a scroll for its last line (what happens next) under a
    help banner, but never for the field, a key or "I prefer not to answer"."""
    screen, viewport = window.screen_widget, window.scroll_area.viewport()
    shown = viewport.rect()
    needed = [screen.text_input, screen.skip_button, *screen.keyboard.keys()]
    return [f"{name}: {widget.accessibleName()!r} needs scrolling" for widget in needed
            if widget.isVisibleTo(window)
            and not (shown.contains(widget.mapTo(viewport, widget.rect().topLeft()))
                     and shown.contains(widget.mapTo(viewport, widget.rect().bottomRight())))]


@pytest.mark.parametrize("plan", ["demo", "example"])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("lang", ["sr-Cyrl", "sr-Latn", "en", "hu"])
def test_every_participant_screen_is_accessible(kiosk, qtbot, clock, lang: str, size, plan: str) -> None:
    study = kiosk.console.start_page.studies[0] if plan == "demo" else load_plan(EXAMPLE)
    kiosk.start_session(study, "P-0100", 1, "one_screen", facilitator="F1")
    engine = kiosk.bridge.engine
    engine.choose_language(lang)
    window = kiosk.participant
    window.showNormal()
    window.resize(*size)
    problems: list[str] = []
    screens = 0
    for name in walk_session(engine, clock):
        QApplication.processEvents()
        window.ensurePolished()
        problems += _check_screen(window, name, kiosk.participant.theme.min_pt)
        in_progress = engine.state.status.value == "in_progress"
        if window.stop_button.isVisibleTo(window) != in_progress:
            problems.append(f"{name}: Stop must show exactly while the session runs")
        if name == "question-text":  # with the keyboard: the field, every key and "prefer not" need no scroll
            problems += _answer_area_hidden(window, name)
        elif window.scroll_area.verticalScrollBar().maximum() > 0 and name != "consent":  # the full text may scroll
            problems.append(f"{name}: needs scrolling at {size[0]}×{size[1]}")
        screens += 1
        if name == "task-running":
            window.show_stop_choice()
            QApplication.processEvents()
            problems += _check_screen(window, "stop-choice", kiosk.participant.theme.min_pt)
            window.screen_widget.cancel.click()  # "go back and continue"
    assert screens >= 13
    assert not problems, "\n".join(problems)


def test_every_console_control_has_an_accessible_name(kiosk, qtbot, clock) -> None:
    from PySide6.QtWidgets import QAbstractItemView, QAbstractSpinBox, QComboBox

    kiosk.start_session(kiosk.console.start_page.studies[0], "P-0102", 1, "two_screens", facilitator="F1")
    kinds = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView)
    def inside_composite(widget) -> bool:  # a combo box's popup list, a spin box's editor: named by their owner
        parent = widget.parent()
        while parent is not None:
            if isinstance(parent, (QAbstractItemView, QAbstractSpinBox, QComboBox)):
                return True
            parent = parent.parent()
        return False

    unnamed = []
    for page in (kiosk.console.start_page, kiosk.console.session_page):
        for widget in page.findChildren(QWidget):
            if isinstance(widget, kinds) and widget.focusPolicy() != Qt.FocusPolicy.NoFocus \
                    and not inside_composite(widget) and not widget.accessibleName():
                unnamed.append(f"{type(widget).__name__} {getattr(widget, 'text', lambda: '')()!r}")
    assert unnamed == []


def test_language_switch_rebuilds_the_screen_at_any_step(kiosk, qtbot) -> None:
    kiosk.start_session(kiosk.console.start_page.studies[0], "P-0101", 1, "one_screen", facilitator="F1")
    engine = kiosk.bridge.engine
    engine.continue_from_welcome()
    consent(engine)
    window = kiosk.participant
    window.language_buttons["en"].click()
    assert "How old are you?" in [label.text() for label in window.findChildren(QLabel)]
    window.language_buttons["sr-Latn"].click()
    assert "Koliko imate godina?" in [label.text() for label in window.findChildren(QLabel)]
    assert window.next_button.text() == "Dalje"


@pytest.mark.slow
def test_screenshots_command_renders_every_screen_in_every_language(qapp, tmp_path: Path) -> None:
    """By default every language of the plan, both themes, 100% and 200% text; names say which."""
    written = render_study(tmp_path, 1280, 800)
    names = {p.name for p in written}
    screens = {"welcome", "consent", "consent-options", "decline-confirm", "consent-review", "consent-method",
               "consent-verbal", "stop-choice", "delete-confirm", "finish-confirm", "question-single_choice",
               "question-multi_choice", "task-instructions", "task-running", "help-called", "task-paused",
               "outcome-wait", "question-seq", "prototype-running", "task-shown-again", "prototype-finish-confirm",
               "question-sus", "sus-last", "question-text", "closing", "ended"}
    for lang in ("sr-Cyrl", "sr-Latn", "en", "hu"):
        for theme in ("standard", "high_contrast"):
            for size in (100, 200):
                prefix = f"participant-{lang}-{theme}-{size}-"
                shown = {n[len(prefix) + 3:-4] for n in names if n.startswith(prefix)}
                assert shown == screens, (prefix, shown ^ screens)
        assert f"console-{lang}-00-start.png" in names  # the console once a language: aids do not change it
        assert (tmp_path / f"participant-{lang}-standard-100-02-consent.png").stat().st_size > 5000
    assert not any(n.startswith("participant-x-stretch") for n in names)  # only when asked for
    from PySide6.QtGui import QImage

    image = QImage(str(tmp_path / "participant-en-high_contrast-200-01-welcome.png"))
    assert (image.width(), image.height()) == (1280, 800)
