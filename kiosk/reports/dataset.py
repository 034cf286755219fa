"""Everything a study report or export needs, computed once from the store: typed, no PDF, no Qt.

Each session is summarised against the plan it actually ran (its snapshot); per-task statistics
follow Sauro & Lewis: completion with an adjusted-Wald interval (assisted completions count as
failures), time on task as a geometric mean of successful attempts with a t-interval on log times.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.metrics import (TLX_PAIRS, TLX_SCALES, completion_interval, nasa_tlx_raw, nasa_tlx_weighted, sus_grade, sus_percentile,
                           t_quantile, time_on_task, umux_lite)
from kiosk.reports.prototype_dataset import PrototypeTaskStats, prototype_task_stats
from kiosk.session.flow import Outcome
from kiosk.session.summary import Note, SessionSummary, summarize
from kiosk.store.db import StoreReader
from kiosk.store.records import SessionStatus
from kiosk.study.loader import load_plan_text
from kiosk.study.model import QuestionKind, Study


@dataclass(frozen=True)
class Estimate:
    """A point estimate with an interval; bounds are None where the sample cannot give one."""

    value: float | None
    low: float | None = None
    high: float | None = None
    n: int = 0


@dataclass(frozen=True)
class TaskStats:
    task_id: str
    attempts: int
    successes: int
    outcomes: dict[Outcome, int]
    completion: Estimate
    time_seconds: Estimate
    seq: Estimate
    assisted: int
    help_requests: int
    errors: int
    tlx_raw: Estimate
    skipped: int
    tlx_weighted: Estimate = Estimate(None)


@dataclass(frozen=True)
class GroupStats:
    question_id: str
    choice_id: str
    participants: int
    completion: Estimate
    seq: Estimate
    sus: Estimate


@dataclass(frozen=True)
class PlanVersion:
    version: str
    content_hash: str
    sessions: int


@dataclass(frozen=True)
class StudyResults:
    study: Study
    summaries: tuple[SessionSummary, ...]
    plan_versions: tuple[PlanVersion, ...]
    tasks: tuple[TaskStats, ...]
    sus_scores: tuple[float, ...]
    sus: Estimate
    umux: Estimate
    umux_predicted_sus: Estimate
    demographics: dict[str, Counter]
    groups: tuple[GroupStats, ...]
    notes_by_tag: dict[str, list[tuple[SessionSummary, Note]]] = field(default_factory=dict)
    languages: Counter = field(default_factory=Counter)
    #: sessions by the languages they were shown in, in the order first chosen (one tag: never switched)
    language_paths: Counter = field(default_factory=Counter)
    withheld_quotes: int = 0
    prototype_tasks: tuple[PrototypeTaskStats, ...] = ()  # the latest plan's tasks played on a prototype

    @property
    def participants(self) -> int:
        return len(self.summaries)

    @property
    def ended(self) -> int:
        return sum(s.record.status is SessionStatus.ENDED for s in self.summaries)

    @property
    def abandoned(self) -> int:
        return sum(s.record.status is SessionStatus.ABANDONED for s in self.summaries)

    @property
    def laptops(self) -> int:
        return len({s.record.laptop_id for s in self.summaries})

    @property
    def first_utc(self) -> str:
        return min((s.started_utc for s in self.summaries), default="")

    @property
    def last_utc(self) -> str:
        return max((s.ended_utc or s.started_utc for s in self.summaries), default="")

    @property
    def sus_grade(self) -> str | None:
        return sus_grade(self.sus.value) if self.sus.value is not None else None

    @property
    def sus_percentile(self) -> float | None:
        return sus_percentile(self.sus.value) if self.sus.value is not None else None


class NoSessions(LookupError):
    """The study has no sessions in this data folder (yet)."""


def mean_interval(values: list[float], scale: tuple[float, float] | None = None,
                  confidence: float = 0.95) -> Estimate:
    """Mean with a t-interval, clipped to the rating's scale (a tiny group can reach past it)."""
    n = len(values)
    if n == 0:
        return Estimate(None)
    mean = sum(values) / n
    if n == 1:
        return Estimate(mean, None, None, 1)
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))
    half = t_quantile(1 - (1 - confidence) / 2, n - 1) * sd / math.sqrt(n)
    low, high = mean - half, mean + half
    if scale is not None:
        low, high = max(scale[0], low), min(scale[1], high)
    return Estimate(mean, low, high, n)


def _completion(successes: int, attempts: int) -> Estimate:
    if attempts == 0:
        return Estimate(None)
    low, high = completion_interval(successes, attempts)
    return Estimate(successes / attempts, low, high, attempts)


def summaries_for_study(store: StoreReader, study_id: str) -> tuple[list[SessionSummary], dict[str, Study]]:
    plans: dict[str, Study] = {}
    summaries = []
    for record in sorted(store.sessions(study_id), key=lambda r: r.created_utc):
        if record.plan_hash not in plans:
            # named inside the folder it was loaded from, as the engine does on resume: its prototypes are found there
            name = Path(store.plan_folder(record.plan_hash)) / f"<plan {record.plan_hash[:12]} from the database>"
            plans[record.plan_hash] = load_plan_text(store.plan_source(record.plan_hash), name)
        summaries.append(summarize(record, store.events(record.id), plans[record.plan_hash]))
    return summaries, plans


def collect_study(store: StoreReader, study_id: str) -> StudyResults:
    summaries, plans = summaries_for_study(store, study_id)
    if not summaries:
        raise NoSessions(f"no sessions of study {study_id!r} in {store.path}; run sessions or `ux-kiosk simulate` first")
    latest = plans[summaries[-1].record.plan_hash]
    versions = Counter(s.record.plan_hash for s in summaries)
    plan_versions = tuple(PlanVersion(plans[h].version, h, count) for h, count in versions.items())
    tasks = tuple(_task_stats(task.id, summaries) for task in latest.tasks)
    sus_scores = tuple(score for s in summaries if (score := s.sus_score()) is not None)
    umux_pairs = [umux_lite(int(a["1"]), int(a["2"])) for s in summaries
                  if {"1", "2"} <= set(a := s.instrument_answers("umux_lite"))]
    demographics = {
        q.id: Counter(s.answers.get(q.id, "") for s in summaries)
        for q in latest.pre_questions if q.kind is QuestionKind.SINGLE_CHOICE
    }
    notes: dict[str, list[tuple[SessionSummary, Note]]] = defaultdict(list)
    withheld = 0
    for summary in summaries:
        for note in summary.notes:
            if summary.note_is_withheld(note):
                withheld += 1  # a quote without consent to be quoted appears nowhere in the report
                continue
            for tag in note.tags or ("untagged",):
                notes[tag].append((summary, note))
    return StudyResults(
        study=latest, summaries=tuple(summaries), plan_versions=plan_versions, tasks=tasks,
        sus_scores=sus_scores, sus=mean_interval(list(sus_scores), (0, 100)),
        umux=mean_interval([u[0] for u in umux_pairs], (0, 100)),
        umux_predicted_sus=mean_interval([u[1] for u in umux_pairs], (0, 100)),
        demographics=demographics, groups=_group_stats(latest, summaries), notes_by_tag=dict(notes),
        languages=Counter(s.language for s in summaries), withheld_quotes=withheld,
        language_paths=Counter(tuple(u.language for u in s.language_uses) or (s.language,) for s in summaries),
        prototype_tasks=_prototype_tasks(store, latest, summaries, plans),
    )


def _prototype_tasks(store: StoreReader, latest: Study, summaries: list[SessionSummary],
                     plans: dict[str, Study]) -> tuple[PrototypeTaskStats, ...]:
    wanted = [task.id for task in latest.tasks if task.prototype is not None]
    if not wanted:
        return ()
    sessions = [(s, store.events(s.record.id), plans[s.record.plan_hash]) for s in summaries]
    found = (prototype_task_stats(task_id, sessions) for task_id in wanted)
    return tuple(stats for stats in found if stats is not None)


def _task_stats(task_id: str, summaries: list[SessionSummary]) -> TaskStats:
    results = [t for s in summaries for t in s.tasks if t.task_id == task_id and t.outcome is not None]
    attempted = [t for t in results if t.outcome is not Outcome.SKIPPED]
    successes = [t for t in attempted if t.outcome is not None and t.outcome.counts_as_success]
    times = [t.active_seconds for t in successes if t.active_seconds and t.active_seconds > 0]
    if times:
        mean, low, high = time_on_task(times)
        time_estimate = Estimate(mean, low, high, len(times))
    else:
        time_estimate = Estimate(None)
    seqs = [t.seq for t in attempted if t.seq is not None]
    errors = sum(1 for s in summaries for n in s.notes if n.task_id == task_id and "error" in n.tags)
    tlx, tlx_weighted = [], []
    for summary in summaries:
        ratings = summary.instrument_answers("nasa_tlx", task_id)
        if len(ratings) == 6:
            floats = {k: float(v) for k, v in ratings.items()}
            tlx.append(nasa_tlx_raw(floats))
            pairs = summary.instrument_answers("nasa_tlx_pair", task_id)
            if len(pairs) == TLX_PAIRS:  # weights only from a complete set of the 15 comparisons
                tallies = Counter(pairs.values())
                tlx_weighted.append(nasa_tlx_weighted(floats, {s: tallies.get(s, 0) for s in TLX_SCALES}))
    return TaskStats(
        task_id=task_id, attempts=len(attempted), successes=len(successes),
        outcomes=Counter(t.outcome for t in results if t.outcome is not None),
        completion=_completion(len(successes), len(attempted)),
        time_seconds=time_estimate, seq=mean_interval([float(v) for v in seqs], (1, 7)),
        assisted=sum(t.outcome is Outcome.ASSISTED for t in attempted),
        help_requests=sum(t.help_requests for t in results), errors=errors, tlx_raw=mean_interval(tlx, (0, 100)),
        skipped=sum(t.outcome is Outcome.SKIPPED for t in results),
        tlx_weighted=mean_interval(tlx_weighted, (0, 100)),
    )


def _group_stats(study: Study, summaries: list[SessionSummary]) -> tuple[GroupStats, ...]:
    rows = []
    for question_id in study.group_by:
        question = next(q for q in study.pre_questions if q.id == question_id)
        for choice in question.choices:
            members = [s for s in summaries if s.answers.get(question_id) == choice.id]
            attempted = [t for s in members for t in s.tasks if t.outcome not in (None, Outcome.SKIPPED)]
            successes = sum(t.outcome is not None and t.outcome.counts_as_success for t in attempted)
            seqs = [float(t.seq) for t in attempted if t.seq is not None]
            sus = [score for s in members if (score := s.sus_score()) is not None]
            rows.append(GroupStats(question_id, choice.id, len(members), _completion(successes, len(attempted)),
                                   mean_interval(seqs, (1, 7)), mean_interval(sus, (0, 100))))
    return tuple(rows)

