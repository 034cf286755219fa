"""Text up to 200% that still fits (issue 12 item 2): every participant screen, at 1280×800, in every language
of the plan and in the stretched pseudo language (every text twice as long), in both themes, has no text cut,
nothing outside the window and no sideways scrolling."""

from __future__ import annotations

import math

import pytest

from layout_audit import layout_problems
from conftest import make_kiosk
from PySide6.QtWidgets import QApplication

from kiosk.i18n.local_text import STRETCH_LANGUAGE
from kiosk.qt.screenshots import overlays, stretched_study, walk_session
from kiosk.resources import data_folder
from kiosk.session.access import AccessSettings
from kiosk.study import load_plan

pytestmark = pytest.mark.gui

PLAN_LANGUAGES = ("sr-Cyrl", "sr-Latn", "en", "hu")
#: every plan language at 200% in both themes and at 100% in the standard theme (the high-contrast theme's
#: sizes are larger); the stretched language at 100% and at 200% in both; affordable: about 2.5 s a combination
COMBINATIONS = [(lang, theme, 200) for lang in PLAN_LANGUAGES for theme in ("standard", "high_contrast")] + [
    (lang, "standard", 100) for lang in PLAN_LANGUAGES] + [
    (STRETCH_LANGUAGE, "standard", 100), (STRETCH_LANGUAGE, "standard", 200), (STRETCH_LANGUAGE, "high_contrast", 200)]


def settle() -> None:
    for _ in range(3):  # a wrapped button or a page's new margin settles in a later layout pass
        QApplication.processEvents()


def audit(qtbot, store, clock, study, lang: str, theme: str, access: AccessSettings) -> tuple[list[str], list[str]]:
    """Every layout problem on every screen of ``study`` (and the confirmations over them); the screens seen."""
    study = stretched_study(study)
    kiosk = make_kiosk(qtbot, store, [study], clock, theme=theme)
    kiosk.start_session(study, "P-0200", 1, "one_screen", facilitator="F1", access=access)
    engine = kiosk.bridge.engine
    engine.choose_language(lang)
    window = kiosk.participant
    window.showNormal()
    window.resize(1280, 800)
    assert STRETCH_LANGUAGE not in window.language_buttons  # never offered to a participant
    problems: list[str] = []
    seen: list[str] = []
    for name in walk_session(engine, clock):
        settle()
        problems += layout_problems(window, name)
        seen.append(name)
        for extra in overlays(window, name):
            settle()
            problems += layout_problems(window, extra)
            seen.append(extra)
    assert window.theme.body_pt == math.ceil(window.base_theme.body_pt * access.scale)
    kiosk.bridge = None
    return problems, seen


@pytest.mark.parametrize(("lang", "theme", "text_size"), COMBINATIONS,
                         ids=[f"{lang}-{theme}-{size}" for lang, theme, size in COMBINATIONS])
def test_every_participant_screen_fits_1280x800(qtbot, store, demo_study, clock, lang, theme, text_size) -> None:
    problems, seen = audit(qtbot, store, clock, demo_study, lang, theme, AccessSettings(text_size=text_size))
    assert {"welcome", "question-sus", "stop-choice", "delete-confirm", "decline-confirm", "finish-confirm",
            "prototype-running", "task-shown-again", "consent-method", "ended"} <= set(seen)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("theme", ["standard", "high_contrast"])
@pytest.mark.parametrize("lang", ["sr-Cyrl", "hu", STRETCH_LANGUAGE])
def test_the_example_plan_fits_1280x800_at_200_percent_with_pictures(qtbot, store, clock, lang, theme) -> None:
    """Another plan's question kinds and texts (a free-text answer, its own scales), with faces on the scales."""
    study = load_plan(data_folder("sessions") / "example-social-card" / "plan.toml")
    problems, seen = audit(qtbot, store, clock, study, lang, theme, AccessSettings(text_size=200, pictures=True))
    assert len(seen) >= 15
    assert not problems, "\n".join(problems)
