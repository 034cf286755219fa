"""A report's voice in one language: its messages, counts, numbers, times and the one script of its pages.

Study reports, session reports and consent receipts all speak through a :class:`ReportWriter`, so a count
always takes its plural form, a number its language's separator (67,5 in Serbian), a time the laptop's
local zone (UTC stays in the data), and every string on the page the report's script (see ``script``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from reportlab.platypus import Paragraph, Table

from kiosk.i18n import Catalog, LocalText, formats
from kiosk.reports.pdf import para, table
from kiosk.reports.rounding import largest_remainder
from kiosk.reports.script import OneScript
from kiosk.study.model import Study

#: a time column switches to minutes when its longest value reaches this many seconds
MINUTES_FROM = 120.0


class ReportWriter:
    def __init__(self, catalog: Catalog, lang: str, ids: Iterable[str] = ()) -> None:
        self.catalog = catalog
        self.lang = lang
        self.script = OneScript(lang).with_ids(ids)

    # -- words -----------------------------------------------------------------------------------
    def t(self, key: str, **values: object) -> str:
        return self.catalog.text(self.lang, key, **values)

    def n(self, key: str, count: int, **values: object) -> str:
        """A counted message: ``{count}`` takes the plural form its number needs in this language."""
        return self.catalog.plural(self.lang, key, count, **values)

    def language(self, tag: str) -> str:
        return self.catalog.language_name(tag, in_lang=self.lang) if tag else self.t("report.none")

    def languages(self, tags: Sequence[str]) -> str:
        """Languages in the order a session used them: "Serbian (Cyrillic), then English"."""
        text = self.language(tags[0] if tags else "")
        for tag in tags[1:]:
            text = self.t("report.language_then", before=text,
                          language=self.catalog.language_name(tag, in_lang=self.lang, in_sentence=True))
        return text

    def language_uses(self, uses: Sequence[tuple[str, float]]) -> str:
        """One session's languages with the time in each, then where it started and ended."""
        if len(uses) < 2:
            return self.language(uses[0][0] if uses else "")
        minutes = self.time_unit(seconds for _, seconds in uses)
        times = ", ".join(self.t("report.language_time", language=self.language(tag),
                                 time=self.duration(seconds, minutes)) for tag, seconds in uses)
        return self.t("report.language_first_last", times=times, first=self.catalog.language_name(
            uses[0][0], in_lang=self.lang, in_sentence=True), last=self.catalog.language_name(
            uses[-1][0], in_lang=self.lang, in_sentence=True))

    def local(self, text: LocalText) -> str:
        return text.get_or_fallback(self.lang)

    def plan_language_note(self, texts: Iterable[LocalText]) -> str | None:
        """Said once on a report's first page when the plan has no texts in the report's language."""
        shown = [tag for text in texts if (tag := text.shown_in(self.lang)) is not None]
        others = [tag for tag in shown if tag != self.lang]
        if not others:
            return None
        main = max(set(others), key=others.count)
        return self.t("report.plan_language", shown=self.catalog.language_name(main, self.lang, in_sentence=True),
                      wanted=self.catalog.language_name(self.lang, self.lang, in_sentence=True))

    # -- numbers and times -----------------------------------------------------------------------
    def num(self, value: float | None, digits: int = 1) -> str:
        return self.t("report.none") if value is None else formats.decimal(self.lang, value, digits)

    def pct(self, ratio: float | None) -> str:
        return self.t("report.none") if ratio is None else formats.percent(self.lang, ratio)

    def shares(self, counts: Sequence[int]) -> list[str]:
        """Whole percentages of one table that add up to 100 (largest remainder)."""
        return [formats.percent(self.lang, share / 100) for share in largest_remainder(counts)]

    def range(self, low: float | None, high: float | None, fmt) -> str:
        return self.t("report.none") if low is None or high is None else f"{fmt(low)}–{fmt(high)}"

    def time_unit(self, seconds: Iterable[float | None]) -> bool:
        """True: the column is in minutes. One unit for a whole column, chosen by its longest value."""
        return max((s for s in seconds if s is not None), default=0.0) >= MINUTES_FROM

    def duration(self, seconds: float | None, minutes: bool, low: float | None = None,
                 high: float | None = None) -> str:
        """``3,1 мин`` or ``45 s``; with an interval ``6,0 (5,0–7,4) min``, all in the column's unit."""
        if seconds is None:
            return self.t("report.none")

        def number(value: float) -> str:
            return formats.decimal(self.lang, value / 60, 1) if minutes else formats.integer(self.lang, round(value))

        text = number(seconds)
        if low is not None and high is not None:
            text = f"{text} ({number(low)}–{number(high)})"
        return self.t("report.minutes" if minutes else "report.seconds", value=text)

    def when(self, utc: str | None) -> str:
        """A stored UTC time stamp in the laptop's local time, as the language writes it."""
        return formats.local_datetime(self.lang, _parse(utc)) if utc else self.t("report.none")

    def day(self, utc: str | None) -> str:
        return formats.local_date(self.lang, _parse(utc)) if utc else self.t("report.none")

    def now(self) -> str:
        return formats.local_datetime(self.lang, datetime.now(UTC))

    # -- the page: every string goes through the report's script ----------------------------------
    def para(self, text: str, style: str = "body") -> Paragraph:
        return para(self.script(text), style)

    def table(self, rows: Sequence[Sequence[object]], widths: Sequence[float], header_rows: int = 1,
              large: bool = False, align: str | None = None) -> Table:
        scripted = [[self.script(cell) if isinstance(cell, str) else cell for cell in row] for row in rows]
        result = table(scripted, widths, header_rows=header_rows, large=large)
        if align:
            result.hAlign = align  # a narrow table under a paragraph reads with it, from the left margin
        return result


def plan_ids(study: Study) -> set[str]:
    """The plan's own ids (study, tasks, questions, choices), which a Cyrillic report keeps as written."""
    ids = {study.id, *(t.id for t in study.tasks)}
    for question in (*study.pre_questions, *study.post_task_questions, *study.post_session_questions):
        ids |= {question.id, *(c.id for c in question.choices)}
    for prototype in study.prototypes.values():  # screen ids name a screen that has no title
        ids |= {prototype.id, *prototype.screens}
    return ids


def _parse(utc: str) -> datetime:
    moment = datetime.fromisoformat(utc.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
