"""Task order: fixed, or counterbalanced by a balanced Latin square indexed by participant number.

In a balanced Latin square every task appears once in every position and every task follows every
other task equally often, which cancels first-order carry-over (learning, fatigue) across participants.
For an odd number of tasks this needs 2n rows: the square plus its mirror.
"""

from __future__ import annotations

from collections.abc import Sequence


def balanced_latin_square(n: int) -> list[list[int]]:
    if n < 1:
        raise ValueError("need at least one task")
    rows = []
    for r in range(n):
        row = []
        j, h = 0, 0
        for i in range(n):
            if i < 2 or i % 2 != 0:
                value = j
                j += 1
            else:
                value = n - h - 1
                h += 1
            row.append((value + r) % n)
        rows.append(row)
    if n % 2:
        rows += [list(reversed(row)) for row in rows]
    return rows


def task_order_for(task_ids: Sequence[str], participant_number: int, counterbalanced: bool) -> tuple[str, ...]:
    """Participant numbers start at 1; participant k gets row (k - 1) of the square, cycling."""
    if not counterbalanced or len(task_ids) < 2:
        return tuple(task_ids)
    square = balanced_latin_square(len(task_ids))
    row = square[(participant_number - 1) % len(square)]
    return tuple(task_ids[i] for i in row)
