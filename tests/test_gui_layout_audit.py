"""Text up to 200% that still fits (issue 12 item 2): every participant screen, at 1280×800, in every language
of the plan and in the stretched pseudo language (every text twice as long), in both themes, has no text cut,
nothing outside the window and no sideways scrolling."""

from __future__ import annotations

import pytest

from layout_audit import layout_problems
from conftest import make_kiosk
from PySide6.QtWidgets import QApplication

from kiosk.i18n.local_text import STRETCH_LANGUAGE
from kiosk.qt.screenshots import overlays, stretched_study, walk_session
from kiosk.session.access import AccessSettings

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


@pytest.mark.parametrize(("lang", "theme", "text_size"), COMBINATIONS,
                         ids=[f"{lang}-{theme}-{size}" for lang, theme, size in COMBINATIONS])
def test_every_participant_screen_fits_1280x800(qtbot, store, demo_study, clock, lang, theme, text_size) -> None:
    study = stretched_study(demo_study)
    kiosk = make_kiosk(qtbot, store, [study], clock, theme=theme)
    kiosk.start_session(study, "P-0200", 1, "one_screen", facilitator="F1",
                        access=AccessSettings(text_size=text_size))
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
    assert window.theme.body_pt == round(window.base_theme.body_pt * text_size / 100)
    assert {"welcome", "question-sus", "stop-choice", "delete-confirm", "decline-confirm", "finish-confirm",
            "prototype-running", "task-shown-again", "consent-method", "ended"} <= set(seen)
    kiosk.bridge = None
    assert not problems, "\n".join(problems)
