"""The readiness checklist: the learner's plan held against what an adviser checks, each point
with plain ok / not-yet text (not colour only) and a link to where the learner works on it."""

import re

import pytest

from accounts.models import Role
from logbook import services
from tests.plan_helpers import course_with_summary, plan_learner
from tests.routes.logbook import COURSE, make_entry


@pytest.fixture
def config(config, tmp_path):
    config["COURSES_ROOT"] = course_with_summary(tmp_path)
    return config


def _points(client) -> dict[str, str]:
    """Each point of the list: its label, and the status word in front of it."""
    response = client.get("/logbook/plan/ready")
    assert response.status_code == 200
    items = re.findall(r"<li class=\"plan-ready__item[^\"]*\">(.*?)</li>", response.text, re.S)
    points = {}
    for item in items:
        status = re.search(r"<strong class=\"plan-ready__status\">([^<]+)</strong>", item)[1]
        label = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", item.split("</strong>", 1)[1]))
        points[label.strip()] = status
    return points


def _status(points: dict[str, str], start: str) -> str:
    (status,) = [s for label, s in points.items() if label.startswith(start)]
    return status


def test_a_new_learner_sees_every_point_still_to_do(client, make, auth):
    auth.login(make.user(Role.LEARNER))
    points = _points(client)
    assert set(points.values()) == {"Not yet:"}
    for start in (
        "Chapter “The idea” is written",
        "Chapter “The financial plan” is written",
        "Investment budget filled in",
        "Cash-flow budget filled in",
        "Financing covers the investment",
        "Cash never below zero",
        "Summary written",
        "My mentor has read the financial plan",
    ):
        assert start in " | ".join(points)


def test_what_is_done_and_what_is_not(client, make, auth):
    auth.login(plan_learner(make))
    points = _points(client)
    assert _status(points, "Chapter “The idea” is written") == "Not yet:"
    assert "Still to write: Assignment first-notes" in next(
        label for label in points if label.startswith("Chapter “The idea”")
    )
    assert _status(points, "Chapter “The financial plan” is written") == "Done:"
    assert _status(points, "Summary written") == "Done:"
    assert _status(points, "Financing covers the investment") == "Done:"
    assert _status(points, "Cash never below zero") == "Done:"
    assert _status(points, "My mentor has read the financial plan") == "Done:"


def test_each_open_point_links_to_where_it_is_fixed(client, make, auth):
    auth.login(plan_learner(make, feedback=False, cash_short=True))
    page = client.get("/logbook/plan/ready").text
    assert f'href="/logbook/{COURSE}/first-notes"' in page  # the idea's missing assignment
    assert f'href="/logbook/{COURSE}/budgets/cashflow"' in page
    assert f'href="/logbook/{COURSE}/second-plan"' in page  # ask the mentor to read it
    points = _points(client)
    assert _status(points, "Cash never below zero") == "Not yet:"
    assert "month 4" in next(label for label in points if label.startswith("Cash never"))
    assert _status(points, "My mentor has read the financial plan") == "Not yet:"


def test_a_complete_plan_is_ready(client, make, auth):
    learner = plan_learner(make)
    make_entry(learner, key="first-notes", text="Notes too.")
    auth.login(learner)
    points = _points(client)
    failing = [label for label, status in points.items() if status != "Done:"]
    assert failing == []
    assert "Your plan meets every point." in client.get("/logbook/plan/ready").text


def test_the_budget_checks_are_the_budgets_own(app, make):
    learner = plan_learner(make)
    from modules.services import catalogue

    checks = services.plan_checks(learner, COURSE, "en")
    course = catalogue().course(COURSE)
    from logbook.services.plan import plan_readiness

    labels = [c.label for c in plan_readiness(learner, [course], "en")]
    assert all(c.label in labels for c in checks)


def test_the_logbook_links_to_the_checklist(client, make, auth):
    auth.login(make.user(Role.LEARNER))
    assert 'href="/logbook/plan/ready"' in client.get("/logbook/").text


@pytest.mark.parametrize("role", [Role.MENTOR, Role.STAFF])
def test_mentors_and_staff_have_no_checklist(client, make, auth, role):
    learner = plan_learner(make)
    auth.login(make.user(role, learner.memberships[0].organisation))
    assert client.get("/logbook/plan/ready").status_code == 403
