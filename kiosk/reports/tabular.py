"""Tidy CSV exports for R, SPSS, spreadsheets and Datasette, with a data dictionary.

One row per participant, per participant × task, per answer, per note and per event; every column
is described in ``data_dictionary.csv``. ``excel=True`` writes UTF-8 with a byte-order mark, which
Excel needs to show Cyrillic correctly, and defuses text a spreadsheet would run as a formula
(participants and facilitators type free text; ``=HYPERLINK(...)`` in a note must stay a note).
Files are written whole or not at all (temporary + rename).
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from kiosk.i18n import default_catalog
from kiosk.reports.dataset import summaries_for_study
from kiosk.reports.tap_export import HEATMAP_FOLDER, HEATMAP_NAME, all_prototypes, study_taps, tap_rows, write_heatmaps
from kiosk.session.summary import SessionSummary
from kiosk.store.db import StoreReader
from kiosk.study.labels import find_question, question_heading, value_label
from kiosk.study.model import Question, Study


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str


PARTICIPANTS = (
    Column("session_id", "text", "Globally unique session id"),
    Column("laptop_id", "text", "Id of the laptop that recorded the session"),
    Column("study_id", "text", "Study id from the plan"),
    Column("plan_version", "text", "Plan version the session ran against"),
    Column("plan_sha256", "text", "SHA-256 of the exact plan text the session ran against"),
    Column("participant_code", "text", "Pseudonymous participant code (never a name)"),
    Column("participant_number", "integer", "Participant number; decides the counterbalanced task order"),
    Column("status", "text", "in_progress, ended or abandoned"),
    Column("language", "text", "Language tag the session ended in (sr-Cyrl, sr-Latn, en, ...)"),
    Column("started_utc", "datetime", "Start of the session, ISO 8601, UTC"),
    Column("ended_utc", "datetime", "End of the session (or when it was abandoned), ISO 8601, UTC; empty if in progress"),
    Column("task_order", "text", "Task ids in the order this participant saw them, separated by ';'"),
)
TASKS = (
    Column("session_id", "text", "Session id (see participants.csv)"),
    Column("participant_code", "text", "Pseudonymous participant code"),
    Column("task_id", "text", "Task id from the plan"),
    Column("position", "integer", "Position of the task in this participant's order, from 1"),
    Column("outcome", "text", "success, assisted, partial, failed, gave_up, skipped; empty if not reached"),
    Column("success", "integer", "1 if completed without assistance, 0 if attempted otherwise; empty if skipped or not reached"),
    Column("assistance", "text", "Help given (assisted), or why the task was skipped"),
    Column("active_seconds", "number", "Time on task in seconds, pauses and interruptions excluded"),
    Column("paused_seconds", "number", "Time the task was paused, in seconds"),
    Column("help_requests", "integer", "Times the participant pressed Help during the task"),
    Column("interrupted", "integer", "1 if the app was closed or crashed during the task, else 0"),
    Column("seq", "integer", "Single Ease Question, 1 (very difficult) to 7 (very easy); empty if not answered"),
    Column("started_utc", "datetime", "When the task started, ISO 8601, UTC"),
    Column("ended_utc", "datetime", "When the outcome was recorded, ISO 8601, UTC"),
)
ANSWERS = (
    Column("session_id", "text", "Session id"),
    Column("participant_code", "text", "Pseudonymous participant code"),
    Column("block", "text", "pre (before tasks), post_task (after a task) or post_session (after the last task)"),
    Column("task_id", "text", "The task a post-task answer belongs to; empty otherwise"),
    Column("instrument", "text", "seq, sus, umux_lite, nasa_tlx, nasa_tlx_pair; empty for the plan's own questions"),
    Column("item", "text", "Item within the instrument (SUS 1-10, TLX scale name), or the plan's question id"),
    Column("question_id", "text", "Unique id of the question within the session"),
    Column("value", "text", "The answer: a number, a choice id, several choice ids separated by ';', or text"),
    Column("language", "text", "Language the question was shown in"),
    Column("answered_utc", "datetime", "When the answer was given, ISO 8601, UTC"),
    Column("question_text", "text", "The question's wording in the language it was shown in, from the plan the "
                                    "session ran (standard items named first: SUS 1: ...); the id if that plan lacks it"),
    Column("value_label", "text", "The answer as the participant saw it: choice labels separated by ';', a scale "
                                  "point with its end label (5 — Strongly agree), or the text; for reading, not analysis"),
)
NOTES = (
    Column("session_id", "text", "Session id"),
    Column("participant_code", "text", "Pseudonymous participant code"),
    Column("utc", "datetime", "When the note was saved, ISO 8601, UTC"),
    Column("task_id", "text", "Task under way when the note was taken; empty otherwise"),
    Column("step", "text", "Session step when the note was taken"),
    Column("tags", "text", "Tags separated by ';' (confusion, error, quote, asked_help, barrier, ...)"),
    Column("text", "text", "The facilitator's note; empty where withheld"),
    Column("text_withheld", "integer", "1 if the note is a quote and the participant did not agree to be quoted"),
)
CONSENT = (
    Column("session_id", "text", "Session id"),
    Column("participant_code", "text", "Pseudonymous participant code"),
    Column("consent_version", "text", "Version of the consent text in the plan"),
    Column("text_sha256", "text", "SHA-256 of the exact consent text shown (summary, full text, retention, options)"),
    Column("language", "text", "Language the consent was given in"),
    Column("script", "text", "ISO 15924 script: Cyrl or Latn"),
    Column("method", "text", "signature, mark or verbal"),
    Column("facilitator", "text", "Facilitator code or initials"),
    Column("witness", "text", "Impartial witness of verbal consent (name or code)"),
    Column("guardian", "text", "Parent or guardian who consented for a participant under 18"),
    Column("consented_utc", "datetime", "When consent was given, ISO 8601, UTC"),
    Column("local_time", "datetime", "The same moment in the laptop's local time, with its offset"),
    Column("options", "json", "Every consent option offered, true (agreed) or false"),
)
TOMBSTONES = (
    Column("participant_code", "text", "Participant whose data were erased on the laptop; erase them at the hub too"),
    Column("study_id", "text", "Study id"),
    Column("withdrawn_utc", "datetime", "When the data were erased, ISO 8601, UTC"),
    Column("reason", "text", "Why (as recorded by the facilitator)"),
    Column("laptop_id", "text", "Laptop that erased them"),
)
CONTACTS = (
    Column("participant_code", "text", "Pseudonymous participant code"),
    Column("contact", "text", "Phone or e-mail for future studies (exported only because the plan allows it)"),
    Column("saved_utc", "datetime", "When the contact was saved, ISO 8601, UTC"),
)
EVENTS = (
    Column("event_id", "text", "Globally unique event id"),
    Column("session_id", "text", "Session id"),
    Column("seq", "integer", "Order of the event within the session, from 1"),
    Column("kind", "text", "What happened (session_started, task_started, outcome_recorded, ...)"),
    Column("utc", "datetime", "Wall-clock time, ISO 8601, UTC"),
    Column("mono_ns", "integer", "Monotonic clock in nanoseconds; comparable only within one clock_epoch"),
    Column("clock_epoch", "text", "Id of the app run whose monotonic clock mono_ns comes from"),
    Column("laptop_id", "text", "Laptop that recorded the event"),
    Column("payload", "json", "Details of the event as JSON"),
)
TAPS = (
    Column("session_id", "text", "Session id"),
    Column("participant_code", "text", "Pseudonymous participant code"),
    Column("task_id", "text", "Task id from the plan"),
    Column("prototype", "text", f"Prototype id (the {HEATMAP_FOLDER}/{HEATMAP_NAME} files are named after it)"),
    Column("screen", "text", "Screen the tap fell on"),
    Column("language", "text", "The participant's language when the tap was made (BCP 47 tag)"),
    Column("image", "text", "The screen image the tap was made on (file in the prototype folder): the language's "
                            "own image where the screen has one, else the default"),
    Column("x", "number", "Tap position in the screen image's pixels, from the left edge"),
    Column("y", "number", "Tap position in the screen image's pixels, from the top edge"),
    Column("hit", "integer", "1 if the tap fell on a hotspot, 0 for a miss (outside every hotspot)"),
    Column("hotspot", "text", "Id of the hotspot tapped; empty for a miss"),
    Column("action", "text", "What the hotspot did: go, back or goal; empty for a miss"),
    Column("to", "text", "Screen shown after the tap (the same screen for a miss or a goal hotspot)"),
    Column("goal", "text", "The task goal this tap reached (a screen or hotspot id); empty otherwise"),
    Column("ms_since_screen", "integer", "Milliseconds from the screen appearing to the tap"),
    Column("utc", "datetime", "When the tap was logged, ISO 8601, UTC"),
)
HEATMAPS_NOTE = (
    "One PNG per prototype screen tapped at least once, over every session, drawn over the image the taps were "
    "made on: a screen with its own image for some language gets one PNG per image tapped, named after the "
    "languages whose taps it shows (e.g. farm-home.en.png, farm-home.sr-Cyrl+sr-Latn.png; as taps.csv's "
    "language and image columns). The screen dimmed in grey, taps on "
    "hotspots as a blurred density (lighter = more taps, readable in greyscale), misses as cyan crosses, hotspots "
    "outlined in grey, a legend below. Positions as in taps.csv."
)
FILES = {"participants.csv": PARTICIPANTS, "task_results.csv": TASKS, "answers.csv": ANSWERS,
         "notes.csv": NOTES, "events.csv": EVENTS, "consent.csv": CONSENT, "tombstones.csv": TOMBSTONES,
         "taps.csv": TAPS}


#: what a spreadsheet reads as the start of a formula (or, for tab and CR, as a way to hide one)
_FORMULA_START = tuple("=+-@\t\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
EXCEL_NOTE = (
    "Excel-safe export (--excel): a text cell that begins with =, +, -, @, a tab or a carriage return (after any "
    "spaces or line breaks) is written with an apostrophe (') in front, so that a spreadsheet shows it as text "
    "instead of running it as a formula; remove that one leading apostrophe to get the text as typed. Numbers, "
    "including negative ones such as -3, are written unchanged."
)


def excel_safe(value: object) -> object:
    """Prefix an apostrophe where a spreadsheet would evaluate the cell (OWASP's CSV-injection advice);
    a cell that is just a number, like -3, is data and stays a number."""
    if not isinstance(value, str) or not value:
        return value
    if value.lstrip(" \n").startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, list):
        return ";".join(map(str, value))
    if isinstance(value, float):
        return round(value, 3)
    return value


def _write(path: Path, columns: Sequence[Column], rows: Iterable[Sequence[object]], excel: bool) -> None:
    partial = path.with_name(path.name + ".part")
    with partial.open("w", encoding="utf-8-sig" if excel else "utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([c.name for c in columns])
        for row in rows:
            cells = [_cell(v) for v in row]
            writer.writerow([excel_safe(c) for c in cells] if excel else cells)
    partial.replace(path)


def export_study_csv(store: StoreReader, study_id: str, out: Path, excel: bool = False) -> list[Path]:
    """Write the study's tidy tables and data dictionary into ``out``; return the files written."""
    summaries, plans = summaries_for_study(store, study_id)
    tombstones = store.tombstones(study_id)
    if not summaries and not tombstones:
        raise LookupError(f"no sessions of study {study_id!r} in {store.path}")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    writers = {
        "participants.csv": _participant_rows(summaries), "task_results.csv": _task_rows(summaries),
        "answers.csv": _answer_rows(summaries, plans), "notes.csv": _note_rows(summaries),
        "events.csv": _event_rows(store, summaries),
        "consent.csv": _consent_rows(store, study_id),
        "tombstones.csv": ((t.participant_code, t.study_id, t.withdrawn_utc, t.reason, t.laptop_id) for t in tombstones),
    }
    taps = study_taps(store, summaries, plans)
    writers["taps.csv"] = tap_rows(taps)
    files = dict(FILES)
    # Contact details leave the laptop only if the plan (as last run) says so.
    latest = plans[summaries[-1].record.plan_hash] if summaries else None
    if latest is not None and latest.consent.export_contacts:
        files["contacts.csv"] = CONTACTS
        writers["contacts.csv"] = ((c["participant_code"], c["contact"], c["utc"]) for c in store.contacts(study_id))
    written = []
    for name, rows in writers.items():
        _write(out / name, files[name], rows, excel)
        written.append(out / name)
    written += write_heatmaps(taps, all_prototypes(plans, latest), out)
    dictionary = [(name, c.name, c.type, c.description) for name, columns in files.items() for c in columns]
    dictionary.append((f"{HEATMAP_FOLDER}/{HEATMAP_NAME}", "", "image", HEATMAPS_NOTE))
    if excel:
        dictionary.append(("*", "*", "", EXCEL_NOTE))
    _write(out / "data_dictionary.csv", (Column("file", "", ""), Column("column", "", ""), Column("type", "", ""),
                                         Column("description", "", "")), dictionary, excel)
    written.append(out / "data_dictionary.csv")
    return written


def _participant_rows(summaries: list[SessionSummary]):
    for s in summaries:
        r = s.record
        yield (r.id, r.laptop_id, r.study_id, r.plan_version, r.plan_hash, r.participant_code, r.participant_number,
               r.status.value, s.language, s.started_utc, s.ended_utc, list(r.task_order))


def _task_rows(summaries: list[SessionSummary]):
    for s in summaries:
        for t in s.tasks:
            attempted = t.outcome is not None and t.outcome.value != "skipped"
            yield (s.record.id, s.record.participant_code, t.task_id, t.position, t.outcome.value if t.outcome else None,
                   (1 if t.outcome.counts_as_success else 0) if attempted and t.outcome is not None else None,
                   t.assistance, t.active_seconds, t.paused_seconds, t.help_requests, int(t.interrupted), t.seq,
                   t.started_utc, t.ended_utc)


def _answer_rows(summaries: list[SessionSummary], plans: Mapping[str, Study]):
    catalog = default_catalog()
    words: dict[tuple[object, ...], tuple[str, Question | None]] = {}  # a study repeats the same questions
    for s in summaries:
        study = plans[s.record.plan_hash]
        for a in s.answer_rows:
            lang = a.language or study.default_language
            key = (s.record.plan_hash, a.question_id, a.instrument, a.task_id, lang)
            if key not in words:
                words[key] = (question_heading(catalog, lang, study, a.question_id, a.instrument, a.task_id),
                              find_question(study, a.question_id, a.instrument, a.task_id, catalog))
            text, question = words[key]
            values = a.value if isinstance(a.value, list) else [a.value]
            yield (s.record.id, s.record.participant_code, a.block, a.task_id, a.instrument, a.item, a.question_id,
                   a.value, a.language, a.utc, text, [value_label(catalog, lang, question, v) for v in values])


def _note_rows(summaries: list[SessionSummary]):
    for s in summaries:
        for n in s.notes:
            withheld = s.note_is_withheld(n)
            yield (s.record.id, s.record.participant_code, n.utc, n.task_id, n.step, list(n.tags),
                   "" if withheld else n.text, int(withheld))


def _event_rows(store: StoreReader, summaries: list[SessionSummary]):
    for s in summaries:
        for e in store.events(s.record.id):
            if e.kind == "draft_saved":
                continue  # an unconfirmed tap is not an answer (it may precede "prefer not to answer")
            payload = dict(e.payload)
            if e.kind == "note_added" and "quote" in payload.get("tags", []) and not s.may_quote():
                payload["text"] = ""  # the same quote must not leak through the raw events
                payload["text_withheld"] = True
            yield (e.id, e.session_id, e.seq, e.kind, e.utc, e.mono_ns, e.clock_epoch, e.laptop_id,
                   json.dumps(payload, ensure_ascii=False, sort_keys=True))


def _consent_rows(store: StoreReader, study_id: str):
    for c in store.consent_records(study_id):
        yield (c.session_id, c.participant_code, c.consent_version, c.text_sha256, c.language, c.script, c.method,
               c.facilitator, c.witness, c.guardian, c.utc, c.local_time,
               json.dumps(c.options, sort_keys=True))


def session_tables(store: StoreReader, summary: SessionSummary, plan: Study) -> dict[str, bytes]:
    """The tables ``export-csv`` writes, holding only this session's rows, as UTF-8 CSV files by name, with
    their data dictionary: what a session bundle carries to the hub (kiosk/exchange)."""
    record = summary.record
    plans = {record.plan_hash: plan}
    tables: dict[str, tuple[Sequence[Column], Iterable[Sequence[object]]]] = {
        "participants.csv": (PARTICIPANTS, _participant_rows([summary])),
        "task_results.csv": (TASKS, _task_rows([summary])),
        "answers.csv": (ANSWERS, _answer_rows([summary], plans)),
        "notes.csv": (NOTES, _note_rows([summary])),
        "events.csv": (EVENTS, _event_rows(store, [summary])),
        "consent.csv": (CONSENT, (row for row in _consent_rows(store, record.study_id) if row[0] == record.id)),
        "taps.csv": (TAPS, tap_rows(study_taps(store, [summary], plans))),
    }
    if plan.consent.export_contacts:
        tables["contacts.csv"] = (CONTACTS, ((c["participant_code"], c["contact"], c["utc"])
                                             for c in store.contacts(record.study_id)
                                             if c["participant_code"] == record.participant_code))
    dictionary = [(name, c.name, c.type, c.description) for name, (columns, _) in tables.items() for c in columns]
    tables["data_dictionary.csv"] = ((Column("file", "", ""), Column("column", "", ""), Column("type", "", ""),
                                      Column("description", "", "")), dictionary)
    return {name: _csv_bytes(columns, rows) for name, (columns, rows) in tables.items()}


def _csv_bytes(columns: Sequence[Column], rows: Iterable[Sequence[object]]) -> bytes:
    import io

    text = io.StringIO(newline="")
    writer = csv.writer(text)
    writer.writerow([c.name for c in columns])
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return text.getvalue().encode("utf-8")
