"""Past pairs on the programme's pairs page: ended and re-matched pairs apart from the running
ones, with end date, end reason and the closing evaluation's scores, never its text."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from accounts.models import Role
from extensions import db
from mentoring import services
from mentoring.models import Mentorship, PairState
from organisations.pair_lists import PAST, RUNNING, list_queries

SECRET = "What I learned: MARKER-EVALUATION-TEXT"


@pytest.fixture
def world(make):
    org = make.organisation()
    other_org = make.organisation()
    people = {
        "staff": make.user(Role.STAFF, org),
        "mentee": make.user(Role.LEARNER, org, name="Marianne Ended"),
        "mentor": make.user(Role.MENTOR, org, name="Yusuf Ended"),
        "runner": make.user(Role.LEARNER, org, name="Rita Running"),
        "runner_mentor": make.user(Role.MENTOR, org, name="Ravi Running"),
        "staff_other_org": make.user(Role.STAFF, other_org),
    }
    ended = make.pair(people["mentor"], people["mentee"], org)
    services.end_pair(people["staff"], ended, "Programme finished in June")
    services.submit_evaluation(
        people["mentee"], ended, usefulness=4, learned=SECRET, learned_from_other="", recommend=True
    )
    services.submit_evaluation(
        people["mentor"],
        ended,
        usefulness=3,
        learned=SECRET,
        learned_from_other=SECRET,
        recommend=False,
    )
    running = make.pair(people["runner_mentor"], people["runner"], org)
    db.session.commit()
    return {"org": org, "ended": ended, "running": running, **people}


def pairs_page(client, auth, user, org, **args) -> str:
    auth.login(user)
    response = client.get(f"/organisations/{org.slug}/programme/pairs", query_string=args)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def sections(html: str) -> tuple[str, str]:
    """(running list, past list) of the page."""
    running = html.split('id="running"', 1)[1].split('id="past"', 1)[0]
    return running, html.split('id="past"', 1)[1]


def test_a_past_pair_shows_its_end_date_reason_and_both_evaluations(client, auth, world):
    _, past = sections(pairs_page(client, auth, world["staff"], world["org"]))
    assert "Marianne Ended with Yusuf Ended" in past
    assert "Ended: Programme finished in June" in past
    assert "usefulness 4 of 4; would recommend it" in past
    assert "usefulness 3 of 4; would not recommend it" in past


def test_the_averages_of_past_evaluations_are_shown_by_side(client, auth, world, make):
    db.session.delete(world["running"])  # one open pair per mentee: Rita gets Yusuf instead
    db.session.commit()
    second = make.pair(world["mentor"], world["runner"], world["org"], state=PairState.ACTIVE)
    services.end_pair(world["staff"], second, "Moved abroad")
    services.submit_evaluation(
        world["runner"], second, usefulness=1, learned="", learned_from_other="", recommend=True
    )
    _, past = sections(pairs_page(client, auth, world["staff"], world["org"]))
    assert "2 answers: average usefulness 2.5 of 4; 2 of 2 would recommend it" in past
    assert "1 answer: average usefulness 3.0 of 4; 0 of 1 would recommend it" in past


def test_the_evaluation_text_stays_with_the_pair(client, auth, world):
    html = pairs_page(client, auth, world["staff"], world["org"])
    assert "MARKER-EVALUATION-TEXT" not in html
    assert "usefulness 4 of 4" in html


def test_past_pairs_never_appear_among_the_running_ones(client, auth, world):
    running, past = sections(pairs_page(client, auth, world["staff"], world["org"]))
    assert "Rita Running with Ravi Running" in running
    assert "Marianne Ended" not in running
    assert "Rita Running" not in past


def test_a_rematched_pair_is_a_past_pair_with_its_reason(client, auth, world):
    services.rematch_pair(world["staff"], world["running"], "Different sectors")
    running, past = sections(pairs_page(client, auth, world["staff"], world["org"]))
    assert "Ended for a new match: Different sectors" in past
    assert "Rita Running" not in running
    assert "not answered" in past  # nobody evaluated the re-matched pair yet


def test_past_pairs_are_paginated_latest_first(client, auth, world):
    start = datetime(2025, 1, 1)
    for n in range(50):  # with the one of the fixture: 51 past pairs, two pages
        db.session.add(
            Mentorship(
                organisation_id=world["org"].id,
                mentor_id=world["mentor"].id,
                mentee_id=world["runner"].id,
                state=PairState.ENDED.value,
                ended_at=start + timedelta(days=n),
                end_reason=f"Old pair {n:02d}",
            )
        )
    db.session.commit()
    _, first = sections(pairs_page(client, auth, world["staff"], world["org"]))
    _, second = sections(pairs_page(client, auth, world["staff"], world["org"], past=2))
    assert "Page 1 of 2" in first and "past=2" in first
    assert "Programme finished in June" in first and "Old pair 49" in first
    assert "Old pair 00" in second and "Old pair 49" not in second


def test_turning_the_page_of_one_list_keeps_the_page_of_the_other():
    queries = list_queries({"page": "2", "past": "x"}, RUNNING, PAST)
    assert queries[PAST].args(page=2) == {"page": 2, "past": 2}
    assert queries[RUNNING].args(page=1) == {}


@pytest.mark.parametrize("role", ["staff_other_org", "mentor", "mentee", "anonymous"])
def test_others_are_refused_the_pairs_page(client, auth, world, role):
    if role != "anonymous":
        auth.login(world[role])
    response = client.get(f"/organisations/{world['org'].slug}/programme/pairs")
    html = response.get_data(as_text=True)
    assert response.status_code in (302, 403)
    assert "Programme finished in June" not in html
