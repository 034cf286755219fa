"""Timelines and answer tables speak in the words the participant saw, never in ids (issue 9).

Before this, the console and the session report said "Answered age_band: 65-74" and "sus:5: 5".
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import consent
from sessions_helper import run_session

from kiosk.i18n import default_catalog
from kiosk.resources import demo_plan_path
from kiosk.session import SessionEngine
from kiosk.session.describe import describe_event
from kiosk.study.instruments import sus_questions
from kiosk.study.labels import elide, question_heading, value_label
from kiosk.study.loader import PlanError, load_plan, load_plan_text
from kiosk.translit import has_cyrillic

EXAMPLE = demo_plan_path().parent.parent / "example-social-card" / "plan.toml"


@pytest.fixture(scope="module")
def example_study():
    return load_plan(EXAMPLE)


def _answer_events(store, study, clock, **kwargs) -> list:
    engine = run_session(store, study, "L-0001", clock, **kwargs)
    return [e for e in store.events(engine.record.id) if e.kind in ("answer_recorded", "answer_skipped")]


def _answer_lines(store, study, clock, lang: str, **kwargs) -> dict[str, str]:
    catalog = default_catalog()
    return {e.payload["question_id"]: describe_event(catalog, lang, e, study)
            for e in _answer_events(store, study, clock, **kwargs)}


def test_instrument_items_read_as_their_wording_with_the_scale_points_label(store, example_study, clock) -> None:
    lines = _answer_lines(store, example_study, clock, "en", sus=(5, 1) * 5)
    assert lines["age_band"] == "Answered “How old are you?”: 18 to 49"
    assert lines["sus:1"] == "Answered SUS 1 “I think that I would like to use this system…”: 5 — Strongly agree"
    assert lines["sus:2"] == "Answered SUS 2 “I found the system unnecessarily complex.”: 1 — Strongly disagree"
    assert lines["umux_lite:2"] == "Answered UMUX-Lite 2 “This system is easy to use.”: 1 — Strongly disagree"
    assert lines["nasa_tlx:check-eligibility:mental"] == "Answered NASA-TLX “Mental demand”: 0 — Very low"
    assert lines["nasa_tlx:check-eligibility:performance"] == "Answered NASA-TLX “Performance”: 0 — Perfect"
    assert lines["seq:check-eligibility"] == "Answered SEQ “Overall, how difficult or easy was this task to…”: 6"
    assert lines["clear_words:check-eligibility"] == "Answered “The words on the screen were clear to me.”: 1 — Not at all"


def test_labels_follow_the_console_language_in_one_script(store, example_study, clock) -> None:
    catalog = default_catalog()
    events = _answer_events(store, example_study, clock, sus=(5, 1) * 5)
    cyrillic = {e.payload["question_id"]: describe_event(catalog, "sr-Cyrl", e, example_study) for e in events}
    assert cyrillic["sus:1"].endswith(f"5 — {catalog.text('sr-Cyrl', 'sus.high')}")
    assert cyrillic["age_band"] == "Одговор на „Колико имате година?”: 18 до 49"
    assert cyrillic["nasa_tlx:check-eligibility:mental"] == (
        f"Одговор на NASA-TLX „{catalog.text('sr-Cyrl', 'nasa_tlx.mental')}”: 0 — {catalog.text('sr-Cyrl', 'nasa_tlx.low')}")
    latin = [describe_event(catalog, "sr-Latn", e, example_study) for e in events]
    assert not any(has_cyrillic(line) for line in latin)
    assert "Odgovor na „Koliko imate godina?”: 18 do 49" in latin


def test_weighted_tlx_pairs_name_the_scale_chosen(store, clock) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace("pictorial = true", "pictorial = true\nnasa_tlx_weighted = true")
    study = load_plan_text(text, EXAMPLE)
    lines = _answer_lines(store, study, clock, "en")
    pair = lines["nasa_tlx_pair:check-eligibility:mental-physical"]
    assert pair == "Answered NASA-TLX “Mental demand / Physical demand”: Mental demand"


def test_ids_the_plan_does_not_know_read_as_themselves(store, demo_study, clock) -> None:
    engine = SessionEngine.start(store, demo_study, "L-0002", clock, facilitator="F1")
    engine.choose_language("en")
    engine.continue_from_welcome()
    consent(engine)
    engine.answer("65-74")
    engine.answer("never")
    engine.answer(["phone"])
    answer = [e for e in store.events(engine.record.id) if e.kind == "answer_recorded"][0]
    catalog = default_catalog()

    def line(**payload) -> str:
        return describe_event(catalog, "en", replace(answer, payload={**answer.payload, **payload}), demo_study)

    assert line(question_id="gone", instrument=None, item="gone", value="x") == "Answered gone: x"
    assert line(value="90-plus") == "Answered “How old are you?”: 90-plus"
    assert line(question_id="sus:11", instrument="sus", item="11", value=3) == "Answered sus:11: 3"
    assert line(question_id="nasa_tlx:x:nonsense", instrument="nasa_tlx", item="nonsense", value=40) == \
        "Answered nasa_tlx:x:nonsense: 40"
    assert line(question_id="devices", value=["phone", "fax"]) == "Answered “Which devices do you use?”: Mobile phone, fax"
    assert line(question_id="mystery", instrument="not-an-instrument", value=None) == "Answered mystery: "
    skipped = replace(answer, kind="answer_skipped", payload={"question_id": "gone", "task_id": None})
    assert describe_event(catalog, "en", skipped, demo_study) == "Did not answer gone"


SHORT_PLAN_EDIT = ('text = { sr-Cyrl = "Да ли сте раније користили електронске услуге државе (еУправа, еАграр)?", '
                   'en = "Have you used the government\'s online services before (eUprava, eAgrar)?", '
                   'hu = "Használta már korábban az állam elektronikus szolgáltatásait (eUprava, eAgrar)?" }')


def test_a_plans_short_form_names_the_question_in_one_line_and_the_table_keeps_the_text(store, clock) -> None:
    text = demo_plan_path().read_text(encoding="utf-8")
    assert SHORT_PLAN_EDIT in text
    text = text.replace(SHORT_PLAN_EDIT, SHORT_PLAN_EDIT + '\nshort = { sr-Cyrl = "еУслуге раније", en = "Used e-services", hu = "Korábbi e-szolgáltatások" }')
    study = load_plan_text(text, demo_plan_path(), authoring=True)
    question = study.pre_questions[1]
    assert question.short is not None and question.short.get("sr-Latn") == "eUsluge ranije"
    engine = SessionEngine.start(store, study, "L-0003", clock, facilitator="F1")
    engine.choose_language("en")
    engine.continue_from_welcome()
    consent(engine)
    engine.answer("65-74")
    engine.answer("with-help")
    event = store.events(engine.record.id)[-1]
    catalog = default_catalog()
    assert describe_event(catalog, "en", event, study) == "Answered “Used e-services”: Yes, with someone's help"
    assert describe_event(catalog, "sr-Latn", event, study) == "Odgovor na „eUsluge ranije”: Da, uz nečiju pomoć"
    assert question_heading(catalog, "en", study, "eservice_use") == \
        "Have you used the government's online services before (eUprava, eAgrar)?"


def test_a_short_form_is_checked_like_every_other_plan_text() -> None:
    text = demo_plan_path().read_text(encoding="utf-8")
    text = text.replace(SHORT_PLAN_EDIT, SHORT_PLAN_EDIT + '\nshort = "Used e-services"')
    with pytest.raises(PlanError) as caught:
        load_plan_text(text, demo_plan_path(), authoring=True)  # beside its drawn prototype
    (problem,) = caught.value.problems
    line = text.splitlines().index('short = "Used e-services"') + 1
    assert problem.key_path == "pre_questions[1].short" and problem.line == line
    assert "expected a table of texts by language" in problem.message


def test_headings_and_values_for_answer_tables(demo_study, example_study) -> None:
    catalog = default_catalog()
    assert question_heading(catalog, "en", example_study, "sus:4", "sus") == \
        "SUS 4: I think that I would need the support of a technical person to be able to use this system."
    assert question_heading(catalog, "en", example_study, "seq:upload-document", "seq", "upload-document") == \
        "SEQ: Overall, how difficult or easy was this task to complete?"
    assert question_heading(catalog, "en", example_study, "nasa_tlx:upload-document:effort", "nasa_tlx",
                            "upload-document") == "NASA-TLX: How hard did you have to work to do this well?"
    assert question_heading(catalog, "sr-Cyrl", demo_study, "age_band") == "Колико имате година?"
    weighted = replace(example_study, options=replace(example_study.options, nasa_tlx_weighted=True))
    assert question_heading(catalog, "en", weighted, "nasa_tlx_pair:upload-document:effort-frustration",
                            "nasa_tlx_pair", "upload-document") == \
        "NASA-TLX: Which of these two made the task harder for you? (Effort / Frustration)"
    # an answer recorded without its task (an older payload) still finds the item's wording
    assert question_heading(catalog, "en", example_study, "seq:upload-document", "seq") == \
        "SEQ: Overall, how difficult or easy was this task to complete?"
    assert question_heading(catalog, "en", example_study, "umux_lite:2", None) == \
        "UMUX-Lite 2: This system is easy to use."
    assert question_heading(catalog, "en", example_study, "clear_words:upload-document") == \
        "The words on the screen were clear to me."
    assert question_heading(catalog, "en", demo_study, "nope") == "nope"
    sus4 = next(q for q in sus_questions() if q.item == "4")
    assert value_label(catalog, "en", sus4, 3) == "3"
    assert value_label(catalog, "en", sus4, 5) == "5 — Strongly agree"
    assert value_label(catalog, "en", None, ["a", 2]) == "a, 2"
    assert value_label(catalog, "en", demo_study.pre_questions[0], None) == ""


@pytest.mark.parametrize(("text", "expected"), [
    ("Short enough.", "Short enough."),
    ("Overall, how difficult or easy was this task to complete?", "Overall, how difficult or easy was this task to…"),
    ("Have you used the government's online services before (eUprava, eAgrar)?",
     "Have you used the government's online services…"),
    ("Line one\nline   two", "Line one line two"),
    ("x" * 80, "x" * 47 + "…"),
    ("Words, " + "y" * 60, "Words, " + "y" * 40 + "…"),
])
def test_elide_cuts_at_a_word_and_marks_the_cut(text: str, expected: str) -> None:
    assert elide(text, 48) == expected
    assert len(elide(text, 48)) <= 48
