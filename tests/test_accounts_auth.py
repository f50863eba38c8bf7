"""Signing in and out, joining by invitation or code, and password resets."""

from datetime import timedelta

import pytest

from accounts import invitations, services
from accounts.models import Invitation, Role, User, find_user_by_email
from extensions import db, utcnow
from tests.accounts_helpers import emailed_link, join_with_code, path_of
from tests.factories import PASSWORD


def count(model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def test_sign_in_with_any_capitals_lands_on_dashboard(client, make):
    make.user(email="anna@example.org", name="Anna")
    response = client.post(
        "/login", data={"email": "  Anna@Example.ORG ", "password": PASSWORD}, follow_redirects=True
    )
    assert "Hello, Anna" in response.get_data(as_text=True)


def test_wrong_password_is_explained_and_email_kept(client, make):
    make.user(email="anna@example.org")
    response = client.post("/login", data={"email": "anna@example.org", "password": "nope"})
    page = response.get_data(as_text=True)
    assert "The email address or password is not right" in page
    assert 'value="anna@example.org"' in page
    assert 'value="nope"' not in page


def test_wrong_password_in_dutch(client, make):
    make.user(email="anna@example.org")
    response = client.post(
        "/login",
        data={"email": "anna@example.org", "password": "nope"},
        headers={"Accept-Language": "nl"},
    )
    assert "Het e-mailadres of wachtwoord klopt niet" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "target, lands",
    [
        ("/account/profile", "/account/profile"),
        ("https://evil.example/steal", "/dashboard"),
        ("//evil.example", "/dashboard"),
        ("/\\evil.example", "/dashboard"),
        ("javascript:alert(1)", "/dashboard"),
    ],
)
def test_sign_in_redirects_only_to_local_paths(client, make, target, lands):
    make.user(email="anna@example.org")
    response = client.post(
        "/login", data={"email": "anna@example.org", "password": PASSWORD, "next": target}
    )
    assert response.headers["Location"].endswith(lands)
    assert "evil" not in response.headers["Location"]


def test_sign_out_is_a_post_and_ends_the_session(client, auth, make):
    auth.login(make.user())
    assert client.get("/logout").status_code == 405
    client.post("/logout")
    assert "/login" in client.get("/dashboard").headers["Location"]


def test_invitation_sets_name_and_password_and_lands_on_dashboard(client, make, mailbox):
    organisation = make.organisation("Job agency West")
    staff = make.user(Role.STAFF, organisation)
    client.application  # noqa: B018
    with client.session_transaction() as session:
        session["_user_id"] = staff.get_id()
    client.post(
        f"/organisations/{organisation.slug}/people",
        data={"email": "New@Example.org", "role": "mentor"},
    )
    link = emailed_link(mailbox, "/join/")
    client.post("/logout")
    response = client.post(
        path_of(link),
        data={"name": "Nina", "password": "long enough", "confirm": "long enough"},
        follow_redirects=True,
    )
    assert "Hello, Nina" in response.get_data(as_text=True)
    user = find_user_by_email("new@example.org")
    assert user.roles_in(organisation.id) == {Role.MENTOR}


def _invite(make, email="new@example.org", **changes):
    organisation = make.organisation()
    staff = make.user(Role.STAFF, organisation)
    created = invitations.create_invitation(staff, organisation, email, Role.LEARNER)
    for key, value in changes.items():
        setattr(created.invitation, key, value)
    db.session.commit()
    return created


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"expires_at": utcnow() - timedelta(minutes=1)}, "This invitation has expired"),
        ({"accepted_at": utcnow()}, "This invitation has already been used"),
    ],
)
def test_expired_or_used_invitation_is_explained_and_creates_nothing(
    client, make, changes, message
):
    created = _invite(make, **changes)
    users_before = count(User)
    response = client.post(
        f"/join/{created.token}",
        data={"name": "Nina", "password": "long enough", "confirm": "long enough"},
    )
    assert response.status_code == 410
    assert message in response.get_data(as_text=True)
    assert count(User) == users_before


def test_overlong_name_keeps_what_was_typed_and_creates_nothing(client, make):
    created = _invite(make)
    long_name = "Anna " * 20
    response = client.post(
        f"/join/{created.token}",
        data={"name": long_name, "password": "long enough", "confirm": "long enough"},
        headers={"Accept-Language": "nl"},
    )
    page = response.get_data(as_text=True)
    assert "Je naam mag hoogstens 80 tekens lang zijn." in page
    assert long_name.strip() in page
    assert "long enough" not in page
    assert find_user_by_email("new@example.org") is None
    assert db.session.get(Invitation, created.invitation.id).accepted_at is None


def test_join_code_creates_an_unconfirmed_learner(client, make):
    organisation = make.organisation(join_code="WEST-2026")
    join_with_code(client, "west-2026", "piet@example.org")
    user = find_user_by_email("piet@example.org")
    assert user.roles_in(organisation.id) == {Role.LEARNER}
    assert not user.is_confirmed


def test_unknown_join_code_is_explained(client, make):
    response = client.post(
        "/join",
        data={
            "code": "NOPE",
            "name": "Piet",
            "email": "piet@example.org",
            "password": "long enough",
            "confirm": "long enough",
        },
    )
    assert "We do not know this join code" in response.get_data(as_text=True)


def test_password_reset_by_emailed_link_works_once(client, make, mailbox):
    user = make.user(email="anna@example.org")
    client.post("/reset", data={"email": "ANNA@example.org"})
    path = path_of(emailed_link(mailbox, "/reset/"))
    client.post(path, data={"password": "brand new pass", "confirm": "brand new pass"})
    assert db.session.get(User, user.id).check_password("brand new pass")
    client.post("/logout")
    response = client.get(path, follow_redirects=True)
    assert "This reset link has already been used" in response.get_data(as_text=True)


def test_reset_for_unknown_address_sends_nothing_and_says_the_same(client, mailbox):
    response = client.post("/reset", data={"email": "nobody@example.org"}, follow_redirects=True)
    assert "If there is an account for that address" in response.get_data(as_text=True)
    assert mailbox.messages == []


def test_expired_reset_link_is_explained(app, client, make):
    user = make.user()
    token = services.reset_token(user)
    app.config["RESET_HOURS"] = -1
    response = client.get(f"/reset/{token}", follow_redirects=True)
    assert "This reset link has expired" in response.get_data(as_text=True)


def test_change_password_needs_the_current_one(client, auth, make):
    user = make.user()
    auth.login(user)
    response = client.post(
        "/account/password",
        data={"current_password": "wrong", "password": "new password", "confirm": "new password"},
    )
    assert "Your current password is not right" in response.get_data(as_text=True)
    assert db.session.get(User, user.id).check_password(PASSWORD)
