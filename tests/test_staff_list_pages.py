"""The paged staff lists as staff use them: 50 rows a page, the 51st on page 2, page links that
work without JavaScript ("Page 2 of 2", the current page marked), a row of page 2 found by
searching, and the filters (pairs by health, learners with an entry waiting)."""

from __future__ import annotations

import re

import pytest

from accounts.models import Role
from tests.staff_lists_seed import grow


@pytest.fixture
def org(make, auth):
    organisation = make.organisation()
    auth.login(make.user(Role.STAFF, organisation))
    grow(organisation, 0, 60)  # 60 learners, 60 mentors, 60 running pairs
    return organisation


def _rows(page: str, pattern: str) -> list[str]:
    return re.findall(pattern, page)


def test_the_logbook_overview_shows_50_learners_a_page_and_the_51st_on_page_2(client, org):
    first = client.get(f"/logbook/staff/{org.slug}/").text
    names = _rows(first, r">(Learner \d{5})</a>")
    assert len(names) == 50 and names[0] == "Learner 00000" and names[-1] == "Learner 00049"
    assert "Page 1 of 2" in first and 'aria-current="page"' in first
    assert 'aria-label="Pages of learners"' in first
    second = client.get(f"/logbook/staff/{org.slug}/?page=2").text
    assert _rows(second, r">(Learner \d{5})</a>") == [f"Learner {n:05d}" for n in range(50, 60)]
    assert "Page 2 of 2" in second and 'rel="prev"' in second


def test_a_learner_of_page_2_is_found_by_search_and_their_entries_are_one_click_away(client, org):
    found = client.get(f"/logbook/staff/{org.slug}/?q=learner00055%40lists").text
    assert _rows(found, r">(Learner \d{5})</a>") == ["Learner 00055"]
    link = re.search(r'href="(/logbook/staff/[^"]+/learners/\d+)">Learner 00055', found)[1]
    detail = client.get(link).text
    assert "Logbook of Learner 00055" in detail and detail.count("<tr>") == 3  # head + 2


def test_the_logbook_overview_filters_learners_with_an_entry_waiting(client, org):
    page = client.get(f"/logbook/staff/{org.slug}/?entries=waiting").text
    # Learner n's entries k=0,1 are submitted when (n + k) % 3 == 1.
    waiting = [n for n in range(60) if 1 in ((n) % 3, (n + 1) % 3)]
    assert f"{len(waiting)} learners" in page
    nobody = client.get(f"/logbook/staff/{org.slug}/?entries=none").text
    assert "No learner matches." in nobody


def test_running_pairs_are_paged_and_a_pair_of_page_2_is_found_by_search(client, org):
    first = client.get(f"/organisations/{org.slug}/programme/pairs").text
    second = client.get(f"/organisations/{org.slug}/programme/pairs?page=2").text
    pair = r"(Learner \d{5}) with Mentor"
    one, two = _rows(first, pair), _rows(second, pair)
    assert len(one) == 50 and len(two) == 10 and not set(one) & set(two)
    assert "60 running pairs" in first and "Page 2 of 2" in second
    wanted = two[-1]
    found = client.get(
        f"/organisations/{org.slug}/programme/pairs", query_string={"q": wanted}
    ).text
    assert _rows(found, pair) == [wanted]


def test_running_pairs_filtered_by_health_show_only_that_health(client, org):
    all_healths = client.get(f"/organisations/{org.slug}/programme/pairs").text
    shown = set(_rows(all_healths, r'class="health health--(\w+)"'))
    assert len(shown) > 1
    for health in shown:
        page = client.get(f"/organisations/{org.slug}/programme/pairs?health={health}").text
        assert set(_rows(page, r'class="health health--(\w+)"')) == {health}


def test_people_without_a_survey_are_paged_and_searchable(client, org):
    # 30 learners without a survey (the even ones) and all 60 mentors: 90 people.
    first = client.get(f"/organisations/{org.slug}/programme").text
    assert "90 people" in first and "30 surveys" in first
    assert len(_rows(first, r"<li>(\w+ \d{5}) \(")) == 50
    second = client.get(f"/organisations/{org.slug}/programme?missing=2").text
    people = _rows(second, r"<li>(\w+ \d{5}) \(")
    assert len(people) == 40 and "Page 2 of 2" in second
    found = client.get(f"/organisations/{org.slug}/programme", query_string={"q": people[-1]}).text
    assert _rows(found, r"<li>(\w+ \d{5}) \(") == [people[-1]]


def test_the_dashboard_counts_pairs_needing_a_check_in_and_people_without_a_survey(client, org):
    page = client.get("/dashboard").text
    assert "90 people without an intake survey" in page
    assert "60 proposals to review" in page
    checkins = re.search(r"(\d+) pairs? needs? a check-in", page)
    stalled = client.get(f"/organisations/{org.slug}/programme/pairs?health=stalled").text
    needs = client.get(f"/organisations/{org.slug}/programme/pairs?health=needs_checkin").text
    listed = len(_rows(stalled, r"Learner \d{5} with")) + len(_rows(needs, r"Learner \d{5} with"))
    assert checkins and int(checkins[1]) == listed > 0


def test_the_rounds_page_counts_a_rounds_proposals(client, org):
    page = client.get(f"/organisations/{org.slug}/programme/rounds").text
    assert "<td>60</td><td>0</td>" in page


def test_a_rounds_proposals_are_paged_and_searchable(client, org):
    from extensions import db
    from mentoring.models import MatchRound

    url = (
        f"/organisations/{org.slug}/programme/rounds/{db.session.scalar(db.select(MatchRound.id))}"
    )
    first, second = client.get(url).text, client.get(f"{url}?page=2").text
    proposal = r"(Learner \d{5}) with mentor"
    assert len(_rows(first, proposal)) == 50 and "Approve all 60 open proposals" in first
    wanted = _rows(second, proposal)
    assert len(wanted) == 10 and "Page 2 of 2" in second
    found = client.get(url, query_string={"q": wanted[0]}).text
    assert _rows(found, proposal) == [wanted[0]]


def test_pairing_by_hand_lists_50_people_and_finds_the_others_by_search(client, org):
    url = f"/organisations/{org.slug}/programme/pairs/new"
    page = client.get(url).text
    mentors = re.search(r'<select[^>]*name="mentor_id".*?</select>', page, re.S)[0]
    # Nobody offers to mentor in a survey yet: every learner and mentor, 50 of 120 shown.
    assert mentors.count("<option") == 50 and "Mentor 00059" not in mentors
    found = client.get(url, query_string={"mentor_q": "mentor00059@"}).text
    mentors = re.search(r'<select[^>]*name="mentor_id".*?</select>', found, re.S)[0]
    assert "Mentor 00059" in mentors and mentors.count("<option") == 1
