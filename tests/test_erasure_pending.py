"""Erasure is only reported done when no byte of the participant is left; a busy reader or a crash
leaves a durable "pending" mark that the next try (or the next start) completes."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from erasure_support import OtherReader, plant_participant, traces_left
from kiosk.paths import DataPaths
from kiosk.store.erasure import erase_participant, erasure_pending, finish_pending_erasure


def test_a_reader_in_another_process_keeps_erasure_pending_until_it_closes(store, demo_study, clock) -> None:
    root = store.path.parent
    plant_participant(store, demo_study, clock, "KEEP-0001", note="Kept participant note", mark=48)
    traces = plant_participant(store, demo_study, clock, "GONE-0001")
    reader = OtherReader(store.path)
    try:
        result = erase_participant(store, demo_study.id, "GONE-0001", "participant asked")
        assert (result.sessions, result.files) == (1, 3)
        # honest: the rows are gone, but the reader's snapshot keeps old pages on disk, and the result says so
        assert not result.fully_compacted and result.pending_pages > 0 and erasure_pending(store)
        assert traces_left(root, traces), "the reader should have kept old copies (is the test still testing?)"
        assert not finish_pending_erasure(store).done  # still reading: still pending
    finally:
        reader.close()
    assert finish_pending_erasure(store).done and not erasure_pending(store)
    assert traces_left(root, traces) == []
    assert [s.participant_code for s in store.sessions()] == ["KEEP-0001"]
    assert [t.participant_code for t in store.tombstones()] == ["GONE-0001"]


def test_nothing_pending_is_a_no_op(store) -> None:
    assert not erasure_pending(store) and finish_pending_erasure(store).done


KILLED_ERASURE = """
import os, signal, sys
from pathlib import Path
import kiosk.store.erasure as erasure
from kiosk.store import Store

def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

setattr(erasure, sys.argv[2], die)
store = Store(Path(sys.argv[1]))
erasure.erase_participant(store, sys.argv[3], "GONE-0001", "participant asked")
print("not killed")
"""


@pytest.mark.parametrize("killed_in", ["_remove", "finish_pending_erasure"])
def test_sigkill_between_delete_and_compaction_is_finished_at_start_up(qtbot, store, demo_study, clock,
                                                                       killed_in) -> None:
    from kiosk.qt.app import open_store

    root = store.path.parent
    plant_participant(store, demo_study, clock, "KEEP-0001", note="Kept participant note", mark=48)
    traces = plant_participant(store, demo_study, clock, "GONE-0001")
    store.close()
    died = subprocess.run([sys.executable, "-c", KILLED_ERASURE, str(store.path), killed_in, demo_study.id],
                          capture_output=True, text=True, cwd=Path(__file__).parents[1])
    assert died.returncode == -signal.SIGKILL, died.stderr
    assert traces_left(root, traces), "the kill should have left the participant's bytes behind"

    restarted = open_store(DataPaths(root))  # what the app does when it starts
    try:
        assert not erasure_pending(restarted)
        assert traces_left(root, traces) == []
        assert [s.participant_code for s in restarted.sessions()] == ["KEEP-0001"]
        assert [t.participant_code for t in restarted.tombstones()] == ["GONE-0001"]
    finally:
        restarted.close()
