"""The participant's own text-size control on the welcome screen: "Smaller text" and "Larger text".

Two large buttons, each with a big letter A (a small one and a large one) so that someone who cannot read the
words yet still sees which way each goes; one tap is one step of ``AccessSettings.smaller()/larger()``,
recorded as the participant's change (``by="participant"``), and the window redraws at the new size.
A button is greyed out at its end of the range (100% or 200%).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QWidget

from kiosk.qt.participant.screens.base import ScreenContext
from kiosk.qt.participant.spoken import unspoken
from kiosk.qt.participant.widgets import BigButton
from kiosk.qt.style import FONT_FAMILY, mm_to_px, screen_of
from kiosk.session.access import TEXT_SIZES

#: the letter's height in the icon, as a share of the icon: small A for smaller, large A for larger
LETTER_SHARES = {"smaller": 0.55, "larger": 1.0}


def letter_icon(px: int, share: float, color: str) -> QIcon:
    pixmap = QPixmap(px, px)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont(FONT_FAMILY)
    font.setBold(True)
    font.setPixelSize(max(6, round(px * share)))
    painter.setFont(font)
    painter.setPen(QColor(color))
    painter.drawText(QRectF(0, 0, px, px), Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, "A")
    painter.end()
    return QIcon(pixmap)


class TextSizeButtons(QWidget):
    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        unspoken(self)  # read aloud says the welcome, not "Smaller text. Larger text." first
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(mm_to_px(6, screen_of(self)))
        icon_px = mm_to_px(12, screen_of(self))
        access = ctx.engine.access
        self.smaller = BigButton(ctx.t("participant.text_smaller"), "secondary", mm=16)
        self.larger = BigButton(ctx.t("participant.text_larger"), "secondary", mm=16)
        for name, button in (("smaller", self.smaller), ("larger", self.larger)):
            button.setIcon(letter_icon(icon_px, LETTER_SHARES[name], ctx.theme.colors["secondary_text"]))
            button.setIconSize(QSize(icon_px, icon_px))
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            row.addWidget(button, 1)
        self.smaller.setEnabled(access.text_size > TEXT_SIZES[0])
        self.larger.setEnabled(access.text_size < TEXT_SIZES[-1])
        self.smaller.clicked.connect(lambda: self._step(larger=False))
        self.larger.clicked.connect(lambda: self._step(larger=True))

    def _step(self, larger: bool) -> None:
        engine = self.ctx.engine
        wanted = engine.access.larger() if larger else engine.access.smaller()
        self.ctx.run(lambda: engine.set_access(wanted, by="participant"))
