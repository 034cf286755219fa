"""Shared by the erasure tests: a participant with data in every place, a byte scan of the data folder,
and a second process that holds a read transaction open (as a report tool or a database browser would)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import consent
from kiosk.session import Outcome, SessionEngine
from kiosk.simulate import mark_png

NOTE = "Јединствена белешка 7QX"


def plant_participant(store, study, clock, code: str, note: str = NOTE, mark: int = 61) -> list[bytes]:
    """A participant with a note, a signature, a contact, a guardian, media, a receipt and a report;
    returns byte strings that must not survive their erasure anywhere in the data folder."""
    root = store.path.parent
    engine = SessionEngine.start(store, study, code, clock, facilitator="F-07", guardian=f"Guardian-of-{code}")
    engine.continue_from_welcome()
    consent(engine, "quotes", signature=mark_png(mark))
    for value in ("18-34", "never", ["phone"]):
        engine.answer(value)
    engine.start_task()
    engine.add_note(note, ["quote"])
    engine.record_outcome(Outcome.SUCCESS)
    session_id = engine.record.id
    signature = store.consent_record(session_id).signature_png
    media = root / "media" / session_id / "audio"
    media.mkdir(parents=True)
    (media / "segment-0001.wav").write_bytes(f"RIFF-unique-audio-{code}-0xDEADBEEF".encode())
    (root / "receipts").mkdir(exist_ok=True)
    (root / "receipts" / f"{session_id}.pdf").write_bytes(f"%PDF {code}".encode())
    (root / "reports").mkdir(exist_ok=True)
    (root / "reports" / "study.pdf").write_bytes(f"%PDF mentions {code}".encode())
    store.save_contact(code, study.id, session_id, f"{code.lower()}@example.org")
    return [session_id.encode(), note.encode(), f"{code.lower()}@example.org".encode(), f"Guardian-of-{code}".encode(),
            signature[20:60], f"audio-{code}-0xDEADBEEF".encode(), *(e.id.encode() for e in store.events(session_id))]


def traces_left(root: Path, traces: list[bytes]) -> list[str]:
    """Every (trace, file) pair where a trace survives in any byte of any file under ``root``."""
    found = []
    for path in sorted(root.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            found += [f"{trace[:24]!r} in {path.relative_to(root)}" for trace in traces if trace in data]
    return found


READER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN")
count = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
print(f"reading {count}", flush=True)
sys.stdin.readline()
conn.execute("COMMIT")
conn.close()
"""


class OtherReader:
    """A second process inside a read transaction until :meth:`close`."""

    def __init__(self, database: Path) -> None:
        self.process = subprocess.Popen([sys.executable, "-c", READER, str(database)], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        assert line.startswith("reading"), line

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.write("done\n")
            self.process.stdin.flush()
            self.process.wait(timeout=30)
