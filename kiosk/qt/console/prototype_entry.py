"""The start page's way into the hotspot editor, for a plan whose tasks play a prototype (issue 10).

Before, only ``ux-kiosk edit-prototype FOLDER`` opened the editor, and a facilitator who works from the
console never found it. The editor opens over the console and is modal to it: while it is open no session
can start or be handed over, so the participant never meets an editor window. It needs no PIN of its own,
as reports and withdrawals on the same page: the console is behind the PIN whenever the participant has the
device. When the editor closes, the plan is read again, so the next session plays the hotspots just saved
(a plan the edit broke becomes a warning on the page, as at start).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QLabel, QLayout, QPushButton, QWidget

from kiosk.qt.console.widgets import button

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu

    from kiosk.i18n import Catalog
    from kiosk.prototype.model import Prototype
    from kiosk.qt.editor.window import HotspotEditorWindow
    from kiosk.study.model import Study

SHORTCUT = "Ctrl+Shift+E"  # not Ctrl+E: a focused QLineEdit takes that as "end of line" on Linux


class StartPage(Protocol):
    """What the entry uses of the console's start page (a protocol: the page imports this module)."""

    @property
    def catalog(self) -> Catalog: ...
    @property
    def lang(self) -> str: ...
    @property
    def studies(self) -> list[Study]: ...
    @property
    def study_box(self) -> QComboBox: ...
    @property
    def warnings_layout(self) -> QLayout: ...

    def current_study(self) -> Study | None: ...
    def set_studies(self, studies: list[Study], plan_warnings: list[str]) -> None: ...
    def show_status(self, text: str, path: str | None = None) -> None: ...
    def window(self) -> QWidget: ...


class PrototypeEntry(QObject):
    def __init__(self, page: StartPage, parent: QWidget) -> None:
        super().__init__(parent)
        self.page = page
        name = page.catalog.text(page.lang, "console.edit_prototype")
        self.button: QPushButton = button(name, SHORTCUT)
        self.button.setToolTip(page.catalog.text(page.lang, "console.edit_prototype_help"))
        self.button.setEnabled(False)
        self.button.clicked.connect(self.choose)
        # a QShortcut on the page (as the session page's keys), not QPushButton.setShortcut: that builds the
        # Qt-wide enums, about 20 ms of the console's start (test_start_cost); ``choose`` asks that it shows
        QShortcut(QKeySequence(SHORTCUT), parent).activated.connect(self.choose)
        self.menu: QMenu | None = None
        self.editor: HotspotEditorWindow | None = None
        self.edited: Study | None = None  # the plan whose prototype the open editor edits

    def update(self, study: Study | None) -> None:
        self.button.setEnabled(study is not None and bool(study.prototypes))

    def choose(self) -> None:
        """One prototype opens at once; with several, a menu (arrow keys and Enter) names them."""
        study = self.page.current_study()
        if not (self.button.isEnabled() and self.button.isVisible()) or study is None or self.editor is not None:
            return
        prototypes = list(study.prototypes.values())
        if len(prototypes) == 1:
            self.open(study, prototypes[0])
            return
        from PySide6.QtCore import QPoint  # the menu's types are made when a plan has several prototypes
        from PySide6.QtWidgets import QMenu

        self.menu = QMenu(self.button)
        self.menu.setAccessibleName(self.page.catalog.text(self.page.lang, "console.edit_prototype"))
        for prototype in prototypes:
            action = self.menu.addAction(f"{prototype.id}  ({prototype.folder})")
            action.triggered.connect(lambda _checked=False, p=prototype: self.open(study, p))
        self.menu.popup(self.button.mapToGlobal(QPoint(0, self.button.height())))

    def open(self, study: Study, prototype: Prototype) -> None:
        from PySide6.QtCore import Qt  # not at import: see __init__

        from kiosk.prototype.draft_file import open_folder
        from kiosk.prototype.editing import EditError
        from kiosk.qt.editor.app import show_editor
        from kiosk.qt.editor.window import HotspotEditorWindow
        from kiosk.qt.explain import explain

        try:
            opened = open_folder(prototype.folder)
        except EditError as exc:
            self.page.show_status(explain(exc, self.page.catalog, self.page.lang))
            return
        editor = HotspotEditorWindow(opened, self.page.catalog, self.page.lang, study.languages)
        editor.setParent(self.page.window(), Qt.WindowType.Window)
        editor.setWindowModality(Qt.WindowModality.WindowModal)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        # a slot of this object, not a lambda: Qt drops the connection when the page (and this) go first
        editor.destroyed.connect(self._closed)
        self.editor, self.edited = editor, study
        show_editor(editor)

    def _closed(self, _editor: object = None) -> None:
        """Read the plan again (its prototype is read with it) and offer it in place of the one edited."""
        study, self.editor, self.edited = self.edited, None, None
        if study is None or study.source_path is None or study not in self.page.studies:
            return
        from kiosk.study.loader import PlanError, load_plan

        page = self.page
        items = (page.warnings_layout.itemAt(i) for i in range(page.warnings_layout.count()))
        warnings = [label.text() for label in (item.widget() for item in items if item is not None)
                    if isinstance(label, QLabel)]
        studies = list(page.studies)
        index = studies.index(study)
        try:
            studies[index] = load_plan(study.source_path)
        except PlanError as exc:
            del studies[index]
            warnings.append(str(exc))
        page.set_studies(studies, warnings)
        page.study_box.setCurrentIndex(min(index, len(studies) - 1))
