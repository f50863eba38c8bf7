"""Journey: the platform admin finds the console on the dashboard, creates an organisation with
a join code, invites its first staff member, who accepts the invitation from the email and opens
the organisation's staff pages; the admin reads both actions in the audit log. axe-core runs on
every page visited."""

import re
import time

from playwright.sync_api import expect

from accounts.models import Organisation, Role, find_user_by_email
from extensions import db
from tests.factories import PASSWORD


def mail_to(mailbox, address: str, seconds: float = 10):
    """The last message to `address`: the server sends it just after the page has answered."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for message in reversed(mailbox.messages):
            if message["To"] == address:
                return message.get_body(preferencelist=("plain",)).get_content()
        time.sleep(0.1)
    raise AssertionError(f"no email to {address}")


def test_a_second_organisation_from_the_console(browser, live_app, make, mailbox):
    admin = make.user(None, is_admin=True, name="Ada Admin", email="ada@example.org")
    page = browser.goto("/login")
    page.get_by_label("Email address").fill(admin.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Ada Admin")
    browser.axe()

    page.get_by_role("main").get_by_role("link", name="Organisations").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Organisations")
    browser.axe()
    page.get_by_role("link", name="Add an organisation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add an organisation")
    browser.axe()

    page.get_by_label("Name of the organisation").fill("Job agency West")
    page.get_by_label("Short name for web addresses").fill("Job Agency West")
    page.get_by_role("button", name="Add the organisation").click()
    expect(page.get_by_role("alert")).to_contain_text("Use only small letters")
    expect(page.get_by_label("Name of the organisation")).to_have_value("Job agency West")
    browser.axe()
    page.get_by_label("Short name for web addresses").fill("job-agency-west")
    page.get_by_label("Nederlands").check()
    page.get_by_label("Learners may join with a code").check()
    page.get_by_role("button", name="Add the organisation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Job agency West")
    expect(page.get_by_role("status")).to_contain_text("Job agency West is ready")
    browser.axe()

    page.get_by_label("Email address of the staff member").fill("coord@example.org")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_role("status")).to_contain_text("Invitation sent to coord@example.org")
    browser.axe()
    link = re.search(r"/join/\S+", mail_to(mailbox, "coord@example.org")).group(0)

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    browser.axe()

    # The invitation is in the organisation's language: Dutch.
    page = browser.goto(link)
    page.get_by_label("Your name").fill("Carla Coord")
    page.get_by_label("Choose a password").fill("a long enough password")
    page.get_by_label("Type the password again").fill("a long enough password")
    page.get_by_label("Type the password again").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Carla Coord")
    browser.axe()
    page.get_by_role("link", name="People and invitations").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("People and invitations")
    expect(page.get_by_role("main")).to_contain_text("Job agency West")
    browser.axe()

    organisation = db.session.scalar(db.select(Organisation).filter_by(slug="job-agency-west"))
    assert find_user_by_email("coord@example.org").has_role(organisation.id, Role.STAFF)

    page.get_by_role("button", name="Sign out").click()
    browser.axe()
    page = browser.goto("/login")
    page.get_by_label("Email address").fill(admin.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    browser.axe()
    page = browser.goto("/admin/audit")
    rows = page.get_by_role("row")
    expect(rows.nth(1)).to_contain_text("invited a staff member")
    expect(rows.nth(2)).to_contain_text("created the organisation")


def test_find_a_person_send_a_reset_link_and_switch_the_account_off(
    browser, live_app, make, mailbox
):
    admin = make.user(None, is_admin=True, name="Ada Admin", email="ada@example.org")
    organisation = make.organisation("Job agency West")
    anna = make.user(Role.LEARNER, organisation, name="Anna de Boer", email="anna@example.org")
    page = browser.goto("/login")
    page.get_by_label("Email address").fill(admin.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    browser.axe()

    page.get_by_role("link", name="Find a person").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Find a person")
    browser.axe()
    page.get_by_label("Name or email address").fill("boer")
    page.get_by_label("Name or email address").press("Enter")
    expect(page.get_by_role("main")).to_contain_text("Job agency West: learner")
    browser.axe()
    page.get_by_role("link", name="Anna de Boer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Anna de Boer")
    browser.axe()

    page.get_by_role("button", name="Email a link to choose a new password").click()
    expect(page.get_by_role("status")).to_contain_text("We are emailing anna@example.org")
    browser.axe()
    assert "/reset/" in mail_to(mailbox, "anna@example.org")

    page.get_by_role("button", name="Switch off the account of Anna de Boer").click()
    expect(page.get_by_role("status")).to_contain_text("The account is switched off")
    browser.axe()
    db.session.expire_all()
    assert not db.session.get(type(anna), anna.id).is_active

    page = browser.goto("/admin/")
    page.get_by_role("link", name="Job agency West").click()
    page.get_by_role("button", name="Archive Job agency West").click()
    expect(page.get_by_role("status")).to_contain_text("Job agency West is archived")
    browser.axe()
