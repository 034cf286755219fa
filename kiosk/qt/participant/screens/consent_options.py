"""One large toggle per consent option, none ticked by default; only taking part is needed to go on.

Ticks are drafts kept by the engine, so a language switch or Back then Next shows them again.
Declining ends the session, so it only opens a confirmation screen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.qt.bridge import bind
from kiosk.qt.participant.screens.base import Screen
from kiosk.qt.participant.widgets import BigButton, ChoiceGroup
from kiosk.session.consent import empty_choice
from kiosk.session.drafts import CONSENT_OPTIONS
from kiosk.study.model import ConsentOption


class ConsentOptionsScreen(Screen):
    not_ready_key = "flow.next_needs_consent"
    next_hint_key = "next.consent_options"

    def build(self) -> None:
        engine = self.ctx.engine
        self.add_text(self.ctx.t("consent.options_title"), "heading")
        draft = engine.state.drafts.get(CONSENT_OPTIONS)
        chosen = dict(draft["value"]) if draft else dict(engine.state.consent_choice) or empty_choice(engine.study)
        labels = []
        for option in engine.study.consent.options:
            label = self.ctx.t(f"consent.option_{option.value}")
            if option is ConsentOption.TAKE_PART:
                label = f"{label}  ({self.ctx.t('consent.required')})"
            labels.append((option.value, label))
        self.choices = ChoiceGroup(labels, exclusive=False, selected=[k for k, v in chosen.items() if v])
        self.choices.selection_changed.connect(self._on_selection)
        self.layout_.addWidget(self.choices)
        self.decline = BigButton(self.ctx.t("consent.decline"), role="quiet")
        self.decline.clicked.connect(bind(self.ctx.confirm, "decline"))
        self.layout_.addWidget(self.decline, 0, Qt.AlignmentFlag.AlignLeft)

    def _options(self) -> dict[str, bool]:
        selected = set(self.choices.selected())
        return {option.value: option.value in selected for option in self.ctx.engine.study.consent.options}

    def _on_selection(self, _ids: list[str]) -> None:
        self.ctx.run(self.ctx.engine.save_consent_draft, self._options())
        self.ready_changed.emit(self.is_ready())

    def is_ready(self) -> bool:
        return ConsentOption.TAKE_PART.value in self.choices.selected()

    def on_next(self) -> None:
        self.ctx.run(self.ctx.engine.choose_consent_options, self._options())
