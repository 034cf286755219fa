"""The editor's drawing surface: one screen image with its hotspots, drawn, moved and resized by mouse or keys.

It is the participant's ``PrototypeCanvas`` (same fit-to-widget scaling, so what is drawn here is where
the participant's finger lands) that reports intent instead of taps: a rectangle drawn, a hotspot moved
or resized, a nudge, a delete. Where a drag may go (inside the image, never flipped) is decided by
``kiosk.prototype.editing``; this widget only previews the answer while the mouse is down.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from kiosk.prototype.editing import BIG_NUDGE, NUDGE, Handle, moved, rect_from_corners, resized
from kiosk.prototype.model import Action, Rect, Screen
from kiosk.qt.prototype_canvas import PrototypeCanvas

GRIP = 5  # half the side of a resize grip, in widget pixels
COLOURS = {"go": "#1f5fbf", "unlinked": "#c0392b", "back": "#7d3c98", "goal": "#1e8449"}


class _Drag(Enum):
    DRAW = "draw"
    MOVE = "move"
    RESIZE = "resize"


class EditCanvas(PrototypeCanvas):
    #: a new rectangle was drawn (image pixels)
    rect_drawn = Signal(object)
    #: hotspot id, its new rectangle (moved or resized by the mouse)
    rect_changed = Signal(str, object)
    #: hotspot id, or "" when the click fell outside every hotspot
    selection_changed = Signal(str)
    #: dx, dy in image pixels (arrow keys; Shift for bigger steps)
    nudge_requested = Signal(int, int)
    delete_requested = Signal()
    #: a key that links the selected hotspot: "1".."9" (the n-th screen), "b" (Back), "g" (Goal)
    link_key_pressed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.screen_model: Screen | None = None
        self.selected = ""
        self.flagged: set[str] = set()  # hotspots a check names: drawn with a warning outline
        self._drag: _Drag | None = None
        self._handle: Handle | None = None
        self._start = QPointF()
        self._preview: Rect | None = None

    def set_screen(self, screen: Screen, path, selected: str = "", flagged: set[str] | None = None) -> None:
        same = self.screen_model is not None and self.screen_model.id == screen.id and self.screen_model.image == screen.image
        if not same:
            self.show_image(path, max(1, screen.width), max(1, screen.height))
        self.screen_model, self.selected, self.flagged = screen, selected, flagged or set()
        self.update()

    # ---- geometry ----
    def image_point(self, point: QPointF) -> tuple[float, float]:
        """Widget point → image pixels, also outside the image (a drag may overshoot the edge)."""
        rect = self.image_rect()
        scale = rect.width() / max(1, self._image_size.width())
        return (point.x() - rect.x()) / scale, (point.y() - rect.y()) / scale

    def widget_rect(self, r: Rect) -> QRectF:
        return QRectF(self._to_widget(r.x, r.y), self._to_widget(r.x + r.width, r.y + r.height))

    def grips(self, r: Rect) -> dict[Handle, QRectF]:
        w = self.widget_rect(r)
        xs = {"left": w.left(), "mid": w.center().x(), "right": w.right()}
        ys = {"top": w.top(), "mid": w.center().y(), "bottom": w.bottom()}
        spots = {Handle.TOP_LEFT: ("left", "top"), Handle.TOP: ("mid", "top"), Handle.TOP_RIGHT: ("right", "top"),
                 Handle.RIGHT: ("right", "mid"), Handle.BOTTOM_RIGHT: ("right", "bottom"),
                 Handle.BOTTOM: ("mid", "bottom"), Handle.BOTTOM_LEFT: ("left", "bottom"), Handle.LEFT: ("left", "mid")}
        return {h: QRectF(xs[x] - GRIP, ys[y] - GRIP, 2 * GRIP, 2 * GRIP) for h, (x, y) in spots.items()}

    def _selected_hotspot(self):
        if self.screen_model is None:
            return None
        return next((h for h in self.screen_model.hotspots if h.id == self.selected), None)

    # ---- mouse ----
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        if self.screen_model is None or event.button() != Qt.MouseButton.LeftButton:
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        pos = event.position()
        self._start, self._preview, self._handle = pos, None, None
        current = self._selected_hotspot()
        if current is not None:
            for handle, grip in self.grips(current.rect).items():
                if grip.adjusted(-2, -2, 2, 2).contains(pos):
                    self._drag, self._handle = _Drag.RESIZE, handle
                    return
        x, y = self.image_point(pos)
        under = self.screen_model.hotspot_at(x, y)
        if under is not None:
            self._drag = _Drag.MOVE
            if under.id != self.selected:
                self.selected = under.id
                self.selection_changed.emit(under.id)
        else:
            self._drag = _Drag.DRAW
            if self.selected:
                self.selected = ""
                self.selection_changed.emit("")
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._drag is None or self.screen_model is None:
            return
        s = self.screen_model
        x0, y0 = self.image_point(self._start)
        x1, y1 = self.image_point(event.position())
        current = self._selected_hotspot()
        if self._drag is _Drag.DRAW:
            self._preview = rect_from_corners(x0, y0, x1, y1, s.width, s.height)
        elif current is not None and self._drag is _Drag.MOVE:
            self._preview = moved(current.rect, x1 - x0, y1 - y0, s.width, s.height)
        elif current is not None and self._handle is not None:
            self._preview = resized(current.rect, self._handle, x1 - x0, y1 - y0, s.width, s.height)
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._drag is None:
            return
        self.mouseMoveEvent(event)
        drag, preview = self._drag, self._preview
        self._drag, self._preview, self._handle = None, None, None
        current = self._selected_hotspot()
        if drag is _Drag.DRAW and preview is not None:
            self.rect_drawn.emit(preview)
        elif drag is not _Drag.DRAW and current is not None and preview is not None and preview != current.rect:
            self.rect_changed.emit(current.id, preview)
        self.update()

    # ---- keys ----
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        step = BIG_NUDGE if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else NUDGE
        arrows = {Qt.Key.Key_Left: (-step, 0), Qt.Key.Key_Right: (step, 0), Qt.Key.Key_Up: (0, -step),
                  Qt.Key.Key_Down: (0, step)}
        key = Qt.Key(event.key())
        plain = not event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        if key in arrows and self.selected:
            self.nudge_requested.emit(*arrows[key])
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.selected:
            self.delete_requested.emit()
        elif key == Qt.Key.Key_Escape and self.selected:
            self.selected = ""
            self.selection_changed.emit("")
            self.update()
        elif key == Qt.Key.Key_Tab and plain and self.screen_model and self.screen_model.hotspots:
            ids = [h.id for h in self.screen_model.hotspots]  # Tab walks the hotspots; Shift+Tab leaves the canvas
            self.selected = ids[(ids.index(self.selected) + 1) % len(ids)] if self.selected in ids else ids[0]
            self.selection_changed.emit(self.selected)
            self.update()
        elif plain and self.selected and event.text().lower() in (*"123456789", "b", "g"):
            self.link_key_pressed.emit(event.text().lower())
        else:
            super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002
        """Tab stays in the canvas while it has hotspots (it selects the next one); Shift+Tab leaves."""
        if next and self.screen_model is not None and self.screen_model.hotspots and self.hasFocus():
            return False
        return super().focusNextPrevChild(next)

    # ---- drawing ----
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        backdrop = QPainter(self)  # so the image's edges show, whatever colour the design's margins are
        backdrop.fillRect(self.rect(), QColor("#5d6470"))
        backdrop.end()
        super().paintEvent(event)  # the image, as the participant sees it
        if self.screen_model is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        font.setPointSizeF(9)
        painter.setFont(font)
        for hotspot in self.screen_model.hotspots:
            rect = self._preview if hotspot.id == self.selected and self._preview and self._drag is not _Drag.DRAW \
                else hotspot.rect
            kind = "unlinked" if hotspot.action is Action.GO and not hotspot.target else hotspot.action.value
            colour = QColor(COLOURS[kind])
            area = self.widget_rect(rect)
            fill = QColor(colour)
            fill.setAlpha(60 if hotspot.id == self.selected else 35)
            painter.fillRect(area, fill)
            pen = QPen(colour, 3 if hotspot.id == self.selected else 2)
            if hotspot.id in self.flagged or kind == "unlinked":
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawRect(area)
            label = hotspot.id + (f" → {hotspot.target}" if hotspot.action is Action.GO and hotspot.target else
                                  " ←" if hotspot.action is Action.BACK else " ★" if hotspot.action is Action.GOAL else "")
            painter.fillRect(QRectF(area.left(), area.top(), painter.fontMetrics().horizontalAdvance(label) + 8,
                                    painter.fontMetrics().height() + 2), colour)
            painter.setPen(QColor("white"))
            painter.drawText(QPointF(area.left() + 4, area.top() + painter.fontMetrics().ascent() + 1), label)
            if hotspot.id == self.selected:
                painter.setPen(QPen(QColor("#111111"), 1))
                for grip in self.grips(rect).values():
                    painter.fillRect(grip, QColor("white"))
                    painter.drawRect(grip)
        if self._drag is _Drag.DRAW and self._preview is not None:
            painter.setPen(QPen(QColor(COLOURS["unlinked"]), 2, Qt.PenStyle.DashLine))
            painter.drawRect(self.widget_rect(self._preview))
        painter.end()
