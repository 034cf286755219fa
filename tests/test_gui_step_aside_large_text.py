"""The step-aside bar at 200% text (issue 12 item 2): on a 1280×800 screen it grows up from the bottom edge as its
words need, and nothing on it is cut, in every language and in the stretched pseudo language."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication

from conftest import make_kiosk
from layout_audit import layout_problems
from kiosk.i18n.local_text import STRETCH_LANGUAGE
from kiosk.qt.screenshots import stretched_study
from kiosk.qt.style import mm_to_px
from kiosk.session.access import AccessSettings
from kiosk.study import load_plan
from test_gui_step_aside import _plan as _aside_plan
from test_prototype_session import _to_prototype_task

pytestmark = pytest.mark.gui


@pytest.mark.parametrize("lang", ["sr-Cyrl", "hu", STRETCH_LANGUAGE])
def test_the_step_aside_bar_fits_its_words_at_200_percent(qtbot, store, clock, tmp_path, lang: str) -> None:
    study = stretched_study(load_plan(_aside_plan(tmp_path)))
    kiosk = make_kiosk(qtbot, store, [study], clock)
    kiosk.start_session(study, "P-0320", 1, "one_screen", facilitator="F-07", access=AccessSettings(text_size=200))
    engine = kiosk.bridge.engine
    if lang in study.languages:
        engine.choose_language(lang)
    _to_prototype_task(engine)
    bar = kiosk.participant.step_aside_bar
    qtbot.waitUntil(bar.isVisible)
    available = QRect(0, 0, 1280, 800)  # a 1280×800 touchscreen (the offscreen screen is 800 px wide)
    bar.show_for(bar.title.text(), bar.help_button.text(), bar.done_button.text(), available)
    problems: list[str] = []
    for name in ("step-aside", "step-aside-help"):
        if name == "step-aside-help":
            engine.request_help()
        for _ in range(3):
            QApplication.processEvents()
        problems += layout_problems(bar, name)
        assert bar.geometry().bottom() == available.bottom()  # still along the bottom edge
        assert available.contains(bar.geometry())
        assert bar.height() >= mm_to_px(22, bar.screen())
        assert bar.height() < 400  # a bar, not a second window
    kiosk.bridge = None
    assert not problems, "\n".join(problems)
