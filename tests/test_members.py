"""Staff look after their members: find, filter and sort them, change roles, deactivate and
reactivate, resend and revoke invitations; and see each learner's progress, never their text."""

from __future__ import annotations

from datetime import timedelta

import pytest

from accounts.models import Invitation, Membership, Role, User
from extensions import db, utcnow
from logbook.models import Entry
from mentoring.models import MEMBER_DEACTIVATED, Mentorship, PairState
from modules.models import SectionRead, SelfAssessment
from tests.routes.logbook import make_entry


@pytest.fixture
def org(make):
    return make.organisation()


@pytest.fixture
def staff(make, org, auth):
    person = make.user(Role.STAFF, org, name="Sam Staff")
    auth.login(person)
    return person


def people(client, org, **args) -> str:
    response = client.get(f"/organisations/{org.slug}/people", query_string=args)
    assert response.status_code == 200
    return response.text


def names_in(page: str, names) -> list[str]:
    return sorted((n for n in names if n in page), key=page.index)


# The list ------------------------------------------------------------------------------------


def test_search_finds_by_name_or_email_and_filters_by_role(client, make, org, staff):
    make.user(Role.LEARNER, org, name="Ann Jansen", email="ann@example.org")
    make.user(Role.MENTOR, org, name="Bob de Vries", email="bob@mail.example")
    names = ("Ann Jansen", "Bob de Vries", "Sam Staff")
    assert names_in(people(client, org, q="jans"), names) == ["Ann Jansen"]
    assert names_in(people(client, org, q="MAIL.EXAMPLE"), names) == ["Bob de Vries"]
    assert names_in(people(client, org, role="staff"), names) == ["Sam Staff"]


def seen(person, when) -> None:
    db.session.execute(
        db.update(Membership).where(Membership.user_id == person.id).values(last_seen_at=when)
    )
    db.session.commit()


def test_sorting_by_name_joined_and_last_activity(client, make, org, staff):
    old = make.user(Role.LEARNER, org, name="Zoe Old")
    make.user(Role.LEARNER, org, name="Al New")
    db.session.execute(
        db.update(Membership)
        .where(Membership.user_id == old.id)
        .values(created_at=utcnow() - timedelta(days=90))
    )
    seen(old, utcnow())
    names = ("Al New", "Zoe Old")
    assert names_in(people(client, org, sort="name"), names) == ["Al New", "Zoe Old"]
    assert names_in(people(client, org, sort="joined"), names) == ["Al New", "Zoe Old"]
    assert names_in(people(client, org, sort="activity"), names) == ["Zoe Old", "Al New"]


def test_no_activity_for_30_days_and_deactivated_filters(client, make, org, staff):
    quiet = make.user(Role.LEARNER, org, name="Quiet Quinn")
    busy = make.user(Role.LEARNER, org, name="Busy Bea")
    gone = make.user(Role.LEARNER, org, name="Gone Gus")
    make.user(Role.LEARNER, org, name="Never Nina")
    seen(busy, utcnow())
    seen(quiet, utcnow() - timedelta(days=40))
    for m in gone.memberships:
        m.deactivated_at = utcnow()
    db.session.commit()
    names = ("Quiet Quinn", "Busy Bea", "Gone Gus", "Never Nina")
    assert names_in(people(client, org, state="quiet"), names) == ["Never Nina", "Quiet Quinn"]
    assert names_in(people(client, org, state="deactivated"), names) == ["Gone Gus"]
    assert names_in(people(client, org, state="active", q="b"), names) == ["Busy Bea"]


def test_a_change_counts_as_activity_written_at_most_once_an_hour(client, auth, make, org):
    ann = make.user(Role.LEARNER, org)
    auth.login(ann)
    client.get("/courses/")  # reading alone is not a change
    assert ann.memberships[0].last_seen_at is None
    client.post("/courses/test-course/first-module/first-steps")
    first = db.session.get(Membership, ann.memberships[0].id).last_seen_at
    client.post("/courses/test-course/first-module/second-steps")
    assert first is not None
    assert db.session.get(Membership, ann.memberships[0].id).last_seen_at == first


def test_fifty_a_page_with_a_link_to_the_next(client, make, org, staff):
    for n in range(55):
        make.user(Role.LEARNER, org, name=f"Learner {n:02d}")
    first = people(client, org, role="learner")
    assert "Learner 49" in first and "Learner 50" not in first and "Page 1 of 2" in first
    second = people(client, org, role="learner", page=2)
    assert "Learner 50" in second and "Learner 49" not in second


def test_nonsense_in_the_query_string_shows_the_default_list(client, org, staff):
    page = people(client, org, page="x", sort="drop table", state="??", role="king", q="%_\\")
    assert "0 found." in page


def _bulk_members(org, count: int) -> None:
    """Members written in bulk: the statement count must not depend on how many there are."""
    start = db.session.scalar(db.select(db.func.count()).select_from(User))
    users = [
        {"email": f"bulk{start + n}@example.org", "name": f"Bulk {n}", "password_hash": "x"}
        for n in range(count)
    ]
    db.session.execute(db.insert(User), users)
    ids = db.session.scalars(
        db.select(User.id).where(User.email.like("bulk%")).order_by(User.id)
    ).all()
    have = set(db.session.scalars(db.select(Membership.user_id).filter_by(organisation_id=org.id)))
    db.session.execute(
        db.insert(Membership),
        [
            {"user_id": i, "organisation_id": org.id, "role": "learner", "created_at": utcnow()}
            for i in ids
            if i not in have
        ],
    )
    db.session.execute(
        db.insert(SectionRead),
        [
            {"user_id": i, "course": "test-course", "module": "first-module", "section": "s"}
            for i in ids
            if i not in have
        ],
    )
    db.session.commit()


@pytest.mark.parametrize("path", ["/people", "/learners"])
def test_statements_per_page_do_not_grow_with_members(client, org, staff, count_statements, path):
    counts = []
    for total in (10, 100, 1000):
        _bulk_members(org, total - _members(org))
        with count_statements() as counter:
            assert client.get(f"/organisations/{org.slug}{path}").status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1] == counts[2]


def _members(org) -> int:
    return db.session.scalar(
        db.select(db.func.count(db.distinct(Membership.user_id))).filter_by(organisation_id=org.id)
    )


# Roles and deactivation -----------------------------------------------------------------------


def member_url(org, person, tail=""):
    return f"/organisations/{org.slug}/people/{person.id}{tail}"


def roles_of(person, org) -> list[str]:
    return sorted(
        db.session.scalars(
            db.select(Membership.role).filter_by(user_id=person.id, organisation_id=org.id)
        )
    )


def test_staff_add_and_remove_a_role(client, make, org, staff):
    ann = make.user(Role.LEARNER, org)
    client.post(member_url(org, ann, "/roles"), data={"role": "mentor"})
    assert roles_of(ann, org) == ["learner", "mentor"]
    client.post(member_url(org, ann, "/roles/learner/remove"))
    assert roles_of(ann, org) == ["mentor"]


def test_the_only_role_cannot_be_removed(client, make, org, staff):
    ann = make.user(Role.LEARNER, org)
    page = client.post(member_url(org, ann, "/roles/learner/remove"), follow_redirects=True).text
    assert "only role here" in page and roles_of(ann, org) == ["learner"]


def test_the_last_staff_member_cannot_be_removed_or_deactivated(client, make, org, staff):
    client.post(member_url(org, staff, "/roles"), data={"role": "learner"})
    for tail in ("/roles/staff/remove", "/deactivate"):
        page = client.post(member_url(org, staff, tail), follow_redirects=True).text
        assert "This is the last staff member of the organisation." in page
    assert roles_of(staff, org) == ["learner", "staff"]
    assert all(m.deactivated_at is None for m in staff.memberships)


def test_with_a_second_staff_member_one_may_step_down(client, make, org, staff):
    make.user(Role.STAFF, org)
    client.post(member_url(org, staff, "/roles"), data={"role": "mentor"})
    client.post(member_url(org, staff, "/roles/staff/remove"))
    assert roles_of(staff, org) == ["mentor"]


def test_a_member_of_another_organisation_is_not_found(client, make, org, staff):
    stranger = make.user(Role.LEARNER)
    assert client.get(member_url(org, stranger)).status_code == 404
    assert client.post(member_url(org, stranger, "/deactivate")).status_code == 404
    assert all(m.deactivated_at is None for m in stranger.memberships)


def test_deactivation_shuts_the_door_keeps_the_data_and_ends_the_pair(
    client, auth, make, org, staff, mailbox
):
    mentor = make.user(Role.MENTOR, org, email="mentor@example.org")
    ann = make.user(Role.LEARNER, org)
    pair = make.pair(mentor, ann, org)
    entry = make_entry(ann, text="My secret plan")
    db.session.commit()
    page = client.post(member_url(org, ann, "/deactivate"), follow_redirects=True).text
    assert "Everything this person made is kept" in page
    pair = db.session.get(Mentorship, pair.id)
    assert (pair.state, pair.end_reason) == (PairState.ENDED.value, MEMBER_DEACTIVATED)
    assert {m["To"] for m in mailbox.messages} == {"mentor@example.org"}  # and its evaluation
    assert "has ended" in mailbox.last_body()
    assert db.session.get(Entry, entry.id).text == "My secret plan"
    auth.login(ann)
    assert client.get(f"/organisations/{org.slug}/people").status_code == 403
    assert client.get("/logbook/").status_code in (403, 404)
    assert "You are not part of an organisation" in client.get("/dashboard").text


def test_the_mentor_sees_why_the_pair_ended(client, auth, make, org, staff):
    mentor = make.user(Role.MENTOR, org)
    ann = make.user(Role.LEARNER, org)
    pair = make.pair(mentor, ann, org)
    client.post(member_url(org, ann, "/deactivate"))
    auth.login(mentor)
    assert "Reason: member deactivated." in client.get(f"/mentoring/pairs/{pair.id}").text


def test_reactivation_opens_the_door_again(client, auth, make, org, staff):
    ann = make.user(Role.LEARNER, org)
    client.post(member_url(org, ann, "/deactivate"))
    client.post(member_url(org, ann, "/reactivate"))
    auth.login(ann)
    assert client.get("/logbook/").status_code == 200


# Invitations ---------------------------------------------------------------------------------


def invite(client, org, email="new@example.org"):
    client.post(f"/organisations/{org.slug}/people", data={"email": email, "role": "learner"})
    return db.session.scalar(db.select(Invitation).filter_by(email=email))


def test_invitations_show_when_they_expire(client, org, staff, mailbox):
    invitation = invite(client, org)
    page = people(client, org, state="invited")
    assert "new@example.org" in page
    from flask_babel import format_date

    assert format_date(invitation.expires_at) in page
    assert mailbox.messages[0]["To"] == "new@example.org"


def test_resending_mails_a_new_link_and_the_old_one_stops_working(client, org, staff, mailbox):
    invitation = invite(client, org)
    old_link = mailbox.last_body().split("/join/")[1].split()[0]
    invitation.expires_at = utcnow() - timedelta(days=1)
    db.session.commit()
    client.post(f"/organisations/{org.slug}/invitations/{invitation.id}/resend")
    assert len(mailbox.messages) == 2
    assert db.session.get(Invitation, invitation.id).expires_at > utcnow()
    new_link = mailbox.last_body().split("/join/")[1].split()[0]
    assert new_link != old_link


def test_a_revoked_invitation_link_no_longer_works(client, auth, org, staff, mailbox):
    invitation_id = invite(client, org).id
    token = mailbox.last_body().split("/join/")[1].split()[0]
    client.post(f"/organisations/{org.slug}/invitations/{invitation_id}/revoke")
    assert db.session.get(Invitation, invitation_id) is None
    auth.logout()
    assert "not valid" in client.get(f"/join/{token}").text


# Learners at a glance ------------------------------------------------------------------------


def test_learners_show_counts_and_the_mentor_never_the_text(client, make, org, staff):
    mentor = make.user(Role.MENTOR, org, name="Mo Mentor")
    ann = make.user(Role.LEARNER, org, name="Ann Learner")
    make.pair(mentor, ann, org)
    for section in ("first-steps", "second-steps"):
        db.session.add(
            SectionRead(
                user_id=ann.id, course="test-course", module="first-module", section=section
            )
        )
    db.session.add(
        SelfAssessment(
            user_id=ann.id,
            course="test-course",
            module="first-module",
            attempts=2,
            best_score=9,
            passed_at=utcnow(),
        )
    )
    db.session.commit()
    make_entry(ann, text="My secret plan")
    page = client.get(f"/organisations/{org.slug}/learners").text
    assert "Ann Learner" in page and "Mo Mentor" in page
    assert "<td>2</td>" in page  # sections read
    one = client.get(f"/organisations/{org.slug}/learners/{ann.id}").text
    assert "Passed on" in one and "best score 9" in one
    assert "My secret plan" not in page + one


def test_the_learner_export_has_one_row_per_learner(client, make, org, staff):
    make.user(Role.LEARNER, org, name="Ann Learner", email="ann@example.org")
    make.user(Role.MENTOR, org, name="Mo Mentor")
    text = client.get(f"/organisations/{org.slug}/learners.csv").data.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert len(lines) == 2 and lines[1].startswith("Ann Learner,ann@example.org,")


def test_a_mentor_has_no_learner_page(client, make, org, staff):
    mentor = make.user(Role.MENTOR, org)
    assert client.get(f"/organisations/{org.slug}/learners/{mentor.id}").status_code == 404


def test_a_deactivated_member_is_not_matched_again(client, make, org, staff):
    from mentoring import services as mentoring

    ann = make.user(Role.LEARNER, org)
    client.post(member_url(org, ann, "/deactivate"))
    assert ann.id not in {u.id for u in mentoring.members(org, Role.LEARNER)}


def test_signing_in_counts_as_activity(client, make, org):
    from tests.factories import PASSWORD

    ann = make.user(Role.LEARNER, org, name="Ann Active", email="ann.active@example.org")
    client.post("/login", data={"email": ann.email, "password": PASSWORD})
    assert db.session.get(Membership, ann.memberships[0].id).last_seen_at is not None


@pytest.mark.parametrize("action", ["/roles/learner/remove", "/deactivate"])
def test_removing_a_role_or_deactivating_ends_the_persons_sessions(
    app, client, make, org, staff, action
):
    ann = make.user(Role.LEARNER, org)
    client.post(member_url(org, ann, "/roles"), data={"role": "mentor"})
    hers = app.test_client()
    with hers.session_transaction() as session:
        session["_user_id"], session["_fresh"] = db.session.get(User, ann.id).get_id(), True
    assert hers.get("/dashboard").status_code == 200
    client.post(member_url(org, ann, action))
    assert "/login" in hers.get("/dashboard").headers["Location"]
