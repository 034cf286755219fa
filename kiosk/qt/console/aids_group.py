"""The facilitator's choice of aids for one participant: text size, reading every screen aloud, pictures on scales.

Per participant, not per study (kiosk.session.access): set on the start page before the session starts, and the
text size changeable during the session from the session page (the participant can change it too, on the
welcome screen). The widgets only show and forward ``AccessSettings``; the engine records every change.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QGroupBox, QHBoxLayout, QLabel, QWidget

from kiosk.i18n import Catalog
from kiosk.session.access import TEXT_SIZES, AccessSettings


class TextSizeBox(QComboBox):
    """100% … 200%, written as the console's language writes percentages."""

    def __init__(self, catalog: Catalog, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for size in TEXT_SIZES:
            self.addItem(catalog.whole_percent(lang, size), size)
        self.setAccessibleName(catalog.text(lang, "console.text_size"))

    def value(self) -> int:
        return int(self.currentData())

    def set_value(self, size: int) -> None:
        """Show ``size`` without emitting (the engine already has it)."""
        self.blockSignals(True)
        self.setCurrentIndex(TEXT_SIZES.index(size))
        self.blockSignals(False)


class AidsGroup(QGroupBox):
    """"Participant aids" on the start page; ``settings()`` is what the session starts with."""

    def __init__(self, catalog: Catalog, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(catalog.text(lang, "console.aids"), parent)
        row = QHBoxLayout(self)  # one line: the start form is long enough
        self.text_size = TextSizeBox(catalog, lang)
        label = QLabel(catalog.text(lang, "console.text_size"))
        label.setBuddy(self.text_size)
        self.read_aloud = QCheckBox(catalog.text(lang, "console.read_aloud"))
        self.read_aloud.setAccessibleName(catalog.text(lang, "console.read_aloud"))
        self.pictures = QCheckBox(catalog.text(lang, "console.pictures"))
        self.pictures.setAccessibleName(catalog.text(lang, "console.pictures"))
        for widget in (label, self.text_size, self.read_aloud, self.pictures):
            row.addWidget(widget)
            row.addSpacing(12)
        row.addStretch(1)

    def settings(self) -> AccessSettings:
        return AccessSettings(text_size=self.text_size.value(), read_aloud=self.read_aloud.isChecked(),
                              pictures=self.pictures.isChecked())

    def reset(self) -> None:
        """The next participant starts from the defaults: aids are one person's, never carried over."""
        self.text_size.set_value(AccessSettings().text_size)
        self.read_aloud.setChecked(False)
        self.pictures.setChecked(False)


class SessionTextSize(QWidget):
    """The session page's small "Text size" control: follows the engine, and asks for changes by signal."""

    #: the facilitator chose another text size for the participant on screen (AccessSettings)
    access_chosen = Signal(object)

    def __init__(self, catalog: Catalog, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(catalog.text(lang, "console.text_size")))
        self.box = TextSizeBox(catalog, lang)
        row.addWidget(self.box)
        # reading turned off (or on) during the session: when a participant finds it too much, or no speaker works
        self.read_aloud = QCheckBox(catalog.text(lang, "console.read_aloud"))
        self.read_aloud.setAccessibleName(catalog.text(lang, "console.read_aloud"))
        row.addWidget(self.read_aloud)
        self._access = AccessSettings()
        self.box.currentIndexChanged.connect(self._on_chosen)
        self.read_aloud.toggled.connect(self._on_chosen)

    def show_access(self, access: AccessSettings) -> None:
        """What the engine has now (after the facilitator's or the participant's change, or a resume)."""
        self._access = access
        self.read_aloud.blockSignals(True)
        self.read_aloud.setChecked(access.read_aloud)
        self.read_aloud.blockSignals(False)
        self.box.set_value(access.text_size)

    def _on_chosen(self, *_args: object) -> None:
        self.access_chosen.emit(AccessSettings(self.box.value(), self.read_aloud.isChecked(), self._access.pictures))
