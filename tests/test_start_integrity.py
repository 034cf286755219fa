"""Starting a session is all or nothing, and a participant code or number is used once per study,
even with a process killed mid-start or two processes starting at the same moment."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kiosk.session import SessionEngine
from kiosk.session.engine import InvalidAction
from kiosk.store import SessionStatus, Store, schema
from kiosk.store.schema import migrate

# A helper process imports everything once, then forks workers that start sessions in a loop and
# SIGKILLs each one at a random moment: a fork costs milliseconds where a fresh interpreter costs a second.
KILLER = textwrap.dedent(
    """
    import os, random, signal, sys, time
    from kiosk.resources import demo_plan_path
    from kiosk.session import SessionEngine, SystemClock
    from kiosk.store import Store
    from kiosk.study import load_plan

    db, kills, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    study = load_plan(demo_plan_path())
    Store(db).close()  # created and migrated before the workers race
    rng = random.Random(seed)
    for round_ in range(kills):
        pid = os.fork()
        if pid == 0:
            store = Store(db)
            n = 0
            while True:
                n += 1
                SessionEngine.start(store, study, f"K-{round_:02d}{n:04d}", SystemClock(), facilitator="F1")
        time.sleep(rng.uniform(0.03, 0.12))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    print("done", flush=True)
    """
)


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="SIGKILL and fork are POSIX")
def test_sigkill_during_starts_leaves_no_stranded_session(tmp_path: Path) -> None:
    db = tmp_path / "kiosk.sqlite3"
    out = subprocess.run([sys.executable, "-c", KILLER, str(db), "25", "7"], capture_output=True, text=True,
                         timeout=120, check=True)
    assert out.stdout.strip() == "done"
    conn = sqlite3.connect(db)
    sessions = conn.execute("SELECT COUNT(*) FROM sessions").fetchone()[0]
    stranded = conn.execute(
        "SELECT participant_code FROM sessions s WHERE NOT EXISTS "
        "(SELECT 1 FROM events e WHERE e.session_id = s.id AND e.seq = 1 AND e.kind = 'session_started')"
    ).fetchall()
    assert sessions >= 10, "the workers should have started sessions before being killed"
    assert stranded == [], f"{len(stranded)} of {sessions} sessions have no session_started event"
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


RACER = textwrap.dedent(
    """
    import json, sys
    from kiosk.resources import demo_plan_path
    from kiosk.session import SessionEngine, SystemClock
    from kiosk.session.engine import InvalidAction
    from kiosk.store import Store
    from kiosk.study import load_plan

    store = Store(sys.argv[1])
    study = load_plan(demo_plan_path())
    print("ready", flush=True)
    sys.stdin.readline()  # both writers are released at the same moment
    outcome = {"started": 0, "refused": 0}
    for n in range(int(sys.argv[2])):
        try:
            SessionEngine.start(store, study, f"R-{n:04d}", SystemClock(), facilitator="F1")
            outcome["started"] += 1
        except InvalidAction:
            outcome["refused"] += 1
    print(json.dumps(outcome), flush=True)
    """
)


@pytest.mark.slow
def test_two_processes_starting_the_same_codes_never_duplicate_a_code_or_number(tmp_path: Path) -> None:
    db = tmp_path / "kiosk.sqlite3"
    Store(db).close()
    rounds = 30
    racers = [subprocess.Popen([sys.executable, "-c", RACER, str(db), str(rounds)], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True) for _ in range(2)]
    for racer in racers:
        assert racer.stdout.readline().strip() == "ready"
    for racer in racers:
        racer.stdin.write("go\n")
        racer.stdin.flush()
    outcomes = [json.loads(racer.communicate(timeout=120)[0].strip().splitlines()[-1]) for racer in racers]
    conn = sqlite3.connect(db)
    codes = [r[0] for r in conn.execute("SELECT participant_code FROM sessions")]
    numbers = [r[0] for r in conn.execute("SELECT participant_number FROM sessions")]
    assert sorted(codes) == [f"R-{n:04d}" for n in range(rounds)], "every code exactly once"
    assert sorted(numbers) == list(range(1, rounds + 1)), "participant numbers unique and without gaps"
    assert sum(o["started"] for o in outcomes) == rounds
    assert sum(o["refused"] for o in outcomes) == rounds


def test_a_participant_number_already_used_is_refused(store: Store, demo_study, clock) -> None:
    SessionEngine.start(store, demo_study, "N-0001", clock, facilitator="F1", participant_number=4)
    with pytest.raises(InvalidAction, match="number 4"):
        SessionEngine.start(store, demo_study, "N-0002", clock, facilitator="F1", participant_number=4)
    assert [s.participant_code for s in store.sessions(demo_study.id)] == ["N-0001"]


def test_a_code_already_used_is_refused(store: Store, demo_study, clock) -> None:
    SessionEngine.start(store, demo_study, "N-0001", clock, facilitator="F1")
    with pytest.raises(InvalidAction, match="N-0001 already took part"):
        SessionEngine.start(store, demo_study, "n-0001", clock, facilitator="F1")


def test_the_database_itself_refuses_a_duplicate_code_or_number(store: Store, demo_study, clock) -> None:
    """The constraint, not only the engine's check, guards counterbalancing against a second writer."""
    first = SessionEngine.start(store, demo_study, "U-0001", clock, facilitator="F1").record
    conn = sqlite3.connect(store.path)
    row = conn.execute("SELECT * FROM sessions WHERE id = ?", (first.id,)).fetchone()
    columns = [d[0] for d in conn.execute("SELECT * FROM sessions").description]
    for changes in ({"participant_number": 99}, {"participant_code": "U-0002"}):
        values = dict(zip(columns, row), id="other-" + next(iter(changes)))
        values.update(changes)
        with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
            conn.execute(f"INSERT INTO sessions ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
                         list(values.values()))


def _v2_database_with_duplicates(path: Path) -> sqlite3.Connection:
    """A data folder from before the constraints, holding what two writers could leave behind."""
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, schema.MIGRATIONS[:2])
    conn.execute("INSERT INTO plans VALUES ('h', 's', '1', 'src', '2026-01-01')")
    rows = [("a", "P-0001", 1, "2026-01-01T09:00"), ("b", "P-0001", 2, "2026-01-01T09:01"),
            ("c", "P-0002", 2, "2026-01-01T09:02"), ("d", "P-0003", 3, "2026-01-01T09:03")]
    for sid, code, number, utc in rows:
        conn.execute("INSERT INTO sessions (id, laptop_id, study_id, plan_hash, plan_version, participant_code, "
                     "participant_number, task_order, mode, status, step, created_utc, updated_utc) VALUES "
                     "(?, 'L', 's', 'h', '1', ?, ?, '[]', 'one_screen', 'ended', 'ended', ?, ?)",
                     (sid, code, number, utc, utc))
        conn.execute("INSERT INTO events VALUES (?, ?, 1, 'session_started', ?, 0, 'e', 'L', '{}')",
                     (f"e-{sid}", sid, utc))
    return conn


def test_migration_keeps_old_duplicates_flagged_and_refuses_new_ones(tmp_path: Path) -> None:
    conn = _v2_database_with_duplicates(tmp_path / "old.sqlite3")
    migrate(conn)
    kept = conn.execute("SELECT id, duplicate_of FROM sessions ORDER BY id").fetchall()
    assert kept == [("a", None), ("b", "a"), ("c", "b"), ("d", None)], "no row lost; later duplicates point back"
    assert conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 4
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        conn.execute("INSERT INTO sessions (id, laptop_id, study_id, plan_hash, plan_version, participant_code, "
                     "participant_number, task_order, mode, status, step, created_utc, updated_utc) VALUES "
                     "('e', 'L', 's', 'h', '1', 'P-0003', 9, '[]', 'one_screen', 'ended', 'ended', 'x', 'x')")


def test_migration_closes_sessions_stranded_by_an_old_crash(tmp_path: Path) -> None:
    conn = _v2_database_with_duplicates(tmp_path / "old.sqlite3")
    conn.execute("INSERT INTO sessions (id, laptop_id, study_id, plan_hash, plan_version, participant_code, "
                 "participant_number, task_order, mode, status, step, created_utc, updated_utc) VALUES "
                 "('z', 'L', 's', 'h', '1', 'P-0009', 9, '[]', 'one_screen', 'in_progress', 'welcome', 'x', 'x')")
    migrate(conn)
    assert conn.execute("SELECT status FROM sessions WHERE id = 'z'").fetchone()[0] == SessionStatus.ABANDONED.value


def test_resuming_a_session_that_never_started_says_what_to_do(store: Store, demo_study, clock) -> None:
    engine = SessionEngine.start(store, demo_study, "S-0001", clock, facilitator="F1")
    with store.write() as conn:
        conn.execute("DELETE FROM events WHERE session_id = ?", (engine.record.id,))
    with pytest.raises(InvalidAction, match="start a new session"):
        SessionEngine.resume(store, engine.record.id, clock)


@pytest.mark.gui
def test_the_console_says_which_number_is_free_when_one_is_taken(kiosk, qtbot, store, demo_study) -> None:
    kiosk.start_session(demo_study, "G-0001", 3, "one_screen", "F1")
    kiosk.new_session()
    kiosk.start_session(demo_study, "G-0002", 3, "one_screen", "F1")
    page = kiosk.console.start_page
    qtbot.waitUntil(lambda: "number 3" in page.error_label.text())
    assert "next free number is 4" in page.error_label.text()
    assert [s.participant_code for s in store.sessions(demo_study.id)] == ["G-0001"]
    if os.environ.get("UX_KIOSK_SHOTS"):
        kiosk.console.grab().save(os.path.join(os.environ["UX_KIOSK_SHOTS"], "number-taken.png"))
