"""One session on paper: who (by code), when, task outcomes and times, answers, and the full timeline."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from kiosk.i18n import Catalog, default_catalog
from kiosk.reports.pdf import build_pdf
from kiosk.reports.wording import ReportWriter, plan_ids
from kiosk.session.describe import describe_event
from kiosk.session.summary import summarize
from kiosk.store.db import StoreReader
from kiosk.study.loader import load_plan_text
from kiosk.study.labels import find_question, question_heading, value_label


def write_session_report(store: StoreReader, session_id: str, out: Path, lang: str, catalog: Catalog | None = None) -> Path:
    catalog = catalog or default_catalog()
    record = store.session(session_id)
    events = store.events(session_id)
    study = load_plan_text(store.plan_source(record.plan_hash), f"<plan {record.plan_hash[:12]}>")
    summary = summarize(record, events, study)
    w = ReportWriter(catalog, lang, plan_ids(study) | {record.participant_code, record.id})
    t, para, table = w.t, w.para, w.table

    def task_title(task_id: str | None) -> str:
        return study.task(task_id).title.get_or_fallback(lang) if task_id else t("report.none")

    facts = [
        (t("report.participant"), record.participant_code),
        (t("report.study_id"), f"{study.title.get_or_fallback(lang)} ({study.id} v{record.plan_version})"),
        (t("report.started"), w.when(summary.started_utc)),
        (t("report.ended"), w.when(summary.ended_utc)),
        (t("report.state"), t(f"state.{record.status.value}")),
        (t("report.language"), w.language_uses([(u.language, u.seconds) for u in summary.language_uses]
                                               or [(summary.language, 0.0)])),
        (t("report.task_order"), ", ".join(f"{i}. {task_title(tid)}" for i, tid in enumerate(record.task_order, 1))),
        (t("report.generated"), w.now()),
    ]
    note = w.plan_language_note([study.title, *(task.title for task in study.tasks)])
    # cells of texts and numbers, as table() takes them
    outcomes: list[tuple[object, ...]] = [(t("report.col_task"), t("report.col_outcome"), t("report.col_active"),
                                           t("report.col_paused"), t("report.col_help_requests"), t("report.col_seq"))]
    active = w.time_unit(result.active_seconds for result in summary.tasks)
    paused = w.time_unit(result.paused_seconds for result in summary.tasks)
    for result in summary.tasks:
        outcome = t(f"outcome.{result.outcome.value}") if result.outcome else t("report.none")
        if result.assistance:
            outcome += f": {result.assistance}"
        outcomes.append((task_title(result.task_id), outcome, w.duration(result.active_seconds, active),
                         w.duration(result.paused_seconds or None, paused), result.help_requests,
                         result.seq if result.seq is not None else t("report.none")))
    answers = [(t("report.col_question"), t("report.col_task"), t("report.col_answer"))]
    for answer in summary.answer_rows:  # the words the participant saw, from this session's own plan snapshot
        question = find_question(study, answer.question_id, answer.instrument, answer.task_id, catalog)
        answers.append((question_heading(catalog, lang, study, answer.question_id, answer.instrument, answer.task_id),
                        task_title(answer.task_id) if answer.task_id else "",
                        value_label(catalog, lang, question, answer.value)))
    start = datetime.fromisoformat(events[0].utc) if events else None
    timeline = [(t("report.col_when"), t("report.col_event"))]
    for event in events:
        if event.kind == "draft_saved":
            continue  # unconfirmed taps are not part of what the participant said or did
        if event.kind == "note_added" and "quote" in event.payload.get("tags", []) and not summary.may_quote():
            event = replace(event, payload={**event.payload, "text": t("report.quote_withheld")})
        offset = int((datetime.fromisoformat(event.utc) - start).total_seconds()) if start else 0
        timeline.append((f"{offset // 3600:d}:{offset // 60 % 60:02d}:{offset % 60:02d}",
                         describe_event(catalog, lang, event, study)))
    story = [
        para(t("report.title_session"), "title"), table(facts, [45 * mm, 129 * mm], header_rows=0),
        *([Spacer(1, 2 * mm), para(note)] if note else []),
        Spacer(1, 2 * mm), para(t("report.confidential"), "small"),
        para(t("report.session_outcomes"), "h1"), table(outcomes, [50 * mm, 50 * mm, 20 * mm, 18 * mm, 20 * mm, 16 * mm]),
        para(t("report.session_answers"), "h1"), table(answers, [88 * mm, 40 * mm, 46 * mm]),
        para(t("report.session_timeline"), "h1"), table(timeline, [20 * mm, 154 * mm]), Spacer(1, 4 * mm),
    ]
    return build_pdf(out, story, catalog, lang, w.script(f"{record.participant_code} · {t('report.title_session')}"))

