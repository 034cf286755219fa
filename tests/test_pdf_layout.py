"""The page-layout rules, each shown on a small PDF built the way the reports build theirs and read
back from the PDF's own text positions, rules and fonts (tests/pdf_layout_checks.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pdf_layout_checks import (Box, Page, header_cells, heading_count, headings_ending_pages, orphan_rows, qpdf_check, read_pages,
                               split_header_words, table_segments, tokens, unembedded_fonts)
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from kiosk.i18n import Catalog
from kiosk.reports.charts import Bar, bar_chart, sus_chart
from kiosk.reports.layout import HEADER_FLOOR, fit_header
from kiosk.reports.pdf import FONT, FONT_BOLD, build_pdf, para, register_fonts, table

#: the height a story can fill on one page (A4 less the margins and the frame's padding)
PAGE = 841.89 - 34 * mm - 12
LOREM = ("Учесница је дуго тражила где се уписује број парцеле, па је прво отворила помоћ, затим се вратила на "
         "почетну страну и поново кренула од корака један. ") * 3


def _build(tmp_path: Path, name: str, story: list) -> list[Page]:
    return read_pages(build_pdf(tmp_path / f"{name}.pdf", story, Catalog(), "sr-Cyrl", "Проба"))


def _body(count: int, text: str = "ред") -> list[tuple[object, ...]]:
    return [(f"{text} {n:02d}", n, "—") for n in range(1, count + 1)]


@pytest.mark.parametrize("fill", [PAGE - 102 + 8 * step for step in range(10)])
def test_a_heading_never_ends_a_page(tmp_path: Path, fill: float) -> None:
    """Slides a heading, then a heading with a table, through the foot of the page: each must go over
    to the next page with what follows it rather than stay alone (failed before: 'page 1 ends with')."""
    story = [Spacer(1, fill), para("Резултати по групама", "h1"), para(LOREM),
             Spacer(1, fill), para("Белешке водитеља", "h1"), para("Цитати", "h2"),
             table([("Белешка", "Број", "Ознака"), *_body(12)], [100 * mm, 35 * mm, 35 * mm])]
    pages = _build(tmp_path, "headings", story)
    assert not headings_ending_pages(pages)
    assert heading_count(pages) == 3  # every heading still printed


@pytest.mark.parametrize("fill", [PAGE - 160 + 12 * step for step in range(11)])
def test_a_split_table_keeps_two_body_rows_on_each_page(tmp_path: Path, fill: float) -> None:
    """A table slid down the page splits with two or more rows on both pages, header repeated, or moves
    whole; a three-row table never splits at all (failed before: 'keeps 1 body row(s)')."""
    story = [Spacer(1, fill), table([("Белешка", "Задатак", "Учесник"), *_body(9, "први")],
                                    [100 * mm, 35 * mm, 35 * mm]),
             Spacer(1, fill), table([("Учесник", "Трајање", "Ознака"), *_body(3, "други")],
                                    [100 * mm, 35 * mm, 35 * mm])]
    pages = _build(tmp_path, "orphans", story)
    assert not orphan_rows(pages)
    for word, count in (("први", 9), ("други", 3)):
        assert sum(1 for p in pages for w in p.words if w.text == word) == count  # no row lost or doubled
    small = [s for s in table_segments(pages) if s.header.startswith("Учесник")]
    assert [s.rows for s in small] == [3]  # three rows cannot leave two on each page: the table moves whole


def test_rows_taller_than_half_a_page_still_split_rather_than_fail(tmp_path: Path) -> None:
    """Two rows that cannot share a page cannot keep the rule: the table splits anyhow (no LayoutError)."""
    story = [table([("Белешка", "Задатак"), *[(f"ред{n}", Spacer(1, 400)) for n in range(4)]], [100 * mm, 70 * mm])]
    pages = _build(tmp_path, "tall", story)
    assert len(pages) == 4 and [w.text for p in pages for w in p.words if w.text.startswith("ред")] == [
        "ред0", "ред1", "ред2", "ред3"]


def test_the_checks_see_a_single_orphan_row(tmp_path: Path) -> None:
    """The orphan check itself: a page holding one body row of a table that goes on is reported."""
    page_one = Page(1, (), (Box(50, 600, 540, 620),), (640.0,))
    page_two = Page(2, (), (Box(50, 50, 540, 70),), (90.0, 110.0, 130.0))
    assert orphan_rows([page_one, page_two]) == [
        "table '' keeps 1 body row(s) on page 1 (split between pages 1 and 2)"]


HEADERS = ("Задатак", "Успех", "Успех уз помоћ", "Делимично", "Неуспех", "Одустајање", "Прескочено")


@pytest.mark.parametrize("first", [48, 90, 130])
def test_table_headers_break_only_between_words(tmp_path: Path, first: float) -> None:
    """Seven outcome columns of 21 mm cut "Прескочено" into "Прескочен / о"; now the columns widen
    (taking room from the first) or, with no room left, the header font shrinks; never a cut word."""
    widths = [first * mm] + [21 * mm] * 6
    pages = _build(tmp_path, "headers", [table([HEADERS, *_body(3)], widths)])
    known = set().union(*(tokens(h) for h in HEADERS))
    assert not split_header_words(pages, known)
    cells = header_cells(pages[0], pages[0].headers[0])
    assert [" ".join(w.text for line in cell for w in line) for cell in cells] == list(HEADERS)


def test_the_checks_see_a_word_cut_in_a_header(tmp_path: Path) -> None:
    """The header check itself, on ReportLab's own cut: a 12 mm column for "Прескочено"."""
    from reportlab.platypus import Paragraph, Table

    from kiosk.reports.pdf import styles

    cut = Table([[Paragraph(h, styles()["cell_bold"]) for h in ("Задатак", "Прескочено")], ["а", "б"]],
                colWidths=[40 * mm, 12 * mm], style=[("BACKGROUND", (0, 0), (-1, 0), "#E6ECF5")])
    pages = _build(tmp_path, "cut", [cut])
    problems = split_header_words(pages, tokens("Задатак Прескочено"))
    assert problems and "is not a word" in problems[0]


def test_header_fit_keeps_the_total_width_when_other_columns_have_room() -> None:
    register_fonts()
    widths = [48 * mm] + [21 * mm] * 6
    fit = fit_header([HEADERS], [("кратко", 1, 2, 3, 4, 5, 6)], widths, FONT_BOLD, 8, FONT, 8, 3)
    assert fit.font_size == 8
    assert sum(fit.widths) == pytest.approx(sum(widths))
    assert fit.widths[6] > 21 * mm and fit.widths[0] < 48 * mm  # "Прескочено" took room from the task column


def test_header_fit_shrinks_the_font_to_the_floor_then_widens() -> None:
    register_fonts()
    crowded = fit_header([("Прескочено",) * 8], [], [20 * mm] * 8, FONT_BOLD, 8, FONT, 8, 3)
    assert HEADER_FLOOR <= crowded.font_size < 8 and sum(crowded.widths) == pytest.approx(160 * mm)
    hopeless = fit_header([("Непрочитано",) * 8], [], [12 * mm] * 8, FONT_BOLD, 8, FONT, 8, 3)
    assert hopeless.font_size == HEADER_FLOOR and all(w > 12 * mm for w in hopeless.widths)


@pytest.mark.slow
def test_every_font_is_embedded_dejavu(tmp_path: Path) -> None:
    """pdffonts listed Helvetica, not embedded, in every report: ReportLab opens each page (and each
    empty table cell) in Helvetica and each chart in Times; all are DejaVu now (failed before)."""
    assert shutil.which("pdffonts"), "install poppler-utils (bash scripts/setup test does it)"
    story = [para("Наслов", "h1"), table([("а", "б"), ("", 1), ("в", "")], [40 * mm, 40 * mm]),
             bar_chart([Bar("Задатак", 0.5, 0.3, 0.7, marker=0.4)], 1.0, [0, 0.5, 1.0], lambda v: f"{v:.1f}"),
             sus_chart([55.0, 70.0], 62.5, 50.0, 75.0, "просек 68")]
    path = build_pdf(tmp_path / "fonts.pdf", story, Catalog(), "sr-Cyrl", "Проба")
    qpdf_check(path)
    assert unembedded_fonts(path) == []


def test_a_long_task_title_wraps_in_a_chart_label(tmp_path: Path) -> None:
    """Chart labels cut a long title to its first 30 characters and "…", so two tasks that begin alike
    could not be told apart; a label now takes two lines before anything is shortened."""
    title = "Упис пољопривредног газдинства са приложеним доказима о власништву над земљиштем"
    story = [bar_chart([Bar(title, 0.5), Bar("Кратко", 0.7)], 1.0, [0, 1.0], lambda v: f"{v:.0f}")]
    pages = _build(tmp_path, "chart", story)
    label = [w.text for w in sorted(pages[0].words, key=lambda w: (round(w.top), w.x0)) if w.x0 < 80 * mm]
    shown, full = label[:label.index("Кратко")], title.split()
    assert "приложеним" in shown, shown  # the sixth word: on the label's second line
    for i, word in enumerate(shown):  # the title's words in order; only the last may be shortened
        assert word == full[i] or (i == len(shown) - 1 and word.endswith("…") and full[i].startswith(word[:-1]))
