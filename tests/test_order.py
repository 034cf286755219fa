"""Balanced Latin squares: each task once per position, each ordered pair equally often."""

from collections import Counter

import pytest

from kiosk.session.order import balanced_latin_square, task_order_for


@pytest.mark.parametrize("n", [2, 3, 4, 5, 6, 7])
def test_balanced_latin_square_properties(n: int) -> None:
    rows = balanced_latin_square(n)
    assert len(rows) == (n if n % 2 == 0 else 2 * n)
    for row in rows:
        assert sorted(row) == list(range(n))
    for position in range(n):
        counts = Counter(row[position] for row in rows)
        assert set(counts.values()) == {len(rows) // n}
    pairs = Counter((row[i], row[i + 1]) for row in rows for i in range(n - 1))
    assert len(pairs) == n * (n - 1)
    assert len(set(pairs.values())) == 1


def test_known_square_for_four() -> None:
    assert balanced_latin_square(4) == [[0, 1, 3, 2], [1, 2, 0, 3], [2, 3, 1, 0], [3, 0, 2, 1]]


def test_task_order_by_participant_number() -> None:
    tasks = ["a", "b", "c", "d"]
    assert task_order_for(tasks, 1, counterbalanced=False) == ("a", "b", "c", "d")
    assert task_order_for(tasks, 2, counterbalanced=True) == ("b", "c", "a", "d")
    assert task_order_for(tasks, 5, counterbalanced=True) == task_order_for(tasks, 1, counterbalanced=True)
