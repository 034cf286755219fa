"""Python's cyclic garbage collector runs only on the GUI thread while the app runs.

Automatic collection starts in whichever thread happens to allocate. When a report job on the worker
thread triggers it, the collector can destroy Qt objects left in reference cycles (a closed window, a
dialog, their timers) from that thread; Qt then fires a timer of the destroyed object on the GUI thread
and the process dies in ``QTimerInfoList::activateTimers`` (seen in our GUI suite). Anki does the same
as this module (``aqt.main.GarbageCollector``): automatic collection off, collection from a GUI timer.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class GuiThreadCollector(QObject):
    """Collects on the GUI thread, generation by generation, when the usual thresholds are passed."""

    INTERVAL_MS = 500

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._threshold = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self, interval=self.INTERVAL_MS)
        self._timer.timeout.connect(self.collect_if_due)
        self._timer.start()

    def collect_if_due(self) -> int:
        """Collect the oldest generation whose count passed its threshold; the number of objects freed."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._threshold[generation]:
                return gc.collect(generation)
        return 0

    def stop(self) -> None:
        """Give collection back to Python (at shutdown, after the last Qt object is gone)."""
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()
