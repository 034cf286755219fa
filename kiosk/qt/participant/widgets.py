"""Large touch widgets: buttons sized in millimetres, one-of and any-of choices, Likert rows."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.qt.participant.pictures import add_picture
from kiosk.qt.style import mm_to_px, screen_of
from kiosk.study.faces import Picture


class BigButton(QPushButton):
    """A button at least ``mm`` tall and wide on the screen it is shown on; its text is its accessible name."""

    def __init__(self, text: str, role: str = "secondary", mm: float = 16.0, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setProperty("role", role)
        self.target_mm = mm
        self.setAccessibleName(text)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        """Never smaller than the physical target, never narrower than the text (no clipped labels)."""
        hint = super().sizeHint()
        px = mm_to_px(self.target_mm, screen_of(self))
        return QSize(max(hint.width(), px), max(hint.height(), px))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setAccessibleName(text)


def wrap_label(text: str, role: str = "body") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setProperty("role", role)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    label.setAccessibleName(text)
    return label


class ChoiceGroup(QWidget):
    """One big toggle per choice; ``exclusive`` for single choice. Emits the selected ids."""

    selection_changed = Signal(list)

    def __init__(self, choices: list[tuple[str, str]], exclusive: bool, selected: list[str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setSpacing(mm_to_px(2, screen_of(self)))
        layout.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.group.setExclusive(exclusive)
        self.exclusive = exclusive
        self.buttons: dict[str, BigButton] = {}
        self.labels: dict[str, str] = {}
        for choice_id, label in choices:
            button = BigButton(label, role="choice")
            button.setCheckable(True)
            button.setChecked(choice_id in (selected or []))
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self.group.addButton(button)
            self.buttons[choice_id] = button
            self.labels[choice_id] = label
            layout.addWidget(button)
        self._show_boxes()
        self.group.buttonToggled.connect(self._on_toggled)

    def _show_boxes(self) -> None:
        """Any-of choices show a box that is ticked or not, so the state does not rest on colour alone."""
        if self.exclusive:
            return
        for choice_id, button in self.buttons.items():
            box = "☑" if button.isChecked() else "☐"
            button.setText(f"{box}  {self.labels[choice_id]}")
            button.setAccessibleName(self.labels[choice_id])

    def _on_toggled(self, *_args: object) -> None:
        self._show_boxes()
        self.selection_changed.emit(self.selected())

    def selected(self) -> list[str]:
        return [cid for cid, button in self.buttons.items() if button.isChecked()]

    def set_selected(self, ids: list[str]) -> None:
        """Show ``ids`` as chosen without emitting: the caller already knows (exclusive rule, prefer not)."""
        self.group.blockSignals(True)
        self.group.setExclusive(False)
        for cid, button in self.buttons.items():
            button.setChecked(cid in ids)
        self.group.setExclusive(self.exclusive)
        self.group.blockSignals(False)
        self._show_boxes()


class LikertScale(QWidget):
    """A row of numbered targets with the end labels written under the ends; never a slider."""

    value_changed = Signal(int)

    def __init__(self, values: tuple[int, ...], low_label: str, high_label: str, selected: int | None = None,
                 pictorial: bool | Picture = False, face_color: str = "#111111", parent: QWidget | None = None,
                 *, checked_color: str | None = None) -> None:
        """``pictorial``: which picture goes above each number (True: faces); ``face_color`` and
        ``checked_color``: the picture's colour on an unchecked and a checked button (their text colours)."""
        super().__init__(parent)
        picture = (Picture.FACES if pictorial else Picture.NONE) if isinstance(pictorial, bool) else pictorial
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(mm_to_px(2 if len(values) > 7 else 3, screen_of(self)))
        self.group = QButtonGroup(self)
        self.buttons: dict[int, BigButton] = {}
        count = len(values)
        low, high = values[0], values[-1]
        for column, value in enumerate(values):
            button = BigButton(str(value), role="choice", mm=18)
            add_picture(button, picture, column, count, (face_color, checked_color or face_color))
            button.setCheckable(True)
            button.setChecked(value == selected)
            name = str(value)
            if value == low:
                name = f"{value}: {low_label}"
            elif value == high:
                name = f"{value}: {high_label}"
            button.setAccessibleName(name)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self.group.addButton(button, value)
            self.buttons[value] = button
            grid.addWidget(button, 0, column)
        ends = QHBoxLayout()
        low_text, high_text = wrap_label(low_label, "body"), wrap_label(high_label, "body")
        high_text.setAlignment(Qt.AlignmentFlag.AlignRight)
        ends.addWidget(low_text)
        ends.addStretch(1)
        ends.addWidget(high_text)
        grid.addLayout(ends, 1, 0, 1, count)
        self.group.idToggled.connect(self._on_toggled)

    def _on_toggled(self, value: int, checked: bool) -> None:
        if checked:
            self.value_changed.emit(value)

    def clear(self) -> None:
        """No value chosen (the participant chose "I prefer not to answer" instead); emits nothing."""
        self.group.blockSignals(True)
        self.group.setExclusive(False)
        for button in self.buttons.values():
            button.setChecked(False)
        self.group.setExclusive(True)
        self.group.blockSignals(False)

    def value(self) -> int | None:
        checked = self.group.checkedId()
        return None if checked == -1 else checked
