"""``ux-kiosk screenshots``: drive a real session through every step and save every screen, per language.

It uses a throwaway data folder, so screenshots never add sessions to the facilitator's data. The
same walk (``walk_session``) feeds the accessibility tests, so what is checked is what is shown.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from kiosk.paths import DataPaths
from kiosk.resources import demo_plan_path
from kiosk.session.clock import SimulatedClock
from kiosk.session.engine import SessionEngine
from kiosk.session.flow import Outcome, Step
from kiosk.simulate import mark_png
from kiosk.study.model import ConsentMethod, Question, QuestionKind

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
            clock.advance(60)
            engine.record_outcome(Outcome.PARTIAL)
    yield "closing"
    engine.finish()
    yield "ended"


def render_all(out: Path, size: str, _paths: DataPaths | None = None, plan: Path | None = None,
               theme: str = "standard", lang: str = "en") -> int:
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    width, height = (int(v) for v in size.lower().split("x"))
    out.mkdir(parents=True, exist_ok=True)
    written = render_study(out, width, height, plan, theme)
    app.processEvents()
    from kiosk.i18n import default_catalog

    print(default_catalog().plural(lang, "cli.screenshots_written", len(written), path=out))
    return 0


def render_study(out: Path, width: int, height: int, plan: Path | None = None, theme: str = "standard") -> list[Path]:
    from PySide6.QtWidgets import QApplication

    from kiosk.i18n import default_catalog
    from kiosk.qt.controller import KioskController
    from kiosk.store.db import Store
    from kiosk.study.loader import load_plan
    from kiosk.theme import load_theme

    from kiosk.qt.demo_prototype import ready_demo_plan

    study = load_plan(plan or ready_demo_plan(demo_plan_path()))
    written: list[Path] = []
    for lang in study.languages:
        with tempfile.TemporaryDirectory() as tmp:
            store = Store(Path(tmp) / "screens.sqlite3")
            clock = SimulatedClock(datetime(2026, 11, 2, 9, 0, tzinfo=UTC))
            ctl = KioskController(store, [study], [], default_catalog(), lang, load_theme(theme), clock=clock)
            ctl.console.resize(1280, 860)

            def save(widget, kind: str, number: int, name: str) -> None:
                path = out / f"{kind}-{lang}-{number:02d}-{name}.png"
                widget.grab().save(str(path))
                written.append(path)

            QApplication.processEvents()
            save(ctl.console, "console", 0, "start")
            ctl.start_session(study, "P-0042", 1, "one_screen", facilitator="F-07")
            assert ctl.bridge is not None  # start_session attached it
            engine = ctl.bridge.engine
            engine.choose_language(lang)
            ctl.participant.showNormal()  # a real window size, not the offscreen screen's 800x800
            ctl.participant.resize(width, height)
            for number, name in enumerate(walk_session(engine, clock), start=1):
                clock.advance(7)
                ctl.console.session_page.update_elapsed()
                QApplication.processEvents()
                save(ctl.participant, "participant", number, name)
                if name in CONSOLE_SCREENS:
                    save(ctl.console, "console", number, name)
                if name == "task-running":  # the Stop choice can appear over any step
                    ctl.participant.show_stop_choice()
                    QApplication.processEvents()
                    save(ctl.participant, "participant", number, "stop-choice")
                    ctl.participant.close_stop_choice()
            ctl.new_session()
            QApplication.processEvents()
            save(ctl.console, "console", 99, "sessions-list")
            ctl.shutdown()
            store.close()
    return written
