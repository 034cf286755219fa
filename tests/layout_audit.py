"""What "fits" means on a participant screen: no text cut, nothing outside the window, no sideways scrolling.

Shared by the layout audit test and by probes; it reads only what Qt laid out (after ``processEvents``).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QLabel, QPushButton, QWidget

from kiosk.qt.participant.wrapping import longest_word


def _shown(widget: QWidget, window: QWidget) -> bool:
    return widget.isVisibleTo(window) and widget.width() > 0


def _name(widget: QWidget) -> str:
    text = widget.accessibleName() or getattr(widget, "text", lambda: "")() or type(widget).__name__
    return repr(text[:40])


def _visible_rect(widget: QWidget, window: QWidget) -> QRect:
    """The part of ``widget`` not hidden by a scroll area's viewport (what could be seen by scrolling is fine)."""
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if parent.objectName() == "qt_scrollarea_viewport":
            viewport = QRect(parent.mapTo(window, QPoint(0, 0)), parent.size())
            rect = QRect(rect.x(), rect.y(), rect.width(), rect.height())
            # vertically the page may scroll; sideways it must fit inside the viewport
            return QRect(rect.x(), max(rect.y(), viewport.y()), rect.width(), 1) if rect.intersects(viewport) \
                else QRect(rect.x(), viewport.y(), rect.width(), 1)
        parent = parent.parentWidget()
    return rect


def layout_problems(window: QWidget, name: str) -> list[str]:
    """Every cut text, widget outside the window and horizontal scroll bar on the screen shown now."""
    problems: list[str] = []
    bounds = window.rect()
    for label in window.findChildren(QLabel):
        if not _shown(label, window) or not label.text() or label.pixmap() is not None and not label.text():
            continue
        if label.wordWrap():
            needed = label.heightForWidth(label.width())
            metrics = label.fontMetrics()
            word = longest_word(label.text(), metrics.horizontalAdvance)
            room = label.contentsRect().width() - 2 * label.margin() - 2 * label.indent() * (label.indent() > 0)
            if metrics.horizontalAdvance(word) > room + 1:
                problems.append(f"{name}: label {_name(label)} cuts the word {word!r} ({room} px for "
                                f"{metrics.horizontalAdvance(word)})")
        else:
            needed = label.sizeHint().height()
            if label.sizeHint().width() > label.width() + 1:
                problems.append(f"{name}: label {_name(label)} is cut sideways "
                                f"({label.width()} < {label.sizeHint().width()} px)")
        if needed > label.height() + 1:
            problems.append(f"{name}: label {_name(label)} is cut ({label.height()} < {needed} px high)")
    for button in window.findChildren(QAbstractButton):
        if not _shown(button, window) or not isinstance(button, QPushButton) or not QPushButton.text(button):
            continue
        hint = QPushButton.sizeHint(button)  # the lines drawn now, unlike BigButton's one-line wish
        if hint.width() > button.width() + 1 or hint.height() > button.height() + 1:
            problems.append(f"{name}: button {_name(button)} is cut ({button.width()}×{button.height()} for "
                            f"{hint.width()}×{hint.height()} px of text)")
    for widget in window.findChildren(QWidget):
        if not _shown(widget, window) or widget.isWindow():
            continue
        parent = widget.parentWidget()
        if parent is not None and parent is not window and parent.objectName() != "qt_scrollarea_viewport" \
                and not parent.rect().adjusted(-1, -1, 1, 1).contains(widget.geometry()):
            problems.append(f"{name}: {type(widget).__name__} {_name(widget)} is cut off by its parent "
                            f"{type(parent).__name__} ({widget.geometry().getRect()} in {parent.rect().getRect()})")
        rect = _visible_rect(widget, window)
        if rect.left() < bounds.left() or rect.right() > bounds.right() or rect.top() < bounds.top() \
                or rect.top() > bounds.bottom():
            problems.append(f"{name}: {type(widget).__name__} {_name(widget)} lies outside the window "
                            f"({rect.x()},{rect.y()} {rect.width()}×{rect.height()} in {bounds.width()}×"
                            f"{bounds.height()})")
    scroll = getattr(window, "scroll_area", None)
    if scroll is not None and scroll.horizontalScrollBar().maximum() > 0:
        problems.append(f"{name}: scrolls sideways by {scroll.horizontalScrollBar().maximum()} px")
    if window.width() > bounds.width() or window.minimumSizeHint().width() > window.width():
        problems.append(f"{name}: the window needs {window.minimumSizeHint().width()} px of width")
    return problems
