"""The participant checks their consent choices before confirming them."""

from __future__ import annotations

from kiosk.qt.participant.screens.base import Screen


class ConsentReviewScreen(Screen):
    next_key = "consent.confirm"
    next_hint_key = "next.consent_review"

    def build(self) -> None:
        engine = self.ctx.engine
        self.add_text(self.ctx.t("consent.review_title"), "heading")
        for option in engine.study.consent.options:
            agreed = engine.state.consent_choice.get(option.value, False)
            mark = "✔ " + self.ctx.t("consent.yes") if agreed else "✘ " + self.ctx.t("consent.no")
            self.add_text(f"{mark}:  {self.ctx.t(f'consent.option_{option.value}')}")
        self.add_text(self.ctx.t("consent.retention", text=engine.study.consent.retention.get(self.ctx.lang)), "muted")

    def on_next(self) -> None:
        self.ctx.run(self.ctx.engine.confirm_consent_choices)
