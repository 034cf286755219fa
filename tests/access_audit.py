"""The touch, name and contrast audit of one participant view as it is really drawn (issue 12, item 3).

Sizes are measured in millimetres at the screen's physical DPI; contrast is measured on the window's own
pixels (``window.grab()``), not on the theme's intentions: a colour hard-coded in a widget, a picture drawn in
the wrong colour or a stylesheet rule that pairs two colours the theme never paired shows up here. For each
label and button the most common pixel is its background and the pixel farthest from it in luminance its
text (antialiased edges lie between the two, so the extremes are the real colours).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from PySide6.QtCore import QRect
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractButton, QAbstractSlider, QLabel, QLineEdit, QWidget

from kiosk.qt.participant.pictures import picture_on
from kiosk.qt.participant.signature import SignaturePad
from kiosk.qt.participant.targets import is_primary
from kiosk.qt.prototype_canvas import PrototypeCanvas
from kiosk.qt.style import px_to_mm
from kiosk.theme import MIN_BORDER_CONTRAST, MIN_TEXT_CONTRAST, Theme

#: what a participant can touch or type into
INTERACTIVE = (QAbstractButton, QLineEdit, QAbstractSlider, SignaturePad, PrototypeCanvas)
#: millimetres of rounding allowed (a size in whole pixels at 100 DPI is within 0.26 mm of the wanted one)
MM_SLACK = 0.3
#: pixels inside a button's edge where its border and rounded corners end and its face begins
BUTTON_INSET = 8

_LINEAR = np.array([(v / 255) / 12.92 if v / 255 <= 0.03928 else (((v / 255) + 0.055) / 1.055) ** 2.4
                    for v in range(256)])


def _visible(widget: QWidget) -> bool:
    return widget.isVisibleTo(widget.window()) and widget.width() > 0 and widget.height() > 0


def _is_corner(widget: QWidget) -> bool:
    """The facilitator's blank corner: deliberately invisible, never a participant's control."""
    return widget.property("role") == "corner"


def controls(window: QWidget) -> list[QWidget]:
    return [w for w in window.findChildren(QWidget) if isinstance(w, INTERACTIVE) and _visible(w)]


def _label(widget: QWidget) -> str:
    text = widget.accessibleName() or getattr(widget, "text", lambda: "")() or "<unnamed>"
    return f"{type(widget).__name__} {text[:40]!r}"


def touch_problems(window: QWidget, name: str, theme: Theme) -> list[str]:
    """Every control at least ``min_target_mm`` each way, every primary action at least ``primary_target_mm``."""
    problems = []
    screen = window.screen()
    for widget in controls(window):
        width_mm, height_mm = px_to_mm(widget.width(), screen), px_to_mm(widget.height(), screen)
        target = theme.primary_target_mm if is_primary(widget) else theme.min_target_mm
        if min(width_mm, height_mm) < target - MM_SLACK:
            kind = "primary action" if is_primary(widget) else "control"
            problems.append(f"{name}: {kind} {_label(widget)} is {width_mm:.1f}×{height_mm:.1f} mm, under {target} mm")
    return problems


def name_problems(window: QWidget, name: str) -> list[str]:
    return [f"{name}: {_label(w)} has no accessible name" for w in controls(window) if not w.accessibleName()]


def _image(window: QWidget) -> np.ndarray:
    """The window as drawn, as an (height, width) array of 0xRRGGBB integers, in logical pixels."""
    pixmap = window.grab()
    pixmap.setDevicePixelRatio(1)
    image = pixmap.toImage().convertToFormat(QImage.Format.Format_RGB32)
    if image.width() != window.width():
        image = image.scaled(window.width(), window.height())
    data = np.frombuffer(image.constBits(), dtype=np.uint32, count=image.bytesPerLine() * image.height() // 4)
    return data.reshape(image.height(), image.bytesPerLine() // 4)[:, :image.width()] & 0xFFFFFF


def _luminance(colors: np.ndarray) -> np.ndarray:
    r, g, b = (colors >> 16) & 0xFF, (colors >> 8) & 0xFF, colors & 0xFF
    return 0.2126 * _LINEAR[r] + 0.7152 * _LINEAR[g] + 0.0722 * _LINEAR[b]


def _ratio(a: float, b: float) -> float:
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def _hex(color: int) -> str:
    return f"#{int(color):06X}"


def _rect_in(window: QWidget, widget: QWidget) -> QRect | None:
    """The widget's rectangle in window pixels: all of it for a control, only if all of it is on screen; for a
    label, the part on screen (a long consent text is scrolled, and its top is what is read first)."""
    visible = widget.visibleRegion().boundingRect()
    if visible != widget.rect() and (not isinstance(widget, QLabel) or visible.isEmpty()):
        return None
    return QRect(widget.mapTo(window, visible.topLeft()), visible.size())


def _mode(pixels: np.ndarray) -> int:
    values, counts = np.unique(pixels, return_counts=True)
    return int(values[np.argmax(counts)])


def text_contrast(pixels: np.ndarray) -> tuple[float, int, int]:
    """(ratio, background, text) of one drawn text: the commonest pixel against the one farthest from it."""
    background = _mode(pixels)
    lum = _luminance(pixels.ravel())
    back_lum = _luminance(np.array([background]))[0]
    far = int(np.argmax(np.abs(lum - back_lum)))
    return _ratio(lum[far], back_lum), background, int(pixels.ravel()[far])


def _has_text(widget: QWidget) -> bool:
    if isinstance(widget, QLineEdit):  # what was typed, or the grey-prone placeholder
        return bool(widget.text() or widget.placeholderText())
    if isinstance(widget, QLabel):
        return bool(widget.text()) and widget.pixmap().isNull()
    if isinstance(widget, QAbstractButton):
        return bool(widget.text()) or not widget.icon().isNull()
    return False


def _uncovered(face: np.ndarray, face_rect: QRect, widget: QWidget, drawn: list[tuple[QWidget, QRect]]) -> np.ndarray:
    """The face's pixels that no floating widget lies over (the "more below" hint over a long text, the help
    line over the prototype's title): those are another widget's colours, and would hide this one's."""
    keep = np.ones(face.shape, dtype=bool)
    for other, other_rect in drawn:
        if other is widget or other.isAncestorOf(widget) or widget.isAncestorOf(other):
            continue
        overlap = other_rect.intersected(face_rect)
        if not overlap.isEmpty():
            top, left = overlap.top() - face_rect.top(), overlap.left() - face_rect.left()
            keep[top:top + overlap.height(), left:left + overlap.width()] = False
    return face[keep]


def contrast_problems(window: QWidget, name: str) -> list[str]:
    """Text under 7:1 and control outlines under 3:1, as drawn (see the module's docstring)."""
    image = _image(window)
    problems = []
    widgets = [w for w in window.findChildren(QWidget) if _visible(w)]
    drawn = []  # what each widget covers on screen (a widget scrolled out of view covers nothing)
    for w in widgets:
        seen = w.visibleRegion().boundingRect()
        if not seen.isEmpty():
            drawn.append((w, QRect(w.mapTo(window, seen.topLeft()), seen.size())))
    for widget in widgets:
        if not isinstance(widget, QLabel | QAbstractButton | QLineEdit | SignaturePad) or _is_corner(widget) \
                or (rect := _rect_in(window, widget)) is None:
            continue
        # inside a button's border and rounded corners; inside a banner's 2-pixel frame
        inset = BUTTON_INSET if not isinstance(widget, QLabel) else 3 if widget.property("role") == "banner" else 0
        face_rect = rect.adjusted(inset, inset, -inset, -inset)
        if face_rect.isEmpty():
            continue
        face = image[face_rect.top():face_rect.bottom() + 1, face_rect.left():face_rect.right() + 1]
        pixels = _uncovered(face, face_rect, widget, drawn)
        if pixels.size == 0:
            continue
        # a blank strip of a scrolled text, or the fill beside a floating hint that lies over the words
        hidden = rect.size() != widget.size() or pixels.size < face.size
        if _has_text(widget) and not (hidden and len(np.unique(pixels)) == 1):
            ratio, back, fore = text_contrast(pixels)
            if ratio < MIN_TEXT_CONTRAST:
                problems.append(f"{name}: {_label(widget)} drawn {_hex(fore)} on {_hex(back)}, {ratio:.2f}:1 "
                                f"(under {MIN_TEXT_CONTRAST:g}:1)")
        if not isinstance(widget, QLabel):
            problems += _outline_problems(image, rect, _mode(pixels), name, widget)
        if isinstance(widget, QAbstractButton) and (mark := picture_on(widget)) is not None:
            problems += _picture_problems(image, mark.geometry().translated(rect.topLeft()), name, widget)
    return problems


def _picture_problems(image: np.ndarray, area: QRect, name: str, widget: QWidget) -> list[str]:
    """A picture on a button (a face, bars) is a graphic: at least 3:1 against the button's fill, looked at
    alone (beside the number's 7:1 it would never be the farthest pixel)."""
    pixels = image[area.top():area.bottom() + 1, area.left():area.right() + 1]
    if pixels.size == 0:
        return []
    ratio, back, fore = text_contrast(pixels)
    if ratio < MIN_BORDER_CONTRAST:
        return [f"{name}: the picture on {_label(widget)} is drawn {_hex(fore)} on {_hex(back)}, {ratio:.2f}:1 "
                f"(under {MIN_BORDER_CONTRAST:g}:1)"]
    return []


def _outline_problems(image: np.ndarray, rect: QRect, fill: int, name: str, widget: QWidget) -> list[str]:
    """The control's edge (its border, or its fill) against what lies around it: either may show its shape."""
    height, width = image.shape
    top, left, bottom, right = rect.top(), rect.left(), rect.bottom(), rect.right()
    ring = []
    for y0, y1, x0, x1 in ((top - 4, top - 1, left, right + 1), (bottom + 2, bottom + 5, left, right + 1),
                           (top, bottom + 1, left - 4, left - 1), (top, bottom + 1, right + 2, right + 5)):
        y0, y1, x0, x1 = max(0, y0), min(height, y1), max(0, x0), min(width, x1)
        if y1 > y0 and x1 > x0:
            ring.append(image[y0:y1, x0:x1].ravel())
    if not ring:
        return []
    around = _mode(np.concatenate(ring))
    corner = 14  # leave out the rounded corners: only the straight edges are the border
    edge = np.concatenate([image[top + 1, left + corner:right - corner], image[bottom - 1, left + corner:right - corner],
                           image[top + corner:bottom - corner, left + 1], image[top + corner:bottom - corner, right - 1]])
    if edge.size == 0:
        return []
    around_lum = _luminance(np.array([around]))[0]
    best = float(np.max([_ratio(v, around_lum) for v in _luminance(np.unique(np.append(edge, fill)))]))
    if best < MIN_BORDER_CONTRAST:
        return [f"{name}: the edge of {_label(widget)} is {best:.2f}:1 against {_hex(around)} around it "
                f"(under {MIN_BORDER_CONTRAST:g}:1)"]
    return []


def audit(window: QWidget, name: str, theme: Theme) -> list[str]:
    """Every problem of one view: sizes, names, contrast."""
    return touch_problems(window, name, theme) + name_problems(window, name) + contrast_problems(window, name)


def audit_all(windows: Iterable[QWidget], name: str, theme: Theme) -> list[str]:
    return [problem for window in windows if window.isVisible() for problem in audit(window, name, theme)]
