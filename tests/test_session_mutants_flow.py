"""The shape of a session built from a plan that uses every kind of question block.

Issue 8: written against the mutants of kiosk/session/flow.py (docs/testing.md, "Mutation testing").
The stage list decides which screens a participant sees and under which ids their answers are stored;
reports group answers by ``item`` and score SUS and NASA-TLX by the plan's own options.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.session.flow import Block, StageKind, build_stages
from kiosk.study import load_plan_text
from kiosk.study.instruments import nasa_tlx_questions, sus_questions

PLAN = Path(__file__).resolve().parent.parent / "sessions" / "example-social-card" / "plan.toml"

#: the example plan, weighted NASA-TLX after each task, the all-positive SUS, and one closing question of its own
OPTIONS = 'pictorial = true\nnasa_tlx_weighted = true\nsus_version = "all_positive"'
CLOSING_QUESTION = """
[[post_session_questions]]
id = "again"
kind = "text"
text = { sr-Cyrl = "Још нешто?", en = "Anything else?", hu = "Még valami?" }
"""


@pytest.fixture(scope="module")
def stages():
    text = PLAN.read_text(encoding="utf-8")
    assert "pictorial = true" in text
    study = load_plan_text(text.replace("pictorial = true", OPTIONS) + CLOSING_QUESTION)
    return build_stages(study, ("submit-application", "check-eligibility"))


def _shape(stage):
    return stage.kind, stage.block, stage.task_id


def test_stages_follow_the_plan_and_the_participants_task_order(stages) -> None:
    assert [_shape(s) for s in stages] == [
        (StageKind.WELCOME, None, None), (StageKind.CONSENT, None, None),
        (StageKind.QUESTIONS, Block.PRE, None),
        (StageKind.TASK, None, "submit-application"), (StageKind.QUESTIONS, Block.POST_TASK, "submit-application"),
        (StageKind.TASK, None, "check-eligibility"), (StageKind.QUESTIONS, Block.POST_TASK, "check-eligibility"),
        (StageKind.QUESTIONS, Block.POST_SESSION, None), (StageKind.CLOSING, None, None),
    ]
    assert [len(s.questions) for s in stages] == [0, 0, 1, 0, 23, 0, 23, 13, 0]


def test_plan_questions_keep_their_id_as_the_item_reports_group_by(stages) -> None:
    pre, closing = stages[2].questions[0], stages[7].questions[-1]
    assert (pre.id, pre.item, pre.instrument) == ("age_band", "age_band", None)
    assert (closing.id, closing.item, closing.instrument) == ("again", "again", None)


def test_questions_after_each_task_are_scoped_to_that_task(stages) -> None:
    for stage, task in ((stages[4], "submit-application"), (stages[6], "check-eligibility")):
        seq, *tlx, custom = stage.questions
        assert (seq.id, seq.item, seq.instrument) == (f"seq:{task}", "seq", "seq")
        # the plan asks for the weighted NASA-TLX: six ratings and fifteen pairwise comparisons
        assert tuple(tlx) == nasa_tlx_questions(task, weighted=True)
        assert len(tlx) == 21
        # a custom question repeats after every task: the id names the task, the item stays the plan's id
        assert (custom.id, custom.item, custom.instrument) == (f"clear_words:{task}", "clear_words", None)


def test_the_closing_questionnaires_use_the_plans_sus_wording(stages) -> None:
    post = stages[7].questions
    assert [(q.id, q.item) for q in post[:2]] == [("umux_lite:1", "1"), ("umux_lite:2", "2")]
    assert post[2:12] == sus_questions("all_positive")
    assert post[2:12] != sus_questions("standard")
