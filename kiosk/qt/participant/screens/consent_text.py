"""The consent text: the easy-read summary first, then all the details, read aloud on request."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.qt.bridge import bind
from kiosk.qt.participant.screens.base import Screen
from kiosk.qt.participant.widgets import BigButton
from kiosk.session.consent import consent_document
from kiosk.speech import can_speak


class ConsentTextScreen(Screen):
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
        else:  # say why there is no Read aloud, so participant and facilitator do not look for it
            self.add_text(self.ctx.t("consent.no_voice"), "muted")
        self.add_text(self.ctx.t("consent.full_text"), "muted")
        self.add_text(spec.text.get(lang))
        self.add_text(self.ctx.t("consent.retention", text=spec.retention.get(lang)))

    def on_next(self) -> None:
        self.ctx.run(self.ctx.engine.read_consent)
