"""Issue 11's takeover chain, step by step: an attacker joins with the organisation's public code
as the address of a coordinator about to be invited; staff invite that address as staff; the real
person uses "Forgot password" and accepts. The attacker's cookies from the start open nothing."""

from flask_login.utils import encode_cookie

from accounts.models import Role, find_user_by_email
from tests.accounts_helpers import (
    JOINER_PASSWORD,
    cookie,
    emailed_link,
    join_with_code,
    path_of,
    sign_in,
)

COORDINATOR = "coordinator@example.org"
OWNERS_PASSWORD = "only the real coordinator knows"


def _staff_page_opens(client, organisation) -> bool:
    return client.get(f"/organisations/{organisation.slug}/people").status_code == 200


def test_the_attackers_cookie_from_the_start_is_refused_at_the_end(app, make, mailbox):
    organisation = make.organisation("Job agency West", join_code="WEST-2026")
    staff = make.user(Role.STAFF, organisation)

    # 1. The attacker joins as the coordinator's address and tries to sign in.
    attacker = app.test_client()
    join_with_code(attacker, "WEST-2026", COORDINATOR, name="Coordinator")
    refused = sign_in(attacker, COORDINATOR, JOINER_PASSWORD)
    assert "Your email address is not confirmed yet" in refused.get_data(as_text=True)
    # The strongest cookies the attacker could hold: what the old code handed out on joining.
    account = find_user_by_email(COORDINATOR)
    with attacker.session_transaction() as session:
        session["_user_id"] = account.get_id()
    remembered = encode_cookie(account.get_id())
    stolen_session = cookie(attacker, "session")

    # 2. Staff invite that address as staff.
    staff_browser = app.test_client()
    sign_in(staff_browser, staff.email)
    staff_browser.post(
        f"/organisations/{organisation.slug}/people", data={"email": COORDINATOR, "role": "staff"}
    )
    invitation_path = path_of(emailed_link(mailbox, "/join/"))

    # 3. The real coordinator uses "Forgot password", then accepts the invitation.
    coordinator = app.test_client()
    coordinator.post("/reset", data={"email": COORDINATOR})
    reset_path = path_of(emailed_link(mailbox, "/reset/"))
    coordinator.post(reset_path, data={"password": OWNERS_PASSWORD, "confirm": OWNERS_PASSWORD})
    coordinator.post(invitation_path)
    assert _staff_page_opens(coordinator, organisation)

    # 4. Nothing the attacker kept opens the staff pages, nor the attacker's password.
    for name, value in (("session", stolen_session), ("remember_token", remembered)):
        browser = app.test_client()
        browser.set_cookie(name, value, domain="herstart.test")
        assert not _staff_page_opens(browser, organisation), name
    assert not _staff_page_opens(attacker, organisation)
    again = sign_in(app.test_client(), COORDINATOR, JOINER_PASSWORD)
    assert "The email address or password is not right" in again.get_data(as_text=True)
    assert Role.STAFF in find_user_by_email(COORDINATOR).roles_in(organisation.id)
