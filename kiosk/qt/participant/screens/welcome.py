"""The study's welcome: title, a short greeting, the participant's own text size, no hurry."""

from __future__ import annotations

from kiosk.qt.participant.screens.base import Screen
from kiosk.qt.participant.text_size_buttons import TextSizeButtons


class WelcomeScreen(Screen):
    next_key = "participant.welcome_start"
    next_hint_key = "next.welcome"

    def build(self) -> None:
        study = self.ctx.engine.study
        self.text_size = TextSizeButtons(self.ctx)  # first, so whoever needs larger text finds it without scrolling
        self.layout_.addWidget(self.text_size)
        self.add_text(study.title.get(self.ctx.lang), "heading")
        self.add_text(study.welcome.get(self.ctx.lang))
        self.add_text(self.ctx.t("participant.no_hurry"), "muted")

    def on_next(self) -> None:
        self.ctx.run(self.ctx.engine.continue_from_welcome)
