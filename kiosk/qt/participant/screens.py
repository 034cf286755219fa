"""One participant screen per session step. Screens show state and forward intent to the engine.

Each screen says what its Next button means (or that it has none) and whether Next is ready; the
window owns the buttons, so Back, Help and Next never move.
"""

from __future__ import annotations

from dataclasses import dataclass

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit, QSizePolicy, QVBoxLayout, QWidget

from kiosk.i18n import Catalog
from kiosk.qt.bridge import SessionBridge, bind
from kiosk.qt.participant.signature import SignaturePad
from kiosk.qt.participant.widgets import BigButton, ChoiceGroup, LikertScale, wrap_label
from kiosk.session.consent import consent_document, empty_choice
from kiosk.speech import can_speak
from kiosk.qt.style import mm_to_px, screen_of
from kiosk.session.flow import Step
from kiosk.study.model import ConsentMethod, ConsentOption, QuestionKind
from kiosk.theme import Theme


@dataclass(frozen=True)
class ScreenContext:
    bridge: SessionBridge
    catalog: Catalog
    theme: Theme
    speak: Callable[[str, Path | None], None] = lambda _text, _clip: None

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


class ConsentTextScreen(Screen):
    """The consent text: the easy-read summary first, then all the details, read aloud on request."""

    def build(self) -> None:
        spec = self.ctx.engine.study.consent
        lang = self.ctx.lang
        self.add_text(self.ctx.t("participant.consent_title"), "heading")
        self.add_text(self.ctx.t("consent.easy_read_title"), "muted")
        self.add_text(spec.easy_read.get(lang), "banner")
        if can_speak(lang, spec.clips.get(lang)):
            self.read_aloud = BigButton(self.ctx.t("consent.read_aloud"), role="secondary")
            self.read_aloud.clicked.connect(bind(self.ctx.speak, consent_document(self.ctx.engine.study, lang),
                                                 spec.clips.get(lang)))
            self.layout_.addWidget(self.read_aloud, 0, Qt.AlignmentFlag.AlignLeft)
        self.add_text(self.ctx.t("consent.full_text"), "muted")
        self.add_text(spec.text.get(lang))
        self.add_text(self.ctx.t("consent.retention", text=spec.retention.get(lang)))

    def on_next(self) -> None:
        self.ctx.bridge.run(self.ctx.engine.read_consent)


class ConsentOptionsScreen(Screen):
    """One large toggle per option, none ticked by default; only taking part is needed to go on."""

    def build(self) -> None:
        engine = self.ctx.engine
        self.add_text(self.ctx.t("consent.options_title"), "heading")
        self.add_text(self.ctx.t("consent.options_hint"), "muted")
        chosen = dict(engine.state.consent_choice) or empty_choice(engine.study)
        labels = []
        for option in engine.study.consent.options:
            label = self.ctx.t(f"consent.option_{option.value}")
            if option is ConsentOption.TAKE_PART:
                label = f"{label}  ({self.ctx.t('consent.required')})"
            labels.append((option.value, label))
        self.choices = ChoiceGroup(labels, exclusive=False, selected=[k for k, v in chosen.items() if v])
        self.choices.selection_changed.connect(lambda _ids: self.ready_changed.emit(self.is_ready()))
        self.layout_.addWidget(self.choices)
        self.decline = BigButton(self.ctx.t("consent.decline"), role="quiet")
        self.decline.clicked.connect(bind(self.ctx.bridge.run, engine.decline_consent))
        self.layout_.addWidget(self.decline, 0, Qt.AlignmentFlag.AlignLeft)

    def is_ready(self) -> bool:
        return ConsentOption.TAKE_PART.value in self.choices.selected()

    def on_next(self) -> None:
        selected = set(self.choices.selected())
        options = {option.value: option.value in selected for option in self.ctx.engine.study.consent.options}
        self.ctx.bridge.run(self.ctx.engine.choose_consent_options, options)


class ConsentReviewScreen(Screen):
    next_key = "consent.confirm"

    def build(self) -> None:
        engine = self.ctx.engine
        self.add_text(self.ctx.t("consent.review_title"), "heading")
        for option in engine.study.consent.options:
            agreed = engine.state.consent_choice.get(option.value, False)
            mark = "✔ " + self.ctx.t("consent.yes") if agreed else "✘ " + self.ctx.t("consent.no")
            self.add_text(f"{mark}:  {self.ctx.t(f'consent.option_{option.value}')}")
        self.add_text(self.ctx.t("consent.retention", text=engine.study.consent.retention.get(self.ctx.lang)), "muted")

    def on_next(self) -> None:
        self.ctx.bridge.run(self.ctx.engine.confirm_consent_choices)


class ConsentMethodScreen(Screen):
    """Sign with a finger, make a mark, or tell the facilitator (who confirms with a witness)."""

    next_key = "consent.confirm"

    def build(self) -> None:
        engine = self.ctx.engine
        self.method: ConsentMethod | None = None
        self.add_text(self.ctx.t("consent.method_title"), "heading")
        if engine.record.minor:
            self.add_text(self.ctx.t("consent.guardian_signs"), "banner")
        methods = [(m.value, self.ctx.t(f"consent.method_{m.value}")) for m in engine.study.consent.methods]
        self.methods = ChoiceGroup(methods, exclusive=True)
        self.methods.selection_changed.connect(self._on_method)
        self.layout_.addWidget(self.methods)
        self.pad_hint = wrap_label("", "body")
        self.pad = SignaturePad(self.ctx.t("consent.sign_here"))
        self.pad.changed.connect(lambda: self.ready_changed.emit(self.is_ready()))
        self.clear = BigButton(self.ctx.t("consent.clear"), role="quiet")
        self.clear.clicked.connect(self.pad.clear)
        for widget in (self.pad_hint, self.pad, self.clear):
            widget.hide()
            self.layout_.addWidget(widget)

    def _on_method(self, ids: list[str]) -> None:
        self.method = ConsentMethod(ids[0]) if ids else None
        if self.method is ConsentMethod.VERBAL:
            self.ctx.bridge.run(self.ctx.engine.request_verbal_consent)
            return
        drawing = self.method in (ConsentMethod.SIGNATURE, ConsentMethod.MARK)
        if drawing:
            key = "consent.sign_here" if self.method is ConsentMethod.SIGNATURE else "consent.mark_here"
            self.pad_hint.setText(self.ctx.t(key))
            self.pad.setAccessibleName(self.ctx.t(key))
            self.pad.clear()
        for widget in (self.pad_hint, self.pad, self.clear):
            widget.setVisible(drawing)
        self.ready_changed.emit(self.is_ready())

    def is_ready(self) -> bool:
        return self.method in (ConsentMethod.SIGNATURE, ConsentMethod.MARK) and not self.pad.is_empty()

    def on_next(self) -> None:
        if self.is_ready():
            self.ctx.bridge.run(self.ctx.engine.give_consent, self.method, self.pad.to_png())


class VerbalWaitScreen(Screen):
    next_key = None

    def build(self) -> None:
        self.add_text(self.ctx.t("consent.verbal_wait"), "heading")


class StopScreen(Screen):
    """Shown over any step when the participant taps Stop: keep what was recorded, or delete it all."""

    next_key = None

    def __init__(self, ctx: "ScreenContext", on_keep, on_delete, on_cancel) -> None:
        self._handlers = (on_keep, on_delete, on_cancel)
        super().__init__(ctx)

    def build(self) -> None:
        self.add_text(self.ctx.t("consent.stop_title"), "heading")
        on_keep, on_delete, on_cancel = self._handlers
        self.keep = BigButton(self.ctx.t("consent.stop_keep"), role="secondary")
        self.delete = BigButton(self.ctx.t("consent.stop_delete"), role="danger")
        self.cancel = BigButton(self.ctx.t("consent.stop_cancel"), role="primary")
        for button, handler in ((self.cancel, on_cancel), (self.keep, on_keep), (self.delete, on_delete)):
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(bind(handler))
            self.layout_.addWidget(button)


class StoppedScreen(Screen):
    next_key = None

    def build(self) -> None:
        self.add_text(self.ctx.t("consent.stopped"), "heading")


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
    Step.WELCOME: WelcomeScreen, Step.CONSENT: ConsentTextScreen, Step.CONSENT_OPTIONS: ConsentOptionsScreen,
    Step.CONSENT_REVIEW: ConsentReviewScreen, Step.CONSENT_METHOD: ConsentMethodScreen,
    Step.CONSENT_VERBAL: VerbalWaitScreen, Step.WITHDRAWN: StoppedScreen, Step.QUESTION: QuestionScreen,
    Step.INSTRUCTIONS: TaskScreen, Step.RUNNING: TaskScreen, Step.PAUSED: TaskScreen,
    Step.OUTCOME: WaitScreen, Step.CLOSING: ClosingScreen, Step.ENDED: EndScreen, Step.ABANDONED: EndScreen,
}


def build_screen(ctx: ScreenContext) -> Screen:
    return SCREENS[ctx.engine.step](ctx)
