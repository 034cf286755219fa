"""Issue 12 item 5: pictures on every rating scale, and which picture (no Qt: the rule is the study's)."""

from __future__ import annotations

import pytest

from kiosk.i18n import default_catalog
from kiosk.study.faces import Picture, scale_picture, shows_faces
from kiosk.study.instruments import nasa_tlx_questions, seq_question, sus_questions, umux_lite_questions
from kiosk.study.model import Choice, LocalText, Question, QuestionKind, QuestionnaireOptions

OFF, PLAN = QuestionnaireOptions(), QuestionnaireOptions(pictorial=True)
ALL_POSITIVE_SUS = QuestionnaireOptions(sus_version="all_positive")


def _own_scale() -> Question:
    return Question(id="trust", kind=QuestionKind.LIKERT, text=LocalText({"en": "How much do you trust it?"}),
                    scale_min=1, scale_max=5)


def _own_choice() -> Question:
    return Question(id="device", kind=QuestionKind.SINGLE_CHOICE, text=LocalText({"en": "Which device?"}),
                    choices=(Choice("phone", LocalText({"en": "Phone"})), Choice("pc", LocalText({"en": "PC"}))))


def test_no_pictures_unless_the_plan_or_the_participant_asks() -> None:
    for question in (seq_question("t1"), *sus_questions(), _own_scale()):
        assert scale_picture(OFF, question, wanted=False) is Picture.NONE


@pytest.mark.parametrize("options, wanted", [(PLAN, False), (OFF, True), (PLAN, True)])
def test_every_rating_scale_gets_a_picture_when_asked(options, wanted: bool) -> None:
    catalog = default_catalog()
    scales = (seq_question("t1"), *sus_questions(), *umux_lite_questions(None, catalog),
              *nasa_tlx_questions("t1", False, catalog), _own_scale())
    assert all(scale_picture(options, q, wanted) is not Picture.NONE for q in scales)
    assert scale_picture(options, _own_choice(), wanted) is Picture.NONE  # choices have words, not a scale


@pytest.mark.parametrize("wanted", [False, True])
def test_faces_only_where_high_is_good(wanted: bool) -> None:
    """A smile at the high end says "high is good": false for SUS (half its items are negative) and NASA-TLX."""
    catalog = default_catalog()
    assert scale_picture(PLAN, seq_question("t1"), wanted) is Picture.FACES
    assert all(scale_picture(PLAN, q, wanted) is Picture.FACES for q in umux_lite_questions(None, catalog))
    assert all(scale_picture(PLAN, q, wanted) is Picture.AMOUNT for q in sus_questions())
    tlx = [q for q in nasa_tlx_questions("t1", True, catalog) if q.kind is QuestionKind.LIKERT]
    assert tlx and all(scale_picture(PLAN, q, wanted) is Picture.AMOUNT for q in tlx)


def test_the_plans_own_scales_get_faces_only_where_the_plan_vouches_for_their_direction() -> None:
    """``pictorial = true`` is the author saying their scales run from bad to good; a participant's own wish
    for pictures says nothing about a scale's direction, so it gets the neutral picture of amount."""
    assert scale_picture(PLAN, _own_scale(), wanted=False) is Picture.FACES
    assert scale_picture(OFF, _own_scale(), wanted=True) is Picture.AMOUNT


def test_an_all_positive_sus_may_smile() -> None:
    options = QuestionnaireOptions(sus_version="all_positive", pictorial=True)
    assert all(scale_picture(options, q, False) is Picture.FACES for q in sus_questions())


def test_shows_faces_keeps_its_meaning() -> None:
    assert shows_faces(PLAN, seq_question("t1")) and not shows_faces(OFF, seq_question("t1"))
    assert not any(shows_faces(PLAN, q) for q in sus_questions())
