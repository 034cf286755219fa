"""Page-layout rules the reports keep in every language: headings stay with what follows them, table
headers break only between words, and a table split across pages leaves at least two rows on each side.

Translations change the length of every text, so none of this can be tuned by hand for one language:
widths and page breaks are computed from the words and the fonts at build time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Paragraph, Spacer, Table

#: paragraph styles that open a section: never the last thing on a page
HEADING_STYLES = frozenset({"h1", "h2"})
#: a table that continues on the next page keeps at least this many body rows on each page
MIN_ROWS_EACH_SIDE = 2
#: the smallest font a table header row may shrink to so that its longest word fits its column
HEADER_FLOOR = 6.0
_HEADER_STEP = 0.5
_SLACK = 0.5  # points of room left beside the longest word, against rounding in the line breaker


class KeptTable(Table):
    """A table that splits only where both pages keep :data:`MIN_ROWS_EACH_SIDE` body rows (header repeated).

    The split point moves up until enough rows are left for the next page; with too few rows above it
    the table moves whole. The continuation is built through ``self.__class__``, so it keeps the rule
    for its own rows on the next page. (ReportLab's ``rowSplitRange`` cannot do this: it is not carried
    to the continuation correctly.)
    """

    def split(self, availWidth, availHeight):
        self._calc(availWidth, availHeight)
        heights = list(self._rowHeights)
        fits, used = 0, 0.0
        for height in heights:
            if used + height > availHeight:
                break
            used += height
            fits += 1
        if fits >= len(heights):
            return super().split(availWidth, availHeight)
        cut = min(fits, len(heights) - MIN_ROWS_EACH_SIDE)
        if cut - self._header_count() < MIN_ROWS_EACH_SIDE:
            frame = getattr(self, "_frame", None)
            if frame is not None and frame._atTop:  # rows taller than a page: splitting anyhow beats failing
                return super().split(availWidth, availHeight)
            return []
        return super().split(availWidth, sum(heights[:cut]) + 0.001)

    def _header_count(self) -> int:
        return self.repeatRows if isinstance(self.repeatRows, int) else max(self.repeatRows) + 1

    def start_height(self, width: float, height: float) -> float:
        """How tall the smallest first piece is: the header and two body rows, or the whole table when
        it cannot be split (fewer than four body rows)."""
        self.wrap(width, height)
        rows = list(self._rowHeights)
        head = self._header_count()
        if len(rows) - head < 2 * MIN_ROWS_EACH_SIDE:
            return sum(rows)
        return sum(rows[:head + MIN_ROWS_EACH_SIDE])


# -- table header widths ------------------------------------------------------------------------------

@dataclass(frozen=True)
class HeaderFit:
    widths: tuple[float, ...]
    font_size: float  # of the header rows


def fit_header(header: Sequence[Sequence[object]], body: Sequence[Sequence[object]], widths: Sequence[float],
               font: str, size: float, body_font: str, body_size: float, padding: float) -> HeaderFit:
    """Column widths (same total) and a header font size at which every header word fits its column.

    A column too narrow for its longest header word borrows from columns with room to spare (room
    beyond their own longest header and body words); when the others have too little, the header font
    shrinks in half-points down to :data:`HEADER_FLOOR`. If even that is not enough the table grows
    wider than asked: a clipped margin is better than a word cut in two ("Прескочен / о").
    """
    widths = [float(w) for w in widths]
    body_need = [min(w, _longest(column, body_font, body_size) + 2 * padding + _SLACK)
                 for w, column in zip(widths, _columns(body, len(widths)))]
    current = size
    while True:
        need = [_longest(column, font, current) + 2 * padding + _SLACK for column in _columns(header, len(widths))]
        fitted = _borrow(widths, need, body_need)
        if fitted is not None:
            return HeaderFit(tuple(fitted), current)
        if current - _HEADER_STEP < HEADER_FLOOR - 1e-9:
            return HeaderFit(tuple(max(w, n) for w, n in zip(widths, need)), current)
        current -= _HEADER_STEP


def _columns(rows: Sequence[Sequence[object]], count: int) -> list[list[str]]:
    return [[str(row[c]) for row in rows if c < len(row) and not isinstance(row[c], Flowable)] for c in range(count)]


def _longest(texts: Sequence[str], font: str, size: float) -> float:
    return max((stringWidth(word, font, size) for text in texts for word in text.split()), default=0.0)


def _borrow(widths: list[float], need: list[float], keep: list[float]) -> list[float] | None:
    """Widen short columns to ``need`` with room taken from the others in proportion to it, or None."""
    deficit = sum(max(0.0, n - w) for w, n in zip(widths, need))
    if deficit <= 0:
        return widths
    room = [max(0.0, w - max(n, k)) if w >= n else 0.0 for w, n, k in zip(widths, need, keep)]
    total = sum(room)
    if total < deficit:
        return None
    return [max(w, n) if w < n else w - deficit * r / total for w, n, r in zip(widths, need, room)]


# -- headings -----------------------------------------------------------------------------------------

def is_heading(flowable: Flowable) -> bool:
    return isinstance(flowable, Paragraph) and flowable.style.name in HEADING_STYLES


def keep_headings_with_next(story: Sequence[Flowable], width: float, height: float) -> list[Flowable]:
    """Put a conditional page break before every run of headings: if the headings and the start of what
    follows them (two lines of text, a table's header and first rows, a whole chart) do not fit in what
    is left of the page, the headings move to the next page with it."""
    out: list[Flowable] = []
    for i, flowable in enumerate(story):
        if is_heading(flowable) and not (i and is_heading(story[i - 1])):
            out.append(CondPageBreak(_run_height(story, i, width, height)))
        out.append(flowable)
    return out


def _run_height(story: Sequence[Flowable], start: int, width: float, height: float) -> float:
    total = 0.0
    for flowable in story[start:]:
        if isinstance(flowable, PageBreak):
            return total
        if is_heading(flowable) or isinstance(flowable, Spacer):
            total += _full_height(flowable, width, height)
            continue
        return min(height, total + _start_height(flowable, width, height))
    return total


def _full_height(flowable: Flowable, width: float, height: float) -> float:
    _, h = flowable.wrap(width, height)
    return h + flowable.getSpaceBefore() + flowable.getSpaceAfter()


def _start_height(flowable: Flowable, width: float, height: float) -> float:
    if isinstance(flowable, KeptTable):
        return flowable.start_height(width, height) + flowable.getSpaceBefore()
    if isinstance(flowable, Paragraph):
        _, h = flowable.wrap(width, height)
        return min(h, 2 * flowable.style.leading) + flowable.getSpaceBefore()
    if isinstance(flowable, KeepTogether):
        return _full_height(flowable, width, height)
    return _full_height(flowable, width, height)
