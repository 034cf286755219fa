"""The hotspot editor's window: screens on the left, the screen being edited, the hotspot and the checks on the right.

Every change goes through ``kiosk.prototype.editing.Editor`` (undoable commands) and every problem
through ``kiosk.study.prototype_draft.check_draft`` (the code ``ux-kiosk check`` runs); this window only
turns clicks and keys into those calls and shows the result in the facilitator's language.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QMainWindow, QVBoxLayout, QWidget)

from kiosk.explained import ExplainedError
from kiosk.i18n import Catalog
from kiosk.prototype.draft_file import OpenedFolder, save
from kiosk.prototype.editing import Editor, title_languages
from kiosk.prototype.model import Action, Rect
from kiosk.qt.console.dialogs import confirm
from kiosk.qt.console.widgets import button, line_edit
from kiosk.qt.editor.canvas import EditCanvas
from kiosk.qt.editor.play import TestPlayWindow
from kiosk.qt.editor.titles import TitleFields
from kiosk.qt.explain import explain
from kiosk.study.prototype_draft import DraftProblem, check_draft

_UNLINKED, _BACK, _GOAL = "", "\x00back", "\x00goal"


class HotspotEditorWindow(QMainWindow):
    def __init__(self, opened: OpenedFolder, catalog: Catalog, lang: str, languages: tuple[str, ...] = ()) -> None:
        """``languages``: the plan's that plays this prototype (its screens' titles need each of them)."""
        super().__init__()
        self.catalog, self.lang, self.opened = catalog, lang, opened
        self.editor = Editor(opened.prototype)
        self.screen_id = next(iter(opened.prototype.screens))
        self.problems: list[DraftProblem] = []
        self.play_window: TestPlayWindow | None = None
        self._close_confirmed = False
        t = self._t
        self.setWindowTitle(t("editor.window_title", folder=str(opened.prototype.folder)))
        central = QWidget()
        columns = QHBoxLayout(central)

        left = QVBoxLayout()
        screens_box = QGroupBox(t("editor.screens"))
        screens_layout = QVBoxLayout(screens_box)
        self.screen_list = QListWidget()
        self.screen_list.setAccessibleName(t("editor.screens"))
        self.screen_list.setWordWrap(True)  # Serbian rows are longer than the column
        self.screen_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.screen_list.currentRowChanged.connect(self.on_screen_row_changed)
        screens_layout.addWidget(self.screen_list, 1)
        self.screen_id_edit = line_edit(t("editor.screen_id"), placeholder=False)
        self.screen_id_edit.returnPressed.connect(self.on_screen_renamed)
        screens_layout.addWidget(QLabel(t("editor.screen_id")))
        screens_layout.addWidget(self.screen_id_edit)
        left.addWidget(screens_box, 1)
        self.titles = TitleFields(title_languages(opened.prototype, languages, lang), catalog, lang)
        self.titles.title_edited.connect(self.on_title_edited)
        left.addWidget(self.titles)
        play_box = QGroupBox(t("editor.play_box"))
        play_layout = QVBoxLayout(play_box)
        self.start_box = QComboBox()
        self.start_box.setAccessibleName(t("editor.start_screen"))
        self.start_box.currentIndexChanged.connect(lambda _i: self._refresh_checks())
        play_layout.addWidget(QLabel(t("editor.start_screen")))
        play_layout.addWidget(self.start_box)
        self.play_button = button(t("editor.test_play"), "F5")
        self.play_button.clicked.connect(self.test_play)
        play_layout.addWidget(self.play_button)
        left.addWidget(play_box)
        columns.addLayout(left, 2)

        self.canvas = EditCanvas(self)
        self.canvas.setAccessibleName(t("editor.canvas_name"))
        self.canvas.setAccessibleDescription(t("editor.canvas_help"))
        self.canvas.setToolTip(t("editor.canvas_help"))
        self.canvas.setMinimumSize(480, 320)
        self.canvas.rect_drawn.connect(self.on_rect_drawn)
        self.canvas.rect_changed.connect(self.on_rect_changed)
        self.canvas.selection_changed.connect(lambda _id: self._refresh_hotspot())
        self.canvas.nudge_requested.connect(self.on_nudge_requested)
        self.canvas.delete_requested.connect(self.delete_selected)
        self.canvas.link_key_pressed.connect(self.on_link_key_pressed)
        centre = QVBoxLayout()
        centre.addWidget(self.canvas, 1)
        self.help_label = QLabel(t("editor.canvas_help"))
        self.help_label.setWordWrap(True)
        centre.addWidget(self.help_label)
        columns.addLayout(centre, 6)

        right = QVBoxLayout()
        self.hotspot_box = QGroupBox(t("editor.hotspot"))
        form = QFormLayout(self.hotspot_box)
        self.hotspot_id_edit = line_edit(t("editor.hotspot_id"), placeholder=False)
        self.hotspot_id_edit.returnPressed.connect(self.on_hotspot_renamed)
        form.addRow(t("editor.hotspot_id"), self.hotspot_id_edit)
        self.action_box = QComboBox()
        self.action_box.setAccessibleName(t("editor.hotspot_action"))
        self.action_box.activated.connect(self.on_action_chosen)
        form.addRow(t("editor.hotspot_action"), self.action_box)
        self.rect_label = QLabel()
        form.addRow(t("editor.hotspot_rect"), self.rect_label)
        self.delete_button = button(t("editor.delete"), "Del")
        self.delete_button.clicked.connect(self.delete_selected)
        form.addRow(self.delete_button)
        right.addWidget(self.hotspot_box)
        checks_box = QGroupBox(t("editor.checks"))
        checks_layout = QVBoxLayout(checks_box)
        self.check_list = QListWidget()
        self.check_list.setAccessibleName(t("editor.checks"))
        self.check_list.setWordWrap(True)
        self.check_list.itemActivated.connect(self.on_problem_activated)
        self.check_list.itemClicked.connect(self.on_problem_activated)
        checks_layout.addWidget(self.check_list, 1)
        right.addWidget(checks_box, 1)
        buttons = QHBoxLayout()
        self.undo_button = button(t("editor.undo"), "Ctrl+Z")
        self.undo_button.clicked.connect(self.undo)
        self.redo_button = button(t("editor.redo"), "Ctrl+Shift+Z")
        self.redo_button.clicked.connect(self.redo)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.redo_button)
        right.addLayout(buttons)
        self.save_button = button(t("editor.save"), "Ctrl+S")
        self.save_button.clicked.connect(self.save)
        right.addWidget(self.save_button)
        columns.addLayout(right, 3)
        self.setCentralWidget(central)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(t("editor.status_name"))
        self.statusBar().addWidget(self.status, 1)

        for keys, slot in ((QKeySequence(QKeySequence.StandardKey.Undo), self.undo), ("Ctrl+Shift+Z", self.redo),
                           ("Ctrl+Y", self.redo), (QKeySequence(QKeySequence.StandardKey.Save), self.save),
                           ("F5", self.test_play), ("Ctrl+PgDown", lambda: self._step_screen(1)),
                           ("Ctrl+PgUp", lambda: self._step_screen(-1))):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(slot)

        notes = []
        if opened.comments_dropped:
            notes.append(t("editor.note_comments"))
        if opened.skipped:
            notes.append(t("editor.note_skipped", entries=", ".join(opened.skipped)))
        self.status.setText(" ".join(notes) or t("editor.opened", screens=catalog.plural(
            lang, "count.screens", len(opened.prototype.screens))))
        self._refresh()
        self.canvas.setFocus()

    def _t(self, message: str, /, **values: object) -> str:
        return self.catalog.text(self.lang, message, **values)

    # ---- refresh from the model ----
    def _refresh(self) -> None:
        prototype = self.editor.prototype
        if self.screen_id not in prototype.screens:
            self.screen_id = next(iter(prototype.screens))
        ids = list(prototype.screens)
        self.screen_list.blockSignals(True)
        self.screen_list.clear()
        for screen in prototype.screens.values():
            item = QListWidgetItem(self._t("editor.screen_row", screen=screen.id, width=screen.width,
                                           height=screen.height, hotspots=self.catalog.plural(
                                               self.lang, "count.hotspots", len(screen.hotspots))))
            self.screen_list.addItem(item)
        self.screen_list.setCurrentRow(ids.index(self.screen_id))
        self.screen_list.blockSignals(False)
        self.screen_id_edit.setText(self.screen_id)
        self.titles.show_title(prototype.screen(self.screen_id).title)
        start = self.start_box.currentText()
        self.start_box.blockSignals(True)
        self.start_box.clear()
        self.start_box.addItems(ids)
        self.start_box.setCurrentIndex(ids.index(start) if start in ids else 0)
        self.start_box.blockSignals(False)
        self._refresh_checks()
        self.undo_button.setEnabled(self.editor.can_undo)
        self.redo_button.setEnabled(self.editor.can_redo)
        self.setWindowModified(self.editor.dirty)

    def _refresh_checks(self) -> None:
        self.problems = check_draft(self.editor.prototype, self.start_box.currentText() or None)
        self.check_list.clear()
        for problem in self.problems:
            item = QListWidgetItem(self.catalog.text(self.lang, problem.key, **problem.values))
            item.setToolTip(problem.detail)
            self.check_list.addItem(item)
        if not self.problems:
            self.check_list.addItem(self._t("editor.no_problems"))
        self._refresh_canvas()

    def _refresh_canvas(self) -> None:
        screen = self.editor.prototype.screen(self.screen_id)
        flagged = {p.hotspot for p in self.problems if p.hotspot and p.screen == screen.id}
        selected = self.canvas.selected if any(h.id == self.canvas.selected for h in screen.hotspots) else ""
        self.canvas.set_screen(screen, self.editor.prototype.folder / screen.image, selected,
                               {f for f in flagged if f})
        self._refresh_hotspot()

    def _refresh_hotspot(self) -> None:
        found = self.editor.prototype.hotspot(self.canvas.selected) if self.canvas.selected else None
        self.hotspot_box.setEnabled(found is not None)
        self.action_box.clear()
        if found is None:
            self.hotspot_id_edit.clear()
            self.rect_label.setText(self._t("editor.no_selection"))
            return
        _, hotspot = found
        self.hotspot_id_edit.setText(hotspot.id)
        r = hotspot.rect
        self.rect_label.setText(self._t("editor.rect_text", x=r.x, y=r.y, width=r.width, height=r.height))
        self.action_box.addItem(self._t("editor.action_unlinked"), _UNLINKED)
        for n, sid in enumerate(self.editor.prototype.screens, start=1):
            self.action_box.addItem(self._t("editor.action_go", screen=sid, shortcut=n if n < 10 else "–"), sid)
        self.action_box.addItem(self._t("editor.action_back"), _BACK)
        self.action_box.addItem(self._t("editor.action_goal"), _GOAL)
        current = _BACK if hotspot.action is Action.BACK else _GOAL if hotspot.action is Action.GOAL else hotspot.target
        index = self.action_box.findData(current)
        self.action_box.setCurrentIndex(index if index >= 0 else 0)

    # ---- intents ----
    def _apply(self, change, done_key: str | None = None, **values: object) -> bool:
        """Run one edit; an edit the model refuses is explained in the status line and changes nothing."""
        try:
            change()
        except ExplainedError as exc:
            self.status.setText(explain(exc, self.catalog, self.lang))
            self._refresh()
            return False
        if done_key:
            self.status.setText(self._t(done_key, **values))
        self._refresh()
        return True

    def on_screen_row_changed(self, row: int) -> None:
        ids = list(self.editor.prototype.screens)
        if 0 <= row < len(ids):
            self.screen_id = ids[row]
            self.canvas.selected = ""
            self._refresh()

    def _step_screen(self, step: int) -> None:
        count = self.screen_list.count()
        self.screen_list.setCurrentRow((self.screen_list.currentRow() + step) % count)

    def on_screen_renamed(self) -> None:
        old, new = self.screen_id, self.screen_id_edit.text().strip()

        def rename() -> None:
            self.editor.rename_screen(old, new)
            self.screen_id = new

        self._apply(rename)

    def on_title_edited(self, lang: str, text: str) -> None:
        screen_id = self.screen_id
        self._apply(lambda: self.editor.set_title(screen_id, lang, text), "editor.title_set", screen=screen_id)

    def on_rect_drawn(self, rect: Rect) -> None:
        made: list[str] = []
        self._apply(lambda: made.append(self.editor.add_hotspot(self.screen_id, rect)))
        if made:
            self.canvas.selected = made[0]
            self._refresh_canvas()
            self.status.setText(self._t("editor.drawn", hotspot=made[0]))

    def on_rect_changed(self, hotspot_id: str, rect: Rect) -> None:
        self._apply(lambda: self.editor.set_rect(hotspot_id, rect))

    def on_nudge_requested(self, dx: int, dy: int) -> None:
        self._apply(lambda: self.editor.nudge(self.canvas.selected, dx, dy))

    def delete_selected(self) -> None:
        hotspot_id = self.canvas.selected
        if hotspot_id:
            self.canvas.selected = ""
            self._apply(lambda: self.editor.delete_hotspot(hotspot_id), "editor.deleted", hotspot=hotspot_id)
            self.canvas.setFocus()

    def on_hotspot_renamed(self) -> None:
        old, new = self.canvas.selected, self.hotspot_id_edit.text().strip()
        if old and self._apply(lambda: self.editor.rename_hotspot(old, new)):
            self.canvas.selected = new
            self._refresh_canvas()

    def _set_action(self, choice: str) -> None:
        hotspot_id = self.canvas.selected
        if not hotspot_id or choice == _UNLINKED:
            return
        if choice == _BACK:
            self._apply(lambda: self.editor.make_back(hotspot_id))
        elif choice == _GOAL:
            self._apply(lambda: self.editor.make_goal(hotspot_id))
        else:
            self._apply(lambda: self.editor.link(hotspot_id, choice), "editor.linked", hotspot=hotspot_id,
                        screen=choice)

    def on_action_chosen(self, index: int) -> None:
        self._set_action(self.action_box.itemData(index))

    def on_link_key_pressed(self, key: str) -> None:
        ids = list(self.editor.prototype.screens)
        if key == "b":
            self._set_action(_BACK)
        elif key == "g":
            self._set_action(_GOAL)
        elif int(key) <= len(ids):
            self._set_action(ids[int(key) - 1])

    def on_problem_activated(self, item: QListWidgetItem) -> None:
        row = self.check_list.row(item)
        if row < len(self.problems) and self.problems[row].screen:
            problem = self.problems[row]
            self.screen_id = problem.screen or self.screen_id
            self.canvas.selected = problem.hotspot or ""
            self._refresh()

    def undo(self) -> None:
        if self.editor.undo():
            self.status.setText(self._t("editor.undone"))
        self._refresh()

    def redo(self) -> None:
        if self.editor.redo():
            self.status.setText(self._t("editor.redone"))
        self._refresh()

    def save(self) -> bool:
        try:
            path = save(self.editor.prototype, self.opened.header)
        except ExplainedError as exc:
            self.status.setText(explain(exc, self.catalog, self.lang))
            return False
        self.editor.mark_saved()
        count = len(self.problems)
        self.status.setText(self._t("editor.saved", file=str(path)) if not count else
                            self.catalog.plural(self.lang, "editor.saved_with_problems", count, file=str(path)))
        self._refresh()
        return True

    def test_play(self) -> None:
        start = self.start_box.currentText() or self.screen_id
        if self.play_window is not None:
            self.play_window.close()
        self.play_window = TestPlayWindow(self.editor.prototype, start, self.catalog, self.lang, self)
        self.play_window.destroyed.connect(lambda _o=None: setattr(self, "play_window", None))
        self.play_window.show()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Closing with unsaved changes asks first; keeping on editing is the default answer."""
        if self._close_confirmed or not self.editor.dirty:
            event.accept()
            return
        event.ignore()
        confirm(self, self._t("editor.unsaved_title"), self._t("editor.unsaved_text"), self._t("editor.keep_editing"),
                self._t("editor.discard"), lambda _reason: self._close_without_saving())

    def _close_without_saving(self) -> None:
        self._close_confirmed = True
        self.close()
