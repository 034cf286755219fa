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


def _seq_answer(outcome: Outcome, skill: float, rng: random.Random) -> int:
    base = {Outcome.SUCCESS: 5.8, Outcome.ASSISTED: 4.2, Outcome.PARTIAL: 3.8}.get(outcome, 2.5)
    return max(1, min(7, round(base + 0.5 * skill + rng.gauss(0, 0.8))))


def _sus_answer(item: int, skill: float, rng: random.Random) -> int:
    agreement = 3.6 + 0.6 * skill + rng.gauss(0, 0.7)
    value = agreement if item % 2 else 6 - agreement
    return max(1, min(5, round(value)))
