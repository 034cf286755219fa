"""One question a screen. Taps make a draft (kept by the engine); Next records it as the answer.

"I prefer not to answer" is a choice like the others: selected, then Next. Likert questions keep
their answer row at the same height whatever the question's length, so the row never moves
between the ten SUS items.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLineEdit

from kiosk.qt.participant.keyboard import OnScreenKeyboard, keyboard_layout
from kiosk.qt.participant.screens.base import Screen
from kiosk.qt.slots import bind
from kiosk.qt.participant.widgets import BigButton, ChoiceGroup, LikertScale
from kiosk.qt.style import FONT_FAMILY, mm_to_px, screen_of
from kiosk.session.drafts import Draft, question_draft, with_exclusive_rule
from kiosk.study.faces import scale_picture
from kiosk.study.model import QuestionKind

#: lines of heading text reserved above a Likert row (SUS items take one or two at 1280x800)
LIKERT_HEADING_LINES = 3
#: a pause in typing this long keeps the draft (on the screen's keys the field never loses focus, so a
#: crash in the middle of an answer would otherwise lose it); a setting so tests need not wait
DRAFT_PAUSE_MS = 1000


#: the "what happens next" line for each kind of question
HINTS = {QuestionKind.SINGLE_CHOICE: "next.question_one", QuestionKind.LIKERT: "next.question_one",
         QuestionKind.MULTI_CHOICE: "next.question_many"}


class QuestionScreen(Screen):
    def build(self) -> None:
        engine = self.ctx.engine
        question = engine.current_question
        assert question is not None
        self.question = question
        self.next_hint_key = HINTS.get(question.kind, "next.question_text")
        lang = self.ctx.lang
        stage = engine.stage
        state = engine.state
        self.draft = question_draft(state.drafts, state.answers, state.skipped, question)
        parts = []
        if len(stage.questions) > 1:
            parts.append(self.ctx.t("participant.question_of", number=state.question_index + 1,
                                    total=len(stage.questions)))
        if question.instrument == "seq" and engine.current_task is not None:
            parts.append(engine.current_task.title.get(lang))
        self.add_text("  ·  ".join(parts), "muted")  # always there (even empty), so nothing below moves
        heading = self.add_text(question.text.get(lang), "heading")
        value = None if self.draft.prefer_not else self.draft.value
        self.choices: ChoiceGroup | None = None
        self.scale: LikertScale | None = None
        self.text_input: QLineEdit | None = None
        if question.kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTI_CHOICE):
            single = question.kind is QuestionKind.SINGLE_CHOICE
            self.add_text(self.ctx.t("participant.choose_one" if single else "participant.choose_any"), "muted")
            selected = [value] if isinstance(value, str) else list(value or [])
            self.choices = ChoiceGroup([(c.id, c.label.get(lang)) for c in question.choices], single, selected)
            self.choices.selection_changed.connect(self._on_selection)
            self.layout_.addWidget(self.choices)
        elif question.kind is QuestionKind.LIKERT:
            font = QFont(FONT_FAMILY)  # the stylesheet's heading font is applied only once shown
            font.setPointSizeF(self.ctx.theme.heading_pt)
            font.setBold(True)
            heading.setMinimumHeight(QFontMetrics(font).lineSpacing() * LIKERT_HEADING_LINES)
            heading.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            low = question.low_label.get(lang) if question.low_label else str(question.scale_min)
            high = question.high_label.get(lang) if question.high_label else str(question.scale_max)
            colors = self.ctx.theme.colors
            self.scale = LikertScale(question.scale_values, low, high, value if isinstance(value, int) else None,
                                     scale_picture(engine.study.options, question, engine.access.pictures),
                                     face_color=colors["secondary_text"], checked_color=colors["selected_text"])
            self.scale.value_changed.connect(lambda v: self._choose(Draft(v)))
            self.layout_.addWidget(self.scale)
        else:
            self._build_text_answer(value if isinstance(value, str) else "")
        self.skip_button = BigButton(self.ctx.t("participant.prefer_not"), role="quiet")
        self.skip_button.setCheckable(True)
        self.skip_button.setChecked(self.draft.prefer_not)
        self.skip_button.toggled.connect(self._on_prefer_not)
        if getattr(self, "keyboard", None) is None:  # under a keyboard the keys' own gap sets it apart
            self.layout_.addSpacing(mm_to_px(4, screen_of(self)))
        self.layout_.addWidget(self.skip_button, 0, Qt.AlignmentFlag.AlignLeft)

    def _build_text_answer(self, value: str) -> None:
        """The field, and under it the on-screen keyboard in the participant's language (shown at once: a
        touchscreen has no other keyboard; "Hide keyboard" puts it away, and a physical keyboard still types)."""
        self.text_input = QLineEdit(value)
        self.text_input.setPlaceholderText(self.ctx.t("participant.type_answer"))
        self.text_input.setAccessibleName(self.question.text.get(self.ctx.lang))
        self.text_input.setMinimumHeight(mm_to_px(16, screen_of(self)))
        self.text_input.setInputMethodHints(Qt.InputMethodHint.ImhNoPredictiveText
                                            | Qt.InputMethodHint.ImhNoAutoUppercase)
        self.text_input.textChanged.connect(self._on_text)
        self.text_input.editingFinished.connect(self.flush_draft)
        self.layout_.addWidget(self.text_input)
        self.draft_timer = QTimer(self)
        self.draft_timer.setSingleShot(True)
        self.draft_timer.setInterval(DRAFT_PAUSE_MS)
        self.draft_timer.timeout.connect(self.flush_draft)
        self.keyboard: OnScreenKeyboard | None = None
        layout = keyboard_layout(self.ctx.lang)
        if layout is None:
            return  # no layout file can be read: the physical keyboard still works
        self.keyboard = OnScreenKeyboard(self.text_input, layout, self.ctx.theme, self.ctx.t, self)
        self.keyboard.hide_tapped.connect(bind(self.show_keyboard, False))
        self.layout_.addWidget(self.keyboard)
        self.show_keys = BigButton(self.ctx.t("keyboard.show"), role="secondary")
        self.show_keys.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.show_keys.clicked.connect(bind(self.show_keyboard, True))
        self.show_keys.hide()
        self.layout_.addWidget(self.show_keys, 0, Qt.AlignmentFlag.AlignLeft)

    def show_keyboard(self, shown: bool) -> None:
        """The keyboard appears or goes where the finger is: a second tap of a double tap lands on nothing."""
        if self.keyboard is None:
            return
        self.keyboard.setVisible(shown)
        self.show_keys.setVisible(not shown)
        self.ctx.tap_guard.meaning_changed()

    def carry_over(self) -> object | None:
        """A keyboard the participant hid stays hidden when the screen is rebuilt in another language."""
        keyboard = getattr(self, "keyboard", None)
        return "keyboard_hidden" if keyboard is not None and keyboard.isHidden() else None

    def restore(self, state: object) -> None:
        if state == "keyboard_hidden" and getattr(self, "keyboard", None) is not None:
            self.keyboard.setVisible(False)  # type: ignore[union-attr]
            self.show_keys.setVisible(True)

    # -- taps -----------------------------------------------------------------------------------

    def _on_selection(self, ids: list[str]) -> None:
        assert self.choices is not None
        if self.question.kind is QuestionKind.SINGLE_CHOICE:
            self._choose(Draft(ids[0] if ids else None))
            return
        before = list(self.draft.value or []) if not self.draft.prefer_not else []
        kept = with_exclusive_rule(self.question, before, ids)
        if kept != ids:
            self.choices.set_selected(kept)
        self._choose(Draft(kept or None))

    def _on_text(self, text: str) -> None:
        self.draft = Draft(text.strip() or None)
        self.draft_timer.start()  # kept after a pause in typing (and at once on Next, Back or a language)
        self._quiet_skip(False)
        self.ready_changed.emit(self.is_ready())

    def _on_prefer_not(self, checked: bool) -> None:
        if checked:
            if self.choices is not None:
                self.choices.set_selected([])
            if self.scale is not None:
                self.scale.clear()
            if self.text_input is not None:
                self.text_input.blockSignals(True)
                self.text_input.clear()
                self.text_input.blockSignals(False)
        self._save(Draft(prefer_not=checked))

    def _choose(self, draft: Draft) -> None:
        self._quiet_skip(False)
        self._save(draft)

    def _quiet_skip(self, checked: bool) -> None:
        self.skip_button.blockSignals(True)
        self.skip_button.setChecked(checked)
        self.skip_button.blockSignals(False)

    def _save(self, draft: Draft) -> None:
        self.draft = draft
        self.ctx.run(self.ctx.engine.save_draft, draft)
        self.ready_changed.emit(self.is_ready())

    def flush_draft(self) -> None:
        if self.text_input is not None and self.ctx.engine.current_question == self.question:
            self.ctx.run(self.ctx.engine.save_draft, self.draft)

    # -- Next ------------------------------------------------------------------------------------

    def is_ready(self) -> bool:
        return self.draft.chosen

    def on_next(self) -> None:
        if self.draft.prefer_not:
            self.ctx.run(self.ctx.engine.skip_question)
        elif self.is_ready():
            self.ctx.run(self.ctx.engine.answer, self.draft.value)
