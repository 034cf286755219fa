"""Free text and participant codes: what any keyboard, clipboard or plan can send is stored safely or refused clearly."""

from __future__ import annotations

import os
import re
import unicodedata

import pytest
from conftest import consent
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kiosk.resources import demo_plan_path
from kiosk.session import InvalidAction, Outcome, SessionEngine, Step
from kiosk.session.codes import DEFAULT_CODE_PATTERN, InvalidParticipantCode, generate_code, normalise_code
from kiosk.session.summary import summarize
from kiosk.study import PlanError, load_plan_text
from kiosk.text import ASSISTANCE, BIDI_CONTROLS, FIELDS, NOTE, InvalidText, clean_text

NASTY = "a\x00b\x07c\x1bd\u202eevil\u202c \ud800 \x7f\x85x\u0085y\ufeffz"


#: every code point, lone surrogates included, with the troublemakers drawn more often
ANY_CHARACTER = st.one_of(st.characters(exclude_categories=()),
                          st.sampled_from([*BIDI_CONTROLS, "\x00", "\r", "\n", "\t", "\x85", "\u2028", "\ufeff",
                                           "\ud800", "\udfff", "e", "\u0301", " "]))


def _is_clean(value: str, multiline: bool) -> bool:
    allowed = {"\n"} if multiline else set()
    return (unicodedata.is_normalized("NFC", value)
            and not any((unicodedata.category(ch) == "Cc" and ch not in allowed) or ch in BIDI_CONTROLS
                        or unicodedata.category(ch) == "Cs" for ch in value)
            and value.encode("utf-8").decode("utf-8") == value
            and value == value.strip())


@settings(max_examples=int(os.environ.get("TEXT_EXAMPLES", "400")), suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=ANY_CHARACTER), st.sampled_from(FIELDS))
@example("e\x00\u0301", NOTE)  # removing the NUL brings the letter and its accent together: still NFC
@example("\ud83d\ude00 \udc00", NOTE)  # a split surrogate pair is joined, a lone one replaced
@example("x" * (ASSISTANCE.limit + 1), ASSISTANCE)
@example("\x00" * 50_000 + "x", NOTE)  # far over the limit: refused as typed, without the work
def test_any_text_is_stored_clean_or_refused(text: str, field) -> None:
    try:
        stored = clean_text(text, field)
    except InvalidText as exc:
        count = re.search(r"this one has ([\d,]+)", str(exc))
        assert count and int(count.group(1).replace(",", "")) > field.limit, str(exc)
        return
    assert _is_clean(stored, field.multiline)
    assert len(stored) <= field.limit
    assert clean_text(stored, field) == stored  # cleaning twice changes nothing


def test_what_cannot_be_shown_is_removed_and_the_rest_kept() -> None:
    assert clean_text(NASTY, NOTE) == "abcdevil \ufffd \nx\nyz"
    assert clean_text("  Петар\tи\r\nЈована \n\n\n\n крај ", NOTE) == "Петар и\nЈована \n\nкрај"
    assert clean_text(" Ана \n Марић ", FIELDS[-1]) == "Ана Марић"  # single-line fields lose line breaks
    assert clean_text("e\u0301", NOTE) == "\u00e9"
    with pytest.raises(InvalidText, match="must be text"):
        clean_text(b"bytes", NOTE)


def _engine(store, study, clock, code="P-0001"):
    engine = SessionEngine.start(store, study, code, clock, facilitator="F1")
    engine.continue_from_welcome()
    consent(engine, "future_contact", "quotes")
    while engine.step is Step.QUESTION:
        question = engine.current_question
        first = question.choices[0].id
        engine.answer(first if question.kind.value == "single_choice" else [first])
    return engine


def test_notes_with_controls_bidi_and_lone_surrogates_are_stored_clean(store, demo_study, clock) -> None:
    engine = _engine(store, demo_study, clock)
    engine.add_note(NASTY, ["confusion"])  # a lone surrogate once raised an uncaught UnicodeEncodeError
    summary = summarize(store.session(engine.record.id), store.events(engine.record.id))
    assert summary.notes[-1].text == "abcdevil \ufffd \nx\nyz"
    with pytest.raises(InvalidAction, match="a note needs some text"):
        engine.add_note("\x00\u202e \x07")


def test_a_16_mib_note_is_refused_with_the_limit(store, demo_study, clock) -> None:
    engine = _engine(store, demo_study, clock)
    before = len(store.events(engine.record.id))
    with pytest.raises(InvalidAction, match=r"at most 10,000 characters long; this one has 16,777,216"):
        engine.add_note("n" * 16 * 1024 * 1024)
    assert len(store.events(engine.record.id)) == before
    engine.add_note("n" * NOTE.limit)  # the limit itself is allowed


def test_every_free_text_entry_point_is_cleaned(store, demo_study, clock) -> None:
    dirty = "\u202eX\x00Y\ud800"
    engine = SessionEngine.start(store, demo_study, "P-0003", clock, facilitator=f" F\x001{dirty} ",
                                 guardian=f"Мајка\u202e{dirty}")
    assert engine.record.facilitator == "F1XY\ufffd" and engine.record.guardian == "МајкаXY\ufffd"
    engine.continue_from_welcome()
    engine.read_consent()
    engine.choose_consent_options({o.value: True for o in demo_study.consent.options})
    engine.confirm_consent_choices()
    engine.request_verbal_consent()
    from kiosk.study.model import ConsentMethod

    engine.give_consent(ConsentMethod.VERBAL, witness=f"W-1{dirty}")
    engine.save_contact(f"+381 64\n123{dirty}")
    assert [c["contact"] for c in store.contacts(demo_study.id)] == ["+381 64 123XY\ufffd"]
    while engine.step is Step.QUESTION:
        question = engine.current_question
        first = question.choices[0].id
        engine.answer(first if question.kind.value == "single_choice" else [first])
    engine.start_task()
    with pytest.raises(InvalidAction, match="say what help was given"):
        engine.record_outcome(Outcome.ASSISTED, "\u202e\x00 ")
    engine.record_outcome(Outcome.ASSISTED, f"pokazan meni{dirty}")
    engine.answer(5)
    engine.skip_task(f"nije stigao{dirty}")
    with pytest.raises(InvalidAction, match="a reason can be at most 10,000 characters"):
        engine.abandon("r" * 10_001)
    engine.abandon(f"umoran{dirty}")
    engine.withdraw(f"ne želi{dirty}")
    events = store.events(engine.record.id)
    payloads = {e.kind: e.payload for e in events}
    assert payloads["consent_given"]["witness"] == "W-1XY\ufffd"
    assert payloads["outcome_recorded"]["assistance"] == "pokazan meniXY\ufffd"
    assert payloads["task_skipped"]["reason"] == "nije stigaoXY\ufffd"
    assert payloads["session_abandoned"]["reason"] == "umoranXY\ufffd"
    assert payloads["session_started"]["facilitator"] == "F1XY\ufffd"
    assert payloads["participant_withdrew"]["reason"] == "ne želiXY\ufffd"


def _plan(extra_study: str = "", extra: str = "") -> str:
    text = demo_plan_path().read_text(encoding="utf-8")
    if extra_study:
        text = text.replace("[study]\n", f"[study]\n{extra_study}\n", 1)
    return text + extra


TEXT_QUESTION = '''
[[post_session_questions]]
id = "comment"
kind = "text"
text = { sr-Cyrl = "Још нешто?", en = "Anything else?", hu = "Még valami?" }
'''


def test_written_answers_are_cleaned_and_limited(store, clock) -> None:
    study = load_plan_text(_plan(extra=TEXT_QUESTION))
    engine = _engine(store, study, clock)
    while engine.step is not Step.CLOSING:
        if engine.step is Step.INSTRUCTIONS:
            engine.start_task()
            engine.record_outcome(Outcome.SUCCESS)
        elif engine.current_question.id == "comment":
            with pytest.raises(InvalidAction, match="must be some text"):
                engine.answer("\x00\u202e")
            with pytest.raises(InvalidAction, match="at most 5,000"):
                engine.answer("a" * 5001)
            engine.answer(" Добро\u202e\x00 је. ")
        elif engine.current_question.kind.value == "text":
            engine.skip_question()
        else:
            question = engine.current_question
            engine.answer(question.scale_values[0] if question.kind.value == "likert" else question.choices[0].id)
    summary = summarize(store.session(engine.record.id), store.events(engine.record.id))
    assert summary.answers["comment"] == "Добро је."


@pytest.mark.parametrize("code", ["P-0042", "p-0042", "P0042", "AB-1", "ABCD-123456", "R-7"])
def test_the_default_pattern_takes_a_short_prefix_and_digits(code: str) -> None:
    assert normalise_code(code) == code.upper()
    assert re.fullmatch(DEFAULT_CODE_PATTERN, code.upper())


@pytest.mark.parametrize("code", ["PETAR-PETROVIC-1", "JOVANA-065123456", "MARKO1", "P-0042-X", "0042", "P-1234567",
                                  "Petar Petrović 1", "P-00\u202e42", "P-\x0042", "P-\ud80042"])
def test_name_like_codes_are_refused_with_what_a_code_looks_like(code: str) -> None:
    with pytest.raises(InvalidParticipantCode, match="such as P-0042"):
        normalise_code(code)


def test_the_new_code_button_makes_codes_the_pattern_accepts() -> None:
    taken = {"P-2222"}
    for _ in range(50):
        code = generate_code(taken)
        assert normalise_code(code) == code and code not in taken
    assert re.fullmatch(r"\d{6}", generate_code(pattern=r"^\d{6}$"))
    assert re.fullmatch(r"KS-\d{4}", generate_code(pattern=r"^KS-\d{4}$"))


def test_a_study_can_set_its_own_code_pattern(store, clock) -> None:
    study = load_plan_text(_plan('participant_code_pattern = \'^[A-Z]{2}[0-9]{2}-[0-9]{3}$\''))
    assert study.participant_code_pattern == "^[A-Z]{2}[0-9]{2}-[0-9]{3}$"
    engine = SessionEngine.start(store, study, "bg26-001", clock, facilitator="F1")
    assert engine.record.participant_code == "BG26-001"
    with pytest.raises(InvalidParticipantCode, match=re.escape("^[A-Z]{2}[0-9]{2}-[0-9]{3}$")):
        SessionEngine.start(store, study, "P-0042", clock, facilitator="F1")
    with pytest.raises(InvalidParticipantCode, match="never type a participant's name"):
        SessionEngine.start(store, study, "PETAR PETROVIC 1", clock, facilitator="F1")


@pytest.mark.parametrize("value, message", [("'^[A-Z+$'", "not a valid regular expression"),
                                             ("42", "expected a regular expression in quotes")])
def test_a_bad_code_pattern_is_a_plan_problem(value: str, message: str) -> None:
    with pytest.raises(PlanError, match=message) as info:
        load_plan_text(_plan(f"participant_code_pattern = {value}"))
    assert info.value.problems[0].key_path == "study.participant_code_pattern"
    assert info.value.problems[0].line == 6


@pytest.mark.gui
def test_the_start_page_new_code_starts_and_a_name_is_refused_in_words(kiosk, qtbot) -> None:
    from PySide6.QtCore import Qt

    page = kiosk.console.start_page
    qtbot.keyClicks(page.facilitator_edit, "F-07")
    qtbot.keyClicks(page.code_edit, "PETAR-PETROVIC-1")
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    assert kiosk.bridge is None and "such as P-0042" in page.error_label.text()
    qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)
    code = page.code_edit.text()
    assert re.fullmatch(page.studies[0].participant_code_pattern, code)
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    assert kiosk.bridge is not None and kiosk.bridge.engine.record.participant_code == code


def test_the_limits_are_the_documented_ones() -> None:
    from kiosk.resources import data_folder

    readme = (data_folder("sessions") / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| text | limit"):]
    for field in FIELDS:
        assert f"| {field.limit:,} |" in table, field
    assert DEFAULT_CODE_PATTERN in readme
