"""The console's organisation pages: list, create, change, invite the first staff member,
archive and restore, as a platform admin would use them; and what members of an archived
organisation see."""

from datetime import timedelta

import pytest

from accounts import organisations
from accounts.models import (
    AuditEntry,
    Invitation,
    Membership,
    Organisation,
    Role,
    find_user_by_email,
)
from extensions import db, utcnow
from modules.models import HiddenCourse, SectionRead
from tests.factories import PASSWORD


def count(model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


@pytest.fixture
def admin(make, auth):
    admin = make.user(None, is_admin=True, name="Ada Admin")
    auth.login(admin)
    return admin


NEW = {
    "name": "Job agency West",
    "slug": "job-agency-west",
    "language": "nl",
    "join_code": "y",
    "courses": ["test-course"],
}


def test_an_admin_creates_an_organisation_with_its_courses(client, admin):
    response = client.post("/admin/organisations/new", data=NEW)
    assert response.headers["Location"].endswith("/admin/organisations/job-agency-west")
    organisation = db.session.scalar(db.select(Organisation).filter_by(slug="job-agency-west"))
    assert (organisation.name, organisation.default_language) == ("Job agency West", "nl")
    assert organisation.join_code is not None and count(HiddenCourse) == 0
    page = client.get("/admin/organisations/job-agency-west").text
    assert "Invite a staff member" in page and organisation.join_code in page


def test_no_course_ticked_hides_every_course(client, admin):
    client.post("/admin/organisations/new", data={**NEW, "courses": []})
    assert db.session.scalars(db.select(HiddenCourse.course)).all() == ["test-course"]


def test_mistakes_are_summarised_and_what_was_typed_is_kept(client, admin):
    response = client.post(
        "/admin/organisations/new", data={**NEW, "name": "", "slug": "Job Agency!"}
    )
    page = response.text
    assert response.status_code == 200 and "There is a problem" in page
    assert "Enter the name of the organisation." in page
    assert "Use only small letters, digits and hyphens" in page
    assert 'value="Job Agency!"' in page and count(Organisation) == 0


def test_a_taken_short_name_is_said_on_its_field(client, admin, make):
    make.organisation(slug="job-agency-west")
    page = client.post("/admin/organisations/new", data=NEW).text
    assert "Another organisation already has this short name" in page
    assert 'value="Job agency West"' in page and count(Organisation) == 1


def test_control_characters_are_refused_not_a_500(client, admin):
    response = client.post("/admin/organisations/new", data={**NEW, "name": "West\x1b\nEast"})
    assert response.status_code == 200 and "Write this on one line" in response.text


def test_an_admin_changes_name_language_join_code_and_courses(client, admin, make):
    organisation = make.organisation("Old name", join_code="OLD-CODE")
    response = client.post(
        f"/admin/organisations/{organisation.slug}",
        data={"name": "New name", "language": "en", "confirmed": "yes"},
    )
    assert response.status_code == 302
    organisation = db.session.get(Organisation, organisation.id)
    assert (organisation.name, organisation.join_code) == ("New name", None)
    assert db.session.scalars(db.select(HiddenCourse.course)).all() == ["test-course"]


def test_the_first_staff_member_is_invited_and_comes_in(app, client, admin, make, mailbox):
    app.config["PUBLIC_URL"] = "https://herstart.example.org"
    organisation = make.organisation("Job agency West", default_language="nl")
    page = client.post(
        f"/admin/organisations/{organisation.slug}/invite", data={"email": "Coord@Example.org"}
    ).text
    assert "Invitation sent to coord@example.org" in page
    message = mailbox.messages[-1]
    assert message["To"] == "coord@example.org"
    assert "Job agency West" in message["Subject"]
    body = mailbox.last_body()
    assert "Ada Admin" in body and "https://herstart.example.org/join/" in body
    token = body.split("https://herstart.example.org/join/")[1].split()[0]

    client.post("/logout")
    client.post(
        f"/join/{token}",
        data={"name": "Carla Coord", "password": "long enough", "confirm": "long enough"},
    )
    staff = find_user_by_email("coord@example.org")
    assert staff.has_role(organisation.id, Role.STAFF)
    assert client.get(f"/organisations/{organisation.slug}/people").status_code == 200


def test_an_invitation_that_cannot_be_made_is_said_on_the_email_field(client, admin, make):
    organisation = make.organisation()
    make.user(Role.STAFF, organisation, email="coord@example.org")
    page = client.post(
        f"/admin/organisations/{organisation.slug}/invite", data={"email": "coord@example.org"}
    ).text
    assert "This person already has that role here." in page
    assert 'value="coord@example.org"' in page and count(Invitation) == 0


def test_the_list_counts_members_per_role_and_learners_active_lately(client, admin, make):
    organisation = make.organisation("Job agency West")
    active, idle = make.user(Role.LEARNER, organisation), make.user(Role.LEARNER, organisation)
    make.user(Role.MENTOR, organisation)
    make.user(Role.STAFF, organisation)
    for learner, days in ((active, 2), (active, 3), (idle, 45)):
        db.session.add(
            SectionRead(
                user_id=learner.id,
                course="test-course",
                module=f"m{days}",
                section="s",
                read_at=utcnow() - timedelta(days=days),
            )
        )
    db.session.commit()
    page = client.get("/admin/").text
    row = page.split("Job agency West")[1].split("</tr>")[0]
    cells = [c.split("</td>")[0] for c in row.split("<td>")[1:]]
    assert cells[:4] == ["2", "1", "1", "1"]


def test_the_organisation_list_takes_as_many_statements_for_10_as_for_100(
    client, admin, make, count_statements
):
    def statements() -> int:
        with count_statements() as counter:
            assert client.get("/admin/").status_code == 200
        return counter.count

    for _ in range(10):
        make.user(Role.LEARNER, make.organisation())
    few = statements()
    for _ in range(90):
        make.user(Role.LEARNER, make.organisation())
    assert statements() == few
    page = client.get("/admin/?page=2").text
    assert "Page 2 of 2" in page
    assert client.get("/admin/?page=99999999999999999999").status_code == 200


@pytest.fixture
def archived(make):
    organisation = make.organisation("Closed agency", join_code="CLOSED-CODE")
    people = {
        "staff": make.user(Role.STAFF, organisation, email="staff@example.org"),
        "learner": make.user(Role.LEARNER, organisation, email="learner@example.org"),
    }
    organisations.archive_organisation(None, organisation)
    db.session.commit()
    return organisation, people


def test_members_of_an_archived_organisation_see_a_clear_page(client, archived):
    organisation, people = archived
    response = client.post(
        "/login", data={"email": "learner@example.org", "password": PASSWORD}, follow_redirects=True
    )
    assert "Closed agency has stopped its programme on Herstart for now" in response.text
    assert "Nothing is lost" in response.text
    client.post("/logout")
    client.post("/login", data={"email": "staff@example.org", "password": PASSWORD})
    for url in (
        f"/organisations/{organisation.slug}/people",
        f"/logbook/staff/{organisation.slug}/",
    ):
        response = client.get(url)
        assert response.status_code == 403 and "closed on Herstart" in response.text, url


def test_an_archived_organisation_refuses_its_join_code_and_keeps_everyone(client, archived):
    organisation, people = archived
    response = client.post(
        "/join",
        data={
            "code": "CLOSED-CODE",
            "name": "New",
            "email": "new@example.org",
            "password": "long enough",
            "confirm": "long enough",
        },
    )
    assert "We do not know this join code" in response.text
    assert people["learner"].has_role(organisation.id, Role.LEARNER)


def test_archive_and_restore_from_the_console(client, admin, make):
    organisation = make.organisation("Job agency West")
    staff = make.user(Role.STAFF, organisation)
    client.post(f"/admin/organisations/{organisation.slug}/archive")
    assert "Job agency West is archived" in client.get("/admin/").text
    assert db.session.get(Organisation, organisation.id).is_archived
    client.post(f"/admin/organisations/{organisation.slug}/restore")
    assert not db.session.get(Organisation, organisation.id).is_archived
    assert [e.action for e in db.session.scalars(db.select(AuditEntry))] == [
        "organisation_archived",
        "organisation_restored",
    ]
    assert staff.has_role(organisation.id, Role.STAFF)


def test_the_admin_finds_the_console_on_the_dashboard(client, admin):
    page = client.get("/dashboard").text
    assert "Platform console" in page and 'href="/admin/"' in page
    assert "You are not part of an organisation yet" not in page


@pytest.mark.parametrize("slug", ["%00", "no-such-organisation", "a" * 300])
def test_an_unknown_or_impossible_short_name_is_not_found(client, admin, slug):
    assert client.get(f"/admin/organisations/{slug}").status_code == 404


def test_a_member_of_two_works_in_the_open_one_and_cannot_switch_to_the_archived(
    client, auth, archived, make
):
    organisation, people = archived
    open_one = make.organisation("Open agency")
    learner = people["learner"]
    db.session.add(Membership(user=learner, organisation=open_one, role=Role.LEARNER.value))
    db.session.commit()
    auth.login(learner)
    assert "You are at Open agency as learner." in client.get("/dashboard").text
    response = client.post("/account/organisation", data={"organisation_id": organisation.id})
    assert response.status_code == 403 and "Closed agency has stopped" in response.text


def test_unticking_a_course_asks_first_and_says_how_many_learners_have_progress(
    client, admin, make
):
    organisation = make.organisation("West")
    learner = make.user(Role.LEARNER, organisation)
    db.session.add(
        SectionRead(user_id=learner.id, course="test-course", module="first-module", section="a")
    )
    data = {"name": "West", "language": "en"}
    page = client.post(f"/admin/organisations/{organisation.slug}", data=data).text
    assert "Stop offering a course?" in page and "1 learners have progress in it" in page
    assert db.session.scalars(db.select(HiddenCourse.course)).all() == []
    client.post(f"/admin/organisations/{organisation.slug}", data={**data, "confirmed": "yes"})
    assert db.session.scalars(db.select(HiddenCourse.course)).all() == ["test-course"]


def test_the_confirmation_sends_back_everything_the_admin_chose(client, admin, make):
    organisation = make.organisation("West")
    data = {"name": "West side", "language": "nl", "join_code": "y"}
    page = client.post(f"/admin/organisations/{organisation.slug}", data=data).text
    assert 'name="name" value="West side"' in page and 'name="join_code" value="y"' in page
    assert "Stop offering a course?" in page
