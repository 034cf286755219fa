"""Issue 12 item 5: pictures on every rating scale for a participant who needs them, drawn in the button's own
text colour, above a number that stays; faces where high is good, bars of amount elsewhere (kiosk.study.faces)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from access_audit import audit
from conftest import make_kiosk
from kiosk.qt.participant.pictures import PICTURE_MM, add_picture, picture_on
from kiosk.qt.participant.widgets import BigButton
from kiosk.qt.screenshots import walk_session
from kiosk.qt.style import px_to_mm
from kiosk.resources import data_folder
from kiosk.session.access import AccessSettings
from kiosk.study import load_plan
from kiosk.study.faces import Picture
from kiosk.theme import available_themes, load_theme

pytestmark = pytest.mark.gui

EXAMPLE = data_folder("sessions") / "example-social-card" / "plan.toml"
SHOTS = Path("/tmp/kiosk-pictures")


def _scales_seen(qtbot, store, clock, study, theme: str, access: AccessSettings | None, lang: str = "en"):
    """Walk a session at 1280×800; on each kind of rating scale choose a value and audit the screen.
    Returns {screen name: (pictures shown, problems)}."""
    kiosk = make_kiosk(qtbot, store, [study], clock, theme=theme)
    kiosk.start_session(study, "P-0140", 2, "one_screen", facilitator="F1", access=access)
    engine, window = kiosk.bridge.engine, kiosk.participant
    engine.choose_language(lang)
    window.showNormal()
    window.resize(1280, 800)
    colors = load_theme(theme).colors
    theme_colors = {False: colors["secondary_text"], True: colors["selected_text"]}
    seen = {}
    for name in walk_session(engine, clock):
        scale = getattr(window.screen_widget, "scale", None)
        if scale is None:
            continue
        buttons = list(scale.buttons.values())
        buttons[-1].click()  # chosen: the picture must be seen on the checked fill too
        QApplication.processEvents()
        SHOTS.mkdir(exist_ok=True)
        aid = "aid" if access is not None and access.pictures else "plan"
        window.grab().save(str(SHOTS / f"{theme}-{study.id}-{aid}-{name}.png"))
        marks = [picture_on(b) for b in buttons]
        pictures = {mark.picture if mark is not None else Picture.NONE for mark in marks}
        assert all(mark is None or mark.color() == QColor(theme_colors[b.isChecked()])
                   for mark, b in zip(marks, buttons, strict=True))  # the button's text colour, for its state
        fits = scale.width() <= window.scroll_area.viewport().width()
        clipped = [b.text() for b in buttons if b.width() < b.sizeHint().width()]
        seen[name] = (pictures, audit(window, name, load_theme(theme)) + ([] if fits else ["too wide"])
                      + [f"clipped {text}" for text in clipped])
        for value, button in scale.buttons.items():  # an aid, never instead of the number and its name
            assert button.text() == str(value) and button.accessibleName().startswith(str(value))
    kiosk.bridge = None
    return seen


@pytest.mark.parametrize("theme", available_themes())
def test_a_participant_who_needs_pictures_gets_them_on_every_scale(qtbot, store, clock, demo_study,
                                                                   theme: str) -> None:
    """The demo plan does not ask for pictures; the facilitator turned them on for this participant."""
    seen = _scales_seen(qtbot, store, clock, demo_study, theme, AccessSettings(pictures=True))
    assert seen["question-seq"][0] == {Picture.FACES}
    assert seen["question-sus"][0] == {Picture.AMOUNT}  # half the SUS items are negative: no smile
    assert seen["sus-last"][0] == {Picture.AMOUNT}
    assert {name: problems for name, (_, problems) in seen.items() if problems} == {}


def test_without_the_aid_or_the_plan_there_are_no_pictures(qtbot, store, clock, demo_study) -> None:
    seen = _scales_seen(qtbot, store, clock, demo_study, "standard", None)
    assert {name: pictures for name, (pictures, _) in seen.items()} == {
        "question-seq": {Picture.NONE}, "question-sus": {Picture.NONE}, "sus-last": {Picture.NONE}}


@pytest.mark.parametrize("theme", available_themes())
def test_a_plan_that_asks_for_pictures_gets_them_on_every_scale_and_they_fit(qtbot, store, clock,
                                                                             theme: str) -> None:
    """The example plan: its own scale and SEQ and UMUX-Lite with faces, SUS and NASA-TLX (eleven buttons) with
    bars, all fitting 1280 pixels, each picture at least the theme's smallest target."""
    seen = _scales_seen(qtbot, store, clock, load_plan(EXAMPLE), theme, None)
    pictures = {name: found for name, (found, _) in seen.items()}
    assert pictures["question-seq"] == pictures["question-umux_lite"] == {Picture.FACES}
    assert pictures["question-likert"] == {Picture.FACES}  # the plan's own scale: pictorial = true vouches for it
    assert pictures["question-sus"] == pictures["question-nasa_tlx"] == {Picture.AMOUNT}
    assert {name: problems for name, (_, problems) in seen.items() if problems} == {}


def test_the_picture_is_at_least_the_smallest_target(qapp) -> None:
    button = BigButton("4", role="choice", mm=18)
    mark = add_picture(button, Picture.FACES, 3, 7, ("#111111", "#FFFFFF"))
    assert mark is not None and add_picture(button, Picture.NONE, 3, 7, ("#111111", "#FFFFFF")) is None
    assert px_to_mm(mark.side, button.screen()) >= load_theme("standard").min_target_mm - 0.3
    assert PICTURE_MM >= max(load_theme(name).min_target_mm for name in available_themes())
