"""Half-open intervals, asked in log time whether a span overlaps one of them."""

from __future__ import annotations

import itertools
from bisect import bisect_left
from collections.abc import Iterable


class Intervals:
    """A fixed set of ``[start, end)`` intervals. Building costs a sort; each question a bisection."""

    __slots__ = ("_reach", "_starts")

    def __init__(self, pairs: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(pairs)
        self._starts = [start for start, _ in ordered]
        # The furthest end among the intervals up to each one: an interval that starts before the
        # span ends overlaps it exactly when the furthest such end passes the span's start.
        self._reach = list(itertools.accumulate((end for _, end in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        before = bisect_left(self._starts, end)  # the intervals that start before the span ends
        return before > 0 and self._reach[before - 1] > start
