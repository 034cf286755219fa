"""Shares that add up: whole percentages of one table by the largest-remainder (Hamilton) method.

Rounding each share on its own prints 33% + 33% + 33% for three equal groups; a reader adds them up and
doubts the rest of the table. Every share is floored, then the points still missing go to the shares that
lost the most to the floor (ties: the earlier row), so the column adds up to exactly ``total``.
"""

from __future__ import annotations

from collections.abc import Sequence


def largest_remainder(counts: Sequence[int], total: int = 100) -> list[int]:
    """Whole shares of ``total`` in proportion to ``counts``; all zero when there is nothing to share."""
    whole = sum(counts)
    if whole <= 0:
        return [0] * len(counts)
    exact = [count * total / whole for count in counts]
    shares = [int(count * total // whole) for count in counts]
    missing = total - sum(shares)
    by_remainder = sorted(range(len(counts)), key=lambda i: (-(exact[i] - shares[i]), -counts[i], i))
    for i in by_remainder[:missing]:
        shares[i] += 1
    return shares
