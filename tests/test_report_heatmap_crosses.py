"""The report's heatmaps mark misses with crosses readable in print (issue 10, second new-user run: on a 1280 px
screen printed 130 mm wide they were 2 mm across, with hairline strokes). Measured on the JPEG the report embeds,
in millimetres on the page."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from kiosk.prototype.model import Screen
from kiosk.reports.heatmaps import MISS_BGR
from kiosk.reports.prototype_section import HEATMAP_PIXELS, HEATMAP_WIDTH, heatmap_jpeg
from reportlab.lib.units import mm


@pytest.mark.parametrize("width, height", [(1280, 800), (1920, 1080), (800, 1280), (2560, 1600)])
def test_a_miss_cross_is_at_least_4_mm_across_with_a_visible_stroke(width: int, height: int) -> None:
    screen = Screen("home", "home.png", width, height)
    centre = (width / 2, height / 2)
    image = cv2.imdecode(np.frombuffer(heatmap_jpeg(screen, Path("/nonexistent.png"), (), (centre,)), np.uint8),
                         cv2.IMREAD_COLOR)
    assert image.shape[1] == min(width, HEATMAP_PIXELS)  # printed HEATMAP_WIDTH wide whatever its pixels
    cyan = np.all(np.abs(image.astype(int) - np.array(MISS_BGR)) < 60, axis=2)
    rows, cols = np.nonzero(cyan)
    page_mm_per_pixel = HEATMAP_WIDTH / mm / image.shape[1]
    across = (cols.max() - cols.min() + 1) * page_mm_per_pixel
    assert across >= 4.0, f"{across:.1f} mm across"
    row = int(np.median(rows))
    stroke = np.count_nonzero(cyan[:, int(np.median(cols))]) * page_mm_per_pixel  # the centre column
    assert stroke >= 0.4, f"{stroke:.2f} mm stroke"
    outline = np.all(image < 60, axis=2)[row]  # the black outline that keeps cyan readable in greyscale
    assert np.count_nonzero(outline) > 0
