"""What a participant screen says when read aloud: its visible texts in layout order, by accessible name.

One walk for every screen, so a new screen is spoken without code of its own: labels by their text,
buttons by their accessible name (the words, without the tick boxes drawn for the eye), a rating scale
as its numbers with the end labels, a text field as what is typed in it (or what it asks for). Pictures
(a prototype, a signature pad) have no words and are passed over.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QLabel, QLayout, QLineEdit, QWidget

from kiosk.qt.participant.widgets import LikertScale


def layout_texts(layout: QLayout, top: QWidget) -> list[str]:
    """The texts of ``layout``'s visible widgets (and nested layouts) in order; ``top``: the screen."""
    texts: list[str] = []
    for index in range(layout.count()):
        item = layout.itemAt(index)
        widget, inner = (item.widget(), item.layout()) if item is not None else (None, None)
        if widget is not None:
            texts += widget_texts(widget, top)
        elif inner is not None:
            texts += layout_texts(inner, top)
    return _without_repeats(texts)


#: a widget property: controls for the eye that are not the screen's words (the text-size buttons, the
#: on-screen keyboard, whose keys would be read one by one before what the screen asks)
UNSPOKEN = "unspoken"


def unspoken(widget: QWidget) -> QWidget:
    """Leave ``widget`` and what it holds out of what the screen says."""
    widget.setProperty(UNSPOKEN, True)
    return widget


def widget_texts(widget: QWidget, top: QWidget) -> list[str]:
    if widget is not top and (not widget.isVisibleTo(top) or widget.property(UNSPOKEN)):
        return []
    if isinstance(widget, LikertScale):  # each number once, the ends with their labels (the names say so)
        return [button.accessibleName() for button in widget.buttons.values()]
    if isinstance(widget, QLabel):
        return [widget.text().strip()] if widget.text().strip() and widget.pixmap().isNull() else []
    if isinstance(widget, QAbstractButton):
        name = widget.accessibleName() or widget.text()
        return [name.strip()] if name.strip() else []
    if isinstance(widget, QLineEdit):
        said = widget.text().strip() or widget.placeholderText().strip()
        return [said] if said else []
    layout = widget.layout()
    return layout_texts(layout, top) if layout is not None else []


def _without_repeats(texts: list[str]) -> list[str]:
    kept: list[str] = []
    for text in texts:
        if not kept or kept[-1] != text:
            kept.append(text)
    return kept
