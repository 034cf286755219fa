"""Tap heatmaps of prototype screens (OpenCV): where participants tapped, drawn over the screen image.

Reading them: the screen is shown dimmed in grey; taps on hotspots (hits) add a Gaussian-blurred density in
INFERNO colours from its midpoint up (red → orange → yellow), whose luminance rises with density, so a
greyscale print still reads "lighter = more taps"; taps outside every hotspot (misses) are not in the
density but each marked with a small cyan cross outlined in black, a hue INFERNO never takes; the hotspots
are outlined thinly in grey. The density is relative (its peak is the lightest colour).

OpenCV and numpy are imported only here, and this module only where a report or export draws a heatmap:
the console's start never pays for them. Reports run on the ordered worker, never on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

from kiosk.prototype.model import Rect

COLORMAP = cv2.COLORMAP_INFERNO
#: the density uses the colour map from here up: its darker half would sink below the dimmed screen
RAMP_FROM = 0.5
#: the dimmed screen's grey levels lie in [DIM_LOW, DIM_HIGH]; the ramp's darkest colour is lighter than DIM_HIGH
DIM_LOW, DIM_HIGH = 20, 90
#: the density's opacity at its peak; it fades to 0 where there are no taps
ALPHA = 0.85
#: Gaussian sigma as a share of the screen's diagonal (about a fingertip on a kiosk screen)
SIGMA_SHARE = 0.015
MISS_BGR = (255, 229, 0)  # cyan
OUTLINE_BGR = (0, 0, 0)
HOTSPOT_BGR = (150, 150, 150)


@dataclass(frozen=True)
class ScreenTaps:
    """What one heatmap shows: a screen's size and image, its hotspots, and the taps on it."""

    width: int
    height: int
    hits: tuple[tuple[float, float], ...]
    misses: tuple[tuple[float, float], ...]
    image: Path | None = None  # missing or unreadable: a plain grey screen
    hotspots: tuple[Rect, ...] = field(default_factory=tuple)


def ramp(steps: int = 256) -> list[tuple[int, int, int]]:
    """The density's colours from least to most, as RGB (for a legend drawn elsewhere, e.g. in a PDF)."""
    levels = np.linspace(RAMP_FROM * 255, 255, steps).round().astype(np.uint8).reshape(1, steps)
    bgr = cv2.applyColorMap(levels, COLORMAP)[0]
    return [(int(r), int(g), int(b)) for b, g, r in bgr]


def density(width: int, height: int, points: Iterable[tuple[float, float]], sigma: float | None = None) -> np.ndarray:
    """Taps per pixel blurred with a Gaussian, scaled so that the peak is 1 (all zero without taps).

    Blurred on a grid ``step`` times coarser (a sixth of sigma: the peak moves by at most half a step, under
    two pixels on a 1280×800 screen) and scaled back up: about thirty times faster than at full size."""
    sigma = sigma or SIGMA_SHARE * float(np.hypot(width, height))
    step = max(1, int(sigma // 6))
    cols, rows = -(-width // step), -(-height // step)
    grid = np.zeros((rows, cols), np.float32)
    for x, y in points:
        if 0 <= x < width and 0 <= y < height:
            grid[int(y) // step, int(x) // step] += 1.0
    blurred = cv2.GaussianBlur(grid, (0, 0), sigmaX=sigma / step, sigmaY=sigma / step, borderType=cv2.BORDER_CONSTANT)
    if step > 1:
        blurred = cv2.resize(blurred, (cols * step, rows * step), interpolation=cv2.INTER_LINEAR)[:height, :width]
    peak = float(blurred.max())
    return blurred / peak if peak > 0 else blurred


def dimmed_screen(image: Path | None, width: int, height: int) -> np.ndarray:
    """The screen image in grey, squeezed into [DIM_LOW, DIM_HIGH], as 3-channel BGR at the screen's size."""
    grey = cv2.imread(str(image), cv2.IMREAD_GRAYSCALE) if image is not None and image.is_file() else None
    if grey is None:
        grey = np.full((height, width), 200, np.uint8)
    elif grey.shape != (height, width):
        grey = cv2.resize(grey, (width, height), interpolation=cv2.INTER_AREA)
    dim = (DIM_LOW + grey.astype(np.float32) * ((DIM_HIGH - DIM_LOW) / 255.0)).astype(np.uint8)
    return cv2.cvtColor(dim, cv2.COLOR_GRAY2BGR)


def render(taps: ScreenTaps, cross: tuple[int, int] | None = None) -> np.ndarray:
    """The heatmap as a BGR image of the screen's size (see the module docstring for what it shows).

    ``cross``: a miss's arm length and cyan stroke in image pixels, for a picture printed at a known size
    (the report's); by default sized for the screen seen at full size.
    """
    base = dimmed_screen(taps.image, taps.width, taps.height)
    heat = density(taps.width, taps.height, taps.hits)
    levels = (RAMP_FROM * 255 + heat * (255 - RAMP_FROM * 255)).round().astype(np.uint8)
    colours = cv2.applyColorMap(levels, COLORMAP).astype(np.float32)
    alpha = (ALPHA * np.clip(heat * 4.0, 0.0, 1.0))[..., None]  # opaque from a quarter of the peak up
    out = (base.astype(np.float32) * (1 - alpha) + colours * alpha).round().astype(np.uint8)
    scale = max(1, round(np.hypot(taps.width, taps.height) / 800))
    for rect in taps.hotspots:
        cv2.rectangle(out, (rect.x, rect.y), (rect.x + rect.width - 1, rect.y + rect.height - 1), HOTSPOT_BGR,
                      scale, cv2.LINE_AA)
    arm, stroke = cross or (5 * scale, scale)
    for x, y in taps.misses:
        centre = (int(round(x)), int(round(y)))
        for colour, thickness in ((OUTLINE_BGR, 3 * stroke), (MISS_BGR, stroke)):
            cv2.line(out, (centre[0] - arm, centre[1] - arm), (centre[0] + arm, centre[1] + arm), colour, thickness,
                     cv2.LINE_AA)
            cv2.line(out, (centre[0] - arm, centre[1] + arm), (centre[0] + arm, centre[1] - arm), colour, thickness,
                     cv2.LINE_AA)
    return out


def with_legend(image: np.ndarray, fewer: str, more: str, miss: str) -> np.ndarray:
    """The heatmap with a legend band below it: the colour ramp from ``fewer`` to ``more`` and a cross for
    ``miss``. OpenCV's fonts have only ASCII letters: exported files use the English words; a PDF draws its
    own legend in the report's language (see ``ramp``)."""
    for text in (fewer, more, miss):
        if not text.isascii():
            raise ValueError(f"the PNG legend can only write ASCII text, not {text!r}")
    height, width = image.shape[:2]
    band_h = max(40, height // 12)
    band = np.full((band_h, width, 3), 255, np.uint8)
    font, size = cv2.FONT_HERSHEY_SIMPLEX, band_h / 70
    thick = max(1, round(size * 2))
    pad = band_h // 4
    bar_w, bar_h = width // 3, band_h // 3
    colours = ramp(bar_w)
    (fw, _), _ = cv2.getTextSize(fewer, font, size, thick)
    x0 = pad + fw + pad
    y0 = (band_h - bar_h) // 2
    for i, (r, g, b) in enumerate(colours):
        band[y0:y0 + bar_h, x0 + i] = (b, g, r)
    cv2.rectangle(band, (x0, y0), (x0 + bar_w - 1, y0 + bar_h - 1), (0, 0, 0), 1)
    baseline = y0 + bar_h
    cv2.putText(band, fewer, (pad, baseline), font, size, (0, 0, 0), thick, cv2.LINE_AA)
    cv2.putText(band, more, (x0 + bar_w + pad, baseline), font, size, (0, 0, 0), thick, cv2.LINE_AA)
    (mw, _), _ = cv2.getTextSize(more, font, size, thick)
    cx, cy, arm = x0 + bar_w + 3 * pad + mw + bar_h // 2, band_h // 2, bar_h // 2
    for colour, thickness in ((OUTLINE_BGR, 3 * thick), (MISS_BGR, thick)):
        cv2.line(band, (cx - arm, cy - arm), (cx + arm, cy + arm), colour, thickness, cv2.LINE_AA)
        cv2.line(band, (cx - arm, cy + arm), (cx + arm, cy - arm), colour, thickness, cv2.LINE_AA)
    cv2.putText(band, miss, (cx + arm + pad, baseline), font, size, (0, 0, 0), thick, cv2.LINE_AA)
    return np.vstack([image, band])


def encode(image: np.ndarray, suffix: str = ".png", width: int | None = None) -> bytes:
    """PNG (lossless, for files) or JPEG (small, for a PDF page), optionally scaled down to ``width``."""
    if width is not None and image.shape[1] > width:
        height = round(image.shape[0] * width / image.shape[1])
        image = cv2.resize(image, (width, height), interpolation=cv2.INTER_AREA)
    params = [cv2.IMWRITE_JPEG_QUALITY, 90] if suffix in (".jpg", ".jpeg") else []
    ok, data = cv2.imencode(suffix, image, params)
    if not ok:
        raise ValueError(f"OpenCV could not encode the heatmap as {suffix}")
    return data.tobytes()


def grey_levels(colours: Sequence[tuple[int, int, int]]) -> list[float]:
    """Luminance (ITU-R BT.601, as a greyscale print or cv2.COLOR_BGR2GRAY computes it) of RGB colours."""
    return [0.299 * r + 0.587 * g + 0.114 * b for r, g, b in colours]
