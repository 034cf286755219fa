"""The README and the data dictionary say what the code does (issue 10, second new-user run): the heatmap files are
named with the languages whose taps they show, and the demo's sessions are read with ``--data-dir <data>/demo``."""

from __future__ import annotations

import re
from pathlib import Path

from kiosk.paths import DEMO_FOLDER
from kiosk.reports.tabular import TAPS
from kiosk.reports.tap_export import HEATMAP_FOLDER, HEATMAP_NAME

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _command_line_section() -> str:
    return README.split("## Command line", 1)[1].split("\n## ", 1)[0]


def test_every_heatmap_file_name_in_the_readme_is_the_codes() -> None:
    named = re.findall(r"heatmaps/[^`\s]+", README)
    assert named, "the README names the heatmap files"
    assert set(named) == {f"{HEATMAP_FOLDER}/{HEATMAP_NAME}"}, named


def test_the_data_dictionary_names_the_heatmaps_as_written() -> None:
    prototype = next(c for c in TAPS if c.name == "prototype")
    assert f"{HEATMAP_FOLDER}/{HEATMAP_NAME}" in prototype.description
    assert "<screen>.png" not in prototype.description


def test_the_command_line_section_says_how_to_read_the_demos_sessions() -> None:
    section = _command_line_section()
    report_line = next(line for line in section.splitlines() if "report --study demo-farm-subsidy" in line)
    assert f"--data-dir ~/.local/share/ux-kiosk/{DEMO_FOLDER} " in report_line, report_line
    assert f"--data-dir <data folder>/{DEMO_FOLDER}" in section
