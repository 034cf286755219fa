"""The report's screen and path tables name each screen by its title, in the report's language, with the id
that taps.csv uses in small type beneath it (issue 10, new-user run: a reader saw ``apply-1`` where they wanted
"Application form", but still needs the id to find the taps in the export)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from kiosk.reports.dataset import collect_study
from kiosk.reports.study_report import write_study_report
from prototype_study import SCRIPT, play
from kiosk.study import load_plan
from prototype_study import write_plan

pytestmark = pytest.mark.slow

TITLES = {"home": ("Start page", "Почетна страна", "Kezdőlap"), "form": ("Application form", "Образац захтева", "Kérelem"),
          "sent": ("Application sent", "Захтев послат", "Elküldve")}  # help keeps no title: its id is its name


def _study_with_titles(store, clock, tmp_path: Path):
    plan = write_plan(tmp_path / "study")
    toml_path = plan.parent / "prototypes" / "farm" / "prototype.toml"
    toml = toml_path.read_text(encoding="utf-8")
    for screen, (en, sr, hu) in TITLES.items():
        toml = toml.replace(f'image = "{screen}.png"\n',
                            f'image = "{screen}.png"\ntitle = {{ en = "{en}", sr-Cyrl = "{sr}", hu = "{hu}" }}\n', 1)
    toml_path.write_text(toml, encoding="utf-8")
    study = load_plan(plan)
    for number, (code, (steps, outcome)) in enumerate(SCRIPT.items(), start=1):
        play(store, study, clock, code, number, steps, outcome)
    return study


def _words(pdf: Path) -> list[tuple[str, float, float]]:
    """(word, top, height) of every word, from pdftotext's bounding boxes."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [(m[4], float(m[2]), float(m[3]) - float(m[2]))
            for m in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>',
                                html)
            for m in [(m[0], m[0], m[1], m[2], m[3])]]


@pytest.mark.parametrize("lang, home, form", [("en", "Start page", "Application form"),
                                              ("sr-Cyrl", "Почетна страна", "Образац захтева")])
def test_screen_and_path_tables_show_titles_with_the_id_in_small_type(store, clock, tmp_path: Path, lang: str,
                                                                      home: str, form: str) -> None:
    _study_with_titles(store, clock, tmp_path)
    out = write_study_report(collect_study(store, "example-social-card"), tmp_path / "r.pdf", lang)
    text = " ".join(subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert f"{home} 9 4 44%" in text  # the screen table's row
    assert f"{home} → {form} →" in text  # the paths, by name
    assert "help 2 0 0%" in text  # a screen without a title is named by its id, once
    words = _words(out)
    title_height = next(h for w, _, h in words if w == home.split()[0])
    ids = [(top, h) for w, top, h in words if w == "home"]
    assert ids, "the id that taps.csv uses is on the page"
    assert all(h < title_height * 0.9 for _, h in ids)  # in small type
    assert any(w == "home" and any(w2 == "→" for w2, t2, _ in words if abs(t2 - top) < 1) for w, top, _ in words), \
        "the path's ids are given too"
