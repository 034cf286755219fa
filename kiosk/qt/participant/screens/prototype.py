"""The task played on its click-through prototype: the screen image fills the page, every tap is logged.

A tap on a hotspot follows it; a tap elsewhere is logged as a miss and nothing on screen punishes it.
The tap is committed (``engine.prototype.record_tap``) before the next screen is shown. Help and
"I have finished" stay in the window's fixed footer, as on every participant screen.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QRect, QSize, QTimer
from PySide6.QtGui import QMoveEvent
from PySide6.QtWidgets import QApplication, QHBoxLayout

from kiosk.prototype.navigation import Navigator
from kiosk.qt.prototype_canvas import PrototypeCanvas
from kiosk.qt.participant.screens.base import Screen
from kiosk.qt.participant.targets import mark_aid
from kiosk.qt.participant.task_panel import TaskPanel
from kiosk.qt.participant.widgets import BigButton, wrap_label
from kiosk.qt.style import mm_to_px, screen_of
from kiosk.session.flow import Step

#: the least height of the prototype on the page: below it, large text makes the page scroll instead
PROTOTYPE_MIN_MM = 30


class PlayerCanvas(PrototypeCanvas):
    """The prototype on the page: it fills whatever room the text leaves (it is a picture, scaled to fit), and asks
    for no more than ``PROTOTYPE_MIN_MM``, so large text never makes the page scroll for the picture's sake."""

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        least = mm_to_px(PROTOTYPE_MIN_MM, screen_of(self))
        return QSize(least, least)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return self.sizeHint()


class PrototypeScreen(Screen):
    next_key = "participant.task_done"
    next_hint_key = "next.prototype"
    #: the prototype is drawn for the whole page's height (issue 10): the line is on the task panel instead
    shows_next_hint = False
    #: the window lays its banner over this page rather than pushing it down: a tap is aimed at what is drawn
    keeps_place = True

    def build(self) -> None:
        engine = self.ctx.engine
        task = engine.current_task
        assert task is not None
        title = task.title.get(self.ctx.lang)
        row = QHBoxLayout()  # the title and "Show the task again", always in the same place above the prototype
        self.title_label = wrap_label(title, "muted")
        row.addWidget(self.title_label, 1)
        self.task_button = mark_aid(BigButton(self.ctx.t("prototype.show_task"), "secondary", mm=12))
        row.addWidget(self.task_button)
        self.layout_.addLayout(row)
        self.navigator: Navigator = engine.prototype.navigator()
        self.canvas = PlayerCanvas(self)
        self.canvas.setAccessibleName(self.ctx.t("prototype.canvas_name", task=task.title.get(self.ctx.lang)))
        self.canvas.tapped.connect(self._on_tapped)
        self.layout_.addWidget(self.canvas, 1000)  # all the room there is (the page ends in a stretch of 1)
        self.task_panel = TaskPanel(self, self.ctx.theme, title, f"{task.instructions.get(self.ctx.lang)}\n\n"
                                    f"{self.next_hint_text()}", self.ctx.t("prototype.hide_task"))
        # at large text the instruction scrolls inside the panel: its scroll bar is named like the page's
        self.task_panel.words.verticalScrollBar().setAccessibleName(self.ctx.t("flow.scroll_bar"))
        self.task_button.clicked.connect(self.show_task)
        self.task_panel.shown_text.connect(self._on_task_shown)
        self.missing = self.add_text("", "muted")
        self.missing.hide()
        self.since_screen = QElapsedTimer()
        self._earlier_ms = 0  # time already spent on this screen before a language switch rebuilt the page
        self._show_current()

    def show_task(self) -> None:
        """The instruction over the prototype until one tap closes it; ``task_panel.shown_text`` carries the
        words for speech."""
        self.task_panel.open_over(self.canvas)
        self.ctx.run(self.ctx.engine.prototype.show_task_again)  # a finding for the report; the panel opens anyway

    def _on_task_shown(self, text: str) -> None:
        """Where every screen is read by itself, the task shown again is too (it covers the screen)."""
        if self.ctx.engine.access.read_aloud:
            self.ctx.speak(text, None)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        # at large text "Show the task again" wraps at half the row rather than leave the title a word a line
        cap = max(self.task_button.minimumSizeHint().width(), self.width() // 2)
        if cap != self.task_button.maximumWidth():
            self.task_button.setMaximumWidth(cap)
            # the window's banner lies over the title where the row was: tell it once the row has moved
            QTimer.singleShot(0, self, lambda: QApplication.sendEvent(self, QMoveEvent(self.pos(), self.pos())))
        if self.task_panel.isVisible():
            self.task_panel.place_over(self.canvas)

    def spoken_parts(self) -> list[str]:
        """The task's words, not the picture: its title, its instruction, what to do next."""
        task = self.ctx.engine.current_task
        assert task is not None
        return [task.title.get(self.ctx.lang), task.instructions.get(self.ctx.lang), self.next_hint_text()]

    def banner_area(self) -> QRect:
        """Where the window's banner may lie without moving the prototype: over the title, as tall as the row,
        leaving "Show the task again" free."""
        button = self.task_button.geometry()
        left = self.title_label.geometry().left()
        return QRect(left, button.top(), max(1, button.left() - left - self.layout_.spacing()), button.height())

    def _show_current(self) -> None:
        prototype = self.navigator.prototype
        screen = prototype.screen(self.navigator.screen)
        shown = self.canvas.show_image(prototype.image_path(screen.id, self.ctx.lang), screen.width, screen.height)
        self.missing.setText(self.ctx.t("prototype.image_missing"))
        self.missing.setVisible(not shown)
        self._earlier_ms = 0
        self.since_screen.start()

    def _on_tapped(self, x: float, y: float) -> None:
        if not self.ctx.tap_guard.accepts_tap(self.canvas):
            return  # the second half of a double tap on what has just changed: one intent, one tap
        before = self.navigator.screen
        trial = self.navigator.copy()
        tap = trial.tap(x, y, self._earlier_ms + int(self.since_screen.elapsed()))
        if not self.ctx.run(self.ctx.engine.prototype.record_tap, tap):
            return  # not committed: the screen stays as it was, the window says why
        self.navigator = trial
        if self.ctx.engine.step is not Step.RUNNING:
            return  # the goal ended the task: the window has already moved to the next step
        if trial.screen != before:
            self._show_current()
            self.ctx.tap_guard.meaning_changed(self.canvas)
        if self.navigator.should_hint():
            screen = self.navigator.prototype.screen(self.navigator.screen)
            self.ctx.run(self.ctx.engine.prototype.record_hint, screen.id)
            self.canvas.show_hints(tuple(h.rect for h in screen.hotspots))

    def carry_over(self) -> object | None:
        """The time on the current screen so far: a language switch rebuilds the page but not the screen."""
        return self.navigator.screen, self._earlier_ms + int(self.since_screen.elapsed())

    def restore(self, state: object) -> None:
        assert isinstance(state, tuple)
        screen, elapsed_ms = state
        if screen == self.navigator.screen:
            self._earlier_ms = int(elapsed_ms)

    def on_next(self) -> None:
        """Asks first: the button sits where the finger works the prototype (issue 10 new-user run)."""
        self.ctx.confirm("finish")
