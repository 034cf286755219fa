"""How long prototype metrics and tap heatmaps take for 30 participants (issue 10): a timing, not a test.

    .venv/bin/python bench/heatmaps.py

Thirty scripted participants tap the tests' farm prototype (tests/prototype_study.py's five scripts, six times
over, jittered so that no two taps coincide); prints the time to collect the dataset, to draw one heatmap, to
write the study report (which draws the start screen's heatmap) and to export the CSVs with every heatmap.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
os.environ.setdefault("UX_KIOSK_HOME", tempfile.mkdtemp())

from kiosk.reports.dataset import collect_study  # noqa: E402
from kiosk.reports.heatmaps import ScreenTaps, render  # noqa: E402
from kiosk.reports.study_report import write_study_report  # noqa: E402
from kiosk.reports.tabular import export_study_csv  # noqa: E402
from kiosk.session.clock import SimulatedClock  # noqa: E402
from kiosk.store import Store  # noqa: E402
from kiosk.study import load_plan  # noqa: E402
from prototype_study import SCRIPT, play, write_plan  # noqa: E402


def timed(label: str, action, repeat: int = 1):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    print(f"{label:<52} {statistics.median(times) * 1000:8.0f} ms (median of {repeat})")
    return result


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    store = Store(folder / "kiosk.sqlite3")
    clock = SimulatedClock(datetime(2026, 11, 2, 9, 0, tzinfo=UTC))
    study = load_plan(write_plan(folder / "study"))
    rng = random.Random(1)
    scripts = list(SCRIPT.values())
    for number in range(1, 31):
        steps, outcome = scripts[(number - 1) % len(scripts)]
        jittered = [s if s == "hint" else (s[0] + rng.randint(-8, 8), s[1] + rng.randint(-8, 8), s[2]) for s in steps]
        play(store, study, clock, f"P-{number:04d}", number, jittered, outcome)
    results = timed("collect_study (30 participants, prototype metrics)", lambda: collect_study(store, study.id), 5)
    (stats,) = results.prototype_tasks
    hits, misses = stats.screen_taps("home")
    screen = study.prototypes["farm"].screen("home")
    taps = ScreenTaps(screen.width, screen.height, tuple((t.x, t.y) for t in hits), tuple((t.x, t.y) for t in misses),
                      study.prototypes["farm"].image_path("home", "en"), tuple(h.rect for h in screen.hotspots))
    print(f"home screen: {len(hits)} hits, {len(misses)} misses, 1280x800")
    timed("render one heatmap (1280x800)", lambda: render(taps), 10)
    timed("study report PDF (en, one heatmap)", lambda: write_study_report(results, folder / "r.pdf", "en"), 3)
    timed("export-csv with taps.csv and 4 heatmap PNGs", lambda: export_study_csv(store, study.id, folder / "x"), 3)
    store.close()


if __name__ == "__main__":
    main()
