"""The console's people and audit log: find anyone, send a reset link, switch an account off (its
sessions end, its data stays) and on again; every action is in the audit log, newest first."""

import pytest

from accounts import organisations
from accounts.models import AuditEntry, Membership, Role, User
from extensions import db
from tests.factories import PASSWORD


@pytest.fixture
def admin(make, auth):
    admin = make.user(None, is_admin=True, name="Ada Admin")
    auth.login(admin)
    return admin


def signed_in_as(app, user):
    other = app.test_client()
    with other.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
    return other


def test_find_a_person_by_part_of_name_or_email_across_organisations(client, admin, make):
    west, east = make.organisation("West"), make.organisation("East")
    anna = make.user(Role.LEARNER, west, name="Anna de Boer", email="anna@west.example")
    db.session.add(Membership(user=anna, organisation=east, role=Role.MENTOR.value))
    make.user(Role.LEARNER, east, name="Bram", email="bram@east.example")
    page = client.get("/admin/people?q=BOER").text
    assert "Anna de Boer" in page and "Bram" not in page
    assert "West: learner" in page and "East: mentor" in page
    page = client.get("/admin/people?q=east.example").text
    assert "Bram" in page and "Anna de Boer" not in page


def test_a_percent_sign_is_searched_as_itself(client, admin, make):
    make.user(Role.LEARNER, name="Anna")
    page = client.get("/admin/people?q=%25").text
    assert "Nobody matches that name or email address." in page


def test_a_person_page_shows_their_memberships(client, admin, make):
    organisation = make.organisation("Job agency West")
    anna = make.user(Role.MENTOR, organisation, name="Anna")
    page = client.get(f"/admin/people/{anna.id}").text
    assert "Job agency West" in page and "mentor" in page
    assert client.get("/admin/people/99999999999999999999").status_code == 404


def test_the_admin_sends_the_reset_email_and_its_link_works(app, client, admin, make, mailbox):
    app.config["PUBLIC_URL"] = "https://herstart.example.org"
    anna = make.user(Role.LEARNER, email="anna@example.org", language="nl")
    response = client.post(f"/admin/people/{anna.id}/reset", follow_redirects=True)
    assert "We are emailing anna@example.org" in response.text
    message = mailbox.messages[-1]
    assert message["To"] == "anna@example.org"
    assert message["Subject"] != "Choose a new password for Herstart"  # in Anna's Dutch
    link = mailbox.last_body().split("https://herstart.example.org")[1].split()[0]
    client.post("/logout")
    assert "Type the password again" in client.get(link).text


def test_a_switched_off_account_is_signed_out_and_cannot_sign_in_but_keeps_its_data(
    app, client, admin, make
):
    organisation = make.organisation()
    anna = make.user(Role.LEARNER, organisation, email="anna@example.org")
    hers = signed_in_as(app, anna)
    assert hers.get("/dashboard").status_code == 200

    client.post(f"/admin/people/{anna.id}/deactivate")
    assert "/login" in hers.get("/dashboard").headers["Location"]
    refused = app.test_client().post(
        "/login", data={"email": "anna@example.org", "password": PASSWORD}
    )
    assert "This account is switched off" in refused.text
    anna = db.session.get(User, anna.id)
    assert anna.has_role(organisation.id, Role.LEARNER) and anna.deactivated_at is not None

    client.post(f"/admin/people/{anna.id}/reactivate")
    back = app.test_client().post(
        "/login", data={"email": "anna@example.org", "password": PASSWORD}
    )
    assert back.headers["Location"].endswith("/dashboard")


def test_switching_off_twice_says_so(client, admin, make):
    anna = make.user(Role.LEARNER)
    client.post(f"/admin/people/{anna.id}/deactivate")
    page = client.post(f"/admin/people/{anna.id}/deactivate", follow_redirects=True).text
    assert "This account is already switched off." in page


def test_the_audit_log_shows_each_action_newest_first_with_who(client, admin, make, mailbox):
    organisation = make.organisation("Job agency West")
    anna = make.user(Role.LEARNER, organisation, name="Anna")
    client.post(f"/admin/organisations/{organisation.slug}/invite", data={"email": "c@example.org"})
    client.post(f"/admin/people/{anna.id}/reset")
    client.post(f"/admin/people/{anna.id}/deactivate")
    page = client.get("/admin/audit").text
    order = [
        page.index(text)
        for text in (
            "switched the account off",
            "sent a link to choose a new password",
            "invited a staff member",
        )
    ]
    assert order == sorted(order) and "Ada Admin" in page and "(c@example.org)" in page
    assert db.session.scalar(db.select(db.func.count(AuditEntry.id))) == 3


def test_a_command_without_an_administrator_is_shown_as_such(client, admin, make):
    organisations.archive_organisation(None, make.organisation())
    assert "a command on the server" in client.get("/admin/audit").text


@pytest.mark.parametrize("url", ["/admin/people?q=person", "/admin/people", "/admin/audit"])
def test_people_and_audit_pages_take_as_many_statements_for_10_as_for_100(
    client, admin, make, count_statements, url
):
    def grow(n):
        for _ in range(n):
            person = make.user(Role.LEARNER, make.organisation())
            organisations.deactivate_account(admin, person)
        db.session.commit()

    def statements() -> int:
        with count_statements() as counter:
            assert client.get(url).status_code == 200
        return counter.count

    grow(10)
    few = statements()
    grow(90)
    assert statements() == few


def test_a_switched_off_accounts_remember_cookie_is_refused_too(app, client, admin, make):
    make.user(Role.LEARNER, email="anna@example.org")
    hers = app.test_client()
    hers.post("/login", data={"email": "anna@example.org", "password": PASSWORD, "remember": "y"})
    cookie = hers.get_cookie("remember_token", domain="herstart.test")
    copy = app.test_client()
    copy.set_cookie("remember_token", cookie.value, domain=cookie.domain)
    assert copy.get("/dashboard").status_code == 200

    anna = db.session.scalar(db.select(User).filter_by(email="anna@example.org"))
    client.post(f"/admin/people/{anna.id}/deactivate")
    again = app.test_client()
    again.set_cookie("remember_token", cookie.value, domain=cookie.domain)
    assert "/login" in again.get("/dashboard").headers["Location"]
