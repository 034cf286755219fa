"""Task order at its edges: one task, two tasks, no tasks, and an odd count's mirrored half.

Issue 8: written against the mutants of kiosk/session/order.py (docs/testing.md, "Mutation testing").
A plan with two tasks is common (a short pilot), and its participants must alternate the order.
"""

from __future__ import annotations

import pytest

from kiosk.session.order import balanced_latin_square, task_order_for


def test_one_task_is_its_own_square_and_mirror() -> None:
    assert balanced_latin_square(1) == [[0], [0]]


@pytest.mark.parametrize("n", [0, -1])
def test_a_square_of_no_tasks_is_refused_with_a_reason(n: int) -> None:
    with pytest.raises(ValueError, match="^need at least one task$"):
        balanced_latin_square(n)


def test_two_counterbalanced_tasks_alternate_between_participants() -> None:
    orders = [task_order_for(["a", "b"], k, counterbalanced=True) for k in range(1, 6)]
    assert orders == [("a", "b"), ("b", "a"), ("a", "b"), ("b", "a"), ("a", "b")]


def test_one_task_keeps_its_place_whatever_the_order() -> None:
    assert task_order_for(["only"], 7, counterbalanced=True) == ("only",)
    assert task_order_for(["only"], 7, counterbalanced=False) == ("only",)


def test_three_tasks_use_the_square_and_then_its_mirror() -> None:
    tasks = ["a", "b", "c"]
    orders = [task_order_for(tasks, k, counterbalanced=True) for k in range(1, 8)]
    assert orders == [("a", "b", "c"), ("b", "c", "a"), ("c", "a", "b"),
                      ("c", "b", "a"), ("a", "c", "b"), ("b", "a", "c"), ("a", "b", "c")]
    assert task_order_for(tasks, 2, counterbalanced=False) == ("a", "b", "c")
