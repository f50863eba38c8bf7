"""Sessions that end: every session and remember cookie carries the person's session token, which
changes on sign-out, a new password, a reset and "Sign out everywhere"."""

from datetime import datetime, timedelta

import pytest

from accounts import services
from accounts.models import User
from extensions import db, utcnow
from tests.accounts_helpers import (
    client_with_cookie,
    cookie,
    emailed_link,
    path_of,
    reaches_dashboard,
    sign_in,
)
from tests.factories import PASSWORD

NEW_PASSWORD = "a brand new password"


def _sign_out(app, client, user, mailbox):
    client.post("/logout")


def _change_password(app, client, user, mailbox):
    response = client.post(
        "/account/password",
        data={"current_password": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert reaches_dashboard(client), "the person who changed it stays signed in"


def _sign_out_everywhere(app, client, user, mailbox):
    response = client.post("/account/sign-out-everywhere", follow_redirects=True)
    assert "You are signed out on every other computer and phone." in response.get_data(
        as_text=True
    )
    assert reaches_dashboard(client), "the person who pressed it stays signed in here"


def _reset_elsewhere(app, client, user, mailbox):
    other = app.test_client()
    other.post("/reset", data={"email": user.email})
    path = path_of(emailed_link(mailbox, "/reset/"))
    other.post(path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert reaches_dashboard(other)


ENDINGS = {
    "sign out": _sign_out,
    "change password": _change_password,
    "sign out everywhere": _sign_out_everywhere,
    "password reset": _reset_elsewhere,
}


@pytest.mark.parametrize("ending", ENDINGS.values(), ids=ENDINGS.keys())
@pytest.mark.parametrize("copied", ["session", "remember_token"])
def test_copies_of_earlier_cookies_are_refused_afterwards(
    app, client, make, mailbox, ending, copied
):
    user = make.user(email="anna@example.org")
    sign_in(client, "anna@example.org", remember="y")
    copy = cookie(client, copied)
    assert copy and reaches_dashboard(client_with_cookie(app, copied, copy))

    ending(app, client, user, mailbox)

    assert not reaches_dashboard(client_with_cookie(app, copied, copy))


def test_signing_in_starts_a_new_session(client, make):
    make.user(email="anna@example.org")
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
    sign_in(client, "anna@example.org")
    with client.session_transaction() as session:
        assert "planted" not in session


def test_the_sign_in_form_asks_and_remembers_only_when_ticked(app, client, make):
    app.config["REMEMBER_DAYS"] = 3
    make.user(email="anna@example.org")
    page = client.get("/login").get_data(as_text=True)
    assert "Is this your own computer?" in page
    assert "checked" not in page.split('name="remember"')[1].split(">")[0]

    sign_in(client, "anna@example.org")
    assert cookie(client, "remember_token") is None

    client.post("/logout")
    response = sign_in(client, "anna@example.org", remember="y")
    header = next(h for h in response.headers.getlist("Set-Cookie") if "remember_token=" in h)
    expires = header.split("Expires=")[1].split(";")[0]
    lasts = datetime.strptime(expires, "%a, %d %b %Y %H:%M:%S GMT") - utcnow()
    assert timedelta(days=2, hours=23) < lasts <= timedelta(days=3)


def test_profile_has_a_sign_out_everywhere_button(client, auth, make):
    auth.login(make.user())
    page = client.get("/account/profile").get_data(as_text=True)
    assert "Sign out everywhere" in page


def test_end_sessions_is_a_service_other_features_call(app, client, make):
    """Deactivation and role removal call `end_sessions`: the person's cookies stop working."""
    user = make.user(email="anna@example.org")
    sign_in(client, "anna@example.org")
    services.end_sessions(db.session.get(User, user.id))
    db.session.commit()
    assert not reaches_dashboard(client)


def test_a_session_from_before_session_tokens_is_refused(client, make):
    user = make.user()
    with client.session_transaction() as session:
        session["_user_id"] = str(user.id)  # what every session carried before
    assert not reaches_dashboard(client)


class TestConstantTimeSignIn:
    @pytest.fixture
    def hash_checks(self, monkeypatch):
        calls = []
        real = services.check_password_hash

        def counting(stored, password):
            calls.append(stored)
            return real(stored, password)

        monkeypatch.setattr(services, "check_password_hash", counting)
        return calls

    def test_an_unknown_address_costs_one_hash_check_like_a_known_one(
        self, client, make, hash_checks
    ):
        make.user(email="anna@example.org")
        sign_in(client, "anna@example.org", "wrong password")
        known = list(hash_checks)
        hash_checks.clear()
        response = sign_in(client, "nobody@example.org", "wrong password")
        assert len(known) == len(hash_checks) == 1
        assert "The email address or password is not right" in response.get_data(as_text=True)

    def test_the_dummy_hash_is_made_like_real_ones(self, app, client, make, hash_checks):
        user = make.user(email="anna@example.org")
        sign_in(client, "nobody@example.org", "wrong password")
        method = user.password_hash.split("$")[0]
        assert hash_checks[0].split("$")[0] == method
