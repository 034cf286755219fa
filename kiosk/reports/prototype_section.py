"""The study report's section on each prototype task: path outcomes with intervals, misclicks, first click,
lostness, the paths taken, and heatmaps of the start screen and of screens with many misses (issue 10).

Everything on the page goes through the report's :class:`ReportWriter` (plurals, the language's numbers, one
script); the heatmaps are drawn by ``kiosk.reports.heatmaps`` (OpenCV, imported here only when a study has a
prototype task), and their legend is drawn here in the report's language, since OpenCV writes only ASCII.
"""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Image, KeepTogether, Paragraph, Spacer

from kiosk.prototype.metrics import Rate
from kiosk.prototype.model import Prototype, Screen
from kiosk.reports.pdf import FONT, INK, styles
from kiosk.reports.prototype_dataset import PrototypeTaskStats, flow_order, top_paths
from kiosk.reports.tap_images import by_image, has_language_images
from kiosk.reports.wording import ReportWriter

#: the width of a heatmap on the page, and of the JPEG embedded for it (about 200 dpi)
HEATMAP_WIDTH = 130 * mm
HEATMAP_PIXELS = 1000
#: a miss's cross on the printed page: arm length and cyan stroke (about 5 mm across, readable at arm's length)
CROSS_ARM, CROSS_STROKE = 2.5 * mm, 0.5 * mm
#: a screen id beneath its title in the tables: smaller and greyer than the cell's 8 pt text, still legible
ID_SIZE, ID_COLOUR = 6.5, "#555555"


def prototype_sections(stats: tuple[PrototypeTaskStats, ...], prototypes: dict[str, Prototype], w: ReportWriter,
                       task_title: Callable[[str], str]) -> list[Flowable]:
    out: list[Flowable] = []
    for task in stats:
        out += _Section(task, prototypes.get(task.prototype), w).flowables(task_title(task.task_id))
    return out


def heatmap_jpeg(screen: Screen, image: Path, hits: tuple[tuple[float, float], ...],
                 misses: tuple[tuple[float, float], ...]) -> bytes:
    """One screen's heatmap as the report embeds it, its miss crosses sized for the printed width."""
    from kiosk.reports.heatmaps import ScreenTaps, encode, render  # OpenCV: only when there is one to draw

    pixels_per_point = screen.width / HEATMAP_WIDTH
    cross = (max(1, round(CROSS_ARM * pixels_per_point)), max(1, round(CROSS_STROKE * pixels_per_point)))
    taps = ScreenTaps(screen.width, screen.height, hits, misses, image, tuple(h.rect for h in screen.hotspots))
    return encode(render(taps, cross), ".jpg", HEATMAP_PIXELS)


class _Section:
    def __init__(self, stats: PrototypeTaskStats, prototype: Prototype | None, w: ReportWriter) -> None:
        self.s, self.prototype, self.w = stats, prototype, w

    def screen_name(self, screen_id: str) -> str:
        screen = self.prototype.screens.get(screen_id) if self.prototype else None
        return (screen.title.get_or_fallback(self.w.lang) if screen else "") or screen_id

    def named(self, screens: tuple[str, ...]) -> str | Paragraph:
        """Screens by title (what a reader recognises), with their ids in small type beneath where a title differs:
        the ids are what taps.csv and the heatmap files use."""
        names = " → ".join(self.screen_name(s) for s in screens)
        ids = " → ".join(screens)
        if names == ids:
            return names
        return Paragraph(f"{escape(self.w.script(names))}<br/><font size={ID_SIZE} color='{ID_COLOUR}'>"
                         f"{escape(ids)}</font>", styles()["cell"])

    def flowables(self, title: str) -> list[Flowable]:
        s, w = self.s, self.w
        n = len(s.attempts)
        out: list[Flowable] = [w.para(w.t("report.proto_heading", task=title), "h2"),
                               w.para(w.n("report.proto_intro", n))]
        if not n:
            return out
        out += [self._outcomes(), Spacer(1, 3 * mm)]
        m = s.metrics
        taps = sum(t for _, t in s.by_screen.values())
        misses = sum(missed for missed, _ in s.by_screen.values())
        out.append(w.para(w.t("report.proto_misclicks", rate=w.pct(m.misclick_rate), misses=misses, taps=taps)))
        first = m.first_click_success
        median = None if m.median_first_click_ms is None else m.median_first_click_ms / 1000
        out.append(w.para(w.t("report.proto_first_click", rate=w.pct(first.value if first.n else None),
                              low=w.pct(first.low), high=w.pct(first.high),
                              time=w.t("report.seconds", value=w.num(median)))))
        out.append(w.para(w.t("report.proto_lostness", value=w.num(m.mean_lostness, 2), limit=w.num(0.4))))
        out += [self._by_screen(), Spacer(1, 3 * mm), self._paths(), Spacer(1, 3 * mm)]
        out += self._heatmaps()
        return out

    def _outcomes(self):
        s, w = self.s, self.w
        rows: list[tuple[str, Rate]] = [(w.t("report.proto_direct"), s.direct), (w.t("report.proto_indirect"), s.indirect),
                                        (w.t("report.proto_assisted"), s.assisted), (w.t("report.proto_gave_up"), s.gave_up)]
        shares = w.shares([r.count for _, r in rows])
        table: list[tuple[object, ...]] = [(w.t("report.proto_col_outcome"), w.t("report.count"), w.t("report.share"),
                                            w.t("report.col_ci"))]
        table += [(label, r.count, share, w.range(r.low, r.high, w.pct)) for (label, r), share in zip(rows, shares)]
        return w.table(table, [80 * mm, 22 * mm, 22 * mm, 34 * mm], align="LEFT")

    def _by_screen(self):
        w = self.w
        rows: list[tuple[object, ...]] = [(w.t("report.proto_col_screen"), w.t("report.proto_col_taps"),
                                           w.t("report.proto_col_misses"), w.t("report.proto_col_misclick"),
                                           w.t("report.proto_col_dwell"))]
        for screen in flow_order(self.prototype, self.s.start, self.s.by_screen):
            misses, taps = self.s.by_screen[screen]
            dwell = self.s.median_dwell_ms(screen)
            rows.append((self.named((screen,)), taps, misses, w.pct(misses / taps if taps else None),
                         w.t("report.none") if dwell is None else w.t("report.seconds", value=w.num(dwell / 1000))))
        return w.table(rows, [62 * mm, 20 * mm, 22 * mm, 26 * mm, 34 * mm], align="LEFT")

    def _paths(self):
        w = self.w
        shown, others, other_attempts = top_paths(self.s.metrics.paths)
        labelled: list[tuple[str | Paragraph, int]] = [(self.named(path), count) for path, count in shown]
        if others:
            labelled.append((w.n("report.proto_other_paths", others), other_attempts))
        shares = w.shares([count for _, count in labelled])
        rows: list[tuple[object, ...]] = [(w.t("report.proto_col_path"), w.t("report.count"), w.t("report.share"))]
        rows += [(label, count, share) for (label, count), share in zip(labelled, shares)]
        return w.table(rows, [114 * mm, 22 * mm, 22 * mm], align="LEFT")

    def _heatmaps(self) -> list[Flowable]:
        if self.prototype is None:
            return []
        out: list[Flowable] = []
        for screen_id in self.s.heatmap_screens():
            screen = self.prototype.screens.get(screen_id)
            if screen is None:
                continue
            hits, misses = self.s.screen_taps(screen_id)
            # over the image most of the taps were made on, not the report's language's: the taps fell on that one
            groups = by_image(screen, self.s.language_taps(screen_id))
            image = groups[0].image if groups else screen.image_for(self.w.lang)
            jpeg = heatmap_jpeg(screen, self.prototype.folder / image, tuple((t.x, t.y) for t in hits),
                                tuple((t.x, t.y) for t in misses))
            picture = Image(BytesIO(jpeg), HEATMAP_WIDTH, HEATMAP_WIDTH * screen.height / screen.width)
            picture.hAlign = "LEFT"
            caption = self.w.t("report.proto_heatmap", screen=self.screen_name(screen_id),
                               hits=self.w.n("count.taps", len(hits)), misses=self.w.n("count.missed_taps", len(misses)))
            if groups and has_language_images(screen):
                names = ", ".join(self.w.catalog.language_name(tag, self.w.lang, in_sentence=True)
                                  for tag in groups[0].languages)
                caption += " " + self.w.t("report.proto_heatmap_version", languages=names, made=len(groups[0].taps),
                                          total=len(hits) + len(misses))
            out.append(KeepTogether([picture, self._legend(), self.w.para(caption, "caption")]))
        return out

    def _legend(self) -> Drawing:
        from kiosk.reports.heatmaps import MISS_BGR, ramp

        w = self.w
        fewer, more, miss = (w.script(w.t(k)) for k in ("report.heatmap_fewer", "report.heatmap_more", "report.heatmap_miss"))
        drawing = Drawing(HEATMAP_WIDTH, 8 * mm, initialFontName=FONT, initialFontSize=7.5)
        x = stringWidth(fewer, FONT, 7.5) + 2 * mm
        drawing.add(String(0, 2.6 * mm, fewer, fontName=FONT, fontSize=7.5, fillColor=INK))
        bar, steps = 40 * mm, 64
        for i, (r, g, b) in enumerate(ramp(steps)):
            drawing.add(Rect(x + i * bar / steps, 1.5 * mm, bar / steps + 0.2, 4 * mm, strokeColor=None,
                             fillColor=colors.Color(r / 255, g / 255, b / 255)))
        x += bar + 2 * mm
        drawing.add(String(x, 2.6 * mm, more, fontName=FONT, fontSize=7.5, fillColor=INK))
        x += stringWidth(more, FONT, 7.5) + 6 * mm
        cyan = colors.Color(MISS_BGR[2] / 255, MISS_BGR[1] / 255, MISS_BGR[0] / 255)
        for colour, width in ((colors.black, 2.4), (cyan, 1.0)):
            drawing.add(Line(x, 1.5 * mm, x + 4 * mm, 5.5 * mm, strokeColor=colour, strokeWidth=width))
            drawing.add(Line(x, 5.5 * mm, x + 4 * mm, 1.5 * mm, strokeColor=colour, strokeWidth=width))
        drawing.add(String(x + 6 * mm, 2.6 * mm, miss, fontName=FONT, fontSize=7.5, fillColor=INK))
        return drawing
