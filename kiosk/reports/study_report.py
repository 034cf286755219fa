"""The study report, structured after the Common Industry Format for usability tests (ISO/IEC 25062):
executive summary, introduction, method, results (effectiveness, efficiency, satisfaction, groups),
facilitator notes, and an appendix naming the exact plan versions.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import cast

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Spacer

from kiosk.i18n import Catalog, default_catalog
from kiosk.reports.charts import Bar, bar_chart, sus_chart
from kiosk.reports.dataset import Estimate, StudyResults
from kiosk.reports.pdf import build_pdf, fmt_duration, fmt_num, fmt_pct, para, table, today_utc
from kiosk.session.flow import Outcome
from kiosk.study.labels import facilitator_text

NOTE_TAG_ORDER = ("quote", "barrier", "confusion", "error", "asked_help")

Row = tuple[object, ...]  # a table row as table() takes it: a header of texts, body cells of texts and numbers


def write_study_report(results: StudyResults, out: Path, lang: str, catalog: Catalog | None = None) -> Path:
    catalog = catalog or default_catalog()
    report = _StudyReport(results, lang, catalog)
    return build_pdf(out, report.story(), catalog, lang,
                     f"{results.study.title.get_or_fallback(lang)} · {catalog.text(lang, 'report.title_study')}")


class _StudyReport:
    def __init__(self, results: StudyResults, lang: str, catalog: Catalog) -> None:
        self.r = results
        self.lang = lang
        self.catalog = catalog
        self.study = results.study

    def t(self, key: str, **values: object) -> str:
        return self.catalog.text(self.lang, key, **values)

    def task_title(self, task_id: str) -> str:
        try:
            return self.study.task(task_id).title.get_or_fallback(self.lang)
        except KeyError:
            return task_id

    def story(self) -> list:
        return [*self.title_page(), *self.executive_summary(), *self.introduction(), *self.method(),
                *self.results(), *self.satisfaction(), *self.groups(), *self.notes(), *self.appendix()]

    # -- sections -----------------------------------------------------------------------------------

    def title_page(self) -> list:
        r = self.r
        rows = [
            (self.t("report.study_id"), f"{self.study.id}"),
            (self.t("report.plan_version"), ", ".join(sorted({v.version for v in r.plan_versions}))),
            (self.t("report.sessions_held"), f"{r.first_utc[:10]} – {r.last_utc[:10]}"),
            (self.t("report.generated"), today_utc()),
        ]
        return [
            Spacer(1, 30 * mm), para(self.t("report.title_study"), "subtitle"),
            para(self.study.title.get_or_fallback(self.lang), "title"), para(self.t("report.cif"), "subtitle"),
            Spacer(1, 8 * mm), table(rows, [50 * mm, 120 * mm], header_rows=0),
            Spacer(1, 10 * mm), para(self.t("report.confidential"), "small"), PageBreak(),
        ]

    def executive_summary(self) -> list:
        r = self.r
        attempts = sum(t.attempts for t in r.tasks)
        successes = sum(t.successes for t in r.tasks)
        out = [para(self.t("report.exec_summary"), "h1"),
               para(self.t("report.exec_text", n=r.participants, ended=r.ended, abandoned=r.abandoned,
                           rate=fmt_pct(successes / attempts if attempts else None)))]
        if r.sus.value is not None:
            out.append(para(self.t("report.exec_sus", sus=fmt_num(r.sus.value), grade=r.sus_grade,
                                   percentile=round(r.sus_percentile or 0))))
        rated = [t for t in r.tasks if t.completion.value is not None]
        findings = []
        if rated:
            hardest = min(rated, key=lambda t: cast(float, t.completion.value))  # rated: never None
            easiest = max(rated, key=lambda t: cast(float, t.completion.value))
            for key, task in (("report.finding_hardest", hardest), ("report.finding_easiest", easiest)):
                findings.append(self.t(key, task=self.task_title(task.task_id), rate=fmt_pct(task.completion.value),
                                       low=fmt_pct(task.completion.low), high=fmt_pct(task.completion.high)))
        counts = {tag: len(r.notes_by_tag.get(tag, [])) for tag in ("barrier", "error", "quote")}
        counts["quote"] += r.withheld_quotes  # counted, never shown
        findings.append(self.t("report.finding_notes", barriers=counts["barrier"], errors=counts["error"],
                               quotes=counts["quote"]))
        out.append(para(self.t("report.key_findings"), "h2"))
        out += [para(f"• {text}") for text in findings]
        out.append(self.task_table())
        return out

    def introduction(self) -> list:
        r = self.r
        return [para(self.t("report.introduction"), "h1"),
                para(self.t("report.intro_text", title=self.study.title.get_or_fallback(self.lang),
                            tasks=len(self.study.tasks), laptops=r.laptops, first=r.first_utc[:10],
                            last=r.last_utc[:10]))]

    def method(self) -> list:
        r = self.r
        out = [para(self.t("report.method"), "h1"), para(self.t("report.participants"), "h2"),
               para(self.t("report.participants_text", n=r.participants))]
        for question in self.study.pre_questions:
            if question.id not in r.demographics:
                continue
            counts = r.demographics[question.id]
            rows: list[Row] = [(question.text.get_or_fallback(self.lang), self.t("report.count"),
                                self.t("report.share"))]
            for choice in question.choices:
                rows.append((choice.label.get_or_fallback(self.lang), counts.get(choice.id, 0),
                             fmt_pct(counts.get(choice.id, 0) / r.participants)))
            if counts.get("", 0):
                rows.append((self.t("report.not_answered"), counts[""], fmt_pct(counts[""] / r.participants)))
            out += [table(rows, [100 * mm, 35 * mm, 35 * mm]), Spacer(1, 3 * mm)]
        rows = [(self.t("report.by_language"), self.t("report.count"), self.t("report.share"))]
        rows += [(self.catalog.language_name(lang), n, fmt_pct(n / r.participants)) for lang, n in r.languages.most_common()]
        out += [table(rows, [100 * mm, 35 * mm, 35 * mm]), para(self.t("report.tasks"), "h2")]
        rows = [(self.t("report.col_task"), self.t("report.col_success_criteria"), self.t("report.col_expected"))]
        rows += [(task.title.get_or_fallback(self.lang),
                  facilitator_text(task.success_criteria, self.lang) or self.t("report.none"),
                  fmt_duration(task.expected_seconds or None, self.catalog, self.lang)) for task in self.study.tasks]
        out += [table(rows, [62 * mm, 85 * mm, 27 * mm]), para(self.t("report.procedure"), "h2")]
        order = self.t("report.order_counterbalanced" if self.study.task_order.value == "counterbalanced"
                       else "report.order_fixed")
        out.append(para(self.t("report.procedure_text", pre=len(self.study.pre_questions), order=order)))
        names = {"seq": "SEQ", "sus": "SUS", "umux_lite": "UMUX-Lite", "nasa_tlx": "NASA-TLX"}
        out.append(para(self.t("report.questionnaires_text",
                               after_task=", ".join(names[n] for n in self.study.after_each_task) or self.t("report.none"),
                               after_last=", ".join(names[n] for n in self.study.after_last_task) or self.t("report.none"))))
        out += [para(self.t("report.metrics"), "h2"), para(self.t("report.metric_effectiveness")),
                para(self.t("report.metric_efficiency")), para(self.t("report.metric_satisfaction"))]
        options = self.study.options
        if "sus" in self.study.after_last_task:
            out.append(para(self.t("report.sus_validated" if options.sus_translation_validated else "report.sus_not_validated")))
            if any(s.sus_version == "all_positive" for s in self.r.summaries):  # any plan version the sessions ran
                out.append(para(self.t("report.sus_positive")))
        if "nasa_tlx" in (*self.study.after_each_task, *self.study.after_last_task):
            out.append(para(self.t("report.tlx_note")))
        return out

    def task_table(self):
        rows: list[Row] = [(self.t("report.col_task"), self.t("report.col_n"), self.t("report.col_completion"),
                            self.t("report.col_ci"), self.t("report.col_time"), self.t("report.col_seq"),
                            self.t("report.col_help"), self.t("report.col_errors"))]
        for task in self.r.tasks:
            rows.append((self.task_title(task.task_id), task.attempts, fmt_pct(task.completion.value),
                         self._range(task.completion, fmt_pct), self._time(task.time_seconds),
                         fmt_num(task.seq.value), f"{task.assisted} / {task.help_requests}", task.errors))
        return table(rows, [43 * mm, 9 * mm, 21 * mm, 22 * mm, 30 * mm, 11 * mm, 21 * mm, 17 * mm])

    def results(self) -> list:
        r = self.r
        bars = [Bar(self.task_title(t.task_id), t.completion.value, t.completion.low, t.completion.high) for t in r.tasks]
        completion = bar_chart(bars, 1.0, [0, 0.25, 0.5, 0.75, 1.0], lambda v: f"{v * 100:.0f}%")
        longest = max([t.time_seconds.high or t.time_seconds.value or 0 for t in r.tasks] +
                      [self.study.task(t.task_id).expected_seconds for t in r.tasks] + [60])
        step = 60 if longest <= 600 else 120 if longest <= 1200 else 300
        maximum = step * (int(longest // step) + 1)
        time_bars = [Bar(self.task_title(t.task_id), t.time_seconds.value, t.time_seconds.low, t.time_seconds.high,
                         marker=self.study.task(t.task_id).expected_seconds or None) for t in r.tasks]
        times = bar_chart(time_bars, maximum, list(range(0, maximum + 1, step)), lambda v: f"{v / 60:.0f} min")
        outcome_rows: list[Row] = [(self.t("report.col_task"), *[self.t(f"outcome.{o.value}") for o in Outcome])]
        outcome_rows += [(self.task_title(t.task_id), *[t.outcomes.get(o, 0) for o in Outcome]) for t in r.tasks]
        out = [PageBreak(), para(self.t("report.results"), "h1"), para(self.t("report.task_results"), "h2"),
               self.task_table(), Spacer(1, 4 * mm),
               KeepTogether([completion, para(self.t("report.chart_completion"), "caption")]),
               KeepTogether([times, para(self.t("report.chart_time"), "caption")]),
               KeepTogether([para(self.t("report.outcomes"), "h2"),
                             table(outcome_rows, [48 * mm] + [21 * mm] * len(Outcome))])]
        tlx_tasks = [t for t in r.tasks if t.tlx_raw.value is not None]
        if tlx_tasks:
            rows: list[Row] = [(self.t("report.col_task"), self.t("report.col_n"), "TLX", self.t("report.col_ci"),
                                self.t("report.tlx_weighted"))]
            rows += [(self.task_title(t.task_id), t.tlx_raw.n, fmt_num(t.tlx_raw.value),
                      self._range(t.tlx_raw, fmt_num), fmt_num(t.tlx_weighted.value)) for t in tlx_tasks]
            out += [para(self.t("report.tlx"), "h2"), table(rows, [80 * mm, 12 * mm, 22 * mm, 30 * mm, 30 * mm])]
        return out

    def satisfaction(self) -> list:
        r = self.r
        out = [para(self.t("report.satisfaction"), "h1")]
        if r.sus.value is not None:
            out += [para(self.t("report.sus_text", mean=fmt_num(r.sus.value), low=fmt_num(r.sus.low),
                                high=fmt_num(r.sus.high), n=r.sus.n, grade=r.sus_grade,
                                percentile=round(r.sus_percentile or 0))),
                    KeepTogether([sus_chart(r.sus_scores, r.sus.value, r.sus.low, r.sus.high, self.t("report.average68")),
                                  para(self.t("report.chart_sus"), "caption")])]
            if not self.study.options.sus_translation_validated and self.lang != "en":
                out.append(para(self.t("report.sus_not_validated"), "small"))
        if r.umux.value is not None:
            out.append(para(self.t("report.umux_text", mean=fmt_num(r.umux.value), low=fmt_num(r.umux.low),
                                   high=fmt_num(r.umux.high), n=r.umux.n,
                                   predicted=fmt_num(r.umux_predicted_sus.value))))
        return out

    def groups(self) -> list:
        if not self.r.groups:
            return []
        out = [para(self.t("report.groups"), "h1"), para(self.t("report.groups_text"))]
        for question_id in self.study.group_by:
            question = next(q for q in self.study.pre_questions if q.id == question_id)
            labels = {c.id: c.label.get_or_fallback(self.lang) for c in question.choices}
            rows: list[Row] = [(question.text.get_or_fallback(self.lang), self.t("report.col_participants"),
                                self.t("report.col_completion"), self.t("report.col_ci"), self.t("report.col_seq"),
                                self.t("report.col_sus"))]
            for g in (g for g in self.r.groups if g.question_id == question_id):
                rows.append((labels[g.choice_id], g.participants, fmt_pct(g.completion.value),
                             self._range(g.completion, fmt_pct), fmt_num(g.seq.value), fmt_num(g.sus.value)))
            out += [table(rows, [60 * mm, 24 * mm, 22 * mm, 26 * mm, 18 * mm, 24 * mm]), Spacer(1, 4 * mm)]
        return out

    def notes(self) -> list:
        by_tag = self.r.notes_by_tag
        if not by_tag and not self.r.withheld_quotes:
            return []
        out = [para(self.t("report.notes"), "h1"), para(self.t("report.notes_text"))]
        if self.r.withheld_quotes:
            out.append(para(self.t("report.quotes_withheld", count=self.r.withheld_quotes)))
        tags = [t for t in NOTE_TAG_ORDER if t in by_tag] + sorted(t for t in by_tag if t not in NOTE_TAG_ORDER)
        for tag in tags:
            title = self.t(f"tag.{tag}") if f"tag.{tag}" in self.catalog.keys(self.lang) else (
                self.t("report.untagged") if tag == "untagged" else tag)
            rows = [(f"{title} ({len(by_tag[tag])})", self.t("report.col_task"), self.t("report.participant"))]
            rows += [(note.text or self.t("report.none"), self.task_title(note.task_id) if note.task_id else
                      self.t("report.none"), summary.record.participant_code) for summary, note in by_tag[tag]]
            out += [table(rows, [100 * mm, 50 * mm, 24 * mm]), Spacer(1, 3 * mm)]
        return out

    def appendix(self) -> list:
        rows: list[Row] = [(self.t("report.col_version"), self.t("report.col_hash"), self.t("report.col_sessions"))]
        rows += [(v.version, v.content_hash, v.sessions) for v in self.r.plan_versions]
        return [para(self.t("report.appendix"), "h1"), para(self.t("report.appendix_text")),
                table(rows, [22 * mm, 130 * mm, 22 * mm])]

    # -- formatting -----------------------------------------------------------------------------------

    def _range(self, estimate: Estimate, fmt: Callable[[float | None], str]) -> str:
        if estimate.low is None or estimate.high is None:
            return self.t("report.none")
        return f"{fmt(estimate.low)}–{fmt(estimate.high)}"

    def _time(self, estimate: Estimate) -> str:
        return fmt_duration(estimate.value, self.catalog, self.lang, estimate.low, estimate.high)
