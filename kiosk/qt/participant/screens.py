"""One participant screen per session step. Screens show state and forward intent to the engine.

Each screen says what its Next button means (or that it has none) and whether Next is ready; the
window owns the buttons, so Back, Help and Next never move.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from kiosk.i18n import Catalog
from kiosk.qt.bridge import SessionBridge, bind
from kiosk.qt.participant.widgets import BigButton, ChoiceGroup, LikertScale, wrap_label
from kiosk.qt.style import mm_to_px, screen_of
from kiosk.session.flow import Step
from kiosk.study.model import QuestionKind
from kiosk.theme import Theme


@dataclass(frozen=True)
class ScreenContext:
    bridge: SessionBridge
    catalog: Catalog
    theme: Theme

    @property
    def engine(self):
        return self.bridge.engine

    @property
    def lang(self) -> str:
        return self.engine.language

    def t(self, key: str, **values: object) -> str:
        return self.catalog.text(self.lang, key, **values)


class Screen(QWidget):
    ready_changed = Signal(bool)
    next_key: str | None = "participant.next"
    next_role = "primary"

    def __init__(self, ctx: ScreenContext) -> None:
        super().__init__()
        self.setObjectName("content")
        self.ctx = ctx
        self.layout_ = QVBoxLayout(self)
        self.layout_.setSpacing(mm_to_px(3, screen_of(self)))
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.build()
        self.layout_.addStretch(1)

    def build(self) -> None:
        raise NotImplementedError

    def add_text(self, text: str, role: str = "body") -> None:
        self.layout_.addWidget(wrap_label(text, role))

    def is_ready(self) -> bool:
        return True

    def on_next(self) -> None:
        raise NotImplementedError


class WelcomeScreen(Screen):
    next_key = "participant.welcome_start"

    def build(self) -> None:
        study = self.ctx.engine.study
        self.add_text(study.title.get(self.ctx.lang), "heading")
        self.add_text(study.welcome.get(self.ctx.lang))
        self.add_text(self.ctx.t("participant.no_hurry"), "muted")

    def on_next(self) -> None:
        self.ctx.bridge.run(self.ctx.engine.continue_from_welcome)


class ConsentScreen(Screen):
    next_key = "participant.consent_agree"

    def build(self) -> None:
        self.add_text(self.ctx.t("participant.consent_title"), "heading")
        self.add_text(self.ctx.engine.study.consent.get(self.ctx.lang))

    def on_next(self) -> None:
        self.ctx.bridge.run(self.ctx.engine.give_consent)


class QuestionScreen(Screen):
    """One question a screen. Next records the answer; nothing is recorded until Next is pressed."""

    def build(self) -> None:
        engine = self.ctx.engine
        question = engine.current_question
        assert question is not None
        self.question = question
        lang = self.ctx.lang
        stage = engine.stage
        previous = engine.state.answers.get(question.id)
        parts = []
        if len(stage.questions) > 1:
            parts.append(self.ctx.t("participant.question_of", number=engine.state.question_index + 1,
                                    total=len(stage.questions)))
        if question.instrument == "seq" and engine.current_task is not None:
            parts.append(engine.current_task.title.get(lang))
        if parts:
            self.add_text("  ·  ".join(parts), "muted")
        self.add_text(question.text.get(lang), "heading")
        self.value: object = previous
        if question.kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTI_CHOICE):
            single = question.kind is QuestionKind.SINGLE_CHOICE
            self.add_text(self.ctx.t("participant.choose_one" if single else "participant.choose_any"), "muted")
            selected = [previous] if isinstance(previous, str) else list(previous or [])
            self.choices = ChoiceGroup([(c.id, c.label.get(lang)) for c in question.choices], single, selected)
            self.choices.selection_changed.connect(self._on_selection)
            self.layout_.addWidget(self.choices)
        elif question.kind is QuestionKind.LIKERT:
            low = question.low_label.get(lang) if question.low_label else str(question.scale_min)
            high = question.high_label.get(lang) if question.high_label else str(question.scale_max)
            # Faces only where the high end is the good end (SEQ, custom scales), never for SUS or TLX.
            pictorial = engine.study.options.pictorial and question.instrument in (None, "seq")
            self.scale = LikertScale(question.scale_values, low, high,
                                     previous if isinstance(previous, int) else None, pictorial,
                                     face_color=self.ctx.theme.colors["text"])
            self.scale.value_changed.connect(self._on_value)
            self.layout_.addWidget(self.scale)
        else:
            self.text_input = QLineEdit(previous or "")
            self.text_input.setPlaceholderText(self.ctx.t("participant.type_answer"))
            self.text_input.setAccessibleName(question.text.get(lang))
            self.text_input.setMinimumHeight(mm_to_px(16, screen_of(self)))
            self.text_input.textChanged.connect(lambda text: self._on_value(text.strip() or None))
            self.layout_.addWidget(self.text_input)
        skip = BigButton(self.ctx.t("participant.prefer_not"), role="quiet")
        skip.clicked.connect(bind(self.ctx.bridge.run, self.ctx.engine.skip_question))
        self.layout_.addSpacing(mm_to_px(2, screen_of(self)))
        self.layout_.addWidget(skip, 0, Qt.AlignmentFlag.AlignLeft)
        self.skip_button = skip

    def _on_selection(self, ids: list[str]) -> None:
        if self.question.kind is QuestionKind.SINGLE_CHOICE:
            self._on_value(ids[0] if ids else None)
        else:
            self._on_value(ids or None)

    def _on_value(self, value: object) -> None:
        self.value = value
        self.ready_changed.emit(self.is_ready())

    def is_ready(self) -> bool:
        return self.value not in (None, "", [])

    def on_next(self) -> None:
        if self.is_ready():
            self.ctx.bridge.run(self.ctx.engine.answer, self.value)


class TaskScreen(Screen):
    """Instructions before the task, and the same text kept visible while the participant works."""

    def build(self) -> None:
        engine = self.ctx.engine
        task = engine.current_task
        assert task is not None
        running = engine.step in (Step.RUNNING, Step.PAUSED)
        self.next_key = "participant.task_done" if running else "participant.task_ready"
        self.add_text(self.ctx.t("participant.task_heading", number=engine.task_number,
                                 total=len(engine.record.task_order)), "muted")
        self.add_text(task.title.get(self.ctx.lang), "heading")
        self.add_text(task.instructions.get(self.ctx.lang))
        self.add_text(self.ctx.t("participant.task_running_hint" if running else "participant.no_hurry"), "muted")

    def on_next(self) -> None:
        engine = self.ctx.engine
        action = engine.end_task if engine.step in (Step.RUNNING, Step.PAUSED) else engine.start_task
        self.ctx.bridge.run(action)


class WaitScreen(Screen):
    next_key = None

    def build(self) -> None:
        self.add_text(self.ctx.t("participant.please_wait"), "heading")


class ClosingScreen(Screen):
    def build(self) -> None:
        self.add_text(self.ctx.t("participant.closing_title"), "heading")
        self.add_text(self.ctx.engine.study.closing.get(self.ctx.lang))

    def on_next(self) -> None:
        self.ctx.bridge.run(self.ctx.engine.finish)


class EndScreen(Screen):
    next_key = None

    def build(self) -> None:
        self.add_text(self.ctx.t("participant.closing_title"), "heading")
        self.add_text(self.ctx.t("participant.session_over"))


SCREENS: dict[Step, type[Screen]] = {
    Step.WELCOME: WelcomeScreen, Step.CONSENT: ConsentScreen, Step.QUESTION: QuestionScreen,
    Step.INSTRUCTIONS: TaskScreen, Step.RUNNING: TaskScreen, Step.PAUSED: TaskScreen,
    Step.OUTCOME: WaitScreen, Step.CLOSING: ClosingScreen, Step.ENDED: EndScreen, Step.ABANDONED: EndScreen,
}


def build_screen(ctx: ScreenContext) -> Screen:
    return SCREENS[ctx.engine.step](ctx)
