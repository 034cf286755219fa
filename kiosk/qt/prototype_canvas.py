"""The prototype's current screen, scaled to fit without distortion; taps come out in image coordinates.

A tap counts when the finger lifts near where it touched down (within 4 mm), as a button's click does:
a finger resting on the glass, or a palm, presses without a tap, and a drag to scroll is not a tap.

A tap is placed on the picture as it was last drawn, not as the current geometry would draw it: between a
layout change (the window shown again, a resize) and the next paint the participant still sees the old
picture, and a tap aimed at it was logged as a miss (issue 10 second new-user run, a data error).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.prototype.model import Rect
from kiosk.qt.style import mm_to_px, screen_of

TAP_SLOP_MM = 4.0


class PrototypeCanvas(QWidget):
    #: a tap at (x, y) in the image's own pixels
    tapped = Signal(float, float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, False)  # touch arrives as synthesised mouse
        self._pixmap = QPixmap()
        self._image_size = QSize(1, 1)
        self._hints: tuple[Rect, ...] = ()
        self._marks: list[tuple[float, float, bool]] = []  # recent taps, for the console's mirror
        self._pressed_at: QPointF | None = None
        self._drawn_at: QRectF | None = None  # where the current image was last painted: what the participant saw

    def show_image(self, path: Path, width: int, height: int) -> bool:
        """Show one screen; False if the file cannot be read (the caller says so, in words)."""
        pixmap = QPixmap(str(path))
        self._pixmap = pixmap
        self._image_size = QSize(width, height)
        self._drawn_at = None
        self._hints = ()
        self._marks = []
        self.update()
        return not pixmap.isNull()

    def show_hints(self, rects: tuple[Rect, ...]) -> None:
        self._hints = rects
        self.update()

    def show_marks(self, marks: list[tuple[float, float, bool]]) -> None:
        self._marks = marks
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(640, 400)

    def image_rect(self) -> QRectF:
        """Where the image is drawn: as large as fits, aspect kept, centred."""
        w, h = max(1, self._image_size.width()), max(1, self._image_size.height())
        scale = min(self.width() / w, self.height() / h)
        return QRectF((self.width() - w * scale) / 2, (self.height() - h * scale) / 2, w * scale, h * scale)

    def seen_rect(self) -> QRectF:
        """Where the participant sees the image: where it was last painted (else where it will be)."""
        return QRectF(self._drawn_at) if self._drawn_at is not None else self.image_rect()

    def to_image(self, point: QPointF) -> tuple[float, float] | None:
        rect = self.seen_rect()
        if not rect.contains(point) or rect.width() <= 0:
            return None
        scale = rect.width() / max(1, self._image_size.width())
        return (point.x() - rect.x()) / scale, (point.y() - rect.y()) / scale

    def _to_widget(self, x: float, y: float) -> QPointF:
        rect = self.image_rect()
        scale = rect.width() / max(1, self._image_size.width())
        return QPointF(rect.x() + x * scale, rect.y() + y * scale)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._pressed_at = event.position()
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        pressed, self._pressed_at = self._pressed_at, None
        if pressed is None:
            return
        moved = (event.position() - pressed).manhattanLength()
        if moved > mm_to_px(TAP_SLOP_MM, screen_of(self)):
            return
        where = self.to_image(event.position())
        if where is not None:
            self.tapped.emit(*where)
        event.accept()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        rect = self.image_rect()
        self._drawn_at = QRectF(rect)
        if not self._pixmap.isNull():
            painter.drawPixmap(rect, self._pixmap, QRectF(self._pixmap.rect()))
        scale = rect.width() / max(1, self._image_size.width())
        pen = QPen(QColor("#d35400"), max(3.0, 4 * scale))
        painter.setPen(pen)
        for hint in self._hints:
            painter.drawRoundedRect(QRectF(self._to_widget(hint.x, hint.y), self._to_widget(hint.x + hint.width,
                                                                                              hint.y + hint.height)), 8, 8)
        for x, y, hit in self._marks:
            painter.setPen(QPen(QColor("#1e8449" if hit else "#c0392b"), 3))
            painter.drawEllipse(self._to_widget(x, y), 10, 10)
        painter.end()
