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

from kiosk.i18n import Catalog, default_catalog, formats
from kiosk.reports.charts import Bar, bar_chart, sus_chart
from kiosk.reports.dataset import Estimate, StudyResults
from kiosk.reports.participation import Participation
from kiosk.reports.pdf import build_pdf
from kiosk.reports.prototype_section import prototype_sections
from kiosk.reports.sites import SiteStats, site_stats
from kiosk.reports.wording import ReportWriter, plan_ids
from kiosk.session.flow import Outcome
from kiosk.study.labels import facilitator_text

NOTE_TAG_ORDER = ("quote", "barrier", "confusion", "error", "asked_help")

Row = tuple[object, ...]  # a table row as table() takes it: a header of texts, body cells of texts and numbers


def write_study_report(results: StudyResults, out: Path, lang: str, catalog: Catalog | None = None,
                       sites: tuple[SiteStats, ...] | None = None) -> Path:
    """``sites``: the by-site rows (the hub's report, with site names); computed from the sessions if None."""
    catalog = catalog or default_catalog()
    report = _StudyReport(results, lang, catalog, site_stats(results) if sites is None else sites)
    w = report.w
    return build_pdf(out, report.story(), catalog, lang,
                     w.script(f"{w.local(results.study.title)} · {w.t('report.title_study')}"))


class _StudyReport:
    def __init__(self, results: StudyResults, lang: str, catalog: Catalog, sites: tuple[SiteStats, ...] = ()) -> None:
        self.r = results
        self.sites = sites
        self.lang = lang
        self.catalog = catalog
        self.study = results.study
        self.w = ReportWriter(catalog, lang, plan_ids(results.study) | {s.record.participant_code for s in results.summaries})
        self.t, self.n, self.para, self.table = self.w.t, self.w.n, self.w.para, self.w.table
        self.pct, self.num = self.w.pct, self.w.num

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
            (self.t("report.sessions_held"), self.w.day(r.first_utc) if self._one_day() else
             f"{self.w.day(r.first_utc)} – {self.w.day(r.last_utc)}"),
            (self.t("report.generated"), self.w.now()),
        ]
        study = self.study
        plan_texts = [study.title, *(t.title for t in study.tasks), *(q.text for q in study.pre_questions)]
        note = self.w.plan_language_note(plan_texts)
        return [
            Spacer(1, 30 * mm), self.para(self.t("report.title_study"), "subtitle"),
            self.para(study.title.get_or_fallback(self.lang), "title"), self.para(self.t("report.cif"), "subtitle"),
            Spacer(1, 8 * mm), self.table(rows, [50 * mm, 120 * mm], header_rows=0),
            *([Spacer(1, 6 * mm), self.para(note)] if note else []),
            Spacer(1, 10 * mm), self.para(self.t("report.confidential"), "small"), PageBreak(),
        ]

    def executive_summary(self) -> list:
        r = self.r
        attempts = sum(t.attempts for t in r.tasks)
        successes = sum(t.successes for t in r.tasks)
        participation = Participation.of(r.summaries)
        rows: list[Row] = [(self.t("report.col_session_end"), self.t("report.col_sessions"))]
        rows += [(self.t(f"report.status_{ending.value}"), count) for ending, count in participation.rows()]
        rows.append((self.t("report.took_part_total"), participation.total))
        out = [self.para(self.t("report.exec_summary"), "h1"),
               self.para(self.n("report.exec_took_part", participation.total)),
               KeepTogether([self.table(rows, [80 * mm, 30 * mm], align="LEFT"), Spacer(1, 3 * mm)])]
        if attempts:
            out.append(self.para(self.t("report.exec_rate", rate=self.pct(successes / attempts))))
        if r.sus.value is not None:
            out.append(self.para(self.t("report.exec_sus", sus=self.num(r.sus.value), grade=r.sus_grade,
                                        percentile=formats.ordinal(self.lang, round(r.sus_percentile or 0)))))
        counts = {tag: len(r.notes_by_tag.get(tag, [])) for tag in ("barrier", "error", "quote")}
        counts["quote"] += r.withheld_quotes  # counted, never shown
        findings = [*self.task_findings(),
                    self.t("report.finding_notes", barriers=self.n("count.barriers", counts["barrier"]),
                           errors=self.n("count.errors", counts["error"]), quotes=self.n("count.quotes", counts["quote"]))]
        out.append(self.para(self.t("report.key_findings"), "h2"))
        out += [self.para(f"• {text}") for text in findings]
        out.append(self.task_table())
        return out + self.by_site()

    def by_site(self) -> list:
        """Sessions, completed, withdrawn and success rate per site, where more than one laptop contributed."""
        if len(self.sites) < 2:
            return []
        rows: list[Row] = [(self.t("report.col_site"), self.t("report.col_sessions"), self.t("report.col_completed"),
                            self.t("report.col_withdrawn"), self.t("report.col_success_rate"))]
        rows += [(site.name, site.sessions, site.completed, site.withdrawn, self.pct(site.success_rate))
                 for site in self.sites]
        return [KeepTogether([self.para(self.t("report.by_site"), "h2"), self.para(self.t("report.by_site_text")),
                              self.table(rows, [62 * mm, 26 * mm, 26 * mm, 26 * mm, 34 * mm])])]

    def task_findings(self) -> list[str]:
        """Hardest and easiest task, unless there is only one task or none differs from another."""
        rated = [t for t in self.r.tasks if t.completion.value is not None]
        if not rated:
            return []
        hardest = min(rated, key=lambda t: cast(float, t.completion.value))  # rated: never None
        easiest = max(rated, key=lambda t: cast(float, t.completion.value))
        if len(rated) == 1:
            pairs = [("report.finding_only_task", hardest)]
        elif hardest.completion.value == easiest.completion.value:
            return [self.t("report.finding_same", rate=self.pct(hardest.completion.value))]
        else:
            pairs = [("report.finding_hardest", hardest), ("report.finding_easiest", easiest)]
        return [self.t(key, task=self.task_title(task.task_id), rate=self.pct(task.completion.value),
                       low=self.pct(task.completion.low), high=self.pct(task.completion.high)) for key, task in pairs]

    def introduction(self) -> list:
        r = self.r
        title = self.study.title.get_or_fallback(self.lang)
        intro = self.t("report.intro_text_one_day", title=title, day=self.w.day(r.first_utc)) if self._one_day() \
            else self.t("report.intro_text", title=title, first=self.w.day(r.first_utc), last=self.w.day(r.last_utc))
        on_prototype = sum(task.prototype is not None for task in self.study.tasks)
        counted = [self.n("report.intro_tasks", len(self.study.tasks))]
        if on_prototype:
            counted.append(self.n("report.intro_prototype_tasks", on_prototype))
        text = " ".join((intro, *counted, self.n("report.intro_laptops", r.laptops)))
        return [self.para(self.t("report.introduction"), "h1"), self.para(text)]

    def _one_day(self) -> bool:
        """All sessions on one local day: "held on 5 Oct 2026", not "between 5 Oct 2026 and 5 Oct 2026"."""
        return self.w.day(self.r.first_utc) == self.w.day(self.r.last_utc)

    def method(self) -> list:
        r = self.r
        out = [self.para(self.t("report.method"), "h1"), self.para(self.t("report.participants"), "h2"),
               self.para(self.n("report.participants_text", r.participants))]
        for question in self.study.pre_questions:
            if question.id not in r.demographics:
                continue
            counts = r.demographics[question.id]
            rows: list[Row] = [(question.text.get_or_fallback(self.lang), self.t("report.count"),
                                self.t("report.share"))]
            labelled = [(choice.label.get_or_fallback(self.lang), counts.get(choice.id, 0)) for choice in question.choices]
            if counts.get("", 0):
                labelled.append((self.t("report.not_answered"), counts[""]))
            rows += self.counted_rows(labelled)
            out += [self.table(rows, [100 * mm, 35 * mm, 35 * mm]), Spacer(1, 3 * mm)]
        rows = [(self.t("report.by_language"), self.t("report.count"), self.t("report.share"))]
        rows += self.counted_rows([(self.w.language(lang), n) for lang, n in r.languages.most_common()])
        out += [self.table(rows, [100 * mm, 35 * mm, 35 * mm]), self.para(self.t("report.tasks"), "h2")]
        rows = [(self.t("report.col_task"), self.t("report.col_success_criteria"), self.t("report.col_expected"))]
        minutes = self.w.time_unit(task.expected_seconds for task in self.study.tasks)
        rows += [(task.title.get_or_fallback(self.lang),
                  facilitator_text(task.success_criteria, self.lang) or self.t("report.none"),
                  self.w.duration(task.expected_seconds or None, minutes)) for task in self.study.tasks]
        out += [self.table(rows, [62 * mm, 85 * mm, 27 * mm]), self.para(self.t("report.procedure"), "h2")]
        order = self.t("report.order_counterbalanced" if self.study.task_order.value == "counterbalanced"
                       else "report.order_fixed")
        out.append(self.para(self.n("report.procedure_text", len(self.study.pre_questions), order=order)))
        names = {"seq": "SEQ", "sus": "SUS", "umux_lite": "UMUX-Lite", "nasa_tlx": "NASA-TLX"}
        out.append(self.para(self.t("report.questionnaires_text",
                                    after_task=", ".join(names[n] for n in self.study.after_each_task) or self.t("report.none"),
                                    after_last=", ".join(names[n] for n in self.study.after_last_task) or self.t("report.none"))))
        out += [self.para(self.t("report.metrics"), "h2"), self.para(self.t("report.metric_effectiveness")),
                self.para(self.t("report.metric_efficiency")), self.para(self.t("report.metric_satisfaction"))]
        options = self.study.options
        if "sus" in self.study.after_last_task:
            out.append(self.para(self.t("report.sus_validated" if options.sus_translation_validated
                                        else "report.sus_not_validated")))
            if any(s.sus_version == "all_positive" for s in self.r.summaries):  # any plan version the sessions ran
                out.append(self.para(self.t("report.sus_positive")))
        if "nasa_tlx" in (*self.study.after_each_task, *self.study.after_last_task):
            out.append(self.para(self.t("report.tlx_note")))
        return out

    def counted_rows(self, labelled: list[tuple[str, int]]) -> list[Row]:
        """Label, count and share rows whose shares add up to 100% (largest remainder)."""
        shares = self.w.shares([count for _, count in labelled])
        return [(label, count, share) for (label, count), share in zip(labelled, shares)]

    def task_table(self):
        rows: list[Row] = [(self.t("report.col_task"), self.t("report.col_n"), self.t("report.col_completion"),
                            self.t("report.col_ci"), self.t("report.col_time"), self.t("report.col_seq"),
                            self.t("report.col_help"), self.t("report.col_errors"))]
        minutes = self.w.time_unit(t.time_seconds.high or t.time_seconds.value for t in self.r.tasks)
        for task in self.r.tasks:
            time = task.time_seconds
            rows.append((self.task_title(task.task_id), task.attempts, self.pct(task.completion.value),
                         self._range(task.completion, self.pct), self.w.duration(time.value, minutes, time.low, time.high),
                         self.num(task.seq.value), f"{task.assisted} / {task.help_requests}", task.errors))
        return self.table(rows, [43 * mm, 9 * mm, 21 * mm, 22 * mm, 30 * mm, 11 * mm, 21 * mm, 17 * mm])

    def results(self) -> list:
        r = self.r
        script = self.w.script
        bars = [Bar(script(self.task_title(t.task_id)), t.completion.value, t.completion.low, t.completion.high)
                for t in r.tasks]
        completion = bar_chart(bars, 1.0, [0, 0.25, 0.5, 0.75, 1.0], self.w.pct)
        longest = max([t.time_seconds.high or t.time_seconds.value or 0 for t in r.tasks] +
                      [self.study.task(t.task_id).expected_seconds for t in r.tasks] + [60])
        step = 60 if longest <= 600 else 120 if longest <= 1200 else 300
        maximum = step * (int(longest // step) + 1)
        time_bars = [Bar(script(self.task_title(t.task_id)), t.time_seconds.value, t.time_seconds.low,
                         t.time_seconds.high, marker=self.study.task(t.task_id).expected_seconds or None)
                     for t in r.tasks]
        times = bar_chart(time_bars, maximum, list(range(0, maximum + 1, step)),
                          lambda v: self.t("report.minutes", value=formats.integer(self.lang, round(v / 60))))
        outcome_rows: list[Row] = [(self.t("report.col_task"), *[self.t(f"outcome.{o.value}") for o in Outcome])]
        outcome_rows += [(self.task_title(t.task_id), *[t.outcomes.get(o, 0) for o in Outcome]) for t in r.tasks]
        out = [PageBreak(), self.para(self.t("report.results"), "h1"), self.para(self.t("report.task_results"), "h2"),
               self.task_table(), Spacer(1, 4 * mm),
               KeepTogether([completion, self.para(self.t("report.chart_completion"), "caption")]),
               KeepTogether([times, self.para(self.t("report.chart_time"), "caption")]),
               KeepTogether([self.para(self.t("report.outcomes"), "h2"),
                             self.table(outcome_rows, [48 * mm] + [21 * mm] * len(Outcome))])]
        tlx_tasks = [t for t in r.tasks if t.tlx_raw.value is not None]
        if tlx_tasks:
            rows: list[Row] = [(self.t("report.col_task"), self.t("report.col_n"), "TLX", self.t("report.col_ci"),
                                self.t("report.tlx_weighted"))]
            rows += [(self.task_title(t.task_id), t.tlx_raw.n, self.num(t.tlx_raw.value),
                      self._range(t.tlx_raw, self.num), self.num(t.tlx_weighted.value)) for t in tlx_tasks]
            out += [self.para(self.t("report.tlx"), "h2"), self.table(rows, [80 * mm, 12 * mm, 22 * mm, 30 * mm, 30 * mm])]
        out += prototype_sections(r.prototype_tasks, self.study.prototypes, self.w, self.task_title)
        return out

    def satisfaction(self) -> list:
        r = self.r
        out = [self.para(self.t("report.satisfaction"), "h1")]
        if r.sus.value is not None:
            interval = {} if r.sus.low is None else {"low": self.num(r.sus.low), "high": self.num(r.sus.high)}
            out += [self.para(self.t("report.sus_text" if interval else "report.sus_text_no_interval",
                                     mean=self.num(r.sus.value), n=r.sus.n, grade=r.sus_grade, **interval,
                                     percentile=formats.ordinal(self.lang, round(r.sus_percentile or 0)))),
                    KeepTogether([sus_chart(r.sus_scores, r.sus.value, r.sus.low, r.sus.high,
                                            self.w.script(self.t("report.average68"))),
                                  self.para(self.t("report.chart_sus"), "caption")])]
            if not self.study.options.sus_translation_validated and self.lang != "en":
                out.append(self.para(self.t("report.sus_not_validated"), "small"))
        if r.umux.value is not None:
            interval = {} if r.umux.low is None else {"low": self.num(r.umux.low), "high": self.num(r.umux.high)}
            out.append(self.para(self.t("report.umux_text" if interval else "report.umux_text_no_interval",
                                        mean=self.num(r.umux.value), n=r.umux.n, **interval,
                                        predicted=self.num(r.umux_predicted_sus.value))))
        return out

    def groups(self) -> list:
        if not self.r.groups:
            return []
        out = [self.para(self.t("report.groups"), "h1"), self.para(self.t("report.groups_text"))]
        for question_id in self.study.group_by:
            question = next(q for q in self.study.pre_questions if q.id == question_id)
            labels = {c.id: c.label.get_or_fallback(self.lang) for c in question.choices}
            rows: list[Row] = [(question.text.get_or_fallback(self.lang), self.t("report.col_participants"),
                                self.t("report.col_completion"), self.t("report.col_ci"), self.t("report.col_seq"),
                                self.t("report.col_sus"))]
            for g in (g for g in self.r.groups if g.question_id == question_id):
                rows.append((labels[g.choice_id], g.participants, self.pct(g.completion.value),
                             self._range(g.completion, self.pct), self.num(g.seq.value), self.num(g.sus.value)))
            out += [self.table(rows, [60 * mm, 24 * mm, 22 * mm, 26 * mm, 18 * mm, 24 * mm]), Spacer(1, 4 * mm)]
        return out

    def notes(self) -> list:
        by_tag = self.r.notes_by_tag
        if not by_tag and not self.r.withheld_quotes:
            return []
        out = [self.para(self.t("report.notes"), "h1"), self.para(self.t("report.notes_text"))]
        if self.r.withheld_quotes:
            out.append(self.para(self.n("report.quotes_withheld", self.r.withheld_quotes)))
        tags = [t for t in NOTE_TAG_ORDER if t in by_tag] + sorted(t for t in by_tag if t not in NOTE_TAG_ORDER)
        for tag in tags:
            title = self.t(f"tag.{tag}") if f"tag.{tag}" in self.catalog.keys(self.lang) else (
                self.t("report.untagged") if tag == "untagged" else tag)
            rows = [(f"{title} ({len(by_tag[tag])})", self.t("report.col_task"), self.t("report.participant"))]
            rows += [(note.text or self.t("report.none"), self.task_title(note.task_id) if note.task_id else
                      self.t("report.none"), summary.record.participant_code) for summary, note in by_tag[tag]]
            out += [self.table(rows, [100 * mm, 50 * mm, 24 * mm]), Spacer(1, 3 * mm)]
        return out

    def appendix(self) -> list:
        rows: list[Row] = [(self.t("report.col_version"), self.t("report.col_hash"), self.t("report.col_sessions"))]
        rows += [(v.version, v.content_hash, v.sessions) for v in self.r.plan_versions]
        return [self.para(self.t("report.appendix"), "h1"), self.para(self.t("report.appendix_text")),
                self.table(rows, [22 * mm, 130 * mm, 22 * mm])]

    # -- formatting -----------------------------------------------------------------------------------

    def _range(self, estimate: Estimate, fmt: Callable[[float | None], str]) -> str:
        return self.w.range(estimate.low, estimate.high, fmt)
