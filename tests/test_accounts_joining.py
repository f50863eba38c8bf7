"""Joining with a code: the address is confirmed by its owner before anyone can sign in, the
answer tells nobody who has an account, and codes are generated, renewable and can be off."""

import re

import pytest

from accounts import invitations, services
from accounts.models import Invitation, Membership, Role, User, find_user_by_email
from extensions import db
from tests.accounts_helpers import (
    JOINER_PASSWORD,
    emailed_link,
    join_with_code,
    path_of,
    reaches_dashboard,
    sign_in,
)
from tests.test_accounts_email import CSRF_TOKEN

CODE = "WEST-2026"


@pytest.fixture
def organisation(make):
    return make.organisation("Job agency West", join_code=CODE)


def _join_answer(app, email: str) -> list:
    browser = app.test_client()
    response = join_with_code(browser, CODE, email)
    followed = browser.get(response.headers["Location"])
    return [
        response.status,
        response.headers["Location"],
        followed.status,
        CSRF_TOKEN.sub(b"csrf", followed.get_data()),
    ]


def test_the_join_answer_is_the_same_for_a_known_and_an_unknown_address(
    app, make, organisation, mailbox
):
    make.user(email="taken@example.org")
    known = _join_answer(app, "TAKEN@example.org")
    unknown = _join_answer(app, "piet@example.org")
    assert known == unknown
    assert b"Check your email to finish" in known[-1]


def test_each_address_gets_an_email_that_says_what_to_do(make, client, organisation, mailbox):
    make.user(email="taken@example.org")
    join_with_code(client, CODE, "taken@example.org")
    join_with_code(client, CODE, "piet@example.org")
    to_owner, to_joiner = mailbox.messages
    owner_text = to_owner.get_body(preferencelist=("plain",)).get_content()
    assert to_owner["To"] == "taken@example.org"
    assert "You already have an account, so nothing was changed" in owner_text
    assert "/login" in owner_text and "/reset" in owner_text
    assert to_joiner["To"] == "piet@example.org"
    assert "/confirm/" in to_joiner.get_body(preferencelist=("plain",)).get_content()


def test_nothing_changes_for_an_address_that_has_an_account(make, client, organisation):
    user = make.user(email="taken@example.org", role=None)
    join_with_code(client, CODE, "taken@example.org")
    assert db.session.get(User, user.id).check_password(JOINER_PASSWORD) is False
    assert db.session.get(User, user.id).memberships == []


def test_a_join_code_account_signs_in_only_after_confirming(client, organisation, mailbox):
    join_with_code(client, CODE, "piet@example.org")
    refused = sign_in(client, "piet@example.org", JOINER_PASSWORD)
    assert "Your email address is not confirmed yet" in refused.get_data(as_text=True)
    assert not reaches_dashboard(client)

    path = path_of(emailed_link(mailbox, "/confirm/"))
    assert "Confirm your email address" in client.get(path).get_data(as_text=True)
    response = client.post(path, data={"password": JOINER_PASSWORD}, follow_redirects=True)
    assert "Welcome to Herstart, Piet" in response.get_data(as_text=True)  # then about you
    assert find_user_by_email("piet@example.org").is_confirmed


def test_the_confirmation_link_needs_the_accounts_password(client, organisation, mailbox):
    join_with_code(client, CODE, "piet@example.org")
    path = path_of(emailed_link(mailbox, "/confirm/"))
    response = client.post(path, data={"password": "not the one"})
    assert "This is not the password the account was made with" in response.get_data(as_text=True)
    assert not find_user_by_email("piet@example.org").is_confirmed


def test_a_used_confirmation_link_says_so(client, organisation, mailbox):
    join_with_code(client, CODE, "piet@example.org")
    path = path_of(emailed_link(mailbox, "/confirm/"))
    client.post(path, data={"password": JOINER_PASSWORD})
    client.post("/logout")
    response = client.get(path, follow_redirects=True)
    assert "Your email address is already confirmed" in response.get_data(as_text=True)


def test_a_password_reset_confirms_the_address(client, organisation, mailbox):
    join_with_code(client, CODE, "piet@example.org")
    client.post("/reset", data={"email": "piet@example.org"})
    path = path_of(emailed_link(mailbox, "/reset/"))
    client.post(path, data={"password": "chosen by the owner", "confirm": "chosen by the owner"})
    assert reaches_dashboard(client)
    assert find_user_by_email("piet@example.org").is_confirmed


def test_an_invitation_confirms_an_unconfirmed_account_and_ends_its_sessions(
    app, make, organisation, client, mailbox
):
    join_with_code(client, CODE, "coach@example.org")
    earlier = app.test_client()  # a session the account had before, however it got one
    with earlier.session_transaction() as session:
        session["_user_id"] = find_user_by_email("coach@example.org").get_id()
    staff = make.user(Role.STAFF, organisation)
    created = invitations.create_invitation(staff, organisation, "coach@example.org", Role.MENTOR)
    db.session.commit()

    owner = app.test_client()
    page = owner.get(f"/join/{created.token}").get_data(as_text=True)
    assert "Choose your name and a password" in page
    owner.post(
        f"/join/{created.token}",
        data={"name": "Coach", "password": "the owner's own", "confirm": "the owner's own"},
    )
    user = find_user_by_email("coach@example.org")
    assert user.is_confirmed and user.check_password("the owner's own")
    assert Role.MENTOR in user.roles_in(organisation.id)
    assert reaches_dashboard(owner)
    assert not reaches_dashboard(earlier)


class TestJoinCodes:
    def test_codes_are_generated_long_random_and_readable(self, app):
        codes = {
            services.create_organisation(f"org-{n}", f"Org {n}", joining_by_code=True).join_code
            for n in range(5)
        }
        assert len(codes) == 5
        for code in codes:
            assert re.fullmatch(r"[A-HJKMNP-Z2-9]{4}(-[A-HJKMNP-Z2-9]{4}){3}", code)

    def test_a_code_works_typed_in_small_letters_and_spaces(self, app, client, mailbox):
        code = services.create_organisation("west", "West", joining_by_code=True).join_code
        db.session.commit()
        join_with_code(client, code.lower().replace("-", " "), "piet@example.org")
        assert find_user_by_email("piet@example.org") is not None

    def test_staff_renew_the_code_and_the_old_one_stops_working(
        self, client, auth, make, organisation
    ):
        auth.login(make.user(Role.STAFF, organisation))
        page = client.post(
            f"/organisations/{organisation.slug}/join-code", follow_redirects=True
        ).get_data(as_text=True)
        new_code = db.session.get(type(organisation), organisation.id).join_code
        assert new_code != CODE and f"The new join code is {new_code}" in page
        client.post("/logout")
        refused = join_with_code(client, CODE, "piet@example.org")
        assert "We do not know this join code" in refused.get_data(as_text=True)
        join_with_code(client, new_code, "piet@example.org")
        assert find_user_by_email("piet@example.org") is not None

    def test_staff_switch_joining_by_code_off(self, client, auth, make, organisation):
        auth.login(make.user(Role.STAFF, organisation))
        page = client.post(
            f"/organisations/{organisation.slug}/join-code/off", follow_redirects=True
        ).get_data(as_text=True)
        assert "Joining with a code is off" in page
        client.post("/logout")
        refused = join_with_code(client, CODE, "piet@example.org")
        assert "We do not know this join code" in refused.get_data(as_text=True)
        assert find_user_by_email("piet@example.org") is None


def _at_the_same_instant(app, user, path: str, times: int = 2) -> list[int]:
    """POST `path` from `times` browsers of `user`, released together by a barrier."""
    import threading

    from flask.testing import FlaskClient

    barrier = threading.Barrier(times)
    statuses: list[int] = []
    browsers = []
    for _ in range(times):
        browser = FlaskClient(app, app.response_class, use_cookies=True)
        with browser.session_transaction() as session:
            session["_user_id"] = user.get_id()
        browsers.append(browser)

    def press(browser):
        barrier.wait()
        statuses.append(browser.post(path).status_code)

    threads = [threading.Thread(target=press, args=(b,)) for b in browsers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    db.session.expire_all()
    return statuses


def test_an_invitation_accepted_twice_at_once_gives_one_membership(app, make):
    """Issue 10's race: an existing person presses "Accept" in two tabs at the same instant."""
    organisation = make.organisation()
    staff = make.user(Role.STAFF, organisation)
    for attempt in range(5):
        person = make.user(Role.LEARNER, organisation)
        created = invitations.create_invitation(staff, organisation, person.email, Role.MENTOR)
        db.session.commit()
        statuses = _at_the_same_instant(app, person, f"/join/{created.token}")
        mentor_rows = db.session.scalar(
            db.select(db.func.count())
            .select_from(Membership)
            .filter_by(user_id=person.id, role=Role.MENTOR.value)
        )
        assert sorted(statuses) == [302, 410], f"try {attempt}: {statuses}"
        assert mentor_rows == 1
        assert db.session.get(Invitation, created.invitation.id).accepted_at is not None
