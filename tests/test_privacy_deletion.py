"""Delete my account: the password confirms it, signing in within the grace period cancels it,
after the grace period `flask privacy purge` erases the person everywhere while the funder's
report still counts them; staff can start it for a member of their own organisation."""

from __future__ import annotations

from datetime import timedelta

import pytest

from accounts.models import AuditEntry, Role
from extensions import db, utcnow
from organisations.reports.figures import Period
from organisations.reports.queries import build_report
from outbox.models import OutboxMessage
from privacy.models import DeletionRequest
from tests.factories import PASSWORD
from tests.test_privacy_erasure import OWN_WORDS, _everywhere
from tests.test_privacy_export import world  # noqa: F401 (the fixture)


def _requests(user):
    return list(db.session.scalars(db.select(DeletionRequest).filter_by(user_id=user.id)))


def _mail_to(user):
    return db.session.scalars(
        db.select(OutboxMessage).filter_by(recipient=user.email).order_by(OutboxMessage.id)
    ).all()


def _ask(client, password=PASSWORD):
    return client.post("/account/delete", data={"password": password}, follow_redirects=True)


def _grace_over(user):
    for asked in _requests(user):
        asked.erase_after = utcnow() - timedelta(minutes=1)
    db.session.commit()


def test_my_settings_link_to_it(client, auth, make):
    auth.login(make.user())
    page = client.get("/account/profile").get_data(as_text=True)
    assert 'href="/account/delete"' in page


def test_a_wrong_password_changes_nothing(client, auth, make):
    person = make.user()
    auth.login(person)
    page = _ask(client, "not my password").get_data(as_text=True)
    assert "That is not your password" in page
    assert _requests(person) == [] and _mail_to(person) == []
    assert client.get("/account/profile").status_code == 200  # still signed in


def test_asking_signs_out_and_emails_what_happens(client, auth, make):
    person = make.user()
    auth.login(person)
    page = _ask(client).get_data(as_text=True)
    assert "Your account will be deleted on" in page
    (asked,) = _requests(person)
    assert asked.erase_after - asked.requested_at == timedelta(days=14)
    (mail,) = _mail_to(person)
    assert "Sign in before" in mail.body and "/login" in mail.body
    assert "/login" in client.get("/account/profile").headers["Location"]  # signed out


def test_signing_in_within_the_grace_period_cancels_it(client, auth, make, runner):
    person = make.user()
    auth.login(person)
    _ask(client)
    page = client.post(
        "/login",
        data={"email": person.email, "password": PASSWORD},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "Your account will not be deleted: you signed in." in page
    _grace_over(person)
    runner.invoke(args=["privacy", "purge"])
    db.session.refresh(person)
    assert person.check_password(PASSWORD) and person.name.startswith("Person")


def test_after_the_grace_period_nothing_of_the_person_is_left(client, auth, world, runner):  # noqa: F811
    mentee = world["mentee"]
    name, email = mentee.name, mentee.email
    auth.login(mentee)
    _ask(client)
    result = runner.invoke(args=["privacy", "purge"])
    assert "0 accounts erased" in result.output  # still within the grace period
    assert _everywhere(email)
    _grace_over(mentee)
    result = runner.invoke(args=["privacy", "purge"])
    assert "1 accounts erased after their grace period" in result.output
    left = {needle: _everywhere(needle) for needle in (name, email, *OWN_WORDS)}
    assert {needle: where for needle, where in left.items() if where} == {}
    assert _requests(mentee)[0].erased_at is not None


def test_the_funders_report_still_counts_the_erased_participant(client, auth, world, runner):  # noqa: F811
    mentee, org = world["mentee"], world["org"]
    today = utcnow().date()
    period = Period(today - timedelta(days=30), today)

    def joined():
        reach = build_report(org, period, None, today=today).table("reach")
        return reach.rows[1].figures[0].value

    before = joined()
    auth.login(mentee)
    _ask(client)
    _grace_over(mentee)
    runner.invoke(args=["privacy", "purge"])
    assert before >= 1 and joined() == before


# Staff start it for a member --------------------------------------------------------------


def _erase_url(org, person):
    return f"/organisations/{org.slug}/people/{person.id}/erase"


@pytest.mark.parametrize("by", ["staff", "admin"])
def test_staff_start_it_audited_and_the_person_is_told(client, auth, make, by):
    org = make.organisation()
    learner = make.user(Role.LEARNER, org)
    actor = make.user(Role.STAFF, org) if by == "staff" else make.user(None, is_admin=True)
    auth.login(actor)
    page = client.post(_erase_url(org, learner), follow_redirects=True).get_data(as_text=True)
    assert "The account will be deleted on" in page
    (asked,) = _requests(learner)
    assert asked.requested_by_id == actor.id
    audit = db.session.scalar(db.select(AuditEntry).filter_by(user_id=learner.id))
    assert (audit.action, audit.actor_id, audit.organisation_id) == (
        "erasure_started",
        actor.id,
        org.id,
    )
    assert f"{org.name} asked us, for you," in _mail_to(learner)[0].body


@pytest.mark.parametrize("who", ["staff_other_org", "learner", "mentor"])
def test_nobody_else_may_start_it(client, auth, make, who):
    org, other = make.organisation(), make.organisation()
    learner = make.user(Role.LEARNER, org)
    people = {
        "staff_other_org": make.user(Role.STAFF, other),
        "learner": make.user(Role.LEARNER, org),
        "mentor": make.user(Role.MENTOR, org),
    }
    auth.login(people[who])
    assert client.post(_erase_url(org, learner)).status_code == 403
    assert _requests(learner) == [] and _mail_to(learner) == []
    assert db.session.scalar(db.select(AuditEntry).filter_by(user_id=learner.id)) is None


def test_staff_cannot_reach_a_person_of_another_organisation(client, auth, make):
    org, other = make.organisation(), make.organisation()
    stranger = make.user(Role.LEARNER, other)
    auth.login(make.user(Role.STAFF, org))
    assert client.post(_erase_url(org, stranger)).status_code == 404
    assert _requests(stranger) == []


def test_the_member_page_says_when_it_happens(client, auth, make):
    org = make.organisation()
    learner = make.user(Role.LEARNER, org)
    auth.login(make.user(Role.STAFF, org))
    page = client.get(f"/organisations/{org.slug}/people/{learner.id}").get_data(as_text=True)
    assert "Delete the account of" in page
    client.post(_erase_url(org, learner))
    page = client.get(f"/organisations/{org.slug}/people/{learner.id}").get_data(as_text=True)
    assert "This account will be deleted on" in page
