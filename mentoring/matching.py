"""Matching mentees to mentors: hard filters, explainable component scores, one global assignment.

Pure functions: no Flask, no database. Scores for a whole round are computed with NumPy so a
round of thousands of people stays interactive; the stored components of one pair (and the
explanations built from them) come from `pair_components`, which gives the same numbers.
Age, gender and origin are not inputs here at all.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from scipy.optimize import linear_sum_assignment
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

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
# Rounds with more cells (mentees x places) than this use the sparse solver: the dense one
# takes about 0.7 s at 3,000 x 3,600 here, the sparse one about 0.3 s with the same optimum.
DENSE_LIMIT = 4_000_000
CANDIDATES = 40  # large rounds: the best pairs each mentee keeps for the sparse solver


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
    replaces a dozen full-size arrays in a large round."""
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


_LOGISTICS_FIT, _PLACE_FILTER = _place_tables()


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


# A whole round -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScoreTable:
    """Scores of every mentee (rows) against every mentor (columns)."""

    values: dict[str, np.ndarray]
    total: np.ndarray
    reason: np.ndarray  # 0 = possible, else 1 + index into FILTERS

    @cached_property
    def feasible(self) -> np.ndarray:
        return self.reason == 0


def _binary(rows: Sequence[Iterable[str]], vocabulary: dict[str, int]) -> np.ndarray:
    matrix = np.zeros((len(rows), max(len(vocabulary), 1)), dtype=np.float32)
    for i, items in enumerate(rows):
        for item in items:
            matrix[i, vocabulary[item]] = 1.0
    return matrix


def _vocabulary(*groups: Iterable[Iterable[str]]) -> dict[str, int]:
    items = sorted({item for group in groups for items in group for item in items})
    return {item: i for i, item in enumerate(items)}


def _codes(a: Sequence[str], b: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes for two lists of labels; blank is -1 so it never equals anything."""
    vocabulary = {v: i for i, v in enumerate(sorted({x for x in (*a, *b) if x}))}
    return (
        np.array([vocabulary.get(x, -1) for x in a]),
        np.array([vocabulary.get(x, -1) for x in b]),
    )


def _ratio(numerator: np.ndarray, denominator: np.ndarray, empty: float = 0.0) -> np.ndarray:
    shape = np.broadcast_shapes(numerator.shape, denominator.shape)
    out = np.full(shape, empty, dtype=np.float32)
    np.divide(numerator, denominator, out=out, where=denominator > 0)
    return out


def score_table(
    mentees: Sequence[Profile],
    mentors: Sequence[Profile],
    weights: Mapping[str, float] | None = None,
    *,
    capacity_left: Mapping[int, int] | None = None,
    excluded: Iterable[tuple[int, int]] = (),
) -> ScoreTable:
    """Every component, the weighted total and the first failed filter for every pair at once."""
    w = normalised_weights(weights)
    n, m = len(mentees), len(mentors)
    themes = _vocabulary([e.interests for e in mentees], [r.interests for r in mentors])
    want = np.zeros((n, max(len(themes), 1)), dtype=np.float32)
    for i, e in enumerate(mentees):
        for t, priority in e.wants.items():
            want[i, themes[t]] = priority
    offer = _binary([r.offers for r in mentors], themes)
    coverage = _ratio(want @ offer.T, want.sum(1)[:, None])
    interest_e = _binary([e.interests for e in mentees], themes)
    interest_r = _binary([r.interests for r in mentors], themes)
    inter = interest_e @ interest_r.T
    union = interest_e.sum(1)[:, None] + interest_r.sum(1)[None, :] - inter
    shared = _ratio(inter, union)

    # Time, way of meeting and region: one key per pair into the lookup tables.
    manner_code = {Manner.ONLINE.value: 0, Manner.IN_PERSON.value: 1, Manner.EITHER.value: 2}
    me = np.array([manner_code.get(e.manner, 2) for e in mentees], dtype=np.int16)
    mr = np.array([manner_code.get(r.manner, 2) for r in mentors], dtype=np.int16)
    re, rr = _codes([normalise(e.region) for e in mentees], [normalise(r.region) for r in mentors])
    ae = np.array([_slot_bits(e.availability) for e in mentees], dtype=np.int16)
    ar = np.array([_slot_bits(r.availability) for r in mentors], dtype=np.int16)
    region_state = np.where(
        (re >= 0)[:, None] & (rr >= 0)[None, :], re[:, None] == rr[None, :], np.int8(2)
    ).astype(np.int16)
    key = region_state
    key += (me * 9)[:, None] + (mr * 3)[None, :]
    key *= 256
    key += (ae * 16)[:, None]
    key += ar[None, :]
    logistics = _LOGISTICS_FIT[key]

    bond_vocabulary = _vocabulary(
        [[f"{k}\x1f{key}" for k, key in e.bond_keys] for e in mentees],
        [[f"{k}\x1f{key}" for k, key in r.bond_keys] for r in mentors],
    )
    bonds_e = _binary(
        [[f"{k}\x1f{key}" for k, key in e.bond_keys] for e in mentees], bond_vocabulary
    )
    bonds_r = _binary(
        [[f"{k}\x1f{key}" for k, key in r.bond_keys] for r in mentors], bond_vocabulary
    )
    bonds = np.minimum(bonds_e @ bonds_r.T, BONDS_FOR_FULL_SCORE) / BONDS_FOR_FULL_SCORE

    se, sr = _codes([e.sector for e in mentees], [r.sector for r in mentors])
    sector = (se[:, None] == sr[None, :]) & (se >= 0)[:, None]

    values = {
        "coverage": coverage,
        "shared": shared,
        "logistics": logistics,
        "bonds": bonds,
        "sector": sector,
    }
    total = np.zeros((n, m), dtype=np.float32)
    for c in COMPONENTS:
        if w[c]:
            total += w[c] * values[c]

    # Filters, last one first, so the first failed filter is the one that stays.
    reason = np.zeros((n, m), dtype=np.int8)
    lang_e = [e.languages for e in mentees]
    lang_r = [r.languages for r in mentors]
    languages = _vocabulary(lang_e, lang_r)
    le, lr = _binary(lang_e, languages), _binary(lang_r, languages)
    no_language = ((le @ lr.T) == 0) & (le.sum(1)[:, None] > 0) & (lr.sum(1)[None, :] > 0)
    checks = [
        (Filter.MANNER, _PLACE_FILTER[key]),  # MANNER, REGION or NO_TIME, already coded
        (Filter.NO_LANGUAGE, no_language),
    ]
    excluded = set(excluded)
    if excluded:
        row = {e.person_id: i for i, e in enumerate(mentees)}
        col: dict[int, list[int]] = {}
        for j, r in enumerate(mentors):
            col.setdefault(r.person_id, []).append(j)
        before = np.zeros((n, m), dtype=bool)
        for mentee_id, mentor_id in excluded:
            if mentee_id in row:
                for j in col.get(mentor_id, ()):
                    before[row[mentee_id], j] = True
        checks.append((Filter.PAIRED_BEFORE, before))
    if capacity_left is not None:
        left = np.array([capacity_left.get(r.person_id, r.capacity) for r in mentors])
        checks.append((Filter.NO_CAPACITY, np.broadcast_to(left[None, :] <= 0, (n, m))))
    ids_e = np.array([e.person_id for e in mentees])[:, None]
    ids_r = np.array([r.person_id for r in mentors])[None, :]
    checks.append((Filter.SAME_PERSON, ids_e == ids_r))
    for flt, mask in checks:
        if mask.dtype == np.int8:
            np.copyto(reason, mask, where=mask > 0)
        else:
            reason[np.broadcast_to(mask, (n, m))] = FILTERS.index(flt) + 1
    return ScoreTable(values, total, reason)


def assign(
    total: np.ndarray,
    feasible: np.ndarray,
    capacity: Sequence[int],
    threshold: float = DEFAULT_THRESHOLD,
    dense_limit: int = DENSE_LIMIT,
) -> dict[int, int]:
    """Mentee row -> mentor column for the best round overall: each mentor gets at most their
    capacity, and a mentee whose possible pairs all score at or under the threshold stays
    unmatched.

    Each mentor appears once per free place (a slot). The gain of a pair is its score above the
    threshold, and 0 for an impossible or too weak pair: a row that ends on a 0 cell is left
    unmatched. This is the classic "stay unmatched" column worth the threshold, without building
    those columns: the optimum is the same, the matrix much smaller.

    SciPy's `linear_sum_assignment` solves it exactly while the matrix of mentees by places
    stays under `dense_limit` cells; larger rounds use `_assign_sparse`.
    """
    n, m = total.shape
    if n == 0 or m == 0:
        return {}
    usable = feasible & (total > threshold)
    rows = np.flatnonzero(usable.any(1))
    if rows.size == 0:
        return {}
    usable = usable[rows]
    caps = np.minimum(np.asarray(capacity, dtype=int), usable.sum(0)).clip(min=0)
    slots = np.repeat(np.arange(m), caps)
    if slots.size == 0:
        return {}
    gain = np.where(usable, total[rows] - threshold, 0.0)
    if rows.size * slots.size > dense_limit:
        picked = _assign_sparse(gain, caps)
        return {int(rows[r]): int(j) for r, j in picked.items()}
    gain = gain.take(slots, axis=1)
    picked_rows, picked_cols = linear_sum_assignment(gain, maximize=True)
    return {
        int(rows[r]): int(slots[c])
        for r, c in zip(picked_rows, picked_cols, strict=True)
        if gain[r, c] > 0
    }


def _assign_sparse(
    gain: np.ndarray, caps: np.ndarray, candidates: int = CANDIDATES
) -> dict[int, int]:
    """The same optimisation for large rounds: each mentee keeps the mentors of their
    `candidates` best pairs, and a sparse solver (LAPJVsp) replaces the dense one. Every mentee
    also gets a private "stay unmatched" column, so a full matching of the mentees always exists;
    every edge carries +1 so none is zero (a full matching adds the same n to every solution)."""
    n, m = gain.shape
    k = min(candidates, m)
    top = np.argpartition(-gain, k - 1, axis=1)[:, :k]
    values = np.take_along_axis(gain, top, 1)
    keep = values > 0
    row = np.repeat(np.arange(n)[:, None], k, 1)[keep]
    mentor = top[keep]
    value = values[keep]
    places = caps[mentor]
    each = np.repeat(np.arange(mentor.size), places)
    offset = np.arange(places.sum()) - np.repeat(np.cumsum(places) - places, places)
    first_slot = np.concatenate([[0], np.cumsum(caps)[:-1]])
    n_slots = int(caps.sum())
    graph = csr_matrix(
        (
            np.concatenate([value[each] + 1.0, np.ones(n)]),
            (
                np.concatenate([row[each], np.arange(n)]),
                np.concatenate([first_slot[mentor][each] + offset, n_slots + np.arange(n)]),
            ),
        ),
        shape=(n, n_slots + n),
    )
    picked_rows, picked_cols = min_weight_full_bipartite_matching(graph, maximize=True)
    slot_owner = np.repeat(np.arange(m), caps)
    return {
        int(r): int(slot_owner[c])
        for r, c in zip(picked_rows, picked_cols, strict=True)
        if c < n_slots
    }


@dataclass(frozen=True)
class Proposal:
    mentee_id: int
    mentor_id: int
    score: float
    components: dict
    runner_up: dict | None  # {"mentor_id", "score", "why": {"code", ...}}


@dataclass(frozen=True)
class Unmatched:
    mentee_id: int
    reasons: list[dict]  # [{"code": ..., ...}]


@dataclass(frozen=True)
class RoundResult:
    proposals: list[Proposal]
    unmatched: list[Unmatched]


def run_round(
    mentees: Sequence[Profile],
    mentors: Sequence[Profile],
    weights: Mapping[str, float] | None = None,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    capacity_left: Mapping[int, int] | None = None,
    excluded: Iterable[tuple[int, int]] = (),
) -> RoundResult:
    """One matching round: filters, scores, the assignment, and for staff the runner-up of every
    proposal and the reasons of everyone left unmatched. Same input, same result."""
    mentees = sorted(mentees, key=lambda p: p.person_id)
    mentors = sorted(mentors, key=lambda p: p.person_id)
    excluded = set(excluded)
    left = {r.person_id: r.capacity for r in mentors}
    if capacity_left is not None:
        left.update({k: v for k, v in capacity_left.items() if k in left})
    table = score_table(mentees, mentors, weights, capacity_left=left, excluded=excluded)
    capacity = [max(0, left[r.person_id]) for r in mentors]
    chosen = assign(table.total, table.feasible, capacity, threshold)
    w = normalised_weights(weights)
    offered = set().union(*(r.offers for r in mentors)) if mentors else set()

    runners = _runner_ups(table, chosen, mentees, mentors, w)
    proposals, unmatched = [], []
    for i, mentee in enumerate(mentees):
        if i in chosen:
            j = chosen[i]
            components = _pair_components(mentee, mentors[j], w)
            proposals.append(
                Proposal(
                    mentee.person_id,
                    mentors[j].person_id,
                    components["total"],
                    components,
                    runners.get(i),
                )
            )
        else:
            unmatched.append(
                Unmatched(
                    mentee.person_id, _why_unmatched(i, mentee, table, mentors, offered, threshold)
                )
            )
    return RoundResult(proposals, unmatched)


def _runner_ups(table: ScoreTable, chosen: dict[int, int], mentees, mentors, w) -> dict[int, dict]:
    """For each matched mentee: the best other mentor, and why that mentor lost."""
    if not chosen:
        return {}
    rows = np.fromiter(chosen.keys(), dtype=int)
    cols = np.fromiter(chosen.values(), dtype=int)
    scores = table.total[rows].copy()
    scores[np.arange(rows.size), cols] = -np.inf
    scores[table.reason[rows] == FILTERS.index(Filter.SAME_PERSON) + 1] = -np.inf
    feasible = table.feasible[rows] & np.isfinite(scores)
    best_feasible = np.argmax(np.where(feasible, scores, -np.inf), axis=1)
    best_any = np.argmax(scores, axis=1)
    taken = Counter(chosen.values())
    out: dict[int, dict] = {}
    for n, (i, j) in enumerate(zip(rows, cols, strict=True)):
        if feasible[n].any():
            k = int(best_feasible[n])
        elif np.isfinite(scores[n, best_any[n]]):
            k = int(best_any[n])
        else:
            continue
        runner = {"mentor_id": mentors[k].person_id, "score": round(float(table.total[i, k]), 4)}
        if table.reason[i, k]:
            runner["why"] = {"code": "filter", "filter": FILTERS[table.reason[i, k] - 1].value}
        elif table.total[i, k] >= table.total[i, j]:
            runner["why"] = {"code": "needed_elsewhere", "taken": taken.get(k, 0)}
        else:
            gaps = {
                c: w[c] * (float(table.values[c][i, j]) - float(table.values[c][i, k]))
                for c in COMPONENTS
            }
            decisive = max(COMPONENTS, key=lambda c: (gaps[c], -COMPONENTS.index(c)))
            runner["why"] = {
                "code": "lower",
                "component": decisive,
                "difference": round(gaps[decisive], 4),
            }
        out[int(i)] = runner
    return out


def _why_unmatched(
    i, mentee: Profile, table: ScoreTable, mentors, offered, threshold
) -> list[dict]:
    reasons: list[dict] = []
    if not mentors:
        return [{"code": "no_mentors"}]
    if not mentee.wants:
        reasons.append({"code": "no_wants"})
    uncovered = sorted(t for t in mentee.wants if t not in offered)
    if uncovered:
        reasons.append({"code": "uncovered", "themes": uncovered})
    feasible = table.feasible[i]
    if not feasible.any():
        counts = Counter(FILTERS[code - 1].value for code in table.reason[i] if code)
        counts.pop(Filter.SAME_PERSON.value, None)
        reasons.append(
            {
                "code": "no_feasible",
                "filters": [[f, c] for f, c in sorted(counts.items(), key=lambda x: (-x[1], x[0]))],
            }
        )
        return reasons
    best = float(table.total[i][feasible].max())
    if best <= threshold:
        reasons.append({"code": "below_threshold", "best": round(best, 4), "threshold": threshold})
    else:
        reasons.append({"code": "capacity_taken", "best": round(best, 4)})
    return reasons


# Explanations --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reason:
    """One line of an explanation: `kind` picks the sentence, `params` fill it in."""

    kind: str
    params: dict
    weight: float = 0.0


@dataclass(frozen=True)
class Explanation:
    level: str  # "very_good", "good", "reasonable": a coarse label, never a percentage
    reasons: list[Reason]
    good_to_know: Reason | None


def fit_level(total: float) -> str:
    if total >= 0.7:
        return "very_good"
    if total >= 0.5:
        return "good"
    return "reasonable"


def explain(components: Mapping, audience: str) -> Explanation:
    """At most three reasons, biggest contribution first, and one "good to know" line, for the
    mentee (`audience="mentee"`) or the mentor; built only from the stored components."""
    values = components.get("values", {})
    weights = components.get("weights", {})

    def contribution(c: str) -> float:
        return float(weights.get(c, 0)) * float(values.get(c, 0))

    candidates: list[Reason] = []
    covered, wanted = components.get("covered", []), components.get("wanted", [])
    if covered:
        candidates.append(
            Reason(
                "coverage",
                {"themes": covered, "count": len(covered), "of": len(wanted)},
                contribution("coverage"),
            )
        )
    learns = components.get("mentor_learns", [])
    shared = [
        t for t in components.get("shared_themes", []) if t not in covered and t not in learns
    ]
    if audience == "mentor" and learns:
        candidates.append(
            Reason("mentee_teaches", {"themes": learns}, contribution("shared") + 1e-6)
        )
    elif shared:
        candidates.append(Reason("shared", {"themes": shared}, contribution("shared")))
    slots, in_person = components.get("common_slots", []), components.get("meet_in_person")
    region = components.get("region", "")
    manners = components.get("manners", ["either", "either"])
    if slots or (in_person and region) or manners[0] == manners[1] == "online":
        manner = "in_person" if in_person else ("online" if "online" in manners else "either")
        candidates.append(
            Reason(
                "logistics",
                {"slots": slots, "manner": manner, "region": region},
                contribution("logistics"),
            )
        )
    if components.get("bonds"):
        candidates.append(Reason("bonds", {"bonds": components["bonds"]}, contribution("bonds")))
    sectors = components.get("sectors", ["", ""])
    if sectors[0] and sectors[0] == sectors[1]:
        candidates.append(Reason("sector", {"sector": sectors[0]}, contribution("sector")))
    candidates.sort(key=lambda r: -r.weight)
    reasons = [r for r in candidates if r.weight > 0][:3]

    good: Reason | None = None
    if audience == "mentee" and learns:
        good = Reason("mentor_learns", {"themes": learns})
    elif sectors[0] and sectors[1] and sectors[0] != sectors[1]:
        good = Reason(
            "other_sector",
            {
                "mine": sectors[0 if audience == "mentee" else 1],
                "theirs": sectors[1 if audience == "mentee" else 0],
            },
        )
    elif components.get("uncovered"):
        good = Reason("uncovered", {"themes": components["uncovered"]})
    return Explanation(fit_level(float(components.get("total", 0))), reasons, good)
