"""Layout checks read from a PDF's own text positions, fonts and drawn rules (pdfplumber), not by eye.

What the reports draw, and so what these checks rely on: headings are DejaVu Sans Bold at 11 pt or
more; a table header row sits on a light-blue rectangle; every body row of a table ends with a thin
grey rule (0.3 pt); the page frame (running title, page number) sits below a rule 13 mm above the
page's foot.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
from reportlab.lib.units import mm

from kiosk.i18n import DERIVED_LANGUAGES, Catalog
from kiosk.reports.pdf import GRID, LIGHT

HEADING_SIZE = 10.5  # h2 is 11 pt, h1 14 pt; bold table headers are 8 pt or less
_FRAME = 13 * mm  # the page frame's rule, from the page's foot
_CELL_GAP = 4.5  # points: more than a space in a header font, less than two cell paddings
_TOKEN = re.compile(r"[\w'’/-]+")


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    heading: bool


@dataclass(frozen=True)
class Box:
    x0: float
    top: float
    x1: float
    bottom: float

    def holds(self, word: Word) -> bool:
        return (self.x0 - 1 <= word.x0 and word.x1 <= self.x1 + 1 and self.top - 1 <= word.top
                and word.bottom <= self.bottom + 1)


@dataclass(frozen=True)
class Page:
    number: int
    words: tuple[Word, ...]  # above the page frame
    headers: tuple[Box, ...]  # table header rows, top to bottom
    rules: tuple[float, ...]  # y of each body-row rule, top to bottom

    def header_text(self, box: Box) -> str:
        return " ".join(w.text for w in sorted((w for w in self.words if box.holds(w)), key=lambda w: (w.top, w.x0)))


def _same_colour(colour, reference) -> bool:
    if not isinstance(colour, (tuple, list)) or len(colour) != 3:
        return False
    return all(abs(a - b) < 0.01 for a, b in zip(colour, reference.rgb()))


def read_pages(path: Path) -> list[Page]:
    pages = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            foot = page.height - _FRAME - 1
            words = tuple(Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"],
                               "Bold" in w["fontname"] and w["size"] >= HEADING_SIZE)
                          for w in page.extract_words(extra_attrs=["fontname", "size"]) if w["bottom"] < foot)
            headers = tuple(sorted((Box(r["x0"], r["top"], r["x1"], r["bottom"]) for r in page.rects
                                    if r["fill"] and _same_colour(r["non_stroking_color"], LIGHT)),
                                   key=lambda b: b.top))
            rules = tuple(sorted(line["top"] for line in page.lines
                                 if abs(line["top"] - line["bottom"]) < 0.5 and line["x1"] - line["x0"] > 20
                                 and abs(line["linewidth"] - 0.3) < 0.05 and line["top"] < foot
                                 and _same_colour(line["stroking_color"], GRID)))
            pages.append(Page(number, words, headers, rules))
    return pages


def _lines(words: tuple[Word, ...]) -> list[list[Word]]:
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines and abs(lines[-1][0].top - word.top) < 2:
            lines[-1].append(word)
        else:
            lines.append([word])
    return lines


# -- 1. headings ------------------------------------------------------------------------------------

def headings_ending_pages(pages: list[Page]) -> list[str]:
    """Pages whose last line of text is a heading: the heading is parted from what it introduces."""
    problems = []
    for page in pages:
        lines = _lines(page.words)
        if lines and all(w.heading for w in lines[-1]):
            problems.append(f"page {page.number} ends with the heading {' '.join(w.text for w in lines[-1])!r}")
    return problems


def heading_count(pages: list[Page]) -> int:
    return sum(1 for page in pages for line in _lines(page.words) if all(w.heading for w in line))


# -- 2. table headers -------------------------------------------------------------------------------

def tokens(text: str) -> set[str]:
    found = set()
    for token in _TOKEN.findall(text):
        found.add(token.lower())
        found.update(part.lower() for part in re.split(r"[/-]", token) if part)
    return found


def vocabulary(catalog: Catalog, lang: str, *sources: str) -> set[str]:
    """Every word the catalog (in ``lang``) and the given plan sources can put in a table header."""
    words: set[str] = set()
    for key in catalog.keys("en"):
        blanks = {name: " " for name in catalog.placeholders(key) - {"count"}}
        if catalog.is_plural(key):
            texts = [catalog.plural(lang, key, n, **blanks).replace(str(n), " ") for n in (0, 1, 2, 5, 21, 22, 101)]
        else:
            texts = [catalog.text(lang, key, **blanks)]
        for text in texts:
            words |= tokens(text)
    for source in sources:
        words |= tokens(source)
        if lang in DERIVED_LANGUAGES:
            words |= tokens(DERIVED_LANGUAGES[lang][1](source))
    return words


def header_cells(page: Page, box: Box) -> list[list[list[Word]]]:
    """The cells of a header row, each as its lines of words: every cell starts on the row's first line
    (the reports align cells to the top), and cells stand at least two paddings (6 pt) apart."""
    lines = _lines(tuple(w for w in page.words if box.holds(w)))
    if not lines:
        return []
    starts = [lines[0][0].x0] + [b.x0 for a, b in zip(lines[0], lines[0][1:]) if b.x0 - a.x1 > _CELL_GAP]
    cells: list[list[list[Word]]] = [[] for _ in starts]
    for line in lines:
        placed: dict[int, list[Word]] = {}
        for word in line:
            column = max(i for i, x in enumerate(starts) if x <= word.x0 + 0.5) if word.x0 + 0.5 >= starts[0] else 0
            placed.setdefault(column, []).append(word)
        for column, words in placed.items():
            cells[column].append(words)
    return cells


def split_header_words(pages: list[Page], known: set[str]) -> list[str]:
    """Header words cut in two: a piece that is no word of the texts the header came from, or two
    pieces on consecutive lines of one cell that join into such a word ("Прескочен" / "о")."""
    problems = []
    for page in pages:
        for box in page.headers:
            for cell in header_cells(page, box):
                text = " / ".join(" ".join(w.text for w in line) for line in cell)
                for word in (w for line in cell for w in line):
                    for token in _TOKEN.findall(word.text):
                        if not token.isdigit() and token.lower() not in known:
                            problems.append(f"page {page.number}: header word {word.text!r} in {text!r} is not a word")
                for above, below in zip(cell, cell[1:]):
                    joined = (above[-1].text + below[0].text).lower()
                    if _TOKEN.fullmatch(joined) and joined in known:
                        problems.append(f"page {page.number}: header cell {text!r} cuts the word {joined!r}")
    return problems


# -- 3. orphan rows ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Segment:
    page: int
    header: str
    rows: int
    first_on_page: bool
    last_on_page: bool


def table_segments(pages: list[Page]) -> list[Segment]:
    """Each header-topped stretch of a table on a page, with its body rows (rules, and an unruled piece
    at the page foot that continues a row on the next page)."""
    segments = []
    for page in pages:
        for i, box in enumerate(page.headers):
            end = page.headers[i + 1].top if i + 1 < len(page.headers) else float("inf")
            rules = [y for y in page.rules if box.bottom + 1 < y < end]
            last = i + 1 == len(page.headers)
            below = [w for w in page.words if w.top > (rules[-1] if rules else box.bottom) + 1 and w.top < end]
            partial = last and bool(below) and not any(w.heading for w in below)
            first = not any(w.bottom < box.top - 1 for w in page.words)
            segments.append(Segment(page.number, page.header_text(box), len(rules) + partial, first, last))
    return segments


def orphan_rows(pages: list[Page]) -> list[str]:
    """A table that runs on from one page to the next with fewer than two body rows on either page."""
    problems = []
    segments = table_segments(pages)
    for before, after in zip(segments, segments[1:]):
        if (after.page == before.page + 1 and before.last_on_page and after.first_on_page
                and before.header == after.header):
            for side in (before, after):
                if side.rows < 2:
                    problems.append(f"table {side.header!r} keeps {side.rows} body row(s) on page {side.page} "
                                    f"(split between pages {before.page} and {after.page})")
    return problems


def continued_tables(pages: list[Page]) -> int:
    segments = table_segments(pages)
    return sum(1 for before, after in zip(segments, segments[1:]) if after.page == before.page + 1
               and before.last_on_page and after.first_on_page and before.header == after.header)


# -- 4. fonts ---------------------------------------------------------------------------------------

def unembedded_fonts(path: Path) -> list[str]:
    """Fonts pdffonts lists as not embedded, or that are not DejaVu."""
    listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    problems = []
    for line in listing.splitlines()[2:]:
        fields = line.split()
        name, embedded = fields[0], fields[-5]
        if embedded != "yes" or "DejaVu" not in name:
            problems.append(f"{name} (embedded: {embedded})")
    return problems


def qpdf_check(path: Path) -> None:
    check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
