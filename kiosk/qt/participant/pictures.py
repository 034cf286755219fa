"""Pictures on rating scales (issue 12 item 5): a face where high is good, bars of amount where a smile would mislead.

Which picture a scale gets is the study's rule (kiosk.study.faces); this module only draws it. A picture is an
aid beside the number, never instead of it: the button keeps its number as text and its accessible name. It is
drawn above the number (beside it, eleven NASA-TLX buttons would not fit a 1280-pixel screen) and in the
button's own text colour, for the button's state: unchecked in the theme's ``secondary_text``, checked in its
``selected_text`` (a face drawn in the unchecked colour on the checked fill is a dark face on dark blue).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from kiosk.qt.style import mm_to_px, screen_of
from kiosk.study.faces import Picture

#: bars in the picture of amount, rising from short to tall
AMOUNT_BARS = 5
#: the picture's side in millimetres: the theme's smallest target (10 mm) and a little more
PICTURE_MM = 11
#: room between the picture and the number, and around the button's content, in pixels
GAP_PX = 4


def draw_face(painter: QPainter, size: int, fraction: float, color: QColor) -> None:
    """A face from frowning (0.0) to smiling (1.0), in a ``size``-pixel square at the painter's origin."""
    painter.setPen(QPen(color, max(2, size // 14)))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    m = size * 0.08
    painter.drawEllipse(QRectF(m, m, size - 2 * m, size - 2 * m))
    painter.setBrush(color)
    eye = size * 0.07
    for x in (0.36, 0.64):
        painter.drawEllipse(QPointF(size * x, size * 0.4), eye, eye)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    curve = (fraction - 0.5) * 2  # -1 frown … +1 smile
    path = QPainterPath(QPointF(size * 0.3, size * 0.66))
    path.quadTo(QPointF(size * 0.5, size * (0.66 + 0.18 * curve)), QPointF(size * 0.7, size * 0.66))
    painter.drawPath(path)


def draw_amount(painter: QPainter, size: int, level: float, color: QColor) -> None:
    """Bars rising from short to tall, outlined, filled from the left up to ``level`` (above 0, at most 1) of
    their width: the lowest value shows a sliver of one bar, the highest all of them. No face, no judgement."""
    pen = max(2, size // 20)
    gap = size * 0.06
    width = (size - gap * (AMOUNT_BARS - 1) - pen) / AMOUNT_BARS
    bars = []
    for i in range(AMOUNT_BARS):
        height = (size - pen) * (i + 1) / AMOUNT_BARS
        bars.append(QRectF(pen / 2 + i * (width + gap), size - pen / 2 - height, width, height))
    painter.setPen(QPen(color, pen))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for bar in bars:
        painter.drawRect(bar)
    painter.save()
    painter.setClipRect(QRectF(0, 0, size * level, size))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    for bar in bars:
        painter.drawRect(bar)
    painter.restore()


def picture_pixmap(picture: Picture, fraction: float, size: int, color: QColor, level: float | None = None) -> QPixmap:
    """One picture on a transparent square: ``fraction`` from 0 (low end) to 1 (high end) for faces,
    ``level`` (default: ``fraction``) for amount."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if picture is Picture.FACES:
        draw_face(painter, size, fraction, color)
    elif picture is Picture.AMOUNT:
        draw_amount(painter, size, fraction if level is None else level, color)
    painter.end()
    return pixmap


def face_icon(fraction: float, size: int, color: QColor) -> QIcon:
    """A drawn face from frowning (0.0) to smiling (1.0), as an icon (for callers other than the scale)."""
    return QIcon(picture_pixmap(Picture.FACES, fraction, size, color))


class PictureMark(QWidget):
    """The picture laid over the top of a rating-scale button, above its number, in the colour of the button's text
    for its state. Taps go through it to the button (the picture is part of the target, not a target of its own).

    A child of the button rather than a kind of button, so that the scale's buttons stay the one ``BigButton``
    that every participant screen uses."""

    def __init__(self, button: QPushButton, picture: Picture, position: int, count: int,
                 colors: tuple[str, str]) -> None:
        """``position``: 0 for the low end … ``count - 1`` for the high end; ``colors``: (unchecked, checked)."""
        super().__init__(button)  # no reference back to the button: a Python cycle through a Qt parent can crash
        self.picture = picture
        self.fraction = position / max(1, count - 1)
        self.level = (position + 1) / max(1, count)  # one of ``count`` parts: never empty, full at the top
        self.colors = (QColor(colors[0]), QColor(colors[1]))
        self.side = mm_to_px(PICTURE_MM, screen_of(button))
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setFixedSize(self.side, self.side)
        # the number goes below the picture: the button's padding leaves the picture its room on top
        button.setStyleSheet(f"padding: {self.side + 2 * GAP_PX}px {2 * GAP_PX}px {GAP_PX}px {2 * GAP_PX}px;")
        button.setMinimumWidth(self.side + 4 * GAP_PX)
        button.toggled.connect(self.update)
        place = QVBoxLayout(button)  # centred at the top, wherever the scale's layout makes the button
        place.setContentsMargins(0, 2 * GAP_PX, 0, 0)
        place.addWidget(self, 0, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)

    def color(self) -> QColor:
        button = self.parentWidget()
        return self.colors[1] if isinstance(button, QPushButton) and button.isChecked() else self.colors[0]

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.drawPixmap(0, 0, picture_pixmap(self.picture, self.fraction, self.side, self.color(), self.level))
        painter.end()


def add_picture(button: QPushButton, picture: Picture, position: int, count: int,
                colors: tuple[str, str]) -> PictureMark | None:
    """Put ``picture`` above the number on ``button`` (nothing for ``Picture.NONE``)."""
    if picture is Picture.NONE:
        return None
    return PictureMark(button, picture, position, count, colors)


def picture_on(button: QWidget) -> PictureMark | None:
    """The picture on a scale's button, if it has one."""
    return button.findChild(PictureMark)
