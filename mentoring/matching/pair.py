"""One pair: the people's profiles, the hard filters and the explainable component scores.

The stored components of a pair (and the explanations built from them) come from
`pair_components`; a whole round computes the same numbers with NumPy in `round.py`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # NumPy is imported by the one function that needs it: a worker starts leaner
    import numpy as np

COMPONENTS = ("coverage", "shared", "logistics", "bonds", "sector")
# Relative weights 0-10 per component: 8/3/3/2/2 is 40/15/15/10/10 per cent.
DEFAULT_WEIGHTS: dict[str, int] = {
    "coverage": 8,
    "shared": 3,
    "logistics": 3,
    "bonds": 2,
    "sector": 2,
}
DEFAULT_THRESHOLD = 0.35
SLOTS = ("weekday_mornings", "weekday_afternoons", "weekday_evenings", "weekends")
BOND_KINDS = ("studied_at", "hobbies", "volunteering", "home_town")
BONDS_FOR_FULL_SCORE = 2  # bonds are capped: two shared bonds score as much as ten


class Manner(enum.StrEnum):
    ONLINE = "online"
    IN_PERSON = "in_person"
    EITHER = "either"


class Filter(enum.StrEnum):
    """Why a pair cannot be made at all, in the order they are checked."""

    SAME_PERSON = "same_person"
    NO_CAPACITY = "no_capacity"
    PAIRED_BEFORE = "paired_before"
    NO_LANGUAGE = "no_language"
    MANNER = "manner"
    REGION = "region"
    NO_TIME = "no_time"


FILTERS = tuple(Filter)


def _place_tables() -> tuple[np.ndarray, np.ndarray]:
    """Logistics fit (time, way of meeting, region) and the MANNER/REGION/NO_TIME filter for
    every combination of mentee manner, mentor manner, region (different, same, unknown) and
    the two sets of free time slots (4 bits each), indexed by `_place_key`. One lookup then
    replaces a dozen full-size arrays in a large round. Computed by `round.py` when a round
    first runs."""
    import numpy as np

    manners = (Manner.ONLINE.value, Manner.IN_PERSON.value, Manner.EITHER.value)
    fit = np.zeros(27 * 256, dtype=np.float32)
    flt = np.zeros(27 * 256, dtype=np.int8)
    for a, ma in enumerate(manners):
        for b, mb in enumerate(manners):
            for state in range(3):  # 0 different, 1 same, 2 unknown
                region = 1.0 if ma == mb == "online" else (0.5 if state == 2 else float(state))
                place_filter = 0
                if {ma, mb} == {"online", "in_person"}:
                    place_filter = FILTERS.index(Filter.MANNER) + 1
                elif "in_person" in (ma, mb) and state == 0:
                    place_filter = FILTERS.index(Filter.REGION) + 1
                for ae in range(16):
                    for ar in range(16):
                        k = ((a * 3 + b) * 3 + state) * 256 + ae * 16 + ar
                        both, either = bin(ae & ar).count("1"), bin(ae | ar).count("1")
                        time_fit = both / either if ae and ar else 0.5
                        fit[k] = (time_fit + _manner_fit(ma, mb) + region) / 3
                        if place_filter:
                            flt[k] = place_filter
                        elif ae and ar and not both:
                            flt[k] = FILTERS.index(Filter.NO_TIME) + 1
    return fit, flt


def _slot_bits(slots: Iterable[str]) -> int:
    return sum(1 << i for i, slot in enumerate(SLOTS) if slot in slots)


def normalise(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


@dataclass(frozen=True)
class Profile:
    """One person's intake answers as matching sees them."""

    person_id: int
    wants: Mapping[str, int] = field(default_factory=dict)  # theme -> priority 1 (nice) .. 3 (top)
    offers: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    manner: str = Manner.EITHER.value
    region: str = ""
    availability: frozenset[str] = frozenset()
    bonds: tuple[tuple[str, str], ...] = ()  # (kind, text as typed)
    sector: str = ""
    capacity: int = 0

    @cached_property
    def interests(self) -> frozenset[str]:
        return frozenset(self.wants) | self.offers

    @cached_property
    def bond_keys(self) -> dict[tuple[str, str], str]:
        return {(kind, normalise(text)): text.strip() for kind, text in self.bonds if text.strip()}


def normalised_weights(weights: Mapping[str, float] | None) -> dict[str, float]:
    raw = {c: max(0.0, float((weights or DEFAULT_WEIGHTS).get(c, 0))) for c in COMPONENTS}
    total = sum(raw.values())
    if total <= 0:
        raw, total = (
            {c: float(DEFAULT_WEIGHTS[c]) for c in COMPONENTS},
            sum(DEFAULT_WEIGHTS.values()),
        )
    return {c: raw[c] / total for c in COMPONENTS}


# One pair ------------------------------------------------------------------------------------


def pair_filter(
    mentee: Profile,
    mentor: Profile,
    *,
    capacity_left: int | None = None,
    excluded: Iterable[tuple[int, int]] = (),
) -> Filter | None:
    """The first hard filter this pair fails, or None when the pair is possible."""
    if mentee.person_id == mentor.person_id:
        return Filter.SAME_PERSON
    if capacity_left is not None and capacity_left <= 0:
        return Filter.NO_CAPACITY
    if (mentee.person_id, mentor.person_id) in set(excluded):
        return Filter.PAIRED_BEFORE
    if mentee.languages and mentor.languages and not mentee.languages & mentor.languages:
        return Filter.NO_LANGUAGE
    manners = {mentee.manner, mentor.manner}
    if manners == {Manner.ONLINE.value, Manner.IN_PERSON.value}:
        return Filter.MANNER
    if (
        Manner.IN_PERSON.value in manners
        and mentee.region
        and mentor.region
        and normalise(mentee.region) != normalise(mentor.region)
    ):
        return Filter.REGION
    if (
        mentee.availability
        and mentor.availability
        and not mentee.availability & mentor.availability
    ):
        return Filter.NO_TIME
    return None


def _manner_fit(a: str, b: str) -> float:
    if a == b:
        return 1.0
    return 0.75 if Manner.EITHER.value in (a, b) else 0.0


def _region_fit(mentee: Profile, mentor: Profile) -> float:
    if mentee.manner == Manner.ONLINE.value and mentor.manner == Manner.ONLINE.value:
        return 1.0
    if not mentee.region or not mentor.region:
        return 0.5
    return 1.0 if normalise(mentee.region) == normalise(mentor.region) else 0.0


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def pair_components(
    mentee: Profile, mentor: Profile, weights: Mapping[str, float] | None = None
) -> dict:
    """Everything the score of one pair is made of, JSON-ready: values per component, the weights,
    the total, and the facts the explanations quote (covered themes, shared bonds, ...)."""
    return _pair_components(mentee, mentor, normalised_weights(weights))


def _pair_components(mentee: Profile, mentor: Profile, w: Mapping[str, float]) -> dict:
    wanted = sorted(mentee.wants, key=lambda t: (-mentee.wants[t], t))
    covered = [t for t in wanted if t in mentor.offers]
    want_weight = sum(mentee.wants.values())
    coverage = sum(mentee.wants[t] for t in covered) / want_weight if want_weight else 0.0
    shared_themes = sorted(mentee.interests & mentor.interests)
    shared = _jaccard(mentee.interests, mentor.interests)
    common_slots = [s for s in SLOTS if s in mentee.availability and s in mentor.availability]
    if mentee.availability and mentor.availability:
        availability = _jaccard(mentee.availability, mentor.availability)
    else:
        availability = 0.5
    logistics = (
        availability + _manner_fit(mentee.manner, mentor.manner) + _region_fit(mentee, mentor)
    ) / 3
    mentor_bonds = mentor.bond_keys
    bonds = [
        [kind, text]
        for (kind, key), text in mentee.bond_keys.items()
        if (kind, key) in mentor_bonds
    ]
    bonds.sort(key=lambda b: (BOND_KINDS.index(b[0]) if b[0] in BOND_KINDS else 99, b[1]))
    bond_score = min(len(bonds), BONDS_FOR_FULL_SCORE) / BONDS_FOR_FULL_SCORE
    same_sector = bool(mentee.sector) and mentee.sector == mentor.sector
    values = {
        "coverage": coverage,
        "shared": shared,
        "logistics": logistics,
        "bonds": bond_score,
        "sector": 1.0 if same_sector else 0.0,
    }
    total = sum(w[c] * values[c] for c in COMPONENTS)
    same_region = bool(mentee.region) and normalise(mentee.region) == normalise(mentor.region)
    return {
        "total": round(total, 4),
        "values": {c: round(v, 4) for c, v in values.items()},
        "weights": {c: round(v, 4) for c, v in w.items()},
        "wanted": wanted,
        "top_wanted": [t for t in wanted if mentee.wants[t] >= 2],
        "covered": covered,
        "uncovered": [t for t in wanted if t not in mentor.offers],
        "shared_themes": shared_themes,
        "mentor_learns": sorted(set(mentor.wants) & mentee.offers),
        "common_slots": common_slots,
        "manners": [mentee.manner, mentor.manner],
        "meet_in_person": Manner.IN_PERSON.value in (mentee.manner, mentor.manner),
        "region": mentee.region.strip() if same_region else "",
        "languages": sorted(mentee.languages & mentor.languages),
        "bonds": bonds,
        "sectors": [mentee.sector, mentor.sector],
    }
