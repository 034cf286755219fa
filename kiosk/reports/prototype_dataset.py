"""Prototype tasks across a study: every attempt's taps, summarised with ``kiosk.prototype.metrics`` (issue 10).

Each session is read against the plan snapshot it ran (its expected paths, goals and start), so a later plan
version that declares another expected path never re-classifies earlier attempts. An attempt is a task the
facilitator recorded an outcome for (skipped tasks and tasks still running are not attempts), with the taps
since the task last started, as the player replays them.

Assists: an attempt in which the player showed hotspot hints (a ``prototype_hint_shown`` event), or which the
facilitator recorded as assisted, is *assisted*. As the study report counts assisted completions as
failures, an assisted attempt that reached the goal counts as neither direct nor indirect success: it is
reported on its own ("reached the goal with help"), so direct + indirect + assisted + gave up = attempts.
Its taps still count for misclicks, first click, lostness, paths and heatmaps.
"""

from __future__ import annotations

import statistics
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kiosk.prototype.graph import links, shortest_paths
from kiosk.prototype.metrics import Attempt, PathOutcome, Rate, TaskPaths, attempt, misclick_rate_by_screen, rate, \
    task_paths
from kiosk.prototype.model import Prototype, PrototypeTask
from kiosk.prototype.navigation import Tap
from kiosk.reports.tap_images import languages_at
from kiosk.session.events import EventKind
from kiosk.session.flow import Outcome
from kiosk.session.summary import SessionSummary
from kiosk.store.records import EventRecord
from kiosk.study.model import Study

#: a screen other than the start gets its own heatmap in the report from this many misses ...
MANY_MISSES = 3
#: ... when at least this share of its taps missed every hotspot
MANY_MISSES_SHARE = 0.25
#: the report lists this many paths by name; the rest are summed up as "other paths"
TOP_PATHS = 5


@dataclass(frozen=True)
class LoggedTap:
    """One tap as the session logged it, with who made it and when (a row of ``taps.csv``)."""

    session_id: str
    participant_code: str
    task_id: str
    prototype: str
    tap: Tap
    utc: str
    language: str = ""  # the session's language when the tap was made
    image: str = ""  # the screen image it was made on, in the session's plan ("": the prototype is gone)


@dataclass(frozen=True)
class PrototypeAttempt:
    session_id: str
    participant_code: str
    taps: tuple[Tap, ...]
    hints: int  # times the player showed the hotspot hints
    assisted: bool
    summary: Attempt
    languages: tuple[str, ...] = ()  # each tap's language, as ``taps`` (which image of the screen it was made on)


@dataclass(frozen=True)
class PrototypeTaskStats:
    task_id: str
    prototype: str
    start: str
    attempts: tuple[PrototypeAttempt, ...]
    metrics: TaskPaths  # over every attempt; its direct/indirect rates include assisted ones: use the fields below
    direct: Rate  # unassisted, along an expected path
    indirect: Rate  # unassisted, another way
    assisted: Rate  # reached the goal, but with hints or the facilitator's help
    gave_up: Rate
    by_screen: dict[str, tuple[int, int]]  # screen → (misses, taps)

    def median_dwell_ms(self, screen: str) -> float | None:
        """Median time on a screen before leaving it, over the attempts that left it (None: nobody did)."""
        times = [a.summary.dwell_ms[screen] for a in self.attempts if screen in a.summary.dwell_ms]
        return statistics.median(times) if times else None

    def language_taps(self, screen: str) -> list[tuple[Tap, str]]:
        """Every tap on one screen with the language it was made in, over every attempt."""
        return [(t, lang) for a in self.attempts for t, lang in zip(a.taps, a.languages or ("",) * len(a.taps))
                if t.screen == screen]

    def screen_taps(self, screen: str) -> tuple[list[Tap], list[Tap]]:
        """(hits, misses) on one screen, over every attempt."""
        taps = [t for a in self.attempts for t in a.taps if t.screen == screen]
        return [t for t in taps if t.hit], [t for t in taps if not t.hit]

    def heatmap_screens(self) -> list[str]:
        """The start screen, then every screen with many misses (see MANY_MISSES), in the order of most misses."""
        many = [s for s, (misses, taps) in self.by_screen.items()
                if s != self.start and misses >= MANY_MISSES and misses >= MANY_MISSES_SHARE * taps]
        return [self.start, *sorted(many, key=lambda s: (-self.by_screen[s][0], s))]


def top_paths(paths: Sequence[tuple[tuple[str, ...], int]], top: int = TOP_PATHS
              ) -> tuple[list[tuple[tuple[str, ...], int]], int, int]:
    """The ``top`` most common paths (as task_paths sorted them), and how many other paths and attempts remain."""
    rest = paths[top:]
    return list(paths[:top]), len(rest), sum(count for _, count in rest)


def attempt_events(events: Sequence[EventRecord], task_id: str) -> tuple[list[tuple[Tap, str, str]], int]:
    """The taps (with their UTC and language) and hint count of the task's last start, as
    ``engine.prototype.attempt_taps``."""
    taps: list[tuple[Tap, str, str]] = []
    hints = 0
    for event, language in languages_at(events):
        if event.payload.get("task_id") != task_id:
            continue
        if event.kind == EventKind.TASK_STARTED:
            taps, hints = [], 0
        elif event.kind == EventKind.PROTOTYPE_TAPPED:
            taps.append((Tap.from_payload(event.payload), event.utc, language))
        elif event.kind == EventKind.PROTOTYPE_HINT_SHOWN:
            hints += 1
    return taps, hints


def logged_taps(summary: SessionSummary, events: Sequence[EventRecord], study: Study) -> list[LoggedTap]:
    """Every tap of one session, in order (including tasks restarted or still running), for ``taps.csv``."""
    record = summary.record
    out = []
    for event, language in languages_at(events):
        if event.kind != EventKind.PROTOTYPE_TAPPED:
            continue
        task_id = str(event.payload.get("task_id", ""))
        try:
            task = study.task(task_id).prototype
        except KeyError:
            task = None
        tap = Tap.from_payload(event.payload)
        prototype = study.prototypes.get(task.prototype) if task else None
        screen = prototype.screens.get(tap.screen) if prototype else None
        out.append(LoggedTap(record.id, record.participant_code, task_id, task.prototype if task else "", tap,
                             event.utc, language, screen.image_for(language) if screen else ""))
    return out


def prototype_task_stats(task_id: str, sessions: Sequence[tuple[SessionSummary, Sequence[EventRecord], Study]]
                         ) -> PrototypeTaskStats | None:
    """A prototype task over the sessions that ran it on a plan where it has a prototype; None if none did."""
    attempts: list[PrototypeAttempt] = []
    head: PrototypeTask | None = None
    for summary, events, study in sessions:
        result = next((t for t in summary.tasks if t.task_id == task_id), None)
        if result is None or result.outcome is None or result.outcome is Outcome.SKIPPED:
            continue
        try:
            plan_task = study.task(task_id)
        except KeyError:
            continue
        task = plan_task.prototype
        prototype = study.prototypes.get(task.prototype) if task else None
        if task is None or prototype is None:
            continue  # the task had no prototype in this plan version, or its folder is gone since
        head = head or task
        timed, hints = attempt_events(events, task_id)
        taps = tuple(tap for tap, _, _ in timed)
        assisted = hints > 0 or result.outcome is Outcome.ASSISTED
        attempts.append(PrototypeAttempt(summary.record.id, summary.record.participant_code, taps, hints, assisted,
                                         _summarise(task, prototype, taps), tuple(lang for _, _, lang in timed)))
    if head is None:
        return None
    n = len(attempts)
    unassisted = [a.summary.outcome for a in attempts if not a.assisted]
    helped = sum(a.assisted and a.summary.outcome is not PathOutcome.GAVE_UP for a in attempts)
    gave_up = sum(a.summary.outcome is PathOutcome.GAVE_UP for a in attempts)
    return PrototypeTaskStats(
        task_id, head.prototype, head.start, tuple(attempts), task_paths([a.summary for a in attempts]),
        rate(unassisted.count(PathOutcome.DIRECT), n), rate(unassisted.count(PathOutcome.INDIRECT), n),
        rate(helped, n), rate(gave_up, n),
        misclick_rate_by_screen(t for a in attempts for t in a.taps))


def flow_order(prototype: Prototype | None, start: str, screens: Iterable[str]) -> list[str]:
    """Screens as a participant meets them: ``start`` first, then by the fewest taps from it, ties in the
    prototype's own order; screens the start cannot reach (or a prototype whose folder is gone) after, in the
    prototype's order, then by id. The report's tables read as the flow, not as the alphabet (issue 10)."""
    order = {sid: i for i, sid in enumerate(prototype.screens)} if prototype else {}
    distance: dict[str, int] = {start: 0}
    if prototype is not None and start in prototype.screens:
        graph, queue = links(prototype), deque([start])
        while queue:
            here = queue.popleft()
            for target in graph.get(here, []):
                if target not in distance:
                    distance[target] = distance[here] + 1
                    queue.append(target)
    unreachable = len(order) + 1
    return sorted(screens, key=lambda s: (distance.get(s, unreachable), order.get(s, len(order)), s))


def _summarise(task: PrototypeTask, prototype: Prototype, taps: Sequence[Tap]) -> Attempt:
    shortest = shortest_paths(prototype, task.start, task.goals)
    minimum = len(shortest[0]) if shortest else 1
    return attempt(task.start, taps, task.expected_paths, minimum, start_is_goal=task.start in task.goals)

