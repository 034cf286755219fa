"""The study report's prototype section, read back from the PDF with pdftotext, in English and Serbian (issue 10)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import cv2
import numpy as np
import pytest

from kiosk.reports.dataset import collect_study
from kiosk.reports.study_report import write_study_report
from prototype_study import scripted_study

pytestmark = pytest.mark.slow

#: the figures worked out by hand in tests/prototype_study.py, as each language writes them
EXPECTED = {
    "en": ["Prototype: Check eligibility", "5 attempts on the prototype.",
           "Direct success (an expected path) 2 40% 12%–77%", "Indirect success (another way) 1 20% 2%–64%",
           "Reached the goal with help 1 20% 2%–64%", "Did not reach the goal 1 20% 2%–64%",
           "Misclick rate: 24% (5 of 21 taps outside every hotspot).",
           "First click on an expected path: 20% (95% interval 2%–64%); median time to the first click: 1.5 s.",
           "Mean lostness of the attempts that reached the goal: 0.06 (Smith 1996: 0 is a straight path; above 0.4",
           "form 6 1 17% 2.1 s", "help 2 0 0% 1.9 s", "home 9 4 44% 2.0 s", "sent 4 0 0% —",
           "home → form → sent 3 60%", "home → form → help → form 1 20%", "home → help → form → sent 1 20%",
           "fewer taps", "more taps", "a tap outside every hotspot",
           "Taps on the screen “home”: 5 taps on hotspots (lighter where more fell); 4 taps outside every hotspot (crosses)."],
    "sr-Cyrl": ["Прототип: Провера права на помоћ", "5 покушаја на прототипу.",
                "Директан успех (очекиваним путем) 2 40% 12%–77%", "Индиректан успех (другим путем) 1 20% 2%–64%",
                "Циљ достигнут уз помоћ 1 20% 2%–64%", "Циљ није достигнут 1 20% 2%–64%",
                "Стопа промашаја: 24% (5 од 21 додира ван свих активних зона).",
                "медијана времена до првог додира: 1,5 с.", "Просечна изгубљеност у покушајима који су стигли до циља: 0,06 (Смит 1996",
                "изнад 0,4 учесници", "home 9 4 44% 2,0 с", "help 2 0 0% 1,9 с", "home → form → help → form 1 20%",
                "мање додира", "више додира", "Додири на екрану „home”: 5 додира на активним зонама"],
    "sr-Latn": ["Prototip: Provera prava na pomoć", "5 pokušaja na prototipu.",
                "Direktan uspeh (očekivanim putem) 2 40% 12%–77%", "Cilj dostignut uz pomoć 1 20% 2%–64%",
                "Stopa promašaja: 24% (5 od 21 dodira van svih aktivnih zona).", "Prosečna izgubljenost u pokušajima koji su stigli do cilja: 0,06",
                "home → form → help → form 1 20%", "manje dodira", "više dodira"],
}


@pytest.mark.parametrize("lang", ["en", "sr-Cyrl", "sr-Latn"])
def test_the_report_shows_the_hand_computed_prototype_figures(store, clock, tmp_path: Path, lang: str) -> None:
    scripted_study(store, tmp_path / "study", clock)
    out = write_study_report(collect_study(store, "example-social-card"), tmp_path / f"r-{lang}.pdf", lang)
    text = " ".join(subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    for expected in EXPECTED[lang]:
        assert expected in text
    if lang == "sr-Latn":  # one script: no Cyrillic letter anywhere on a Latin report
        assert not any("\u0400" <= ch <= "\u04ff" for ch in text)
    images = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True, text=True, check=True).stdout
    heatmaps = [line.split() for line in images.splitlines()[2:]]
    assert [(row[3], row[4], row[8]) for row in heatmaps] == [("1000", "625", "jpeg")]  # the start screen only
    subprocess.run(["pdfimages", "-j", str(out), str(tmp_path / "img")], check=True)
    (jpeg,) = tmp_path.glob("img-*.jpg")
    grey = cv2.GaussianBlur(cv2.imread(str(jpeg), cv2.IMREAD_GRAYSCALE), (0, 0), 2)  # JPEG noise aside
    row, col = np.unravel_index(int(np.argmax(grey)), grey.shape)
    scale = 1000 / 1280  # the 1280×800 screen embedded 1000 pixels wide
    assert abs(col - 153.75 * scale) <= 3 and abs(row - 553.75 * scale) <= 3  # the four taps on "apply"


def test_a_study_without_prototype_tasks_has_no_such_section(store, clock, tmp_path: Path) -> None:
    from prototype_study import play, write_plan
    from kiosk.session import Outcome
    from kiosk.study import load_plan

    study = load_plan(write_plan(tmp_path / "study", "expected_minutes = 4\n"))
    play(store, study, clock, "P-0101", 1, [], Outcome.FAILED)
    results = collect_study(store, "example-social-card")
    assert results.prototype_tasks == ()
    out = write_study_report(results, tmp_path / "r.pdf", "en")
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "Prototype:" not in text and "Misclick" not in text
