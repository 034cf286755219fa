"""Heatmaps are drawn over the image the taps were made on (issue 10, new-user run): a screen with its own
English image gets one heatmap per image in ``export-csv`` (named after the languages), taps.csv says which
language and image each tap was made on, and the report draws a screen over the image most of its taps were
made on and says which.

Three participants on the farm prototype whose ``home`` has a black English image beside its light default:
P-0101 in Serbian Cyrillic (home: apply), P-0102 in English (home: miss, apply), P-0103 starting in Serbian
Cyrillic (home: miss), then switching to English (home: apply). Home taps: 2 on the Serbian (default) image,
3 on the English one.
"""

from __future__ import annotations

import csv
import subprocess
from pathlib import Path

import cv2
import pytest

from kiosk.reports.dataset import collect_study
from kiosk.reports.heatmaps import DIM_HIGH, DIM_LOW
from kiosk.reports.study_report import write_study_report
from kiosk.reports.tabular import export_study_csv
from kiosk.session import Outcome, SessionEngine, Step
from kiosk.study import load_plan
from prototype_fixtures import write_png
from prototype_study import APPLY, RECEIPT, SEND, to_the_task, write_plan

MISS = (700, 200)
#: code → (language at the start, taps as (x, y) or a language to switch to)
SCRIPT = {
    "P-0101": ("sr-Cyrl", [APPLY, SEND, RECEIPT]),
    "P-0102": ("en", [MISS, APPLY, SEND, RECEIPT]),
    "P-0103": ("sr-Cyrl", [MISS, "en", APPLY, SEND, RECEIPT]),
}


def _study(store, clock, tmp_path: Path):
    plan = write_plan(tmp_path / "study")
    folder = plan.parent / "prototypes" / "farm"
    write_png(folder / "home.en.png", 1280, 800, (0, 0, 0))
    toml = (folder / "prototype.toml").read_text(encoding="utf-8")
    (folder / "prototype.toml").write_text(
        toml.replace('image = "home.png"\n', 'image = "home.png"\nimages = { en = "home.en.png" }\n', 1), "utf-8")
    study = load_plan(plan)
    for number, (code, (language, steps)) in enumerate(SCRIPT.items(), start=1):
        engine = SessionEngine.start(store, study, code, clock, facilitator="F1", participant_number=number,
                                     language=language)
        to_the_task(engine)
        navigator = engine.prototype.navigator()
        for step in steps:
            if isinstance(step, str):
                engine.choose_language(step)
                continue
            clock.advance(1.0)
            engine.prototype.record_tap(navigator.tap(step[0], step[1], 1000))
        if engine.step is Step.RUNNING:
            engine.end_task()
            engine.record_outcome(Outcome.SUCCESS, "")
    return study


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _corner_grey(path: Path) -> int:
    """The grey level of an untapped corner of a heatmap: the dimmed screen image alone."""
    return int(cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)[780, 1260])


def test_export_draws_each_screen_over_the_image_its_taps_were_made_on(store, clock, tmp_path: Path) -> None:
    _study(store, clock, tmp_path)
    out = tmp_path / "export"
    export_study_csv(store, "example-social-card", out)
    taps = [r for r in _rows(out / "taps.csv") if r["screen"] == "home"]
    assert [(r["participant_code"], r["language"], r["image"]) for r in taps] == [
        ("P-0101", "sr-Cyrl", "home.png"), ("P-0102", "en", "home.en.png"), ("P-0102", "en", "home.en.png"),
        ("P-0103", "sr-Cyrl", "home.png"), ("P-0103", "en", "home.en.png")]
    form = next(r for r in _rows(out / "taps.csv") if r["screen"] == "form")
    assert form["image"] == "form.png"

    pngs = sorted(p.name for p in (out / "heatmaps").iterdir())
    assert pngs == ["farm-form.png", "farm-home.en.png", "farm-home.sr-Cyrl.png", "farm-sent.png"]
    english, serbian = out / "heatmaps" / "farm-home.en.png", out / "heatmaps" / "farm-home.sr-Cyrl.png"
    assert _corner_grey(english) == DIM_LOW  # the black English image, dimmed
    assert _corner_grey(serbian) > DIM_HIGH - 10  # the light default image, dimmed
    dictionary = _rows(out / "data_dictionary.csv")
    assert {"language", "image"} <= {d["column"] for d in dictionary if d["file"] == "taps.csv"}
    (note,) = [d for d in dictionary if d["file"].startswith("heatmaps/")]
    assert note["file"] == "heatmaps/<prototype>-<screen>[.<languages>].png"
    assert "language" in note["description"]


@pytest.mark.slow
def test_the_report_draws_a_screen_over_the_image_most_taps_were_made_on(store, clock, tmp_path: Path) -> None:
    _study(store, clock, tmp_path)
    out = write_study_report(collect_study(store, "example-social-card"), tmp_path / "r.pdf", "sr-Cyrl")
    text = " ".join(subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert "Нацртано преко екрана какав је приказан на језику: енглески; на тој верзији направљено је 3 од 5 додира." \
        in text
    subprocess.run(["pdfimages", "-j", str(out), str(tmp_path / "img")], check=True)
    (jpeg,) = tmp_path.glob("img-*.jpg")
    grey = cv2.imread(str(jpeg), cv2.IMREAD_GRAYSCALE)
    assert abs(int(grey[-5, -5]) - DIM_LOW) <= 4  # the English (black) image, although the report is Serbian
