"""Reports that stay right across plan versions, survive long text, and exports a spreadsheet cannot run."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest

from kiosk.metrics import sus_score
from kiosk.reports.dataset import collect_study
from kiosk.resources import demo_plan_path
from kiosk.study import load_plan_text
from sessions_helper import run_session

#: SUS answers that score 47.5 with the all-positive wording and 72.5 with the standard one
SUS_ANSWERS = (4, 2, 4, 2, 4, 2, 4, 2, 3, 2)


def _demo_variant(version: str, sus_version: str, extra: str = ""):
    text = demo_plan_path().read_text(encoding="utf-8")
    text = text.replace('version = "1.0"', f'version = "{version}"', 1)
    text = text.replace('sus_version = "standard"', f'sus_version = "{sus_version}"', 1)
    if extra:
        text = text.replace("[study]\n", f"[study]\n{extra}\n", 1)
    return load_plan_text(text, f"plan-{version}.toml")


def test_each_session_is_scored_with_its_own_plan_sus_rule(store, clock) -> None:
    assert sus_score(SUS_ANSWERS, "all_positive") == 47.5 and sus_score(SUS_ANSWERS) == 72.5
    old = _demo_variant("1.0", "all_positive")
    new = _demo_variant("1.1", "standard")
    run_session(store, old, "P-0001", clock, sus=SUS_ANSWERS)
    clock.advance(3600)
    run_session(store, new, "P-0002", clock, sus=SUS_ANSWERS)
    results = collect_study(store, old.id)
    assert results.study.version == "1.1"  # the latest plan still frames the report
    assert sorted(results.sus_scores) == [47.5, 72.5]
    assert results.sus.value == pytest.approx(60.0)
    group_sus = [g.sus.value for g in results.groups if g.participants]
    assert group_sus and all(v == pytest.approx(60.0) for v in group_sus)  # both chose the first choices
