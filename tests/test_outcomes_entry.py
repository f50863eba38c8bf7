"""Status at entry: asked once right after joining (by code and by invitation), optional, with a
safe way on; changed or withdrawn later from the profile; never shown to the mentor."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

from accounts import invitations
from accounts.models import Role, find_user_by_email
from extensions import db
from outcomes.models import EntryStatus
from tests.accounts_helpers import JOINER_PASSWORD, emailed_link, join_with_code, path_of

CODE = "WEST-2026"
ANSWERS = {"birth_year": "1961", "situation": "looking", "benefit": "social_assistance"}


@pytest.fixture
def org(make):
    return make.organisation("Job agency West", join_code=CODE)


@pytest.fixture
def learner(make, org):
    return make.user(Role.LEARNER, org)


def statuses() -> list[tuple]:
    db.session.expire_all()
    return [
        (s.user_id, s.organisation_id, s.birth_year, s.situation, s.benefit)
        for s in db.session.scalars(db.select(EntryStatus))
    ]


def test_joining_with_a_code_leads_to_the_questions_then_the_dashboard(client, org, mailbox):
    join_with_code(client, CODE, "piet@example.org")
    response = client.post(
        path_of(emailed_link(mailbox, "/confirm/")), data={"password": JOINER_PASSWORD}
    )
    assert unquote(response.headers["Location"]) == "/outcomes/about-you?next=/dashboard"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "About you when you joined" in page
    assert "never used to find you a mentor" in page
    assert 'href="/dashboard">Skip this' in page


def test_accepting_an_invitation_as_a_learner_leads_to_the_questions(client, make, org):
    staff = make.user(Role.STAFF, org)
    created = invitations.create_invitation(staff, org, "nina@example.org", Role.LEARNER)
    db.session.commit()
    response = client.post(
        f"/join/{created.token}",
        data={"name": "Nina", "password": "long enough", "confirm": "long enough"},
    )
    assert unquote(response.headers["Location"]) == "/outcomes/about-you?next=/dashboard"
    assert "Job agency West counts the answers" in client.get(
        response.headers["Location"]
    ).get_data(as_text=True)


def test_an_invited_mentor_goes_straight_to_the_dashboard(client, make, org):
    staff = make.user(Role.STAFF, org)
    created = invitations.create_invitation(staff, org, "coach@example.org", Role.MENTOR)
    db.session.commit()
    response = client.post(
        f"/join/{created.token}",
        data={"name": "Coach", "password": "long enough", "confirm": "long enough"},
    )
    assert response.headers["Location"].endswith("/dashboard")


def test_an_existing_person_invited_as_learner_answers_for_the_new_organisation(
    client, auth, make, org
):
    elsewhere = make.organisation("Another agency")  # first in alphabetical order
    person = make.user(Role.LEARNER, elsewhere, email="nina@example.org")
    staff = make.user(Role.STAFF, org)
    created = invitations.create_invitation(staff, org, "nina@example.org", Role.LEARNER)
    db.session.commit()
    auth.login(person)
    response = client.post(f"/join/{created.token}")
    assert unquote(response.headers["Location"]) == "/outcomes/about-you?next=/dashboard"
    client.post("/outcomes/about-you", data=ANSWERS)
    assert statuses() == [(person.id, org.id, 1961, "looking", "social_assistance")]


def test_skipping_stores_nothing(client, auth, learner):
    auth.login(learner)
    page = client.get("/outcomes/about-you?next=/modules/").get_data(as_text=True)
    assert 'href="/modules/">Skip this' in page
    assert statuses() == []


def test_a_next_to_another_site_is_not_followed(client, auth, learner):
    auth.login(learner)
    page = client.get("/outcomes/about-you?next=//evil.example/").get_data(as_text=True)
    assert 'href="/account/profile">Skip this' in page
    response = client.post("/outcomes/about-you", data={**ANSWERS, "next": "//evil.example/"})
    assert response.headers["Location"].endswith("/account/profile")


def test_saving_stores_the_answers_and_goes_on(client, auth, learner, org):
    auth.login(learner)
    response = client.post("/outcomes/about-you", data={**ANSWERS, "next": "/dashboard"})
    assert response.headers["Location"].endswith("/dashboard")
    assert statuses() == [(learner.id, org.id, 1961, "looking", "social_assistance")]


def test_every_answer_is_optional(client, auth, learner, org):
    auth.login(learner)
    client.post("/outcomes/about-you", data={"situation": "employed"})
    assert statuses() == [(learner.id, org.id, None, "employed", None)]


def test_a_year_out_of_range_is_refused_with_a_message(client, auth, learner):
    auth.login(learner)
    response = client.post("/outcomes/about-you", data={**ANSWERS, "birth_year": "1850"})
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "There is a problem" in text and "Enter a year of birth from 1920" in text
    assert statuses() == []


def test_changing_the_answers_from_the_profile(client, auth, learner, org):
    auth.login(learner)
    client.post("/outcomes/about-you", data=ANSWERS)
    profile = client.get("/account/profile").get_data(as_text=True)
    assert 'href="/outcomes/about-you"' in profile
    page = client.get("/outcomes/about-you").get_data(as_text=True)
    assert 'value="1961"' in page and 'checked class="radios__input" id="benefit-2"' in page
    client.post("/outcomes/about-you", data={"birth_year": "1962", "situation": "employed"})
    assert statuses() == [(learner.id, org.id, 1962, "employed", None)]


def test_withdrawing_deletes_the_answers(client, auth, learner):
    auth.login(learner)
    client.post("/outcomes/about-you", data=ANSWERS)
    response = client.post("/outcomes/about-you/withdraw", follow_redirects=True)
    assert "Your answers are deleted." in response.get_data(as_text=True)
    assert statuses() == []
    assert client.get("/outcomes/withdraw").status_code == 404  # no GET that deletes


def test_saving_nothing_keeps_nothing(client, auth, learner):
    auth.login(learner)
    client.post("/outcomes/about-you", data=ANSWERS)
    client.post("/outcomes/about-you", data={"situation": "", "benefit": ""})
    assert statuses() == []


@pytest.mark.parametrize("role", [Role.MENTOR, Role.STAFF])
def test_only_learners_are_asked(client, auth, make, org, role):
    auth.login(make.user(role, org))
    assert client.get("/outcomes/about-you").status_code == 404
    assert client.post("/outcomes/about-you", data=ANSWERS).status_code == 404
    assert "About you when you joined" not in client.get("/account/profile").get_data(as_text=True)
    assert statuses() == []


def test_the_mentor_never_sees_the_status_at_entry(client, auth, make, org, learner):
    mentor = make.user(Role.MENTOR, org)
    pair = make.pair(mentor, learner, org)
    auth.login(learner)
    client.post("/outcomes/about-you", data=ANSWERS)
    assert "Social assistance" in client.get("/outcomes/about-you").get_data(as_text=True)
    auth.login(mentor)
    for path in (f"/mentoring/pairs/{pair.id}", "/mentor/"):
        response = client.get(path)
        text = response.get_data(as_text=True)
        assert response.status_code == 200
        assert learner.name in text  # the mentor's view of this very mentee
        for answer in ("1961", "Social assistance", "Unemployed and looking for work"):
            assert answer not in text
    assert client.get("/outcomes/about-you").status_code == 404


def test_the_joined_person_is_the_one_answering(client, org, mailbox):
    join_with_code(client, CODE, "piet@example.org")
    client.post(path_of(emailed_link(mailbox, "/confirm/")), data={"password": JOINER_PASSWORD})
    client.post("/outcomes/about-you", data=ANSWERS)
    piet = find_user_by_email("piet@example.org")
    assert statuses() == [(piet.id, org.id, 1961, "looking", "social_assistance")]
