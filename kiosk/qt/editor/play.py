"""Test-play: the flow as the participant will see it, from a chosen screen, with nothing logged.

It shows the same ``PrototypeCanvas`` the participant's player uses and follows taps with the same
``Navigator``, on the editor's unsaved work; no session, no event, no store. A hotspot that leads
nowhere yet stays put and says so, instead of breaking the play.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.i18n import Catalog
from kiosk.prototype.model import Action, Prototype, PrototypeTask
from kiosk.prototype.navigation import Navigator
from kiosk.qt.console.placement import fit_window
from kiosk.qt.console.widgets import button
from kiosk.qt.prototype_canvas import PrototypeCanvas


PLAY_SIZE = (1100, 760)


class TestPlayWindow(QDialog):
    def __init__(self, prototype: Prototype, start: str, catalog: Catalog, lang: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog, self.lang, self.prototype = catalog, lang, prototype
        self.setWindowTitle(catalog.text(lang, "editor.play_title", start=start))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        goals = tuple(h.id for s in prototype.screens.values() for h in s.hotspots if h.action is Action.GOAL)
        self.task = PrototypeTask(prototype.id, start, goals)
        layout = QVBoxLayout(self)
        self.canvas = PrototypeCanvas(self)
        self.canvas.setAccessibleName(catalog.text(lang, "editor.play_canvas"))
        layout.addWidget(self.canvas, 1)
        row = QHBoxLayout()
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setAccessibleName(catalog.text(lang, "editor.play_caption_name"))
        row.addWidget(self.caption, 1)
        self.restart_button = button(catalog.text(lang, "editor.play_restart"), "Home")
        self.restart_button.setShortcut("Home")
        self.restart_button.clicked.connect(self.restart)
        self.close_button = button(catalog.text(lang, "editor.play_close"), "Esc")
        self.close_button.clicked.connect(self.close)
        row.addWidget(self.restart_button)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        self.canvas.tapped.connect(self.on_canvas_tapped)
        self.resize(*PLAY_SIZE)
        self.restart()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Fitted to the screen with its title bar when shown (1100x760 and a title bar overflow 1366x768)."""
        super().showEvent(event)
        fit_window(self, PLAY_SIZE)

    def restart(self) -> None:
        self.navigator = Navigator(self.prototype, self.task)
        self._show(self.catalog.text(self.lang, "editor.play_hint"))

    def _show(self, note: str) -> None:
        screen = self.prototype.screen(self.navigator.screen)
        shown = self.canvas.show_image(self.prototype.image_path(screen.id, self.lang), max(1, screen.width),
                                       max(1, screen.height))
        if not shown:
            note = self.catalog.text(self.lang, "editor.play_no_image", screen=screen.id)
        title = screen.title.get_or_fallback(self.lang)  # the name the participant's report will use
        where = self.catalog.text(self.lang, "editor.play_where", screen=f"{title} ({screen.id})" if title else screen.id)
        self.caption.setText(f"{where} {note}".strip())

    def on_canvas_tapped(self, x: float, y: float) -> None:
        screen = self.prototype.screen(self.navigator.screen)
        hotspot = screen.hotspot_at(x, y)
        if hotspot is not None and hotspot.action is Action.GO and hotspot.target not in self.prototype.screens:
            self._show(self.catalog.text(self.lang, "editor.play_dead_end", hotspot=hotspot.id))
            return
        tap = self.navigator.tap(x, y, 0)
        if tap.goal is not None:
            note = self.catalog.text(self.lang, "editor.play_goal", goal=tap.goal)
        elif not tap.hit:
            note = self.catalog.text(self.lang, "editor.play_miss")
        else:
            note = ""
        self._show(note)
