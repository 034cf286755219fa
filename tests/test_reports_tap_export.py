"""export-csv carries the prototype taps (taps.csv, in the data dictionary) and one heatmap PNG per tapped screen."""

from __future__ import annotations

import csv
from pathlib import Path

import cv2
import numpy as np

from kiosk.reports.tabular import export_study_csv
from prototype_study import scripted_study


def _rows(path: Path, encoding: str = "utf-8") -> list[dict[str, str]]:
    with path.open(encoding=encoding, newline="") as handle:
        return list(csv.DictReader(handle))


def test_taps_csv_has_one_exact_row_per_tap_and_heatmaps_per_screen(store, clock, tmp_path: Path) -> None:
    scripted_study(store, tmp_path / "study", clock)
    out = tmp_path / "export"
    files = export_study_csv(store, "example-social-card", out)
    rows = _rows(out / "taps.csv")
    assert len(rows) == 21
    assert [r["participant_code"] for r in rows] == ["P-0101"] * 3 + ["P-0102"] * 4 + ["P-0103"] * 4 + \
        ["P-0104"] * 5 + ["P-0105"] * 5
    first, p2_miss = rows[0], rows[3]
    assert {k: v for k, v in first.items() if k not in ("session_id", "utc")} == {
        "participant_code": "P-0101", "task_id": "check-eligibility", "prototype": "farm", "screen": "home",
        "language": "sr-Cyrl", "image": "home.png", "x": "150.0", "y": "550.0", "hit": "1", "hotspot": "apply", "action": "go", "to": "form", "goal": "",
        "ms_since_screen": "2000"}
    assert {k: v for k, v in p2_miss.items() if k not in ("session_id", "utc")} == {
        "participant_code": "P-0102", "task_id": "check-eligibility", "prototype": "farm", "screen": "home",
        "language": "sr-Cyrl", "image": "home.png", "x": "700.0", "y": "200.0", "hit": "0", "hotspot": "", "action": "", "to": "home", "goal": "",
        "ms_since_screen": "1500"}
    assert [(r["hotspot"], r["action"], r["to"], r["goal"]) for r in rows[16:]] == [
        ("", "", "home", ""), ("", "", "home", ""), ("apply", "go", "form", ""), ("send", "go", "sent", ""),
        ("receipt", "goal", "sent", "receipt")]
    assert [r["hotspot"] for r in rows[11:16]] == ["", "apply", "form-help", "help-back", ""]
    assert rows[14]["action"] == "back" and rows[14]["to"] == "form"
    assert sum(r["hit"] == "0" for r in rows) == 5
    assert all(r["utc"].endswith("Z") or "+00:00" in r["utc"] for r in rows)
    assert len({r["session_id"] for r in rows}) == 5

    dictionary = _rows(out / "data_dictionary.csv")
    described = [d["column"] for d in dictionary if d["file"] == "taps.csv"]
    assert described == list(rows[0].keys())
    assert any(d["file"] == "heatmaps/<prototype>-<screen>[.<languages>].png" for d in dictionary)

    pngs = sorted(p.name for p in (out / "heatmaps").iterdir())
    assert pngs == ["farm-form.png", "farm-help.png", "farm-home.png", "farm-sent.png"]
    assert out / "heatmaps" / "farm-home.png" in files and out / "taps.csv" in files
    home = cv2.imread(str(out / "heatmaps" / "farm-home.png"))
    assert home.shape[1] == 1280 and home.shape[0] > 800  # the screen, then the legend band below it
    grey = cv2.cvtColor(home[:800], cv2.COLOR_BGR2GRAY)
    row, col = np.unravel_index(int(np.argmax(grey)), grey.shape)
    assert abs(col - 153.75) <= 3 and abs(row - 553.75) <= 3


def test_excel_export_of_taps_has_the_byte_order_mark(store, clock, tmp_path: Path) -> None:
    scripted_study(store, tmp_path / "study", clock)
    export_study_csv(store, "example-social-card", tmp_path / "x", excel=True)
    raw = (tmp_path / "x" / "taps.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert len(_rows(tmp_path / "x" / "taps.csv", "utf-8-sig")) == 21
