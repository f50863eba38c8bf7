"""A whole round: every mentee against every mentor at once, one global assignment that respects
each mentor's capacity, the runner-up of every proposal and why the unmatched stayed so."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from scipy.optimize import linear_sum_assignment
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

from .pair import (
    BONDS_FOR_FULL_SCORE,
    COMPONENTS,
    DEFAULT_THRESHOLD,
    FILTERS,
    Filter,
    Manner,
    Profile,
    _pair_components,
    _place_tables,
    _slot_bits,
    normalise,
    normalised_weights,
)

_LOGISTICS_FIT, _PLACE_FILTER = _place_tables()

# Rounds with more cells (mentees x places) than this use the sparse solver: the dense one
# takes about 0.7 s at 3,000 x 3,600 here, the sparse one about 0.3 s with the same optimum.
DENSE_LIMIT = 4_000_000
CANDIDATES = 40  # large rounds: the best pairs each mentee keeps for the sparse solver


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
