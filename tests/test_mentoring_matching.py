"""Matching, pure: filters, component scores, the assignment within capacity and threshold,
determinism, runner-ups, reasons for the unmatched, and explanations from the components."""

import random

import numpy as np
import pytest

from mentoring.matching import (
    Filter,
    Profile,
    assign,
    explain,
    pair_components,
    pair_filter,
    run_round,
    score_table,
)


def mentee(pid, **values):
    values.setdefault("wants", {"social-media": 3, "finance": 1})
    return Profile(pid, **values)


def mentor(pid, capacity=1, **values):
    values.setdefault("offers", frozenset({"social-media", "finance"}))
    return Profile(pid, capacity=capacity, **values)


@pytest.mark.parametrize(
    "a, b, expected",
    [
        (dict(), dict(), None),
        (dict(languages=frozenset({"nl"})), dict(languages=frozenset({"fr"})), Filter.NO_LANGUAGE),
        (dict(languages=frozenset({"nl"})), dict(), None),  # an empty answer never excludes
        (dict(manner="online"), dict(manner="in_person"), Filter.MANNER),
        (
            dict(manner="in_person", region="Gent"),
            dict(manner="either", region="Utrecht"),
            Filter.REGION,
        ),
        (dict(manner="online", region="Gent"), dict(region="Utrecht"), None),
        (
            dict(availability=frozenset({"weekends"})),
            dict(availability=frozenset({"weekday_mornings"})),
            Filter.NO_TIME,
        ),
    ],
)
def test_hard_filters(a, b, expected):
    assert pair_filter(mentee(1, **a), mentor(2, **b)) == expected


def test_same_person_capacity_and_earlier_pairs_are_filtered():
    assert pair_filter(mentee(1), mentor(1)) == Filter.SAME_PERSON
    assert pair_filter(mentee(1), mentor(2), capacity_left=0) == Filter.NO_CAPACITY
    assert pair_filter(mentee(1), mentor(2), excluded={(1, 2)}) == Filter.PAIRED_BEFORE


def test_coverage_is_directional_and_weighted_by_priority():
    components = pair_components(
        mentee(1, wants={"social-media": 3, "finance": 1}),
        mentor(2, offers=frozenset({"social-media"})),
    )
    assert components["values"]["coverage"] == 0.75
    assert components["covered"] == ["social-media"]
    assert components["uncovered"] == ["finance"]


def test_bonds_are_capped_so_they_never_beat_substance():
    hobbies = tuple(("hobbies", h) for h in ("chess", "choir", "tennis", "cycling"))
    bonds_only = pair_components(
        mentee(1, wants={"legal": 3}, bonds=hobbies), mentor(2, offers=frozenset(), bonds=hobbies)
    )
    substance = pair_components(mentee(1, wants={"legal": 3}), mentor(3, offers={"legal"}))
    assert bonds_only["values"]["bonds"] == 1.0
    assert substance["total"] > bonds_only["total"]


def test_the_table_gives_the_same_scores_and_filters_as_one_pair():
    rng = random.Random(3)
    themes = ["a", "b", "c", "d"]

    def person(pid, is_mentor):
        return Profile(
            pid,
            wants={t: rng.randint(1, 3) for t in rng.sample(themes, rng.randint(0, 3))},
            offers=frozenset(rng.sample(themes, rng.randint(0, 3))),
            languages=frozenset(rng.sample(["nl", "en", "fr"], rng.randint(0, 2))),
            manner=rng.choice(["online", "in_person", "either"]),
            region=rng.choice(["", "Gent", "Utrecht"]),
            availability=frozenset(rng.sample(["weekends", "weekday_mornings"], rng.randint(0, 2))),
            bonds=tuple(("hobbies", h) for h in rng.sample(["chess", "choir"], rng.randint(0, 2))),
            sector=rng.choice(["", "it", "care"]),
            capacity=2 if is_mentor else 0,
        )

    mentees = [person(i, False) for i in range(1, 30)]
    mentors = [person(100 + i, True) for i in range(1, 12)]
    table = score_table(mentees, mentors)
    for i, e in enumerate(mentees):
        for j, r in enumerate(mentors):
            assert table.total[i, j] == pytest.approx(pair_components(e, r)["total"], abs=1e-3)
            found = pair_filter(e, r)
            assert (found.value if found else None) == (
                None if table.reason[i, j] == 0 else list(Filter)[table.reason[i, j] - 1].value
            )


def test_capacity_is_never_exceeded():
    mentees = [mentee(i) for i in range(1, 8)]
    mentors = [mentor(100, capacity=2), mentor(101, capacity=1)]
    result = run_round(mentees, mentors)
    per_mentor = {m: sum(p.mentor_id == m for p in result.proposals) for m in (100, 101)}
    assert per_mentor == {100: 2, 101: 1}
    assert len(result.unmatched) == 4
    assert all(u.reasons[-1]["code"] == "capacity_taken" for u in result.unmatched)


def test_the_threshold_leaves_people_unmatched_with_the_reason():
    weak = mentee(1, wants={"bookkeeping": 3, "social-media": 1})
    result = run_round([weak], [mentor(100, offers=frozenset({"social-media"}))], threshold=0.35)
    assert result.proposals == []
    reasons = {r["code"]: r for r in result.unmatched[0].reasons}
    assert reasons["uncovered"]["themes"] == ["bookkeeping"]  # "no mentor offers bookkeeping"
    assert reasons["below_threshold"]["best"] < 0.35


def test_nobody_is_forced_into_an_impossible_pair():
    result = run_round(
        [mentee(1, languages=frozenset({"ar"}))], [mentor(100, languages=frozenset({"nl"}))]
    )
    assert result.proposals == []
    assert result.unmatched[0].reasons[-1] == {
        "code": "no_feasible",
        "filters": [["no_language", 1]],
    }


def test_the_round_maximises_the_total_not_the_first_come():
    # Mentee 1 fits both mentors; mentee 2 fits only mentor 100. A greedy first-come round
    # would give 100 to mentee 1 and leave mentee 2 out.
    one = mentee(1, wants={"social-media": 3})
    two = mentee(2, wants={"finance": 3})
    best_for_one = mentor(100, offers=frozenset({"social-media", "finance"}))
    other = mentor(101, offers=frozenset({"social-media"}))
    result = run_round([one, two], [best_for_one, other])
    assert {(p.mentee_id, p.mentor_id) for p in result.proposals} == {(1, 101), (2, 100)}


def test_same_input_gives_the_same_result():
    rng = random.Random(11)
    mentees = [mentee(i, wants={"social-media": rng.randint(1, 3)}) for i in range(1, 40)]
    mentors = [mentor(100 + i, capacity=rng.randint(1, 3)) for i in range(10)]
    first = run_round(mentees, mentors)
    again = run_round(list(reversed(mentees)), list(reversed(mentors)))
    assert first == again


def test_the_sparse_solver_finds_the_same_optimum_as_the_dense_one():
    rng = np.random.default_rng(5)
    total = rng.random((60, 25))
    feasible = rng.random((60, 25)) > 0.2
    capacity = rng.integers(1, 4, 25)
    dense = assign(total, feasible, capacity, 0.35)
    sparse = assign(total, feasible, capacity, 0.35, dense_limit=0)
    assert sum(total[i, j] for i, j in dense.items()) == pytest.approx(
        sum(total[i, j] for i, j in sparse.items())
    )
    assert all(np.bincount(list(sparse.values()), minlength=25) <= capacity)


def test_the_runner_up_says_why_it_lost():
    one = mentee(1, wants={"social-media": 3, "finance": 3})
    full = mentor(100, offers=frozenset({"social-media", "finance"}))
    half = mentor(101, offers=frozenset({"social-media"}))
    proposal = run_round([one], [full, half]).proposals[0]
    assert proposal.mentor_id == 100
    assert proposal.runner_up["mentor_id"] == 101
    assert proposal.runner_up["why"] == {
        "code": "lower",
        "component": "coverage",
        "difference": 0.2222,
    }


def test_explanations_come_from_the_components_at_most_three():
    components = pair_components(
        mentee(
            1,
            wants={"social-media": 3, "shop": 2, "invoicing": 2, "legal": 1},
            offers=frozenset({"retail"}),
            manner="in_person",
            region="Lyon",
            availability=frozenset({"weekday_mornings"}),
            bonds=(("studied_at", "Université Lyon 2"), ("volunteering", "the food bank")),
            sector="crafts",
        ),
        mentor(
            2,
            wants={"retail": 2},
            offers=frozenset({"social-media", "shop", "invoicing"}),
            manner="in_person",
            region="lyon",
            availability=frozenset({"weekday_mornings", "weekends"}),
            bonds=(("studied_at", "université lyon 2"), ("volunteering", "The food bank")),
            sector="hospitality",
        ),
    )
    for_mentee = explain(components, "mentee")
    assert [r.kind for r in for_mentee.reasons] == ["coverage", "logistics", "bonds"]
    assert for_mentee.reasons[0].params == {
        "themes": ["social-media", "invoicing", "shop"],
        "count": 3,
        "of": 4,
    }
    assert for_mentee.good_to_know.kind == "mentor_learns"  # she wants to learn retail from him
    for_mentor = explain(components, "mentor")
    assert "mentee_teaches" in [r.kind for r in for_mentor.reasons]


def test_no_age_gender_or_origin_can_be_given():
    with pytest.raises(TypeError):
        Profile(1, age=52)
