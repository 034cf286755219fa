"""Guards against a Qt binding defect that would crash a long session.

PySide6 6.12.0 returns ``True`` from ``SignalInstance.emit()`` without a new reference. On Python
3.11 each emit drains one reference from ``True`` until the interpreter aborts with
``bool_dealloc`` (after a few hundred signals: a single session emits more). pyproject.toml excludes
that version; this test fails if any installed version brings the defect back.
"""

from __future__ import annotations

import sys

import pytest

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    happened = Signal()


@pytest.mark.gui
def test_signal_emit_keeps_the_reference_count_of_true(qapp) -> None:
    emitter = _Emitter()
    received = []
    emitter.happened.connect(lambda: received.append(1))
    before = sys.getrefcount(True)
    for _ in range(200):
        emitter.happened.emit()
    after = sys.getrefcount(True)
    assert len(received) == 200
    assert after >= before - 5, f"emit() dropped {before - after} references to True: broken PySide6 build"
