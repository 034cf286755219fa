"""Shared PDF plumbing: DejaVu fonts (Cyrillic and Latin), paragraph styles, page frame, number formats."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

from kiosk.i18n import Catalog
from kiosk.paths import private_file
from kiosk.reports.layout import KeptTable, fit_header, keep_headings_with_next
from kiosk.text import printable
from kiosk.resources import font_path

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
INK = colors.HexColor("#111111")
ACCENT = colors.HexColor("#0B3D91")
BAR = colors.HexColor("#7F9CCF")
LIGHT = colors.HexColor("#E6ECF5")
GRID = colors.HexColor("#9AA5B8")


@lru_cache(maxsize=1)
def register_fonts() -> None:
    """Helvetica has no Cyrillic (and no ć or Đ); DejaVu Sans covers both scripts."""
    pdfmetrics.registerFont(TTFont(FONT, str(font_path("DejaVuSans.ttf"))))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(font_path("DejaVuSans-Bold.ttf"))))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)


@lru_cache(maxsize=1)
def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13, textColor=INK, alignment=TA_LEFT,
                          spaceAfter=4)
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8, leading=10.5),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8, leading=10, spaceAfter=0),
        "cell_bold": ParagraphStyle("cell_bold", parent=body, fontName=FONT_BOLD, fontSize=8, leading=10, spaceAfter=0),
        "large": ParagraphStyle("large", parent=body, fontSize=13, leading=18),
        "cell_large": ParagraphStyle("cell_large", parent=body, fontSize=12, leading=16, spaceAfter=0),
        "title": ParagraphStyle("title", parent=body, fontName=FONT_BOLD, fontSize=22, leading=27, textColor=ACCENT,
                                spaceAfter=10),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontSize=12, leading=16, spaceAfter=14),
        "h1": ParagraphStyle("h1", parent=body, fontName=FONT_BOLD, fontSize=14, leading=18, textColor=ACCENT,
                             spaceBefore=12, spaceAfter=6),
        "h2": ParagraphStyle("h2", parent=body, fontName=FONT_BOLD, fontSize=11, leading=14, spaceBefore=8,
                             spaceAfter=4),
        "caption": ParagraphStyle("caption", parent=body, fontSize=8, leading=10, textColor=colors.HexColor("#333333"),
                                  spaceAfter=10),
    }


def para(text: str, style: str = "body") -> Paragraph:
    """A paragraph of plain text (escaped: participant notes may contain < and &)."""
    return Paragraph(escape(printable(text)), styles()[style])


#: no table row may be taller than this (points): ReportLab cannot break a row across pages, so a long
#: note or assistance text in one cell raised LayoutError and lost the whole report. Short pieces fill
#: the pages: a piece that does not fit below earlier rows moves to the next page and leaves a gap
MAX_ROW_HEIGHT = 120.0
_PADDING = 3


def table(rows: Sequence[Sequence[object]], widths: Sequence[float], header_rows: int = 1,
          large: bool = False) -> Table:
    """A report table with wrapped cells, a shaded header and repeated header rows on page breaks.

    A body row whose text would be taller than :data:`MAX_ROW_HEIGHT` continues on further rows
    (the ruling line comes only after its last piece), so text of any length fits on the pages.
    Header cells break only between words (columns widen or the header font shrinks, see
    :func:`~kiosk.reports.layout.fit_header`), and a split leaves two body rows on each page.
    """
    cell, bold = (styles()["cell_large"], styles()["cell_large"]) if large else (styles()["cell"], styles()["cell_bold"])
    fit = fit_header(rows[:header_rows], rows[header_rows:], widths, bold.fontName, bold.fontSize, cell.fontName,
                     cell.fontSize, _PADDING)
    widths = fit.widths
    if fit.font_size != bold.fontSize:
        bold = ParagraphStyle(f"{bold.name}_{fit.font_size}", parent=bold, fontSize=fit.font_size,
                              leading=bold.leading * fit.font_size / bold.fontSize)
    data: list[list[object]] = []
    row_ends: list[int] = []
    for r, row in enumerate(rows):
        cells = [value if isinstance(value, Flowable) else Paragraph(escape(printable(str(value))),
                                                                     bold if r < header_rows else cell)
                 for value in row]
        if r < header_rows:
            data.append(cells)
        else:
            data += _continued_rows(cells, widths)
        row_ends.append(len(data) - 1)
    result = KeptTable(data, colWidths=list(widths), repeatRows=header_rows)
    commands: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),  # an empty cell is drawn in the table's font: never Helvetica
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), _PADDING),
        ("LEFTPADDING", (0, 0), (-1, -1), _PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), _PADDING),
        ("BOTTOMPADDING", (0, 0), (-1, -1), _PADDING),
    ]
    commands += [("LINEBELOW", (0, end), (-1, end), 0.3, GRID) for end in row_ends[header_rows:]]
    if header_rows:
        commands += [("BACKGROUND", (0, 0), (-1, header_rows - 1), LIGHT),
                     ("LINEBELOW", (0, 0), (-1, header_rows - 1), 0.8, ACCENT)]
    else:
        commands.append(("LINEABOVE", (0, 0), (-1, 0), 0.8, ACCENT))
    result.setStyle(TableStyle(commands))
    return result


def _continued_rows(cells: list[Flowable], widths: Sequence[float]) -> list[list[object]]:
    """One row, or several if a cell is too tall: each too-tall paragraph is split into page-sized pieces."""
    pieces = [_pieces(c, width - 2 * _PADDING) if isinstance(c, Paragraph) else [c] for c, width in zip(cells, widths)]
    count = max(len(p) for p in pieces)
    return [[p[i] if i < len(p) else "" for p in pieces] for i in range(count)]


def _pieces(paragraph: Paragraph, width: float) -> list[Flowable]:
    parts: list[Flowable] = []
    rest: Flowable = paragraph
    while True:
        _, height = rest.wrap(width, MAX_ROW_HEIGHT)
        if height <= MAX_ROW_HEIGHT:
            parts.append(rest)
            return parts
        split = rest.split(width, MAX_ROW_HEIGHT)
        if len(split) < 2:  # cannot be split further (never seen with text); let ReportLab report it
            parts.append(rest)
            return parts
        parts.append(split[0])
        rest = split[1]


#: SimpleDocTemplate's frame keeps this much inside the margins on every side
_FRAME_PADDING = 6


def build_pdf(out: Path, story: list[Flowable], catalog: Catalog, lang: str, running_title: str) -> Path:
    """Write the story to ``out`` via a temporary file, so a failed run never leaves half a report."""
    register_fonts()
    out = Path(out)
    out.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    partial = private_file(out.with_name(out.name + ".part"))  # reports name participants: 0600

    def frame(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(colors.HexColor("#333333"))
        canvas.drawString(18 * mm, 10 * mm, running_title[:110])
        canvas.drawRightString(A4[0] - 18 * mm, 10 * mm, catalog.text(lang, "report.page", page=doc.page))
        canvas.setStrokeColor(GRID)
        canvas.line(18 * mm, 13 * mm, A4[0] - 18 * mm, 13 * mm)
        canvas.restoreState()

    doc = SimpleDocTemplate(str(partial), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm,
                            bottomMargin=18 * mm, title=running_title, author="ux-kiosk", lang=lang,
                            initialFontName=FONT, initialFontSize=9.5)  # else every page opens in Helvetica
    story = keep_headings_with_next(story, doc.width - 2 * _FRAME_PADDING, doc.height - 2 * _FRAME_PADDING)
    doc.build(story, onFirstPage=frame, onLaterPages=frame)
    partial.replace(out)
    return out
