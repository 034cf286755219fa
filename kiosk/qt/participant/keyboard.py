"""The on-screen keyboard: large keys that type into a visible text field, in the participant's language.

A touchscreen kiosk has no physical keyboard. The letters come from the language's layout file
(kiosk.keyboards); this widget only draws them as keys at least the theme's minimum target in both
directions, with labels in the theme's body size, so a larger text size gives larger keys (rows that
no longer fit wrap onto two lines rather than shrink a key under the minimum). Keys never take the
focus from the field, so the field keeps its cursor and a physical keyboard keeps working beside it;
nothing is corrected or predicted; holding a key types it once. Each key is a button with a property
``typing_key`` that the window's tap guard reads: a key is meant to be tapped twice ("ll", "ss"), so only
a new screen guards it, not the key's own last tap.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.keyboards import FALLBACK_LAYOUT, KeyboardLayout, LayoutError, Shift, layout_for, typed
from kiosk.qt.participant.spoken import unspoken
from kiosk.qt.participant.targets import mark_aid
from kiosk.qt.participant.widgets import BigButton
from kiosk.qt.slots import bind
from kiosk.qt.style import FONT_FAMILY, mm_to_px, screen_of
from kiosk.theme import Theme

#: how much wider than a letter key the function keys are (row widths are shared by these weights)
WIDE, SPACE = 1.5, 5.0
#: keys a little taller than the minimum target: rows of keys are hit from above and below
KEY_HEIGHT_FACTOR = 1.2
SHIFT_LABELS = {Shift.OFF: "⇧", Shift.ONCE: "⇧", Shift.LOCKED: "⇪"}
DELETE_LABEL = "⌫"


def key_stylesheet(theme: Theme) -> str:
    """Keys in the theme's colours and body text size; the widget's own sheet wins over the window's."""
    c = theme.colors
    return f"""
    QPushButton[role="key"] {{
        font-family: "{FONT_FAMILY}"; font-size: {theme.body_pt}pt; padding: 2px 4px; border-radius: 8px;
        background: {c['secondary_bg']}; color: {c['secondary_text']}; border: 3px solid {c['border']};
    }}
    QPushButton[role="key"]:pressed, QPushButton[role="key"]:checked {{
        background: {c['selected_bg']}; color: {c['selected_text']}; border-color: {c['focus']};
    }}
    QPushButton[role="key"]:disabled {{
        background: {c['background']}; color: {c['muted_text']}; border: 3px dashed {c['muted_text']};
    }}
    """


class KeyButton(BigButton):
    """One key, at least the theme's minimum target (``target_mm``, which the audits read) and never
    narrower than its label; it types, it does not focus. Its accessible name is set apart from its label
    (Delete shows a sign), so a new label does not rename it."""

    def __init__(self, label: str, name: str, theme: Theme, weight: float = 1.0, *, height_mm: float | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(shown(label), role="key", mm=theme.min_target_mm, parent=parent)
        self.weight = weight
        self.setProperty("typing_key", True)
        mark_aid(self)  # at least 10 mm, not 16: kiosk/qt/participant/targets.py says why
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the text field keeps the focus and its cursor
        self.setAutoRepeat(False)  # a key held down by a resting finger types once
        self.setAccessibleName(name)
        self.setFont(QFont(FONT_FAMILY, theme.body_pt))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.min_px = mm_to_px(theme.min_target_mm, screen_of(self))
        self.height_px = mm_to_px(height_mm or theme.min_target_mm * KEY_HEIGHT_FACTOR, screen_of(self))

    def sizeHint(self) -> QSize:
        metrics = QFontMetrics(self.font())
        pad = metrics.height() // 4 + 8  # the stylesheet's padding and border, and some air
        width = max(self.min_px, metrics.horizontalAdvance(self.text()) + 2 * pad)
        return QSize(width, max(self.height_px, metrics.height() + 16))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def setText(self, text: str) -> None:
        QPushButton.setText(self, shown(text))


def shown(label: str) -> str:
    """A key's label as a button shows it: a lone '&' would be taken as a shortcut marker and drawn as nothing."""
    return label.replace("&", "&&")


class OnScreenKeyboard(QWidget):
    """The letters page (with Shift) and the digits-and-signs page of one layout, typing into ``target``."""

    #: the participant tapped "Hide keyboard"
    hide_tapped = Signal()
    #: a key typed text into the field (or deleted some): the screen keeps its draft
    text_typed = Signal()

    def __init__(self, target: QLineEdit, layout: KeyboardLayout, theme: Theme, t: Callable[[str], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("onScreenKeyboard")
        unspoken(self)  # read aloud says the question and what is typed, not every key
        self.target = target
        self.layout_data = layout
        self.theme = theme
        self.shift = Shift.OFF
        #: what each key typed, newest last, so Delete takes back a whole "dž" as it was typed
        self._typed: list[tuple[int, str]] = []
        self.setStyleSheet(key_stylesheet(theme))
        # A tap on a key would otherwise give the focus to the first ancestor that takes it (the scroll
        # area): with the field as proxy the focus stays in the field, and the field keeps its cursor.
        self.setFocusProxy(target)
        self.spacing = mm_to_px(1.5, screen_of(self))
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(self.spacing)
        self.letter_keys: dict[str, KeyButton] = {}
        self.shift_key = self._key(SHIFT_LABELS[Shift.OFF], t("keyboard.shift"), WIDE, self._on_shift)
        self.shift_key.setCheckable(True)
        self.pages: dict[str, list[list[KeyButton]]] = {
            "letters": self._page(layout.letters, t, letters=True),
            "symbols": self._page(layout.symbols, t, letters=False),
        }
        self._lines: list[list[KeyButton]] | None = None
        self.page = "letters"
        # Rows wrap, so the keyboard needs no more width than its widest key: it never widens the window
        # (a row laid out for a wider screen would otherwise hold the window at that width).
        self.setMinimumWidth(max(key.sizeHint().width() for key in self.findChildren(KeyButton)))
        self._arrange()

    # -- building ---------------------------------------------------------------------------------

    def _key(self, label: str, name: str, weight: float, action: Callable[[], None]) -> KeyButton:
        key = KeyButton(label, name, self.theme, weight, parent=self)
        key.clicked.connect(action)
        return key

    def _page(self, rows: tuple[tuple[str, ...], ...], t: Callable[[str], str],
              letters: bool) -> list[list[KeyButton]]:
        page: list[list[KeyButton]] = []
        for keys in rows:
            line = []
            for text in keys:
                key = self._key(text, text, 1.0, bind(self.type_key, text))
                if letters:
                    self.letter_keys[text] = key
                line.append(key)
            page.append(line)
        page[-1].append(self._key(DELETE_LABEL, t("keyboard.delete"), WIDE, self.delete))
        if letters:
            page[-1].insert(0, self.shift_key)
        switch = (self._key("123", t("keyboard.symbols"), WIDE, bind(self.show_page, "symbols")) if letters
                  else self._key(t("keyboard.letters_label"), t("keyboard.letters"), WIDE,
                                 bind(self.show_page, "letters")))
        page.append([switch,
                     self._key(",", t("keyboard.comma"), 1.0, bind(self.type_key, ",")),
                     self._key(t("keyboard.space"), t("keyboard.space"), SPACE, bind(self.type_key, " ")),
                     self._key(".", t("keyboard.full_stop"), 1.0, bind(self.type_key, ".")),
                     self._key(t("keyboard.hide"), t("keyboard.hide"), WIDE * 2, bind(self.hide_tapped.emit))])
        return page

    # -- typing -------------------------------------------------------------------------------------

    def type_key(self, key: str) -> None:
        if self.target.isReadOnly():
            return
        text = typed(key, self.shift) if key in self.letter_keys else key
        self.target.setFocus()  # the cursor shows where the next key types, and a physical keyboard types there too
        self.target.insert(text)
        self._typed.append((self.target.cursorPosition(), text))
        if self.shift is Shift.ONCE:
            self._set_shift(Shift.OFF)
        self.text_typed.emit()

    def delete(self) -> None:
        """Delete what the last key typed ("dž" whole), or one character if the field was edited since."""
        if self.target.isReadOnly():
            return
        self.target.setFocus()
        position, text = self._typed[-1] if self._typed else (-1, "")
        before = self.target.text()[:self.target.cursorPosition()]
        whole = position == self.target.cursorPosition() and before.endswith(text)
        if self._typed:
            self._typed.pop()
        if not whole:
            self._typed.clear()
        for _ in range(len(text) if whole and text else 1):
            self.target.backspace()
        self.text_typed.emit()

    def _on_shift(self) -> None:
        self._set_shift(self.shift.tapped())

    def _set_shift(self, shift: Shift) -> None:
        self.shift = shift
        self.shift_key.setChecked(shift is not Shift.OFF)
        self.shift_key.setText(SHIFT_LABELS[shift])
        for key, button in self.letter_keys.items():
            label = typed(key, shift)
            button.setText(label)
            button.setAccessibleName(label)

    def show_page(self, page: str) -> None:
        self.page = page
        self._lines = None
        self._arrange()

    def keys(self) -> list[KeyButton]:
        """The keys of the page on screen, row by row."""
        return [key for row in self.pages[self.page] for key in row]

    # -- fitting the width ------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(self.minimumWidth(), super().sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._arrange()

    def _arrange(self) -> None:
        """Lay the page's rows out at this width: a row whose keys would fall under their minimum wraps."""
        width = self.contentsRect().width() or self.sizeHint().width()
        lines = [line for row in self.pages[self.page] for line in self._wrapped(row, width)]
        if lines == self._lines:
            return
        self._lines = lines
        while self.box.count():
            item = self.box.takeAt(0)
            old = item.layout() if item is not None else None
            if old is not None:
                while old.count():
                    old.takeAt(0)  # the keys stay children of the keyboard, only their row goes
                old.deleteLater()
        for name, rows in self.pages.items():
            for key in (k for row in rows for k in row):
                key.setVisible(name == self.page)
        for line in lines:
            row = QHBoxLayout()
            row.setSpacing(self.spacing)
            for key in line:
                row.addWidget(key, round(key.weight * 10))
            self.box.addLayout(row)

    def _wrapped(self, row: list[KeyButton], width: int) -> list[list[KeyButton]]:
        for parts in range(1, len(row) + 1):
            size = -(-len(row) // parts)
            lines = [row[i:i + size] for i in range(0, len(row), size)]
            if all(self._fits(line, width) for line in lines):
                return lines
        return [[key] for key in row]

    def _fits(self, line: list[KeyButton], width: int) -> bool:
        """Every key at its least (the minimum target, or its label) side by side; the weights share the rest."""
        return sum(key.sizeHint().width() for key in line) + self.spacing * (len(line) - 1) <= width


def keyboard_layout(language: str) -> KeyboardLayout | None:
    """The layout for ``language`` (see kiosk.keyboards); a broken file falls back to the English one, and
    None (no on-screen keyboard, the physical one still works) only if that cannot be read either."""
    for tag in (language, FALLBACK_LAYOUT):
        try:
            return layout_for(tag)
        except LayoutError as exc:
            print(f"on-screen keyboard: {exc}", file=sys.stderr)
    return None
