"""Issue 12 item 3: every participant view, in every language of the demo plan and in both themes, passes the
touch, name and contrast audit (tests/access_audit.py): controls at least 10 mm, primary actions at least
16 mm, every control named, text at least 7:1 and control edges at least 3:1 as really drawn.

"Every view" is the walk of ``ux-kiosk screenshots`` plus what the walk passes by: the Stop choice and the
confirmations (decline, delete, finish), the prototype player with its task panel, the step-aside bar, and the
screens a session can end on (finished, stopped and kept, declined, deleted).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from access_audit import audit_all
from conftest import make_kiosk
from kiosk.qt.screenshots import sample_answer, walk_session
from kiosk.resources import demo_plan_path
from kiosk.session.access import AccessSettings
from kiosk.study import load_plan
from kiosk.theme import available_themes, load_theme

pytestmark = pytest.mark.gui

LANGS = tomllib.loads(demo_plan_path().read_text(encoding="utf-8"))["study"]["languages"]  # read before the prototype is drawn
THEMES = available_themes()
SIZE = (1280, 800)


def _kiosk(qtbot, store, clock, study, theme: str, lang: str, access: AccessSettings | None = None):
    kiosk = make_kiosk(qtbot, store, [study], clock, theme=theme)
    # participant 2's first task is played on the prototype (participant 1 starts with a task on paper)
    kiosk.start_session(study, "P-0042", 2, "one_screen", facilitator="F1", access=access)
    kiosk.bridge.engine.choose_language(lang)
    kiosk.participant.showNormal()
    kiosk.participant.resize(*SIZE)
    return kiosk


def every_view(kiosk, clock) -> Iterator[str]:
    """The screenshot walk, with each confirmation and panel opened (and closed again) where it can appear."""
    window = kiosk.participant
    for name in walk_session(kiosk.bridge.engine, clock):
        yield name
        screen = window.screen_widget
        if getattr(screen, "scale", None) is not None:  # a chosen value: the checked colours, and pictures on them
            list(screen.scale.buttons.values())[-1].click()
            yield f"{name}-chosen"
        elif getattr(screen, "choices", None) is not None:
            list(screen.choices.buttons.values())[0].click()
            yield f"{name}-chosen"
        if name == "consent-options":
            window.screen_widget.decline.click()
            yield "decline-confirm"
            window.screen_widget.no.click()
        if name == "task-running":  # the prototype player
            player = window.screen_widget
            player.task_button.click()
            yield "task-panel"
            player.task_panel.close_panel()
            window.show_stop_choice()
            yield "stop-choice"
            window.screen_widget.delete.click()
            yield "delete-confirm"
            window.screen_widget.no.click()
            window.screen_widget.cancel.click()
            window.next_button.click()
            yield "finish-confirm"
            window.screen_widget.no.click()


def _audit(kiosk, name: str, theme: str) -> list[str]:
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # as the event loop would have by now:
    QApplication.processEvents()  # a new session's language bar replaces the old one's buttons
    window = kiosk.participant
    return audit_all([window, window.step_aside_bar], name, load_theme(theme))


AIDS = {"plain": AccessSettings(), "pictures": AccessSettings(pictures=True),
        "200-percent": AccessSettings(text_size=200, pictures=True)}


@pytest.mark.parametrize("aids", list(AIDS))
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("theme", THEMES)
def test_every_view_of_a_session_passes_the_audit(qtbot, store, clock, demo_study, theme: str, lang: str,
                                                  aids: str) -> None:
    """``aids``: the participant's pictures on every rating scale (kiosk.study.faces), and text at 200%, where
    wrapped labels and rows must still leave every target its millimetres and every text its contrast."""
    kiosk = _kiosk(qtbot, store, clock, demo_study, theme, lang, AIDS[aids])
    problems, seen = [], []
    for name in every_view(kiosk, clock):
        seen.append(name)
        problems += _audit(kiosk, name, theme)
    assert {"task-running", "task-panel", "stop-choice", "delete-confirm", "finish-confirm", "decline-confirm",
            "question-seq", "question-seq-chosen", "question-sus-chosen", "question-single_choice-chosen",
            "ended"} <= set(seen)
    assert not problems, "\n".join(problems)
    kiosk.bridge = None


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("theme", THEMES)
def test_the_screens_a_session_can_end_on_pass_the_audit(qtbot, store, clock, demo_study, theme: str,
                                                         lang: str) -> None:
    kiosk = _kiosk(qtbot, store, clock, demo_study, theme, lang)
    window, engine = kiosk.participant, kiosk.bridge.engine
    engine.continue_from_welcome()
    engine.read_consent()
    window.screen_widget.decline.click()
    window.screen_widget.yes.click()
    problems = _audit(kiosk, "declined", theme)
    assert engine.state.status.value != "in_progress"

    kiosk.start_session(demo_study, "P-0121", 1, "one_screen", facilitator="F1")
    kiosk.bridge.engine.choose_language(lang)
    window.show_stop_choice()
    window.screen_widget.keep.click()
    problems += _audit(kiosk, "stopped-kept", theme)
    window.show_stopped(lang)  # what the window shows once the participant's data is erased
    problems += _audit(kiosk, "deleted", theme)
    assert not problems, "\n".join(problems)
    kiosk.bridge = None


@pytest.fixture
def step_aside_plan(tmp_path: Path) -> Path:
    from test_gui_step_aside import _plan

    return _plan(tmp_path)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("theme", THEMES)
def test_the_step_aside_bar_passes_the_audit(qtbot, store, clock, step_aside_plan, theme: str, lang: str) -> None:
    from test_prototype_session import _to_prototype_task

    kiosk = _kiosk(qtbot, store, clock, load_plan(step_aside_plan), theme, lang)
    bar = kiosk.participant.step_aside_bar
    _to_prototype_task(kiosk.bridge.engine)
    qtbot.waitUntil(bar.isVisible)
    problems = _audit(kiosk, "step-aside", theme)
    bar.help_button.click()
    qtbot.waitUntil(bar.help_note.isVisible)
    problems += _audit(kiosk, "step-aside-help", theme)
    assert not problems, "\n".join(problems)
    kiosk.bridge = None


def _with_a_text_question() -> str:
    """The demo plan with a free-text question first (neither shipped plan has one)."""
    return demo_plan_path().read_text(encoding="utf-8").replace("[[tasks]]", '''[[pre_questions]]
id = "job"
kind = "text"
text = { sr-Cyrl = "Чиме се бавите?", en = "What do you do?", hu = "Mivel foglalkozik?" }

[[tasks]]''', 1)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("theme", THEMES)
def test_a_free_text_question_passes_the_audit(qtbot, store, clock, theme: str, lang: str) -> None:
    """The field's placeholder ("Type your answer here") is text too: Qt draws it greyed unless told otherwise."""
    from conftest import consent
    from kiosk.study.loader import load_plan_text

    study = load_plan_text(_with_a_text_question(), demo_plan_path())
    kiosk = _kiosk(qtbot, store, clock, study, theme, lang)
    engine, window = kiosk.bridge.engine, kiosk.participant
    engine.continue_from_welcome()
    consent(engine)
    while engine.current_question.id != "job":
        engine.answer(sample_answer(engine.current_question))
    problems = _audit(kiosk, "question-text", theme)
    window.screen_widget.text_input.setText("farmer")
    problems += _audit(kiosk, "question-text-typed", theme)
    assert not problems, "\n".join(problems)
    kiosk.bridge = None
