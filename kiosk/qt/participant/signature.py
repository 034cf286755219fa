"""A touch signature pad: strokes drawn with a finger (or mouse), exported as a PNG image.

Whether the strokes are enough to count as consent is a domain rule (kiosk.session.ink).
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.qt.style import mm_to_px, screen_of
from kiosk.session.ink import DEFAULT_RULE, InkRule, has_real_ink


class SignaturePad(QWidget):
    changed = Signal()

    def __init__(self, accessible_name: str, height_mm: float = 55, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.setMinimumHeight(mm_to_px(height_mm, screen_of(self)))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.strokes: list[list[QPointF]] = []

    def is_empty(self) -> bool:
        return not any(len(stroke) > 1 for stroke in self.strokes)

    def has_real_ink(self, rule: InkRule = DEFAULT_RULE) -> bool:
        """A deliberate mark, not a touch: see kiosk.session.ink (measured in millimetres)."""
        strokes = [[(p.x(), p.y()) for p in stroke] for stroke in self.strokes]
        return has_real_ink(strokes, mm_to_px(10, screen_of(self)) / 10, rule)

    def clear(self) -> None:
        self.strokes.clear()
        self.update()
        self.changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.strokes.append([event.position()])
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self.strokes and event.buttons() & Qt.MouseButton.LeftButton:
            self.strokes[-1].append(event.position())
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self.strokes:
            self.strokes[-1].append(event.position())
        self.update()
        self.changed.emit()

    def _paint(self, painter: QPainter, width: int, height: int) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(0, 0, width, height, QColor("#FFFFFF"))
        painter.setPen(QPen(QColor("#888888"), 2, Qt.PenStyle.DashLine))
        painter.drawLine(int(width * 0.05), int(height * 0.78), int(width * 0.95), int(height * 0.78))
        painter.setPen(QPen(QColor("#111111"), 4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                            Qt.PenJoinStyle.RoundJoin))
        for stroke in self.strokes:
            for a, b in pairwise(stroke):
                painter.drawLine(a, b)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self._paint(painter, self.width(), self.height())
        painter.setPen(QPen(QColor("#111111"), 3))
        painter.drawRect(1, 1, self.width() - 3, self.height() - 3)
        painter.end()

    def to_png(self) -> bytes:
        image = QImage(max(1, self.width()), max(1, self.height()), QImage.Format.Format_RGB32)
        painter = QPainter(image)
        self._paint(painter, image.width(), image.height())
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        # the PySide6 6.11 stubs type the format as bytes, but the binding takes only str (b"PNG" raises ValueError)
        image.save(buffer, "PNG")  # type: ignore[call-overload]
        return bytes(data.data())
