"""Tap heatmaps (OpenCV): readable in greyscale, hot where the taps were, misses marked apart (issue 10)."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from kiosk.prototype.model import Rect
from kiosk.reports.dataset import collect_study
from kiosk.reports.heatmaps import DIM_HIGH, MISS_BGR, ScreenTaps, density, encode, grey_levels, ramp, render, \
    with_legend
from prototype_fixtures import write_png
from prototype_study import scripted_study


def test_the_colour_ramp_gets_lighter_with_density_so_greyscale_prints_read() -> None:
    grey = grey_levels(ramp())
    assert all(b >= a for a, b in zip(grey, grey[1:])), "grey levels must never fall as density rises"
    assert grey[-1] - grey[0] > 120
    assert grey[0] > DIM_HIGH  # the least density is still lighter than the lightest part of the dimmed screen


def test_on_a_white_screen_grey_falls_steadily_away_from_the_hot_spot(tmp_path: Path) -> None:
    image = write_png(tmp_path / "white.png", 400, 300, (255, 255, 255))
    out = render(ScreenTaps(400, 300, ((200.0, 150.0),) * 3, (), image))
    row = cv2.cvtColor(out, cv2.COLOR_BGR2GRAY)[150, 200:].astype(int)
    assert row[0] > 215 and row[-1] <= DIM_HIGH + 1  # hot spot light, untapped screen dimmed
    assert all(b <= a + 1 for a, b in zip(row, row[1:])), "luminance must fall with density (±1 rounding)"


def test_the_hottest_pixel_is_where_the_scripted_taps_were(store, clock, tmp_path: Path) -> None:
    study = scripted_study(store, tmp_path / "study", clock)
    (stats,) = collect_study(store, "example-social-card").prototype_tasks
    hits, misses = stats.screen_taps("home")
    screen = study.prototypes["farm"].screen("home")
    taps = ScreenTaps(screen.width, screen.height, tuple((t.x, t.y) for t in hits), tuple((t.x, t.y) for t in misses),
                      study.prototypes["farm"].image_path("home", "en"), tuple(h.rect for h in screen.hotspots))
    out = render(taps)
    assert out.shape == (800, 1280, 3)
    grey = cv2.cvtColor(out, cv2.COLOR_BGR2GRAY)
    row, col = np.unravel_index(int(np.argmax(grey)), grey.shape)
    # four hits on "apply" at (150,550), (160,560), (150,550), (155,555): their centre is (153.75, 553.75)
    assert abs(col - 153.75) <= 3 and abs(row - 553.75) <= 3
    # misses are cyan crosses, not density: the centre of the cross at (700, 200) is cyan
    assert tuple(int(v) for v in out[200, 700]) == MISS_BGR
    assert density(1280, 800, [(700, 200)])[200, 700] > 0.99  # (density alone would put a peak there)


def test_legend_png_and_jpeg(tmp_path: Path) -> None:
    out = with_legend(render(ScreenTaps(640, 400, ((100.0, 100.0),), ((300.0, 300.0),), None,
                                        (Rect(50, 50, 100, 100),))), "fewer taps", "more taps", "miss")
    assert out.shape[0] > 400 and out.shape[1] == 640
    png = cv2.imdecode(np.frombuffer(encode(out), np.uint8), cv2.IMREAD_COLOR)
    assert png.shape == out.shape and np.array_equal(png, out)  # PNG is lossless
    small = cv2.imdecode(np.frombuffer(encode(out, ".jpg", width=320), np.uint8), cv2.IMREAD_COLOR)
    assert small.shape[1] == 320
    try:
        with_legend(out, "мање", "више", "промашај")
    except ValueError as exc:
        assert "ASCII" in str(exc)
    else:
        raise AssertionError("Cyrillic would be drawn as question marks by OpenCV")
