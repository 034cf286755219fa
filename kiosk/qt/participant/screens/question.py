"""One question a screen. Taps make a draft (kept by the engine); Next records it as the answer.

"I prefer not to answer" is a choice like the others: selected, then Next. Likert questions keep
their answer row at the same height whatever the question's length, so the row never moves
between the ten SUS items.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLineEdit

from kiosk.qt.participant.screens.base import Screen
from kiosk.qt.participant.widgets import BigButton, ChoiceGroup, LikertScale
from kiosk.qt.style import FONT_FAMILY, mm_to_px, screen_of
from kiosk.session.drafts import Draft, question_draft, with_exclusive_rule
from kiosk.study.faces import scale_picture
from kiosk.study.model import QuestionKind

#: lines of heading text reserved above a Likert row (SUS items take one or two at 1280x800)
LIKERT_HEADING_LINES = 3


class QuestionScreen(Screen):
    def build(self) -> None:
        engine = self.ctx.engine
        question = engine.current_question
        assert question is not None
        self.question = question
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
            self.text_input = QLineEdit(value if isinstance(value, str) else "")
            self.text_input.setPlaceholderText(self.ctx.t("participant.type_answer"))
            self.text_input.setAccessibleName(question.text.get(lang))
            self.text_input.setMinimumHeight(mm_to_px(16, screen_of(self)))
            self.text_input.textChanged.connect(self._on_text)
            self.text_input.editingFinished.connect(self.flush_draft)
            self.layout_.addWidget(self.text_input)
        self.skip_button = BigButton(self.ctx.t("participant.prefer_not"), role="quiet")
        self.skip_button.setCheckable(True)
        self.skip_button.setChecked(self.draft.prefer_not)
        self.skip_button.toggled.connect(self._on_prefer_not)
        self.layout_.addSpacing(mm_to_px(4, screen_of(self)))
        self.layout_.addWidget(self.skip_button, 0, Qt.AlignmentFlag.AlignLeft)

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
