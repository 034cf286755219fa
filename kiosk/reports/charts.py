"""Report charts drawn with reportlab's own graphics: horizontal bars with interval whiskers.

Horizontal bars keep long task titles (in either script) readable without rotation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from kiosk.reports.pdf import ACCENT, BAR, FONT, GRID, INK, LIGHT, register_fonts

LABEL_WIDTH = 62 * mm
ROW = 9 * mm
LABEL_LINES = 2  # a bar's label: two lines of 8 pt fit beside a bar of ROW height
LABEL_SIZE = 8


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    low: float | None = None
    high: float | None = None
    marker: float | None = None  # e.g. the expected time


def _fit(text: str, width: float, size: float) -> str:
    if stringWidth(text, FONT, size) <= width:
        return text
    while text and stringWidth(text + "…", FONT, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _label_lines(text: str, width: float, size: float, most: int = LABEL_LINES) -> list[str]:
    """The label in up to ``most`` lines broken between words; only what does not fit then is cut ("…")."""
    lines: list[str] = []
    words = text.split()
    while words and len(lines) < most - 1:
        taken = 1
        while taken < len(words) and stringWidth(" ".join(words[:taken + 1]), FONT, size) <= width:
            taken += 1
        if stringWidth(words[0], FONT, size) > width:
            break  # one word wider than the label: leave it to the last line, which shortens it
        lines.append(" ".join(words[:taken]))
        words = words[taken:]
    if words:
        lines.append(_fit(" ".join(words), width, size))
    return lines


def _drawing(width: float, height: float) -> Drawing:
    """A drawing that starts in DejaVu Sans: by default a drawing opens in Times-Roman, never embedded."""
    return Drawing(width, height, initialFontName=FONT, initialFontSize=8)


def bar_chart(bars: Sequence[Bar], maximum: float, ticks: Sequence[float], tick_label, width: float = 174 * mm) -> Drawing:
    """Bars from 0 to ``maximum`` with whiskers for the interval and an optional ◆ marker."""
    register_fonts()
    height = ROW * len(bars) + 12 * mm
    drawing = _drawing(width, height)
    plot_x, plot_w = LABEL_WIDTH, width - LABEL_WIDTH - 6 * mm
    base_y = 9 * mm

    def x_of(value: float) -> float:
        return plot_x + plot_w * max(0.0, min(value, maximum)) / maximum

    for tick in ticks:
        x = x_of(tick)
        drawing.add(Line(x, base_y, x, height - 2 * mm, strokeColor=GRID, strokeWidth=0.3))
        label = tick_label(tick)
        drawing.add(String(x - stringWidth(label, FONT, 7) / 2, base_y - 8, label, fontName=FONT, fontSize=7,
                           fillColor=INK))
    for i, bar in enumerate(bars):
        y = height - 2 * mm - (i + 1) * ROW
        lines = _label_lines(bar.label, LABEL_WIDTH - 3 * mm, LABEL_SIZE)
        leading = LABEL_SIZE * 1.15
        top = y + ROW * 0.5 + (len(lines) - 1) * leading / 2 - LABEL_SIZE * 0.35  # the lines centred on the bar
        for n, line in enumerate(lines):
            drawing.add(String(0, top - n * leading, line, fontName=FONT, fontSize=LABEL_SIZE, fillColor=INK))
        if bar.value is None:
            continue
        drawing.add(Rect(plot_x, y + ROW * 0.2, x_of(bar.value) - plot_x, ROW * 0.6, fillColor=BAR,
                         strokeColor=ACCENT, strokeWidth=0.6))
        if bar.low is not None and bar.high is not None:
            mid = y + ROW * 0.5
            a, b = x_of(bar.low), x_of(bar.high)
            drawing.add(Line(a, mid, b, mid, strokeColor=INK, strokeWidth=1.2))
            drawing.add(Line(a, mid - 3, a, mid + 3, strokeColor=INK, strokeWidth=1.2))
            drawing.add(Line(b, mid - 3, b, mid + 3, strokeColor=INK, strokeWidth=1.2))
        if bar.marker is not None:
            mx, my, r = x_of(bar.marker), y + ROW * 0.5, 3.2
            drawing.add(Polygon([mx, my - r, mx + r, my, mx, my + r, mx - r, my], fillColor=colors.HexColor("#B34700"),
                                strokeColor=colors.white, strokeWidth=0.5))
    drawing.add(Line(plot_x, base_y, plot_x, height - 2 * mm, strokeColor=INK, strokeWidth=0.6))
    return drawing


def sus_chart(scores: Sequence[float], mean: float | None, low: float | None, high: float | None,
              average_label: str, width: float = 174 * mm) -> Drawing:
    """Each participant's SUS as a dot on 0–100, the mean with its interval, and the average of 68."""
    register_fonts()
    height = 34 * mm
    drawing = _drawing(width, height)
    left, plot_w = 8 * mm, width - 16 * mm
    axis_y = 9 * mm

    def x_of(value: float) -> float:
        return left + plot_w * value / 100

    for band_low, band_high, shade in ((0, 51.7, "#F3E3E3"), (51.7, 68, "#F7F0DC"), (68, 80.8, "#E3EEE3"),
                                       (80.8, 100, "#D5E8D5")):
        drawing.add(Rect(x_of(band_low), axis_y, x_of(band_high) - x_of(band_low), height - axis_y - 3 * mm,
                         fillColor=colors.HexColor(shade), strokeColor=None))
    for tick in range(0, 101, 10):
        drawing.add(Line(x_of(tick), axis_y - 2, x_of(tick), axis_y, strokeColor=INK, strokeWidth=0.5))
        label = str(tick)
        drawing.add(String(x_of(tick) - stringWidth(label, FONT, 7) / 2, axis_y - 9, label, fontName=FONT, fontSize=7))
    drawing.add(Line(left, axis_y, left + plot_w, axis_y, strokeColor=INK, strokeWidth=0.6))
    counts: dict[float, int] = {}
    for score in sorted(scores):
        stack = counts.get(score, 0)
        counts[score] = stack + 1
        drawing.add(Circle(x_of(score), axis_y + 4 * mm + stack * 2.4 * mm, 1.1 * mm, fillColor=GRID,
                           strokeColor=INK, strokeWidth=0.3))
    avg_x = x_of(68)
    drawing.add(Line(avg_x, axis_y, avg_x, height - 3 * mm, strokeColor=colors.HexColor("#B34700"), strokeWidth=1.2,
                     strokeDashArray=[3, 2]))
    drawing.add(String(avg_x + 2, height - 6 * mm, average_label, fontName=FONT, fontSize=7,
                       fillColor=colors.HexColor("#7A3000")))
    if mean is not None:
        bar_y = height - 10 * mm
        if low is not None and high is not None:
            drawing.add(Rect(x_of(low), bar_y - 1.5 * mm, x_of(high) - x_of(low), 3 * mm, fillColor=LIGHT,
                             strokeColor=ACCENT, strokeWidth=0.8))
        drawing.add(Line(x_of(mean), bar_y - 3 * mm, x_of(mean), bar_y + 3 * mm, strokeColor=ACCENT, strokeWidth=2.5))
    return drawing
