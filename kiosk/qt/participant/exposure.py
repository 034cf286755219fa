"""Repaint a whole top-level window each time it is exposed (shown again after being hidden).

Under a window manager on X11 (issue 10 new-user run, Xvfb + openbox), the participant window came back from
the step-aside bar with a dead "I am ready to start" on the glass: Next was hidden while the window was
hidden, which marks nothing for repainting, so the old pixels of Qt's backing store were put back on screen.
An ``update()`` at show time is too early (the window is not mapped yet, nothing is painted); at the expose
that follows it repaints everything once. Windows are exposed rarely, so the cost is one full paint each time.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QWidget


class RepaintOnExpose(QObject):
    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.widget = widget
        self._watched: QWindow | None = None

    def watch(self) -> None:
        """Call from the widget's showEvent: its native window exists by then (and may be a new one)."""
        handle = self.widget.windowHandle()
        if handle is not None and handle is not self._watched:
            handle.installEventFilter(self)
            self._watched = handle

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Expose and watched is self._watched and self._watched.isExposed():
            self.widget.update()
        return False
