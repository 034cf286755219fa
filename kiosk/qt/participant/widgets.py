"""Large touch widgets: buttons sized in millimetres, one-of and any-of choices, Likert rows."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QLabel,
    QLayout,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.qt.participant.pictures import add_picture
from kiosk.qt.participant.wrapping import longest_word, wrap_words
from kiosk.qt.style import mm_to_px, screen_of
from kiosk.study.faces import Picture


class BigButton(QPushButton):
    """A button at least ``mm`` tall and wide on the screen it is shown on; its text is its accessible name.

    Its text wraps onto more lines rather than making the button wider than the room it is given (large text
    sizes): ``text()`` is always the full text, the lines drawn follow the width; the layout never gives it
    less than its longest word, and its height follows the number of lines.
    """

    def __init__(self, text: str, role: str = "secondary", mm: float = 16.0, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._full = text
        self.setProperty("role", role)
        self.target_mm = mm
        self.setAccessibleName(text)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def text(self) -> str:
        """The whole label, whatever lines it is drawn on (``QPushButton.text(b)`` gives the drawn lines)."""
        return self._full

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        self._full = text
        super().setText(text)
        self.setAccessibleName(text)
        self._rewrap()

    def _hint_for(self, text: str) -> QSize:
        """What QPushButton.sizeHint would say for ``text`` (line breaks included), at the polished font."""
        self.ensurePolished()
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = text
        metrics = self.fontMetrics()
        size = metrics.size(Qt.TextFlag.TextShowMnemonic, text) if text else QSize(0, metrics.height())
        width, height = size.width(), size.height()
        if not self.icon().isNull():
            width += self.iconSize().width() + 4
            height = max(height, self.iconSize().height())
        return self.style().sizeFromContents(QStyle.ContentsType.CT_PushButton, option, QSize(width, height), self)

    def _target_px(self) -> int:
        return mm_to_px(self.target_mm, screen_of(self))

    def _lines_for(self, width: int) -> str:
        metrics = self.fontMetrics()
        spare = self._hint_for(self._full).width() - metrics.horizontalAdvance(self._full)
        return wrap_words(self._full, width - spare, metrics.horizontalAdvance)

    def _rewrap(self) -> None:
        lines = self._lines_for(self.width()) if self.width() < self._hint_for(self._full).width() else self._full
        if lines != QPushButton.text(self):
            super().setText(lines)
            self.updateGeometry()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._rewrap()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._rewrap()

    def sizeHint(self) -> QSize:
        """As wide as the text on one line, as tall as the lines drawn now; never under the physical target."""
        px = self._target_px()
        return QSize(max(self._hint_for(self._full).width(), px), max(self._hint_for(QPushButton.text(self)).height(), px))

    def minimumSizeHint(self) -> QSize:
        """Never narrower than the longest word (no clipped labels) nor the physical target."""
        word = longest_word(self._full, self.fontMetrics().horizontalAdvance)
        return QSize(max(self._hint_for(word).width(), self._target_px()), self.sizeHint().height())

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt's name)
        lines = self._lines_for(width) if width < self._hint_for(self._full).width() else self._full
        return max(self._hint_for(lines).height(), self._target_px())


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
    """A row of numbered targets with the end labels written under the ends; never a slider.

    When the row does not fit (large text, pictures, 10 or 11 points) it wraps into rows of equal length, the
    last row set to the right; the low end's label then stands above the first row and the high end's below
    the last, so each stays beside its end."""

    value_changed = Signal(int)

    def __init__(self, values: tuple[int, ...], low_label: str, high_label: str, selected: int | None = None,
                 pictorial: bool | Picture = False, face_color: str = "#111111", parent: QWidget | None = None,
                 *, checked_color: str | None = None) -> None:
        """``pictorial``: which picture goes above each number (True: faces); ``face_color`` and
        ``checked_color``: the picture's colour on an unchecked and a checked button (their text colours)."""
        super().__init__(parent)
        picture = (Picture.FACES if pictorial else Picture.NONE) if isinstance(pictorial, bool) else pictorial
        self.grid = grid = QGridLayout(self)
        grid.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)  # as narrow as rows allow, not one row
        grid.setContentsMargins(0, 0, 0, 0)
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
        self.low_text, self.high_text = wrap_label(low_label, "body"), wrap_label(high_label, "body")
        self.high_text.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.rows = 0
        self._arrange(1)
        self.group.idToggled.connect(self._on_toggled)

    def _arrange(self, rows: int) -> None:
        if rows == self.rows:
            return
        self.rows = rows
        for widget in (*self.buttons.values(), self.low_text, self.high_text):
            self.grid.removeWidget(widget)
        count = len(self.buttons)
        per_row = math.ceil(count / rows)
        first = 1 if rows > 1 else 0  # above the buttons: the low end's label, when they wrap
        last_row = count - per_row * (rows - 1)
        for index, button in enumerate(self.buttons.values()):
            row, column = divmod(index, per_row)
            if row == rows - 1:
                column += per_row - last_row  # the last row ends under the right edge, where the high label is
            self.grid.addWidget(button, first + row, column)
        for column in range(self.grid.columnCount()):
            self.grid.setColumnStretch(column, 1 if column < per_row else 0)
        if rows == 1:
            self.grid.addWidget(self.low_text, 1, 0, 1, math.ceil(per_row / 2))
            self.grid.addWidget(self.high_text, 1, math.ceil(per_row / 2), 1, per_row - math.ceil(per_row / 2))
        else:
            self.grid.addWidget(self.low_text, 0, 0, 1, per_row)
            self.grid.addWidget(self.high_text, first + rows, 0, 1, per_row)
        self.updateGeometry()

    def _rows_for(self, width: int) -> int:
        count, spacing = len(self.buttons), self.grid.horizontalSpacing()
        widths = [button.minimumSizeHint().width() for button in self.buttons.values()]
        for rows in range(1, count + 1):
            per_row = math.ceil(count / rows)
            if max(widths) * per_row + spacing * (per_row - 1) <= width:
                return rows
        return count

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._arrange(self._rows_for(self.width()))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """One target wide at the least: the buttons wrap into more rows rather than widen the page."""
        widest = max(button.minimumSizeHint().width() for button in self.buttons.values())
        return QSize(widest, self.grid.totalMinimumSize().height())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(self.grid.totalSizeHint().width(), self.grid.totalSizeHint().height())

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
