"""The audit of tests/access_audit.py is not hollow: break one thing at a time, as a careless change would, and
the audit names it. Each case here passes the audit unbroken (tests/test_gui_touch_audit.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtWidgets import QApplication

from access_audit import audit
from conftest import make_kiosk
from kiosk.qt.participant.pictures import add_picture
from kiosk.qt.participant.widgets import BigButton, wrap_label
from kiosk.study.faces import Picture
from kiosk.theme import Theme, load_theme

pytestmark = pytest.mark.gui


def _welcome(qtbot, store, clock, demo_study, theme: Theme):
    kiosk = make_kiosk(qtbot, store, [demo_study], clock, theme=theme)
    kiosk.start_session(demo_study, "P-0130", 2, "one_screen", facilitator="F1")
    kiosk.bridge.engine.choose_language("en")
    kiosk.participant.showNormal()
    kiosk.participant.resize(1280, 800)
    QApplication.processEvents()
    return kiosk


def _recolored(name: str, **colors: str) -> Theme:
    theme = load_theme(name)
    return replace(theme, colors={**theme.colors, **colors})


@pytest.fixture
def audited(qtbot, store, clock, demo_study):
    """``audited(theme)``: the problems the audit finds on the welcome screen drawn in ``theme``."""
    kiosks = []

    def run(theme: Theme, before=lambda kiosk: None) -> list[str]:
        kiosk = _welcome(qtbot, store, clock, demo_study, theme)
        kiosks.append(kiosk)
        before(kiosk)
        QApplication.processEvents()
        return audit(kiosk.participant, "welcome", theme)

    yield run
    for kiosk in kiosks:
        kiosk.bridge = None


@pytest.mark.parametrize("name", ["standard", "high_contrast"])
def test_the_unbroken_welcome_screen_passes(audited, name: str) -> None:
    assert audited(load_theme(name)) == []


def test_a_grey_muted_text_is_caught_where_it_is_drawn(audited) -> None:
    problems = audited(_recolored("standard", muted_text="#8A8A8A"))  # 3.5:1 on white
    assert any("drawn #8A8A8A on #FFFFFF" in p and "under 7:1" in p for p in problems), problems


def test_a_dim_text_in_high_contrast_is_caught(audited) -> None:
    problems = audited(_recolored("high_contrast", text="#505050"))
    assert any("drawn #505050 on #000000" in p for p in problems), problems


def test_a_faint_border_is_caught(audited) -> None:
    problems = audited(_recolored("standard", border="#D0D0D0", secondary_bg="#F4F4F4"))
    assert any("the edge of BigButton 'Back'" in p or "the edge of BigButton 'Help'" in p for p in problems), problems


def test_a_colour_hard_coded_in_a_widget_is_caught(audited) -> None:
    """The theme data would pass: only the drawn pixels show the label's own grey."""

    def add_grey_label(kiosk) -> None:
        label = wrap_label("Take your time")
        label.setStyleSheet("color: #A0A0A0;")
        kiosk.participant.screen_widget.layout_.insertWidget(0, label)

    problems = audited(load_theme("standard"), add_grey_label)
    assert any("'Take your time'" in p and "drawn #A0A0A0" in p for p in problems), problems


def test_a_primary_action_under_the_themes_size_is_caught(audited) -> None:
    problems = audited(replace(load_theme("standard"), primary_target_mm=24))
    assert any("primary action BigButton 'Start'" in p and "under 24 mm" in p for p in problems), problems


def test_a_control_without_a_name_is_caught(audited) -> None:
    problems = audited(load_theme("standard"), lambda kiosk: kiosk.participant.next_button.setAccessibleName(""))
    assert any("BigButton 'Start' has no accessible name" in p for p in problems), problems


@pytest.mark.parametrize("checked_color, caught", [("#FFFFFF", False), ("#111111", True)])
def test_a_picture_drawn_in_the_wrong_colour_is_caught(audited, checked_color: str, caught: bool) -> None:
    """Before issue 12 the faces were drawn in the page's text colour whatever the button's state: dark on the
    dark-blue fill of the chosen button. Its number (white) stays the farthest pixel, so the picture is looked at
    on its own."""

    def add_chosen_face(kiosk) -> None:
        button = BigButton("7", role="choice", mm=18)
        add_picture(button, Picture.FACES, 6, 7, ("#111111", checked_color))
        button.setCheckable(True)
        button.setChecked(True)
        kiosk.participant.screen_widget.layout_.insertWidget(0, button)

    problems = audited(load_theme("standard"), add_chosen_face)
    assert any("the picture on BigButton '7'" in p for p in problems) is caught, problems


def test_a_text_scrolled_half_out_of_view_is_audited_too(qtbot, store, clock, demo_study) -> None:
    """The consent's full text is longer than the page: the part on screen is measured."""
    theme = _recolored("standard", text="#8A8A8A")
    kiosk = _welcome(qtbot, store, clock, demo_study, theme)
    kiosk.bridge.engine.continue_from_welcome()
    QApplication.processEvents()
    full_text = kiosk.bridge.engine.study.consent.text.get("en")
    assert kiosk.participant.scroll_area.verticalScrollBar().maximum() > 0  # it does scroll
    problems = audit(kiosk.participant, "consent", theme)
    assert any(f"{full_text[:30]!r}"[:-1] in p and "drawn #8A8A8A" in p for p in problems), problems
    kiosk.bridge = None


def test_a_framed_text_is_measured_inside_its_frame(qtbot, store, clock, demo_study) -> None:
    """The easy-read summary is a banner: its dark frame would otherwise be the farthest pixel and hide grey words."""
    theme = _recolored("standard", secondary_text="#8A8A8A")
    kiosk = _welcome(qtbot, store, clock, demo_study, theme)
    kiosk.bridge.engine.continue_from_welcome()
    QApplication.processEvents()
    summary = kiosk.bridge.engine.study.consent.easy_read.get("en")
    problems = audit(kiosk.participant, "consent", theme)
    assert any(f"QLabel {summary[:40]!r} drawn #8A8A8A" in p for p in problems), problems
    kiosk.bridge = None
