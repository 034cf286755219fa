"""The consent text: the easy-read summary first, then all the details (read aloud by the window's control)."""

from __future__ import annotations

from kiosk.qt.participant.screens.base import Screen
from kiosk.session.consent import consent_document
from kiosk.speech import Part


class ConsentTextScreen(Screen):
    next_hint_key = "next.consent_text"

    def build(self) -> None:
        spec = self.ctx.engine.study.consent
        lang = self.ctx.lang
        self.add_text(self.ctx.t("participant.consent_title"), "heading")
        self.add_text(self.ctx.t("consent.easy_read_title"), "muted")
        self.add_text(spec.easy_read.get(lang), "banner")
        self.add_text(self.ctx.t("consent.full_text"), "muted")
        self.add_text(spec.text.get(lang))
        self.add_text(self.ctx.t("consent.retention", text=spec.retention.get(lang)))

    def speech_parts(self) -> list[Part]:
        """Where the plan ships its own recording of the consent (``[consent.clips]``), that recording reads
        the consent; the heading and the next step are said around it."""
        clip = self.ctx.engine.study.consent.clips.get(self.ctx.lang)
        if clip is None or not clip.is_file():
            return super().speech_parts()
        parts = super().speech_parts()
        document = consent_document(self.ctx.engine.study, self.ctx.lang, self.ctx.catalog)
        return [parts[0], Part(document, clip), parts[-1]]

    def on_next(self) -> None:
        self.ctx.run(self.ctx.engine.read_consent)
