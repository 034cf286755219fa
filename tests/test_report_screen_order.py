"""The study report's per-screen table follows the flow (issue 10, second new-user run: it was sorted by id): the
start screen first, then by the fewest taps needed to reach a screen from it, ties in the prototype's own order,
screens the start cannot reach last."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from kiosk.prototype.model import Action, Hotspot, Prototype, Rect, Screen
from kiosk.reports.dataset import collect_study
from kiosk.reports.prototype_dataset import flow_order
from kiosk.reports.study_report import write_study_report
from prototype_study import scripted_study


def _screen(sid: str, *targets: str) -> Screen:
    return Screen(sid, f"{sid}.png", 100, 100, tuple(Hotspot(f"{sid}-{t}", Rect(0, 0, 10, 10), Action.GO, t)
                                                     for t in targets))


def test_start_then_distance_then_the_prototypes_order() -> None:
    # file order: an orphan, the far end, then the rest; from "b": b → c, b → a; a → z; c → z
    prototype = Prototype("p", Path("."), {s.id: s for s in (
        _screen("orphan"), _screen("z"), _screen("c", "z"), _screen("a", "z"), _screen("b", "c", "a"))})
    assert flow_order(prototype, "b", ["a", "c", "orphan", "z", "b"]) == ["b", "c", "a", "z", "orphan"]
    assert flow_order(prototype, "b", ["z", "unknown"]) == ["z", "unknown"]
    assert flow_order(None, "b", ["z", "b", "a"]) == ["b", "a", "z"]


@pytest.mark.slow
def test_the_reports_screen_table_follows_the_flow(store, clock, tmp_path: Path) -> None:
    scripted_study(store, tmp_path / "study", clock)
    pdf = write_study_report(collect_study(store, "example-social-card"), tmp_path / "r.pdf", "en")
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    table = text.split("Median time on the screen before leaving it", 1)[1].split("Path taken", 1)[0]
    rows = [word for word in table.split() if word in {"home", "form", "help", "sent"}]
    assert rows == ["home", "form", "help", "sent"], table
