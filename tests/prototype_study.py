"""A study of five scripted participants tapping the farm prototype (tests/prototype_fixtures.py), for the
prototype dataset, report and export tests. Every figure they assert is worked out by hand below.

The task: start on ``home``, goal the ``receipt`` hotspot on ``sent``, no expected paths in the plan, so the
one shortest path home → form → sent is expected (R = 3 screens). Hints after 2 misses in a row.

| code   | taps (screen: what, ms since the screen appeared)                      | outcome  | path                  |
|--------|------------------------------------------------------------------------|----------|-----------------------|
| P-0101 | home: apply 2000; form: send 3000; sent: receipt 1000                  | direct   | home form sent        |
| P-0102 | home: miss (700,200) 1500, apply 2500; form: send 2000; sent: receipt 900 | direct | home form sent        |
| P-0103 | home: about 4000; help: help-form 3000; form: send 1800; sent: receipt 700 | indirect | home help form sent |
| P-0104 | home: miss 1000, apply 1500; form: form-help 2500; help: help-back 800; form: miss (700,300) 3000; gave up | gave up | home form help form |
| P-0105 | home: miss 1200, miss 900, (hint shown), apply 1100; form: send 2100; sent: receipt 600 | with a hint | home form sent |

Attempts 5: direct 2, indirect 1, assisted 1, gave up 1. Taps 3+4+4+5+5 = 21, misses 0+1+0+2+2 = 5.
First clicks: 2000, 1500, 4000, 1000, 1200 ms → median 1500; first-click success only P-0101 (1 of 5).
Lostness (Smith): P-0103 N=4 S=4 R=3 → 0.25; P-0104 N=3 S=4 R=3 → 0.25; others 0 → mean 0.1.
By screen (misses, taps): home (4, 9), form (1, 6), help (0, 2), sent (0, 4); median time on a screen before
leaving it: home 2.0 s, form 2.1 s, help 1.9 s, sent — (the goal hotspot does not leave it).
Home hits: apply at (150,550), (160,560), (150,550), (155,555) and about at (650,550): the hot spot is near (154, 554).
"""

from __future__ import annotations

from pathlib import Path

from conftest import consent
from kiosk.prototype.navigation import Navigator
from kiosk.session import Outcome, SessionEngine, Step
from kiosk.session.clock import SimulatedClock
from kiosk.store import Store
from kiosk.study import Study, load_plan
from prototype_fixtures import farm_prototype

from kiosk.resources import data_folder

SOCIAL = data_folder("sessions") / "example-social-card" / "plan.toml"
TASK = "check-eligibility"
USES = '''expected_minutes = 4
prototype = { folder = "prototypes/farm", start = "home", goals = ["receipt"], hint_after_misses = 2 }
'''

APPLY, ABOUT, SEND, RECEIPT = (150, 550), (650, 550), (150, 650), (200, 350)
FORM_HELP, HELP_BACK, HELP_FORM = (950, 60), (50, 50), (150, 650)

#: code → list of taps (x, y, ms) or "hint"; then the outcome the facilitator records
SCRIPT: dict[str, tuple[list, Outcome]] = {
    "P-0101": ([(*APPLY, 2000), (*SEND, 3000), (*RECEIPT, 1000)], Outcome.SUCCESS),
    "P-0102": ([(700, 200, 1500), (160, 560, 2500), (140, 640, 2000), (*RECEIPT, 900)], Outcome.SUCCESS),
    "P-0103": ([(*ABOUT, 4000), (*HELP_FORM, 3000), (*SEND, 1800), (*RECEIPT, 700)], Outcome.SUCCESS),
    "P-0104": ([(700, 200, 1000), (*APPLY, 1500), (*FORM_HELP, 2500), (*HELP_BACK, 800), (700, 300, 3000)],
               Outcome.GAVE_UP),
    "P-0105": ([(690, 210, 1200), (710, 190, 900), "hint", (155, 555, 1100), (*SEND, 2100), (*RECEIPT, 600)],
               Outcome.SUCCESS),
}


def write_plan(folder: Path, uses: str = USES, version: str | None = None) -> Path:
    """The example plan with its first task played on the farm prototype, in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    text = SOCIAL.read_text(encoding="utf-8").replace("expected_minutes = 4\n", uses, 1)
    if version is not None:
        text = text.replace('version = "', f'version = "{version}', 1)
    (folder / "plan.toml").write_text(text, encoding="utf-8")
    if not (folder / "prototypes" / "farm").exists():
        farm_prototype(folder / "prototypes" / "farm")
    return folder / "plan.toml"


def to_the_task(engine: SessionEngine, task_id: str = TASK, start: bool = True) -> None:
    """Consent, every background question answered, the other tasks skipped, then ``task_id`` started."""
    engine.continue_from_welcome()
    consent(engine)
    while engine.step is Step.QUESTION:
        question = engine.current_question
        first = question.choices[0].id
        engine.answer(first if question.kind.value == "single_choice" else [first])
    while engine.current_task.id != task_id:
        engine.skip_task("not this one")
        while engine.step is Step.QUESTION:
            engine.skip_question()
    if start:
        engine.start_task()


def play(store: Store, study: Study, clock: SimulatedClock, code: str, number: int, steps: list,
         outcome: Outcome) -> SessionEngine:
    """One participant: to the task, the scripted taps (each committed as the player commits it), the outcome."""
    engine = SessionEngine.start(store, study, code, clock, facilitator="F1", participant_number=number)
    to_the_task(engine)
    navigator: Navigator | None = engine.prototype.navigator() if steps else None
    for step in steps:
        assert navigator is not None
        if step == "hint":
            engine.prototype.record_hint(navigator.screen)
            continue
        x, y, ms = step
        clock.advance(ms / 1000)
        engine.prototype.record_tap(navigator.tap(x, y, ms))
    assistance = "pointed at the button" if outcome is Outcome.ASSISTED else ""
    if engine.prototype.goal_outcome_to_review() is not None:  # the goal recorded success; the facilitator's verdict wins
        if outcome is not Outcome.SUCCESS:
            engine.revise_outcome(engine.current_task.id, outcome, assistance)
        return engine
    if engine.step is Step.RUNNING:
        engine.end_task()
    engine.record_outcome(outcome, assistance)
    return engine


def scripted_study(store: Store, folder: Path, clock: SimulatedClock) -> Study:
    study = load_plan(write_plan(folder))
    for number, (code, (steps, outcome)) in enumerate(SCRIPT.items(), start=1):
        play(store, study, clock, code, number, steps, outcome)
    return study
