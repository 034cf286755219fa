"""Run work once a window has been painted, so what is not needed for the first picture waits for it.

The console must appear quickly on a field laptop (issue 8). Parsing the study plans on the worker
thread while the GUI thread builds and paints the console made both slower: Python runs one thread at
a time, and the worker's imports hold the interpreter. Starting that work after the first paint puts
the console on screen first; the start page says the studies are loading meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _FirstPaint(QObject):
    """Waits for the window's first paint event, then runs the work on the next turn of the event loop
    (after the painted picture has been flushed to the screen). A window that is never painted (hidden,
    minimised at start) still gets the work after ``fallback_ms``."""

    def __init__(self, window: QWidget, work: Callable[[], object], fallback_ms: int) -> None:
        super().__init__(window)
        self._work: Callable[[], object] | None = work
        self._window = window
        window.installEventFilter(self)
        QTimer.singleShot(fallback_ms, self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self._window and event.type() == QEvent.Type.Paint and self._work is not None:
            self._window.removeEventFilter(self)
            QTimer.singleShot(0, self, self._run)
        return False

    def _run(self) -> None:
        work, self._work = self._work, None
        if work is not None:
            self._window.removeEventFilter(self)
            work()


def after_first_paint(window: QWidget, work: Callable[[], object], fallback_ms: int = 1000) -> None:
    """Run ``work`` once, right after ``window`` is first painted (or after ``fallback_ms`` at the latest)."""
    _FirstPaint(window, work, fallback_ms)
