"""``ux-kiosk screenshots``: drive a real session through every step and save every screen, per language.

It uses a throwaway data folder, so screenshots never add sessions to the facilitator's data. The
same walk (``walk_session``) feeds the accessibility tests, so what is checked is what is shown.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from kiosk.i18n.local_text import STRETCH_LANGUAGE
from kiosk.paths import DataPaths
from kiosk.resources import demo_plan_path
from kiosk.session.clock import SimulatedClock
from kiosk.session.engine import SessionEngine
from kiosk.session.flow import Outcome, Step
from kiosk.simulate import mark_png
from kiosk.study.model import ConsentMethod, Question, QuestionKind, Study

#: screens worth a console screenshot too (the console changes little between the others)
CONSOLE_SCREENS = {"welcome", "consent-verbal", "task-instructions", "task-running", "task-paused", "outcome-wait",
                   "question-seq", "closing", "ended"}


def sample_answer(question: Question) -> object:
    """A valid answer for any question, so the walk can move through every plan."""
    if question.kind is QuestionKind.SINGLE_CHOICE:
        return question.choices[0].id
    if question.kind is QuestionKind.MULTI_CHOICE:
        return [question.choices[0].id]
    if question.kind is QuestionKind.LIKERT:
        values = question.scale_values
        return values[len(values) // 2]
    return "ok"


def walk_session(engine: SessionEngine, clock: SimulatedClock) -> Iterator[str]:
    """Move a fresh session through every kind of participant screen the plan has, yielding a name at each.

    Each questionnaire and question kind is shown once (the last SUS item too, for Back); the first
    task shows every task state; later tasks are completed without stopping.
    """
    yield "welcome"
    engine.continue_from_welcome()
    yield "consent"
    engine.read_consent()
    yield "consent-options"
    options = engine.study.consent.options
    engine.choose_consent_options({o.value: i % 2 == 0 for i, o in enumerate(options)})
    yield "consent-review"
    engine.confirm_consent_choices()
    yield "consent-method"
    if ConsentMethod.VERBAL in engine.study.consent.methods:
        engine.request_verbal_consent()
        yield "consent-verbal"
        engine.go_back()
    engine.give_consent(ConsentMethod.MARK, mark_png())
    seen: set[str] = set()
    first_task = True
    while engine.step is not Step.CLOSING:
        if engine.step is Step.QUESTION:
            question = engine.current_question
            assert question is not None
            key = question.instrument or question.kind.value
            if key not in seen:
                seen.add(key)
                yield f"question-{key}"
            elif question.instrument == "sus" and question.item == "10":
                yield "sus-last"
            engine.answer(sample_answer(question))
        elif first_task:
            first_task = False
            yield "task-instructions"
            engine.start_task()
            clock.advance(95)
            yield "task-running"
            engine.request_help()
            yield "help-called"
            engine.add_note("Looks for the Next button", ["confusion"])
            engine.pause_task()
            yield "task-paused"
            engine.resume_task()
            engine.end_task()
            yield "outcome-wait"
            engine.record_outcome(Outcome.SUCCESS)
        else:
            engine.start_task()
            if engine.prototype.task() is not None and "prototype" not in seen and not first_task:
                seen.add("prototype")  # the player, if the first task was not played on one
                yield "prototype-running"
            clock.advance(60)
            engine.record_outcome(Outcome.PARTIAL)
    yield "closing"
    engine.finish()
    yield "ended"


def overlays(window, name: str) -> Iterator[str]:
    """The confirmations shown over a step, each then taken back as a participant would: "I do not want to take
    part" over the consent choices; Stop, "delete everything" and "I have finished" over the running task; and
    the task shown again over the prototype player. ``window`` is a ParticipantWindow showing ``name``."""
    if name == "consent-options":
        window.screen_widget.decline.click()
        yield "decline-confirm"
        window.screen_widget.no.click()
    if name not in ("task-running", "prototype-running"):
        return
    if name == "task-running":
        window.show_stop_choice()
        yield "stop-choice"
        window.screen_widget.delete.click()
        yield "delete-confirm"
        window.screen_widget.no.click()  # back to the Stop choice
        window.close_stop_choice()
    if hasattr(window.screen_widget, "show_task"):  # the prototype player
        window.screen_widget.show_task()
        yield "task-shown-again"
        window.screen_widget.task_panel.close_panel()
    window.screen_widget.on_next()
    yield "finish-confirm" if name == "task-running" else "prototype-finish-confirm"
    window.screen_widget.no.click()


def stretched_study(study: Study) -> Study:
    """The plan with the stretched pseudo language added (every text twice as long), for layout checks only:
    the window's language bar never offers it."""
    return replace(study, languages=(*study.languages, STRETCH_LANGUAGE))


class UnknownShotLanguage(ValueError):
    """A language asked for that the plan has no texts in."""


@dataclass(frozen=True)
class ShotSet:
    """Which participant screens to render: languages (plan tags, or ``x-stretch``), themes, text sizes."""

    languages: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    text_sizes: tuple[int, ...] = (100, 200)


def render_all(out: Path, size: str, _paths: DataPaths | None = None, plan: Path | None = None,
               shots: ShotSet = ShotSet(), lang: str = "en") -> int:
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    def quiet(_kind, _context, message: str) -> None:
        """The offscreen platform warns once a window (hundreds of times); anything else still reaches stderr."""
        if "does not support propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    qInstallMessageHandler(quiet)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    width, height = (int(v) for v in size.lower().split("x"))
    out.mkdir(parents=True, exist_ok=True)
    written = render_study(out, width, height, plan, shots)
    app.processEvents()
    from kiosk.i18n import default_catalog

    print(default_catalog().plural(lang, "cli.screenshots_written", len(written), path=out))
    return 0


def render_study(out: Path, width: int, height: int, plan: Path | None = None, shots: ShotSet = ShotSet()) -> list[Path]:
    """Every participant screen for each language × theme × text size chosen (default: the plan's languages,
    every theme, 100% and 200%), named ``participant-<lang>-<theme>-<size>-<nn>-<screen>.png``; the console
    once per language (``console-<lang>-<nn>-<screen>.png``), as it does not change with the participant's aids."""
    from kiosk.qt.demo_prototype import ready_demo_plan
    from kiosk.study.loader import load_plan
    from kiosk.theme import available_themes

    study = load_plan(plan or ready_demo_plan(demo_plan_path()))
    languages = shots.languages or study.languages
    missing = [tag for tag in languages if tag not in study.languages and tag != STRETCH_LANGUAGE]
    if missing:
        raise UnknownShotLanguage(f"the plan has no text in {', '.join(missing)}; it offers {', '.join(study.languages)}")
    if STRETCH_LANGUAGE in languages:
        study = stretched_study(study)
    themes = shots.themes or tuple(available_themes())
    written: list[Path] = []
    for lang in languages:
        for theme in themes:
            for text_size in shots.text_sizes:
                console = theme == themes[0] and text_size == shots.text_sizes[0]
                written += _render_one(out, width, height, study, lang, theme, text_size, console)
    return written


def _render_one(out: Path, width: int, height: int, study: Study, lang: str, theme: str, text_size: int,
                console: bool) -> list[Path]:
    from PySide6.QtWidgets import QApplication

    from kiosk.i18n import default_catalog
    from kiosk.qt.controller import KioskController
    from kiosk.session.access import AccessSettings
    from kiosk.store.db import Store
    from kiosk.theme import load_theme

    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "screens.sqlite3")
        clock = SimulatedClock(datetime(2026, 11, 2, 9, 0, tzinfo=UTC))
        console_lang = lang if lang in default_catalog().languages else "en"
        ctl = KioskController(store, [study], [], default_catalog(), console_lang, load_theme(theme), clock=clock)
        ctl.console.resize(1280, 860)

        def save(widget, path: Path) -> None:
            for _ in range(3):  # a wrapped button or a page's new margin settles in a later pass
                QApplication.processEvents()
            widget.grab().save(str(path))
            written.append(path)

        def participant(number: int, name: str) -> None:
            save(ctl.participant, out / f"participant-{lang}-{theme}-{text_size}-{number:02d}-{name}.png")

        if console:
            save(ctl.console, out / f"console-{lang}-00-start.png")
        ctl.start_session(study, "P-0042", 1, "one_screen", facilitator="F-07",
                          access=AccessSettings(text_size=text_size))
        assert ctl.bridge is not None  # start_session attached it
        engine = ctl.bridge.engine
        engine.choose_language(lang)
        ctl.participant.showNormal()  # a real window size, not the offscreen screen's 800x800
        ctl.participant.resize(width, height)
        for number, name in enumerate(walk_session(engine, clock), start=1):
            clock.advance(7)
            ctl.console.session_page.update_elapsed()
            participant(number, name)
            if console and name in CONSOLE_SCREENS:
                save(ctl.console, out / f"console-{lang}-{number:02d}-{name}.png")
            for extra in overlays(ctl.participant, name):
                participant(number, extra)
        if console:
            ctl.new_session()
            save(ctl.console, out / f"console-{lang}-99-sessions-list.png")
        ctl.shutdown()
        store.close()
    return written
