"""When a signature or mark counts: real ink, not an accidental touch.

A tap, a resting finger or a short slip leaves a dot or a tiny line; consent needs strokes long
enough and spread wide enough to be a deliberate mark. Measured in millimetres on the screen, so
the rule is the same on every display.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

Point = tuple[float, float]


@dataclass(frozen=True)
class InkRule:
    """An X made with a finger is about 15 mm of ink over 8 mm or more; a tap is 0 mm."""

    min_length_mm: float = 15.0
    min_extent_mm: float = 8.0


@dataclass(frozen=True)
class InkMeasure:
    length_mm: float
    extent_mm: float


def measure(strokes: Sequence[Sequence[Point]], px_per_mm: float) -> InkMeasure:
    """Total stroke length, and the larger side of the box around all ink, in millimetres."""
    if px_per_mm <= 0:
        raise ValueError("px_per_mm must be positive")
    length = sum(math.dist(a, b) for stroke in strokes for a, b in pairwise(stroke))
    points = [p for stroke in strokes for p in stroke]
    if not points:
        return InkMeasure(0.0, 0.0)
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    extent = max(max(xs) - min(xs), max(ys) - min(ys))
    return InkMeasure(length / px_per_mm, extent / px_per_mm)


DEFAULT_RULE = InkRule()


def has_real_ink(strokes: Sequence[Sequence[Point]], px_per_mm: float, rule: InkRule = DEFAULT_RULE) -> bool:
    m = measure(strokes, px_per_mm)
    return m.length_mm >= rule.min_length_mm and m.extent_mm >= rule.min_extent_mm
