"""Scripted participants run through the real engine and store, for reports, exports and benchmarks.

The script is deliberately plausible rather than uniform: a latent skill per participant and a
difficulty per task drive outcomes, times, SEQ and SUS together, so reports show realistic spread.
"""

from __future__ import annotations

import math
import random
import struct
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from kiosk.prototype.graph import shortest_paths
from kiosk.prototype.model import Action, Hotspot, Prototype, PrototypeTask, Rect
from kiosk.session.clock import SimulatedClock
from kiosk.session.engine import SessionEngine
from kiosk.session.events import NoteTag
from kiosk.session.flow import Outcome, Step
from kiosk.store.db import Store
from kiosk.study.model import ConsentMethod, ConsentOption, QuestionKind, Study

_NOTES = [
    ("Тражи дугме „Даље” на дну екрана, не види га.", (NoteTag.CONFUSION,)),
    ("„Не знам шта значи РПГ.”", (NoteTag.QUOTE,)),
    ("Унео погрешан број хектара, систем није упозорио.", (NoteTag.ERROR,)),
    ("Слова у падајућем менију су премала.", (NoteTag.BARRIER,)),
    ("Питао где се налази статус захтева.", (NoteTag.ASKED_HELP,)),
    ("„Овако бих то урадио и код куће, лако је.”", (NoteTag.QUOTE,)),
    # typed in Serbian Latin, as many facilitators do: reports bring it into their own script
    ("Potrebna su dva dodira na malom polju za potvrdu.", (NoteTag.BARRIER, NoteTag.ERROR)),
]


@dataclass(frozen=True)
class SimulationResult:
    session_ids: tuple[str, ...]
    ended: int
    abandoned: int


def mark_png(size: int = 48) -> bytes:
    """A small black-on-white PNG of an X, the mark a simulated participant makes (pure Python)."""
    rows = []
    for y in range(size):
        row = bytearray([0])  # filter byte
        for x in range(size):
            on = abs(x - y) <= 2 or abs(x + y - size + 1) <= 2
            row.append(0 if on else 255)
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 0, 0, 0, 0)  # 8-bit greyscale
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(rows)))
            + chunk(b"IEND", b""))


def _logistic(x: float) -> float:
    return 1 / (1 + math.exp(-x))


def _task_difficulty(task_id: str) -> float:
    return (sum(map(ord, task_id)) % 7) / 4 - 0.6


def simulate(store: Store, study: Study, participants: int, seed: int = 0,
             start: datetime | None = None) -> SimulationResult:
    rng = random.Random(seed)
    start = start or datetime(2026, 10, 5, 8, 0, tzinfo=UTC)
    ids, ended, abandoned = [], 0, 0
    taken = {s.participant_code for s in store.sessions(study.id)}
    for n in range(participants):
        number = n + 1
        while (code := f"S-{seed % 100:02d}{number:04d}") in taken:  # fits the default code pattern
            number += participants
        taken.add(code)
        clock = SimulatedClock(start + timedelta(days=n // 6, hours=(n % 6) * 1.25), epoch=f"sim-{seed}-{n}")
        language = rng.choices(study.languages, weights=[5, 2, 1][: len(study.languages)] + [1] * max(0, len(study.languages) - 3))[0]
        engine = SessionEngine.start(store, study, code, clock, language=language, facilitator=f"F{seed % 10}")
        finished = _run_participant(engine, clock, rng)
        ids.append(engine.record.id)
        ended += finished
        abandoned += not finished
    return SimulationResult(tuple(ids), ended, abandoned)


def _run_participant(engine: SessionEngine, clock: SimulatedClock, rng: random.Random) -> bool:
    skill = rng.gauss(0, 1)
    will_abandon_at = rng.randrange(len(engine.record.task_order)) if rng.random() < 0.06 else None
    clock.advance(rng.uniform(20, 60))
    engine.continue_from_welcome()
    clock.advance(rng.uniform(40, 120))
    engine.read_consent()
    clock.advance(rng.uniform(20, 60))
    choice = {o.value: o is ConsentOption.TAKE_PART or rng.random() < 0.7 for o in engine.study.consent.options}
    engine.choose_consent_options(choice)
    engine.confirm_consent_choices()
    methods = engine.study.consent.methods
    method = methods[rng.randrange(len(methods))]
    if method is ConsentMethod.VERBAL:
        engine.request_verbal_consent()
        engine.give_consent(method, witness="W-01")
    else:
        engine.give_consent(method, mark_png())
    tasks_done = 0
    outcome = Outcome.SUCCESS
    while engine.step not in (Step.CLOSING, Step.ENDED, Step.ABANDONED):
        step = engine.step
        if step is Step.QUESTION:
            question = engine.current_question
            assert question is not None
            clock.advance(rng.uniform(5, 25))
            if question.instrument == "seq":
                engine.answer(_seq_answer(outcome, skill, rng))
            elif question.instrument == "sus":
                engine.answer(_sus_answer(int(question.item), skill, rng))
            elif question.instrument == "umux_lite":
                engine.answer(max(1, min(7, round(4.8 + 0.9 * skill + rng.gauss(0, 0.8)))))
            elif question.instrument == "nasa_tlx":
                load = 45 - 12 * skill + rng.gauss(0, 15)
                engine.answer(max(0, min(100, int(round(load / 10)) * 10)))
            elif question.instrument == "nasa_tlx_pair":
                engine.answer(question.choices[0 if rng.random() < 0.6 else 1].id)
            elif question.kind is QuestionKind.SINGLE_CHOICE:
                engine.answer(rng.choice(question.choices).id)
            elif question.kind is QuestionKind.MULTI_CHOICE:
                picks = {rng.choice(question.choices).id for _ in range(rng.randint(1, 2))}
                if len(picks) > 1:  # "None" and a device contradict each other: keep the device
                    picks -= {c.id for c in question.choices if c.exclusive}
                engine.answer(sorted(picks))
            elif question.kind is QuestionKind.LIKERT:
                engine.answer(rng.randint(question.scale_min, question.scale_max))
            else:
                engine.skip_question()
        elif step is Step.INSTRUCTIONS:
            if tasks_done == will_abandon_at:
                engine.add_note("Учесник је уморан и жели да заврши.", [NoteTag.QUOTE])
                engine.abandon("participant tired")
                return False
            clock.advance(rng.uniform(15, 45))
            engine.start_task()
            outcome = _run_task(engine, clock, rng, skill)
            tasks_done += 1
    clock.advance(rng.uniform(20, 40))
    engine.finish()
    return True


def _run_task(engine: SessionEngine, clock: SimulatedClock, rng: random.Random, skill: float) -> Outcome:
    task = engine.current_task
    assert task is not None
    difficulty = _task_difficulty(task.id)
    if task.prototype is not None and task.prototype.prototype in engine.study.prototypes:
        return _run_prototype_task(engine, clock, rng, skill, difficulty)
    expected = task.expected_seconds or 240
    seconds = expected * math.exp(rng.gauss(0.3 * difficulty - 0.25 * skill, 0.35))
    if rng.random() < 0.15:
        clock.advance(seconds / 2)
        engine.pause_task()
        clock.advance(rng.uniform(20, 90))
        engine.resume_task()
        seconds /= 2
    if rng.random() < 0.2:
        clock.advance(seconds / 3)
        engine.request_help()
    clock.advance(seconds)
    if rng.random() < 0.35:
        text, tags = rng.choice(_NOTES)
        engine.add_note(text, [t.value for t in tags])
    p = _logistic(1.3 + 1.2 * skill - 1.5 * difficulty)
    roll = rng.random()
    if roll < p:
        outcome = Outcome.SUCCESS
    elif roll < p + (1 - p) * 0.35:
        outcome = Outcome.ASSISTED
    elif roll < p + (1 - p) * 0.6:
        outcome = Outcome.PARTIAL
    elif roll < p + (1 - p) * 0.85:
        outcome = Outcome.FAILED
    else:
        outcome = Outcome.GAVE_UP
    assistance = "Показан мени „Моји захтеви”." if outcome is Outcome.ASSISTED else ""
    engine.record_outcome(outcome, assistance)
    return outcome


def _run_prototype_task(engine: SessionEngine, clock: SimulatedClock, rng: random.Random, skill: float,
                        difficulty: float) -> Outcome:
    """The task is done on the kiosk's prototype: the outcome is whether the taps reached the goal.

    A reached goal records success itself (the engine); the facilitator revises it to "with assistance"
    when they had to help. Someone who stops short is recorded as having given up, or failed."""
    task = engine.current_task
    assert task is not None
    asked_help = rng.random() < 0.12 - 0.04 * skill
    assistance = "Подсетио на дугме „Помоћ” у заглављу."
    if rng.random() < 0.3:
        text, tags = rng.choice(_NOTES)
        engine.add_note(text, [t.value for t in tags])
    reached = tap_through(engine, clock, rng, skill, difficulty, asked_help)
    if reached:
        outcome = Outcome.ASSISTED if asked_help else Outcome.SUCCESS
        if engine.step in (Step.RUNNING, Step.PAUSED, Step.OUTCOME):  # the plan lets the facilitator end it
            engine.record_outcome(outcome, assistance if asked_help else "")
        elif asked_help:
            engine.revise_outcome(task.id, outcome, assistance)
        return outcome
    outcome = Outcome.GAVE_UP if rng.random() < 0.7 else Outcome.FAILED  # most say so; some think they were done
    engine.record_outcome(outcome)
    return outcome


def tap_through(engine: SessionEngine, clock: SimulatedClock, rng: random.Random, skill: float, difficulty: float,
                hesitant: bool = False) -> bool:
    """Tap through the current task's prototype as a person would; True when a tap reached a goal.

    Each screen is read first (seconds, longer for the less practised), then the button that leads towards
    the goal is tapped: near its middle, sometimes beside it (a miss, then a second try). Now and then the
    participant takes a wrong turn (Help, another section) and comes back, or looks for the goal another
    way; someone whose patience runs out stops. Every tap goes through the engine, as the player's would.
    """
    actions = engine.prototype
    task = actions.task()
    assert task is not None
    prototype = engine.study.prototypes[task.prototype]
    navigator = actions.navigator()
    patience = max(3, round(rng.gauss(11 + 3 * skill - 2 * difficulty - 3 * hesitant, 3)))
    wander = _logistic(-1.9 - 0.8 * skill + 0.6 * difficulty)  # chance of a wrong turn on a screen
    sloppy = min(0.35, max(0.04, 0.13 - 0.05 * skill))  # chance a tap lands beside the button
    taps, wandered = 0, False
    while taps < patience:
        screen = prototype.screen(navigator.screen)
        choices = _ranked_hotspots(prototype, task, screen.id, navigator.history)
        if not choices:
            return False
        best = choices[0][0]
        wrong = [h for h, d in choices if d > choices[0][1] and h.action is not Action.BACK]
        intended = best
        if wrong and not wandered and rng.random() < wander:
            intended, wandered = rng.choice(wrong), True
        else:
            wandered = False
        ms = round(rng.lognormvariate(math.log(3800) - 0.25 * skill + 0.15 * difficulty, 0.4))
        shown = 0  # ms since the screen appeared, at the previous tap on it
        while True:
            x, y = _aim(rng, intended.rect, rng.random() < sloppy, screen.width, screen.height)
            clock.advance((ms - shown) / 1000)
            tap = navigator.tap(x, y, ms)
            taps += 1
            if actions.record_tap(tap) or (tap.goal is not None and not task.end_on_goal):
                return True
            if tap.hit or taps >= patience:
                break
            shown, ms = ms, ms + round(rng.uniform(700, 2200))  # a second try on the same screen, a little later
    return False


def _ranked_hotspots(prototype: Prototype, task: PrototypeTask, screen: str,
                     history: list[str]) -> list[tuple[Hotspot, int]]:
    """The screen's hotspots, nearest to a goal first: a goal hotspot (-1), then by taps still needed."""
    ranked = []
    for hotspot in prototype.screen(screen).hotspots:
        if hotspot.id in task.goals:
            distance = -1
        else:
            target = hotspot.target if hotspot.action is Action.GO else (
                history[-2] if hotspot.action is Action.BACK and len(history) > 1 else "")
            if not target:
                continue
            paths = shortest_paths(prototype, target, task.goals)
            # a screen with no way on (Help) is still a place to wander into and come Back from
            distance = len(paths[0]) - 1 if paths else len(prototype.screens)
        ranked.append((hotspot, distance))
    return sorted(ranked, key=lambda item: item[1])


def _aim(rng: random.Random, rect: Rect, beside: bool, width: int, height: int) -> tuple[float, float]:
    """A fingertip's landing point: round the button's middle, or (``beside``) just outside its edge."""
    cx, cy = rect.centre
    for _ in range(100):
        if beside:
            x = cx + rng.gauss(0, rect.width * 0.45 + 12)
            y = cy + rng.gauss(0, rect.height * 0.45 + 12)
            if rect.contains(x, y):
                continue
        else:
            x = cx + rng.gauss(0, rect.width / 7)
            y = cy + rng.gauss(0, rect.height / 7)
            if not rect.contains(x, y):
                continue
        if 0 <= x < width and 0 <= y < height:
            return round(x, 1), round(y, 1)
    return cx, cy


def _seq_answer(outcome: Outcome, skill: float, rng: random.Random) -> int:
    base = {Outcome.SUCCESS: 5.8, Outcome.ASSISTED: 4.2, Outcome.PARTIAL: 3.8}.get(outcome, 2.5)
    return max(1, min(7, round(base + 0.5 * skill + rng.gauss(0, 0.8))))


def _sus_answer(item: int, skill: float, rng: random.Random) -> int:
    agreement = 3.6 + 0.6 * skill + rng.gauss(0, 0.7)
    value = agreement if item % 2 else 6 - agreement
    return max(1, min(5, round(value)))
