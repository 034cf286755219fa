"""Per-participant aids (text size, reading aloud, pictures): set at the start, changed as events, kept on resume."""

from __future__ import annotations

import pytest

from kiosk.i18n import default_catalog
from kiosk.session.access import TEXT_SIZES, AccessSettings
from kiosk.session.describe import describe_event
from kiosk.session.engine import SessionEngine
from kiosk.session.answers import InvalidAction


def test_text_size_steps_stop_at_the_ends() -> None:
    assert AccessSettings().smaller().text_size == 100
    assert AccessSettings().larger().text_size == 125
    assert AccessSettings(text_size=200).larger().text_size == 200
    assert AccessSettings(text_size=150).smaller().text_size == 125
    assert [AccessSettings(text_size=s).scale for s in TEXT_SIZES] == [1.0, 1.25, 1.5, 1.75, 2.0]


@pytest.mark.parametrize("read_aloud, pictures", [(True, True), (True, False), (False, True)])
def test_a_text_size_step_keeps_the_other_aids(read_aloud: bool, pictures: bool) -> None:
    """Larger or smaller text must not turn reading aloud or the pictures off (or on) with it."""
    aids = AccessSettings(150, read_aloud, pictures)
    for stepped in (aids.larger(), aids.smaller()):
        assert (stepped.read_aloud, stepped.pictures) == (read_aloud, pictures)


def test_an_unoffered_text_size_is_refused_with_the_sizes_offered() -> None:
    with pytest.raises(ValueError, match="100%, 125%, 150%, 175%, 200%"):
        AccessSettings(text_size=300)


def test_old_sessions_without_settings_get_the_defaults() -> None:
    assert AccessSettings.from_payload(None) == AccessSettings()
    assert AccessSettings.from_payload({"text_size": 175, "read_aloud": 1}) == AccessSettings(175, True, False)
    # a payload that names only some aids: the others are their defaults (mutmut: text size 100, not 101 or None)
    assert AccessSettings.from_payload({"read_aloud": True}) == AccessSettings(100, True, False)
    assert AccessSettings.from_payload({"pictures": True}) == AccessSettings(100, False, True)


def test_settings_given_at_the_start_and_changed_later_survive_a_resume(store, demo_study, clock) -> None:
    chosen = AccessSettings(text_size=150, read_aloud=True)
    engine = SessionEngine.start(store, demo_study, "P-0001", clock, facilitator="F1", access=chosen)
    assert engine.access == chosen
    assert SessionEngine.resume(store, engine.record.id, clock).access == chosen
    engine.set_access(chosen.larger(), by="participant")
    engine.set_access(chosen.larger(), by="participant")  # no change: no second event
    changes = [e for e in store.events(engine.record.id) if e.kind == "access_changed"]
    assert [(e.payload["text_size"], e.payload["by"]) for e in changes] == [(175, "participant")]
    assert SessionEngine.resume(store, engine.record.id, clock).access == AccessSettings(175, True, False)
    text = describe_event(default_catalog(), "en", changes[0], demo_study)
    assert text == "Text size 175%, reading aloud on, pictures off (set by the participant)"


def test_settings_cannot_change_after_the_session_ended(store, demo_study, clock) -> None:
    engine = SessionEngine.start(store, demo_study, "P-0002", clock, facilitator="F1")
    engine.abandon("test")
    with pytest.raises(InvalidAction):
        engine.set_access(AccessSettings(text_size=200))
    with pytest.raises(ValueError, match="expected facilitator or participant"):
        SessionEngine.start(store, demo_study, "P-0003", clock, facilitator="F1").set_access(AccessSettings(), by="robot")
