"""The consent record proves itself later: it keeps the exact text shown and the app version, and a
resumed session still finds the plan's recorded consent audio."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

from conftest import consent

import kiosk
from kiosk.resources import demo_plan_path
from kiosk.session import SessionEngine
from kiosk.session.consent import consent_document
from kiosk.store import Store, schema
from kiosk.study import load_plan
from prototype_fixtures import link_demo_prototype


def _plan_with_clip(folder: Path) -> Path:
    folder.mkdir(parents=True)
    text = demo_plan_path().read_text(encoding="utf-8")
    text = text.replace('methods = ["signature", "mark", "verbal"]',
                        'methods = ["signature", "mark", "verbal"]\nclips.en = "consent-en.wav"', 1)
    (folder / "plan.toml").write_text(text, encoding="utf-8")
    (folder / "consent-en.wav").write_bytes(b"RIFF....WAVEfmt ")
    link_demo_prototype(folder)
    return folder / "plan.toml"


def test_a_resumed_session_still_has_its_consent_clips(store: Store, clock, tmp_path: Path) -> None:
    study = load_plan(_plan_with_clip(tmp_path / "plans" / "farm"))
    assert study.consent.clips["en"].is_file()
    engine = SessionEngine.start(store, study, "A-0001", clock, facilitator="F1", language="en")
    resumed = SessionEngine.resume(store, engine.record.id, clock)
    clip = resumed.study.consent.clips["en"]
    assert clip.is_file() and clip == study.consent.clips["en"]


def test_resume_works_when_the_plan_folder_has_gone(store: Store, clock, tmp_path: Path) -> None:
    plan = _plan_with_clip(tmp_path / "plans" / "farm")
    engine = SessionEngine.start(store, load_plan(plan), "A-0002", clock, facilitator="F1", language="en")
    shutil.rmtree(plan.parent)
    resumed = SessionEngine.resume(store, engine.record.id, clock)
    assert not resumed.study.consent.clips["en"].exists()  # no clip: the screen falls back to eSpeak


def test_the_consent_record_keeps_the_exact_text_shown_and_the_app_version(store: Store, demo_study, clock) -> None:
    engine = SessionEngine.start(store, demo_study, "T-0001", clock, facilitator="F1", language="sr-Latn")
    engine.continue_from_welcome()
    shown = consent_document(demo_study, "sr-Latn")
    consent(engine)
    record = store.consent_record(engine.record.id)
    assert record.text == shown
    assert hashlib.sha256(record.text.encode("utf-8")).hexdigest() == record.text_sha256
    assert record.verifies()
    assert record.app_version == kiosk.__version__
    # Straight from the file, as an auditor without ux-kiosk would check it.
    text, digest, version = sqlite3.connect(store.path).execute(
        "SELECT text, text_sha256, app_version FROM consent_records").fetchone()
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == digest and version == kiosk.__version__


def test_consent_records_from_before_the_text_was_kept_still_load(tmp_path: Path, demo_study, clock) -> None:
    path = tmp_path / "old.sqlite3"
    store = Store(path)
    engine = SessionEngine.start(store, demo_study, "O-0001", clock, facilitator="F1")
    engine.continue_from_welcome()
    consent(engine)
    store.close()
    conn = sqlite3.connect(path, isolation_level=None)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(schema.MIGRATIONS)
    conn.execute("UPDATE consent_records SET text = '', app_version = ''")
    conn.close()
    old = Store(path).consent_record(engine.record.id)
    assert old.text == "" and not old.verifies()


def test_a_record_whose_text_is_not_the_hashed_one_cannot_exist(store: Store, demo_study, clock) -> None:
    import dataclasses

    import pytest

    from kiosk.store import IncompleteConsent

    engine = SessionEngine.start(store, demo_study, "T-0002", clock, facilitator="F1")
    engine.continue_from_welcome()
    consent(engine)
    record = store.consent_record(engine.record.id)
    with pytest.raises(IncompleteConsent, match="text"):
        dataclasses.replace(record, text=record.text + " (edited later)")


def test_every_session_records_the_app_version_it_ran_under(store: Store, demo_study, clock) -> None:
    engine = SessionEngine.start(store, demo_study, "V-0001", clock, facilitator="F1")
    assert store.events(engine.record.id)[0].payload["app_version"] == kiosk.__version__


def test_a_plan_first_stored_without_its_folder_gets_it_when_next_used(store: Store, clock, tmp_path: Path) -> None:
    """Plans saved before schema 5 have no folder; the next session from the same file supplies it."""
    study = load_plan(_plan_with_clip(tmp_path / "plans" / "farm"))
    store.save_plan(study.id, study.version, study.content_hash, study.source_text)  # as an older version did
    engine = SessionEngine.start(store, study, "A-0003", clock, facilitator="F1", language="en")
    resumed = SessionEngine.resume(store, engine.record.id, clock)
    assert resumed.study.consent.clips["en"] == study.consent.clips["en"]
