"""Help pages: everyone can read them, each role sees its own first, the footer links there."""

import pytest

from accounts.models import Role


def test_anonymous_people_get_help(client):
    response = client.get("/help/")
    assert response.status_code == 200
    assert "Your logbook" in response.text and "Giving feedback" in response.text


@pytest.mark.parametrize(
    ("role", "first"),
    [(Role.LEARNER, "Your logbook"), (Role.MENTOR, "Giving feedback"), (Role.STAFF, "Matching")],
)
def test_each_role_sees_its_own_pages_first(client, auth, make, role, first):
    auth.login(make.user(role))
    text = client.get("/help/").text
    headings = [text.index(t) for t in ("Your logbook", "Giving feedback", "Matching mentors")]
    assert min(headings) == text.index(first)
    assert "Your role" in text


@pytest.mark.parametrize("role", [Role.LEARNER, Role.MENTOR, Role.STAFF, None])
def test_every_page_renders_for_every_role(client, auth, make, role):
    auth.login(make.user(role, is_admin=role is None))
    for slug in ("logbook", "feedback", "matching"):
        assert client.get(f"/help/{slug}").status_code == 200


def test_a_page_in_dutch(client):
    response = client.get("/help/logbook", headers={"Accept-Language": "nl"})
    assert "Je logboek" in response.text
    assert 'href="/help/feedback"' in response.text or 'href="feedback"' in response.text


def test_an_unknown_page_is_404(client):
    assert client.get("/help/no-such-page").status_code == 404


def test_search_shows_results_with_a_snippet(client):
    text = client.get("/help/search?q=logbook").text
    assert "1 page found." in text and "<mark>" in text and 'href="/help/logbook"' in text


def test_no_results_is_kind_and_offers_a_question(client):
    text = client.get("/help/search?q=zebra").text
    assert "We found no help page with those words" in text
    assert 'href="/questions/new"' in text


def test_the_footer_links_to_help(client):
    assert 'href="/help/"' in client.get("/help/feedback").text


def test_a_help_link_where_the_question_arises(client, auth, make):
    auth.login(make.user(Role.LEARNER))
    assert 'href="/help/logbook"' in client.get("/logbook/").text
