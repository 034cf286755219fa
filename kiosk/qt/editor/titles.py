"""The hotspot editor's title fields: a screen's name in each plan language, as reports and the console show it.

Without them a prototype made in the editor reached the report with screen ids for names (issue 10, second
new-user run). One field per language the title must have (``title_languages``); a field commits when the
facilitator presses Enter or leaves it, and the window turns that into one undoable edit.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLineEdit, QWidget

from kiosk.i18n import Catalog, LocalText
from kiosk.qt.console.widgets import line_edit


class TitleFields(QGroupBox):
    #: (language, text) when the facilitator finished editing a field and its text differs from the screen's
    title_edited = Signal(str, str)

    def __init__(self, languages: tuple[str, ...], catalog: Catalog, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(catalog.text(lang, "editor.screen_title"), parent)
        self.languages = languages
        self._shown = LocalText({})
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for tag in languages:
            name = catalog.language_name(tag, in_lang=lang) if tag in catalog.languages else tag
            field = line_edit(catalog.text(lang, "editor.screen_title_in", language=name), placeholder=False)
            field.setToolTip(catalog.text(lang, "editor.screen_title_help"))
            field.editingFinished.connect(lambda tag=tag: self._finished(tag))
            self.fields[tag] = field
            form.addRow(name, field)

    def show_title(self, title: LocalText) -> None:
        """The screen's title as it stands (after a change, an undo, or another screen chosen)."""
        self._shown = title
        for tag, field in self.fields.items():
            text = title.values.get(tag, "")
            if field.text() != text:
                field.setText(text)

    def _finished(self, tag: str) -> None:
        text = self.fields[tag].text()
        if " ".join(text.split()) != self._shown.values.get(tag, ""):
            self.title_edited.emit(tag, text)
