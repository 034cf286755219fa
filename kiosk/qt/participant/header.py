"""The language buttons at the top right of the participant window, wrapping onto a second row at large text.

Four language names at 200% text are wider than a 1280 px screen beside Stop. Codes ("SR", "HU") would ask
an older participant to decode an abbreviation on the one control meant for someone who cannot yet read the
screen; but the script note in "Srpski (latinica)" says what the name itself already shows. So when the whole
names do not fit on one row, the buttons show the names without that note (the accessible name stays whole),
and if even those do not fit, the buttons wrap into right-aligned rows: height is spent, never width.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.i18n import Catalog
from kiosk.qt.bridge import bind
from kiosk.qt.participant.flow import FlowLayout
from kiosk.qt.participant.widgets import BigButton
from kiosk.qt.style import mm_to_px, screen_of


class LanguageBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flow = FlowLayout(self, spacing=mm_to_px(2, screen_of(self)))
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.buttons: dict[str, BigButton] = {}
        self._names: dict[str, tuple[str, str]] = {}

    def rebuild(self, languages: tuple[str, ...] | list[str], catalog: Catalog,
                on_chosen: Callable[[str], None]) -> dict[str, BigButton]:
        """One button per language the plan offers (pseudo languages such as ``x-stretch`` are never offered)."""
        for button in self.buttons.values():
            self.flow.removeWidget(button)
            button.deleteLater()
        self.buttons = {}
        for lang in languages:
            if lang.startswith("x-"):
                continue
            button = BigButton(catalog.language_name(lang), role="language", mm=16)
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.clicked.connect(bind(on_chosen, lang))
            self.flow.addWidget(button)
            self.buttons[lang] = button
        self._names = {lang: (catalog.language_name(lang), short_name(catalog.language_name(lang)))
                       for lang in self.buttons}
        self._compact = False
        self.updateGeometry()
        self._fit()
        return self.buttons

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """Room for two short names side by side: the header's other buttons (Read aloud) shrink first, so the
        languages take two rows at 200% text, not one button a row down the side of the screen."""
        hint = super().minimumSizeHint()
        widths = sorted((self._short_width(lang) for lang in self.buttons), reverse=True)[:2]
        return QSize(max(hint.width(), sum(widths) + self.flow.spacing_px * (len(widths) - 1)), hint.height())

    def _short_width(self, lang: str) -> int:
        button = self.buttons[lang]
        return button.fontMetrics().horizontalAdvance(self._names[lang][1]) + \
            (button.sizeHint().width() - button.fontMetrics().horizontalAdvance(button.text()))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()

    def _fit(self) -> None:
        """Whole names when they fit on one row; at large text sizes the names without their script note
        ("Srpski", "Српски": the script shows in the name itself), unless two would then read the same."""
        shorts = [short for _full, short in self._names.values()]
        full_row = 0
        for lang, button in self.buttons.items():
            button.setText(self._names[lang][0])
            full_row += button.sizeHint().width() + self.flow.spacing_px
        compact = full_row > self.width() and len(set(shorts)) == len(shorts)
        for lang, button in self.buttons.items():
            full, short = self._names[lang]
            button.setText(short if compact else full)
            button.setAccessibleName(full)


def short_name(name: str) -> str:
    """"Srpski (latinica)" → "Srpski": a language's own name without a parenthesised note."""
    return name.split(" (", 1)[0].strip() or name
