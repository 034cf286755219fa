"""Consent rules: plan, defaults, complete records only, enforcement, withdrawal, erasure without trace."""

from __future__ import annotations

import csv
import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from conftest import consent
from kiosk.capture.gate import CaptureGate, ConsentRequired, StreamKind
from kiosk.reports.dataset import collect_study
from kiosk.reports.tabular import export_study_csv
from kiosk.resources import demo_plan_path
from kiosk.session import InvalidAction, Outcome, SessionEngine, Step
from kiosk.session.consent import consent_document, empty_choice
from kiosk.simulate import mark_png
from kiosk.store import ConsentRecord, IncompleteConsent, SessionStatus, Store
from kiosk.store import schema
from kiosk.store.erasure import erase_participant
from kiosk.study import PlanError, load_plan_text
from kiosk.study.model import ConsentMethod, ConsentOption

DEMO = demo_plan_path().read_text(encoding="utf-8")


def start(store, study, clock, code="C-0001", guardian=""):
    engine = SessionEngine.start(store, study, code, clock, facilitator="F-07", guardian=guardian)
    engine.continue_from_welcome()
    return engine


# -- the plan -----------------------------------------------------------------------------------------


def test_plan_consent_has_version_summary_retention_and_options(demo_study) -> None:
    spec = demo_study.consent
    assert spec.version == "2026-10-01"
    assert spec.options[0] is ConsentOption.TAKE_PART  # always asked, always first
    assert ConsentOption.AUDIO in spec.options and ConsentOption.CAMERA not in spec.options
    assert spec.easy_read.get("sr-Latn").startswith("Isprobavate")
    assert "2027" in spec.retention.get("en") and "011" in spec.how_to_withdraw.get("sr-Cyrl")


@pytest.mark.parametrize(("edit", "message"), [
    (lambda t: t.replace('version = "2026-10-01"\n', ""), "consent.version"),
    (lambda t: t.replace('options = ["audio",', 'options = ["telepathy", "audio",'), "unknown consent option 'telepathy'"),
    (lambda t: t.replace('methods = ["signature", "mark", "verbal"]', 'methods = ["fingerprint"]'), "unknown consent method"),
    (lambda t: t.replace('retention.en = "until 31 December 2027, and then delete it"\n', ""), "consent.retention.en"),
    (lambda t: t.replace('easy_read.sr-Cyrl = "', 'easy_reed.sr-Cyrl = "'), "did you mean 'easy_read'"),
])
def test_broken_consent_sections_are_reported(edit, message) -> None:
    broken = edit(DEMO)
    assert broken != DEMO
    with pytest.raises(PlanError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_plan_text(broken)


# -- giving consent -------------------------------------------------------------------------------------


def test_every_option_is_unticked_by_default_and_taking_part_needs_no_other(store, demo_study, clock) -> None:
    assert set(empty_choice(demo_study).values()) == {False}
    engine = start(store, demo_study, clock)
    engine.read_consent()
    with pytest.raises(InvalidAction, match="taking part must be agreed"):
        engine.choose_consent_options({**empty_choice(demo_study), "audio": True})
    engine.choose_consent_options({**empty_choice(demo_study), "take_part": True})  # yes to nothing else
    engine.confirm_consent_choices()
    engine.give_consent(ConsentMethod.MARK, mark_png())
    assert engine.step is Step.QUESTION
    assert not any(engine.permits(o) for o in ConsentOption if o is not ConsentOption.TAKE_PART)


def test_consent_record_holds_everything_needed_to_prove_it(store, demo_study, clock) -> None:
    engine = start(store, demo_study, clock)
    engine.choose_language("sr-Latn")
    consent(engine, "audio", "quotes")
    record = store.consent_record(engine.record.id)
    assert record.participant_code == "C-0001" and record.study_id == demo_study.id
    assert (record.plan_version, record.consent_version) == ("1.0", "2026-10-01")
    expected = hashlib.sha256(consent_document(demo_study, "sr-Latn").encode()).hexdigest()
    assert record.text_sha256 == expected
    assert "Isprobavate novu uslugu" in consent_document(demo_study, "sr-Latn")  # the text shown, in Latin
    assert (record.language, record.script, record.method, record.facilitator) == ("sr-Latn", "Latn", "mark", "F-07")
    assert record.options == {"take_part": True, "audio": True, "screen": False, "quotes": True,
                              "clips_internal": False, "future_contact": False}
    assert record.signature_png.startswith(b"\x89PNG") and record.utc.endswith("+00:00")
    assert record.local_time[:10] == record.utc[:10] and record.local_time[-6] in "+-"


def test_a_consent_record_cannot_exist_incomplete() -> None:
    complete = dict(id="c", session_id="s", participant_code="P-1", study_id="x", plan_version="1",
                    consent_version="1", text_sha256="a" * 64, language="en", script="Latn",
                    options={"take_part": True}, method="verbal", facilitator="F", utc="2026-01-01T00:00:00+00:00",
                    local_time="2026-01-01T01:00:00+01:00", laptop_id="L", witness="W-1")
    ConsentRecord(**complete)
    for change, missing in [({"witness": ""}, "witness"), ({"facilitator": " "}, "facilitator"),
                            ({"text_sha256": "abc"}, "text_sha256"), ({"options": {"take_part": False}}, "take_part"),
                            ({"method": "mark"}, "signature_png"), ({"method": "mark", "signature_png": b"GIF89a"}, "signature_png"),
                            ({"required_guardian": True}, "guardian"), ({"method": "nod"}, "method")]:
        with pytest.raises(IncompleteConsent, match=missing):
            ConsentRecord(**{**complete, **change})


def test_the_database_refuses_an_incomplete_record_too(store, demo_study, clock) -> None:
    engine = start(store, demo_study, clock)
    with pytest.raises(sqlite3.IntegrityError):
        with store.write() as conn:
            conn.execute("INSERT INTO consent_records (id, session_id, participant_code, study_id, plan_version, "
                         "consent_version, text_sha256, language, script, options, method, signature_png, facilitator, "
                         "utc, local_time, laptop_id) VALUES ('c', ?, 'P', 's', '1', '1', ?, 'en', 'Latn', '{}', "
                         "'signature', NULL, 'F', 'u', 'l', 'L')", (engine.record.id, "a" * 64))


def test_verbal_consent_needs_a_witness_and_saves_nothing_without_one(store, demo_study, clock) -> None:
    engine = start(store, demo_study, clock)
    engine.read_consent()
    engine.choose_consent_options({**empty_choice(demo_study), "take_part": True})
    engine.confirm_consent_choices()
    engine.request_verbal_consent()
    events_before = len(store.events(engine.record.id))
    with pytest.raises(InvalidAction, match="witness"):
        engine.give_consent(ConsentMethod.VERBAL, witness="  ")
    assert len(store.events(engine.record.id)) == events_before and store.consent_record(engine.record.id) is None
    engine.give_consent(ConsentMethod.VERBAL, witness="W-Jelena")
    assert store.consent_record(engine.record.id).witness == "W-Jelena"


def test_participants_under_18_need_their_guardian(store, demo_study, clock) -> None:
    engine = start(store, demo_study, clock, guardian="G-0001")
    assert engine.record.minor
    consent(engine)
    assert store.consent_record(engine.record.id).guardian == "G-0001"


def test_method_must_be_offered_by_the_plan(store, clock) -> None:
    study = load_plan_text(DEMO.replace('methods = ["signature", "mark", "verbal"]', 'methods = ["verbal"]'))
    engine = start(store, study, clock)
    engine.read_consent()
    engine.choose_consent_options({**empty_choice(study), "take_part": True})
    engine.confirm_consent_choices()
    with pytest.raises(InvalidAction, match="does not offer mark"):
        engine.give_consent(ConsentMethod.MARK, mark_png())


def test_declining_ends_the_session_with_no_consent_record(store, demo_study, clock) -> None:
    engine = start(store, demo_study, clock)
    engine.read_consent()
    engine.decline_consent()
    assert store.session(engine.record.id).status is SessionStatus.ABANDONED
    assert store.consent_record(engine.record.id) is None


# -- enforcement ----------------------------------------------------------------------------------------


class SyntheticStream:
    """A device that writes a segment file as soon as it starts, as a microphone or camera would."""

    def __init__(self, kind: StreamKind) -> None:
        self.kind = kind
        self.started = False

    def start(self, folder: Path) -> None:
        self.started = True
        (folder / "segment-0001.bin").write_bytes(b"media")

    def stop(self) -> None:
        self.started = False


def _media_files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("agreed", [(), ("audio",), ("screen",), ("audio", "screen")])
def test_no_stream_starts_without_the_matching_option(store, demo_study, clock, tmp_path, agreed) -> None:
    engine = start(store, demo_study, clock)
    media = tmp_path / "capture" / "media" / engine.record.id
    gate = CaptureGate(engine.permits, media)
    streams = [SyntheticStream(kind) for kind in StreamKind]
    assert gate.start_permitted(streams) == []  # before consent: nothing at all
    consent(engine, *agreed)
    started = gate.start_permitted(streams)
    assert sorted(started) == sorted(agreed)  # the demo never offers the camera
    assert _media_files(tmp_path / "capture") == {f"media/{engine.record.id}/{kind}/segment-0001.bin" for kind in agreed}
    for stream in streams:
        if stream.kind.value not in agreed:
            with pytest.raises(ConsentRequired):
                gate.start(stream)
            assert not stream.started
    engine.withdraw("participant stopped")
    gate.stop_all()
    assert gate.start_permitted(streams) == [] and not any(s.started for s in streams)


def _session_with_quote(store, study, clock, code: str, quotes: bool, text: str, mark: int = 48) -> SessionEngine:
    engine = start(store, study, clock, code=code)
    consent(engine, *(["quotes"] if quotes else []), signature=mark_png(mark))
    for value in ("18-34", "never", ["phone"]):
        engine.answer(value)
    engine.start_task()
    engine.add_note(text, ["quote"])
    engine.record_outcome(Outcome.SUCCESS)
    return engine


def test_quotes_appear_in_reports_and_exports_only_with_consent(store, demo_study, clock, tmp_path) -> None:
    _session_with_quote(store, demo_study, clock, "Q-0001", True, "Quoted with permission")
    _session_with_quote(store, demo_study, clock, "Q-0002", False, "Never to be quoted")
    results = collect_study(store, demo_study.id)
    shown = [note.text for _, note in results.notes_by_tag["quote"]]
    assert shown == ["Quoted with permission"] and results.withheld_quotes == 1
    export_study_csv(store, demo_study.id, tmp_path)
    everything = "".join(p.read_text(encoding="utf-8") for p in tmp_path.glob("*.csv"))
    assert "Quoted with permission" in everything and "Never to be quoted" not in everything
    notes = list(csv.DictReader((tmp_path / "notes.csv").open(encoding="utf-8")))
    assert sorted(n["text_withheld"] for n in notes) == ["0", "1"]


def test_contacts_need_consent_live_apart_and_stay_home(store, demo_study, clock, tmp_path) -> None:
    refused = start(store, demo_study, clock, code="K-0001")
    consent(refused)
    with pytest.raises(InvalidAction, match="did not agree to be contacted"):
        refused.save_contact("+381 64 111 2222")
    engine = start(store, demo_study, clock, code="K-0002")
    consent(engine, "future_contact")
    engine.save_contact("+381 64 333 4444")
    assert store.contacts(demo_study.id)[0]["contact"] == "+381 64 333 4444"
    assert all("+381" not in json.dumps(e.payload) for e in store.events(engine.record.id))
    export_study_csv(store, demo_study.id, tmp_path / "default")
    assert not (tmp_path / "default" / "contacts.csv").exists()
    assert "+381" not in "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "default").glob("*.csv"))
    allowing = load_plan_text(DEMO.replace('methods = ["signature"', 'export_contacts = true\nmethods = ["signature"'))
    third = start(store, allowing, clock, code="K-0003")
    consent(third, "future_contact")
    export_study_csv(store, demo_study.id, tmp_path / "allowed")
    assert "+381 64 333 4444" in (tmp_path / "allowed" / "contacts.csv").read_text(encoding="utf-8")


# -- withdrawal and erasure -----------------------------------------------------------------------------


def test_stop_and_keep_records_the_withdrawal_and_keeps_the_data(store, demo_study, clock) -> None:
    engine = start(store, demo_study, clock)
    consent(engine, "audio")
    engine.answer("65-74")
    engine.withdraw("tired")
    assert store.session(engine.record.id).status is SessionStatus.WITHDRAWN
    assert engine.step is Step.WITHDRAWN and not engine.permits(ConsentOption.AUDIO)
    assert store.consent_record(engine.record.id) is not None
    assert collect_study(store, demo_study.id).participants == 1


def test_erasure_leaves_no_trace_anywhere_in_the_data_folder(store, demo_study, clock) -> None:
    root = store.path.parent
    keep = _session_with_quote(store, demo_study, clock, "KEEP-0001", True, "Kept participant note")
    gone = _session_with_quote(store, demo_study, clock, "GONE-0001", True, "Јединствена белешка 7QX", mark=61)
    signature = store.consent_record(gone.record.id).signature_png
    media = root / "media" / gone.record.id / "audio"
    media.mkdir(parents=True)
    (media / "segment-0001.wav").write_bytes(b"RIFF-unique-audio-0xDEADBEEF")
    (root / "receipts").mkdir(exist_ok=True)
    (root / "receipts" / f"{gone.record.id}.pdf").write_bytes(b"%PDF GONE-0001")
    (root / "reports").mkdir(exist_ok=True)
    (root / "reports" / "study.pdf").write_bytes(b"%PDF mentions GONE-0001")
    store.save_contact("GONE-0001", demo_study.id, gone.record.id, "gone@example.org")
    traces = [gone.record.id.encode(), "Јединствена белешка 7QX".encode(), b"gone@example.org",
              signature[20:60], b"0xDEADBEEF", *(e.id.encode() for e in store.events(gone.record.id))]

    result = erase_participant(store, demo_study.id, "GONE-0001", "participant asked")
    assert result.sessions == 1 and result.files == 3 and result.fully_compacted

    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for trace in traces:
                assert trace not in data, f"{trace[:30]!r} survives in {path.relative_to(root)}"
    # The code survives only in its tombstone, which exports carry so the hub erases its copy.
    conn = sqlite3.connect(store.path)
    for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'tombstones'"):
        columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
        for column in columns:
            hit = conn.execute(f"SELECT COUNT(*) FROM {table} WHERE CAST({column} AS TEXT) LIKE '%GONE-0001%'").fetchone()
            assert hit[0] == 0, f"{table}.{column} still mentions the participant"
    [tombstone] = store.tombstones(demo_study.id)
    assert (tombstone.participant_code, tombstone.reason) == ("GONE-0001", "participant asked")
    assert {s.participant_code for s in store.sessions()} == {"KEEP-0001"}
    assert len(store.events(keep.record.id)) > 5 and store.consent_record(keep.record.id) is not None


def test_tombstones_travel_with_exports(store, demo_study, clock, tmp_path) -> None:
    _session_with_quote(store, demo_study, clock, "T-0001", False, "x")
    erase_participant(store, demo_study.id, "T-0001", "withdrew")
    export_study_csv(store, demo_study.id, tmp_path)
    rows = list(csv.DictReader((tmp_path / "tombstones.csv").open(encoding="utf-8")))
    assert [(r["participant_code"], r["reason"]) for r in rows] == [("T-0001", "withdrew")]


def test_version_1_database_upgrades_keeping_its_sessions(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    schema.migrate(conn, schema.MIGRATIONS[:1])
    conn.execute("INSERT INTO plans VALUES ('h', 's', '1', 'src', 'now')")
    conn.execute("INSERT INTO sessions VALUES ('s1', 'L', 's', 'h', '1', 'P-1', 1, '[]', 'one_screen', 'ended', "
                 "'ended', 'c', 'u')")
    conn.close()
    store = Store(path)
    [record] = store.sessions()
    assert (record.participant_code, record.facilitator, record.minor) == ("P-1", "", False)
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == len(schema.MIGRATIONS)


def test_withdrawal_by_code_keeps_or_erases_every_session_of_the_participant(store, demo_study, clock) -> None:
    from kiosk.session.withdrawal import withdraw_participant

    with pytest.raises(InvalidAction, match="already took part"):
        first = start(store, demo_study, clock, code="D-0001")
        first.abandon("fire alarm")
        start(store, demo_study, clock, code="d-0001")  # one code, one participation per study
    other = start(store, demo_study, clock, code="D-0002")
    kept = withdraw_participant(store, demo_study.id, "D-0001", erase=False, reason="phoned", clock=clock)
    assert (kept.sessions, kept.erased) == (1, False)
    assert store.session(first.record.id).status is SessionStatus.WITHDRAWN
    assert withdraw_participant(store, demo_study.id, "NOBODY-1", erase=True, reason="", clock=clock).sessions == 0
    erased = withdraw_participant(store, demo_study.id, "D-0001", erase=True, reason="phoned again", clock=clock)
    assert erased.erased and [s.participant_code for s in store.sessions()] == ["D-0002"]
    assert store.session(other.record.id).status is SessionStatus.IN_PROGRESS
