"""Journey: the platform admin finds the console on the dashboard, creates an organisation with
a join code, invites its first staff member, who accepts the invitation from the email, brings in
a cohort of ten from a spreadsheet through the preview, deactivates one and finds a learner's
progress; the admin reads the console's actions in the audit log. axe-core runs on every page
visited."""

import re
import time

from playwright.sync_api import expect

from accounts.models import Membership, Organisation, Role, find_user_by_email
from extensions import db
from modules.models import SectionRead
from tests.browser.errors import expect_error_summary
from tests.browser.joining import send_join_form
from tests.factories import PASSWORD

# Eight new people, and two who already have an account in another organisation.
COHORT = (
    "email,name,role,language,cohort\r\n"
    + "".join(f"new{n}@example.org,New {n},learner,en,Autumn\r\n" for n in range(8))
    + "lena@example.org,Lena Learner,learner,en,Autumn\r\n"
    + "mo@example.org,Mo Mentor,mentor,en,Autumn\r\n"
)


def mail_to(mailbox, address: str, seconds: float = 30):
    """The last message to `address`. The server sends it just after the page has answered; on a
    busy machine that can take a while, and half-way the test runs what cron would run."""
    from outbox.delivery import deliver

    started = time.monotonic()
    cron_ran = False
    while time.monotonic() < started + seconds:
        for message in reversed(mailbox.messages):
            if message["To"] == address:
                return message.get_body(preferencelist=("plain",)).get_content()
        if not cron_ran and time.monotonic() > started + seconds / 2:
            deliver()  # `flask mail send`
            cron_ran = True
        time.sleep(0.1)
    raise AssertionError(f"no email to {address}")


def test_a_second_organisation_from_the_console(browser, live_app, make, mailbox):
    admin = make.user(None, is_admin=True, name="Ada Admin", email="ada@example.org")
    elsewhere = make.organisation("Elsewhere")
    lena = make.user(Role.LEARNER, elsewhere, name="Lena Learner", email="lena@example.org")
    make.user(Role.MENTOR, elsewhere, name="Mo Mentor", email="mo@example.org")
    for section in ("first-steps", "second-steps"):
        db.session.add(
            SectionRead(
                user_id=lena.id, course="test-course", module="first-module", section=section
            )
        )
    db.session.commit()
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
    expect_error_summary(page, "Use only small letters")
    expect(page.get_by_label("Name of the organisation")).to_have_value("Job agency West")
    browser.axe()
    page.get_by_label("Short name for web addresses").fill("job-agency-west")
    page.get_by_label("Nederlands").check()
    page.get_by_label("Learners may join with a code").check()
    page.get_by_role("button", name="Add the organisation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Job agency West")
    expect(page.locator(".flash-messages")).to_contain_text("Job agency West is ready")
    browser.axe()

    page.get_by_label("Email address of the staff member").fill("coord@example.org")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.locator(".flash-messages")).to_contain_text("Invitation sent to coord@example.org")
    browser.axe()
    link = re.search(r"/join/\S+", mail_to(mailbox, "coord@example.org")).group(0)

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    browser.axe()

    # The invitation is in the organisation's language: Dutch.
    page = browser.goto(link)
    send_join_form(page, "Carla Coord")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Carla Coord")
    browser.axe()
    page.get_by_role("link", name="People and invitations").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("People and invitations")
    expect(page.get_by_role("main")).to_contain_text("Job agency West")
    browser.axe()

    organisation = db.session.scalar(db.select(Organisation).filter_by(slug="job-agency-west"))
    assert find_user_by_email("coord@example.org").has_role(organisation.id, Role.STAFF)

    # The new coordinator brings in a cohort from a spreadsheet, through the preview.
    page.get_by_role("link", name="Import people from a spreadsheet").click()
    browser.axe()
    page.get_by_label("A CSV file").set_input_files(
        {"name": "cohort.csv", "mimeType": "text/csv", "buffer": ("\ufeff" + COHORT).encode()}
    )
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_text("New invitations: 10")).to_be_visible()
    browser.axe()
    page.get_by_role("button", name="Confirm the import").click()
    expect(page.get_by_text("Import done: 10 invitations sent")).to_be_visible()
    browser.axe()
    # Lena and Mo, who have accounts elsewhere, accept theirs (the accepting has its own tests).
    for person, role in ((lena, Role.LEARNER), (find_user_by_email("mo@example.org"), Role.MENTOR)):
        db.session.add(
            Membership(user_id=person.id, organisation_id=organisation.id, role=role.value)
        )
    db.session.commit()
    page.reload()
    browser.axe()

    # ... deactivates one of them ...
    page.get_by_label("Search by name or email address").fill("mo mentor")
    page.get_by_role("button", name="Show").click()
    browser.axe()
    page.get_by_role("link", name="Mo Mentor").click()
    browser.axe()
    page.get_by_role("button", name="Deactivate Mo Mentor").click()
    expect(page.get_by_text("Everything this person made is kept")).to_be_visible()
    browser.axe()
    db.session.expire_all()
    mo = find_user_by_email("mo@example.org")
    assert db.session.scalar(
        db.select(Membership.deactivated_at).filter_by(
            user_id=mo.id, organisation_id=organisation.id
        )
    )

    # ... and finds a learner's progress.
    page.get_by_role("link", name="Back to the members").click()
    browser.axe()
    page.get_by_role("link", name="Learners and their progress").click()
    browser.axe()
    page.get_by_role("link", name="Lena Learner").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lena Learner")
    expect(page.get_by_role("cell", name="2 of 3")).to_be_visible()
    browser.axe()

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
    expect(page.locator(".flash-messages")).to_contain_text("We are emailing anna@example.org")
    browser.axe()
    assert "/reset/" in mail_to(mailbox, "anna@example.org")

    page.get_by_role("button", name="Switch off the account of Anna de Boer").click()
    expect(page.locator(".flash-messages")).to_contain_text("The account is switched off")
    browser.axe()
    db.session.expire_all()
    assert not db.session.get(type(anna), anna.id).is_active

    page = browser.goto("/admin/")
    page.get_by_role("link", name="Job agency West").click()
    page.get_by_role("button", name="Archive Job agency West").click()
    expect(page.locator(".flash-messages")).to_contain_text("Job agency West is archived")
    browser.axe()
