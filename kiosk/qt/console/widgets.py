"""Small console building blocks, so every field and button gets its accessible name the same way.

The start page, built before the console first shows, uses these: nothing here may make Qt types the start
does not need (issue 8). The session timeline's list is in ``following_list``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget


def review_note() -> QLabel:
    """An amber note that a consent text was not reviewed by a native speaker (hidden until there is one)."""
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("background: #FFF4CC; color: #111; border-left: 6px solid #B36B00; padding: 6px;"
                        " font-weight: bold;")
    label.hide()
    return label


def button(text: str, shortcut: str | None = None) -> QPushButton:
    """A push button named for screen readers; its shortcut is shown in the label and the tooltip."""
    widget = QPushButton(f"{text}  [{shortcut}]" if shortcut else text)
    widget.setAccessibleName(text)
    if shortcut:
        widget.setToolTip(shortcut)
    return widget


def line_edit(prompt: str, placeholder: bool = True) -> QLineEdit:
    edit = QLineEdit()
    edit.setAccessibleName(prompt)
    if placeholder:
        edit.setPlaceholderText(prompt)
    return edit


def field_row(prompt: str, action: str, on_action: Callable[[], None]) -> tuple[QWidget, QLineEdit, QPushButton]:
    """A text field with its action button beside it, as one panel that can be shown or hidden."""
    panel = QWidget()
    row = QHBoxLayout(panel)
    row.setContentsMargins(0, 0, 0, 0)
    edit = line_edit(prompt)
    act = button(action)
    act.clicked.connect(on_action)
    edit.returnPressed.connect(on_action)
    row.addWidget(edit, 1)
    row.addWidget(act)
    return panel, edit, act
