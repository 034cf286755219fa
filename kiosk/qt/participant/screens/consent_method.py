"""Sign with a finger, make a mark, or tell the facilitator (who confirms with a witness).

A signature needs real ink (kiosk.session.ink): a touch or a slip of the finger leaves Next grey.
The preview shows the image exactly as it will be stored with the consent record.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel

from kiosk.qt.participant.screens.base import Screen
from kiosk.qt.participant.signature import SignaturePad
from kiosk.qt.participant.widgets import BigButton, ChoiceGroup, wrap_label
from kiosk.qt.style import mm_to_px, screen_of
from kiosk.study.model import ConsentMethod

DRAWN = (ConsentMethod.SIGNATURE, ConsentMethod.MARK)


class ConsentMethodScreen(Screen):
    next_key = "consent.confirm"
    not_ready_key = "flow.next_needs_signature"
    next_hint_key = "next.consent_method"

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
        self.pad.changed.connect(self._on_ink)
        self.clear = BigButton(self.ctx.t("consent.clear"), role="quiet")
        self.clear.clicked.connect(self.pad.clear)
        self.preview_label = wrap_label(self.ctx.t("flow.preview"), "muted")
        self.preview = QLabel()
        self.preview.setAccessibleName(self.ctx.t("flow.preview"))
        self.preview.setFixedHeight(mm_to_px(28, screen_of(self)))
        self.preview.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for widget in (self.pad_hint, self.pad, self.clear, self.preview_label, self.preview):
            widget.hide()
            self.layout_.addWidget(widget, 0, Qt.AlignmentFlag.AlignLeft if widget is self.clear else
                                   Qt.AlignmentFlag(0))

    def _on_method(self, ids: list[str]) -> None:
        self.method = ConsentMethod(ids[0]) if ids else None
        if self.method is ConsentMethod.VERBAL:
            self.ctx.run(self.ctx.engine.request_verbal_consent)
            return
        drawing = self.method in DRAWN
        if drawing:
            key = "consent.sign_here" if self.method is ConsentMethod.SIGNATURE else "consent.mark_here"
            self.pad_hint.setText(self.ctx.t(key))
            self.pad.setAccessibleName(self.ctx.t(key))
            self.pad.clear()
        for widget in (self.pad_hint, self.pad, self.clear):
            widget.setVisible(drawing)
        self._on_ink()

    def _on_ink(self) -> None:
        inked = self.pad.has_real_ink()
        if inked:
            image = QPixmap()
            image.loadFromData(self.pad.to_png())
            self.preview.setPixmap(image.scaledToHeight(self.preview.height(),
                                                        Qt.TransformationMode.SmoothTransformation))
        self.preview_label.setVisible(inked)
        self.preview.setVisible(inked)
        self.ready_changed.emit(self.is_ready())

    def carry_over(self) -> object | None:
        """The method tapped and the strokes drawn: neither is an engine draft (ink is not stored until consent)."""
        if self.method not in DRAWN:
            return None
        return self.method, [list(stroke) for stroke in self.pad.strokes]

    def restore(self, state: object) -> None:
        assert isinstance(state, tuple)
        method: ConsentMethod = state[0]
        strokes: list[list[QPointF]] = state[1]
        self.methods.set_selected([method.value])
        self._on_method([method.value])
        self.pad.strokes = [list(stroke) for stroke in strokes]
        self.pad.update()
        self._on_ink()

    def is_ready(self) -> bool:
        return self.method in DRAWN and self.pad.has_real_ink()

    def on_next(self) -> None:
        if self.is_ready():
            self.ctx.run(self.ctx.engine.give_consent, self.method, self.pad.to_png())
