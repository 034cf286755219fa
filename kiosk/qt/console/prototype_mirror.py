"""The console's copy of the participant's prototype screen, with the last taps marked.

In two-screen mode the facilitator cannot see the touchscreen; the mirror shows the same screen and
where the latest taps fell (green on a link, red beside every link), rebuilt from committed events
only, so it shows exactly what the record says happened.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout

from kiosk.i18n import Catalog
from kiosk.qt.prototype_canvas import PrototypeCanvas
from kiosk.session.flow import Step

#: how many of the latest taps on the current screen are marked
MARKED_TAPS = 5


class PrototypeMirror(QGroupBox):
    def __init__(self, catalog: Catalog, lang: str) -> None:
        super().__init__(catalog.text(lang, "prototype.mirror_title"))
        self.catalog, self.lang = catalog, lang
        layout = QVBoxLayout(self)
        self.canvas = PrototypeCanvas(self)
        self.canvas.setMinimumHeight(180)
        self.canvas.setAccessibleName(catalog.text(lang, "prototype.mirror_title"))
        layout.addWidget(self.canvas, 1)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        layout.addWidget(self.caption)
        self.hide()

    def follow(self, engine) -> None:
        """Show the participant's current prototype screen, or hide when the step has none."""
        if engine.step is not Step.RUNNING and engine.step is not Step.PAUSED or engine.prototype.task() is None:
            self.hide()
            return
        navigator = engine.prototype.navigator()
        taps = engine.prototype.attempt_taps()
        screen = navigator.prototype.screen(navigator.screen)
        self.canvas.show_image(navigator.prototype.image_path(screen.id, engine.language), screen.width, screen.height)
        here = [t for t in taps if t.screen == screen.id][-MARKED_TAPS:]
        self.canvas.show_marks([(t.x, t.y, t.hit) for t in here])
        misses = sum(not t.hit for t in taps)
        name = screen.title.get_or_fallback(self.lang) if screen.title.values else screen.id
        self.caption.setText(self.catalog.text(self.lang, "prototype.mirror_caption", screen=name,
                                               taps=self.catalog.plural(self.lang, "count.taps", len(taps)),
                                               misses=self.catalog.plural(self.lang, "count.misses", misses)))
        self.show()
