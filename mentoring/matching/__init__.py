"""Matching mentees to mentors: hard filters, explainable component scores, one global assignment.

Pure functions: no Flask, no database. `pair` scores one pair, `round` a whole round at once
(NumPy, so a round of thousands stays interactive, with the same numbers), `explain` turns a
pair's stored components into plain words. Age, gender and origin are not inputs here at all.
"""

from .explain import Explanation, Reason, explain, fit_level
from .pair import (
    BOND_KINDS,
    COMPONENTS,
    DEFAULT_THRESHOLD,
    DEFAULT_WEIGHTS,
    FILTERS,
    SLOTS,
    Filter,
    Manner,
    Profile,
    normalise,
    normalised_weights,
    pair_components,
    pair_filter,
)

# A round needs NumPy and SciPy (about 56 MiB and a third of a worker's start): `round` is
# imported the first time one of its names is used, not when the app starts.
_ROUND_NAMES = frozenset(
    ("Proposal", "RoundResult", "ScoreTable", "Unmatched", "assign", "run_round", "score_table")
)


def __getattr__(name: str):
    if name in _ROUND_NAMES:
        from . import round as _round

        return getattr(_round, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "BOND_KINDS",
    "COMPONENTS",
    "DEFAULT_THRESHOLD",
    "DEFAULT_WEIGHTS",
    "FILTERS",
    "SLOTS",
    "Explanation",
    "Filter",
    "Manner",
    "Profile",
    "Proposal",
    "Reason",
    "RoundResult",
    "ScoreTable",
    "Unmatched",
    "assign",
    "explain",
    "fit_level",
    "normalise",
    "normalised_weights",
    "pair_components",
    "pair_filter",
    "run_round",
    "score_table",
]
