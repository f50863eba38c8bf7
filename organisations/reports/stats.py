"""Medians and percentiles from grouped counts (value -> how many), so the database hands back
one row per distinct value, never a row per person. Pure."""

from __future__ import annotations

from collections.abc import Iterable, Mapping


def histogram(rows: Iterable[tuple[float | int | None, int]]) -> dict[float, int]:
    """{value: count} from (value, count) rows; empty values are left out."""
    counts: dict[float, int] = {}
    for value, count in rows:
        if value is not None and count:
            counts[value] = counts.get(value, 0) + int(count)
    return counts


def _nth(counts: Mapping[float, int], n: int) -> float:
    """The n-th smallest value (1-based)."""
    seen = 0
    for value in sorted(counts):
        seen += counts[value]
        if seen >= n:
            return value
    raise IndexError(n)


def median(counts: Mapping[float, int]) -> float | None:
    """The middle value; for an even number the mean of the two middle ones."""
    total = sum(counts.values())
    if not total:
        return None
    if total % 2:
        return _nth(counts, total // 2 + 1)
    return (_nth(counts, total // 2) + _nth(counts, total // 2 + 1)) / 2


def percentile(counts: Mapping[float, int], percent: int) -> float | None:
    """Nearest rank: the smallest value with at least `percent` % of all values at or below it
    (whole numbers, so 90 % of 10 values is the 9th, not the 10th by a rounding error)."""
    total = sum(counts.values())
    if not total:
        return None
    return _nth(counts, max(1, -(-percent * total // 100)))


def percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None
