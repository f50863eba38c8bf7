"""Accessibility of the course pages (issue 20): no dead-end links, headings in order, the
language of English book titles on Dutch pages, wide tables in their own scrolling region."""

import re

import pytest

from accounts.models import Role

M1 = "/courses/test-course/first-module/"


def _page(client, url, **headers) -> str:
    response = client.get(url, headers=headers)
    assert response.status_code == 200, (url, response.status_code)
    return response.get_data(as_text=True)


@pytest.mark.parametrize("role", [Role.MENTOR, Role.STAFF, "admin"])
def test_people_who_cannot_open_the_logbook_see_no_logbook_links(client, make, auth, role):
    organisation = make.organisation()
    if role == "admin":
        user = make.user(None, is_admin=True)
    else:
        user = make.user(role, organisation)
    auth.login(user)
    html = _page(client, M1)
    assert "/logbook/" not in html
    assert "Learners write these in their own logbook." in html


def test_a_learner_sees_the_logbook_links_and_they_open(client, make, auth):
    auth.login(make.user(Role.LEARNER, make.organisation()))
    html = _page(client, M1)
    links = re.findall(r'href="(/logbook/[^"]+)"', html)
    assert links
    for link in links:
        assert client.get(link).status_code == 200, link
