"""Journey: join with a code and see the link to the privacy notice; staff change the notice;
the learner signs in, reads that it changed, and continues. axe-core on every page visited."""

from playwright.sync_api import expect

from accounts.models import Role
from tests.accounts_helpers import emailed_link, path_of
from tests.browser.joining import PASSWORD, send_join_form
from tests.browser.test_mentoring_journey import sign_in, sign_out


def test_join_see_the_notice_and_read_it_again_once_changed(browser, make, mailbox):
    organisation = make.organisation("Job agency West", join_code="WEST-2026")
    staff = make.user(Role.STAFF, organisation, name="Sanne")

    page = browser.goto("/join?code=WEST-2026")
    page.get_by_role("link", name="Read how Job agency West uses your data").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("How Job agency West uses your data")
    browser.axe()
    page.go_back()
    send_join_form(page, "Piet", "piet@example.org")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email to finish")
    browser.axe()
    page = browser.goto(path_of(emailed_link(mailbox, "/confirm/")))
    expect(page.get_by_role("link", name="Read how Job agency West uses your data")).to_be_visible()
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_label("Your password").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("About you when you joined")
    browser.axe()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")

    page = sign_in(browser, staff)
    browser.goto(f"/organisations/{organisation.slug}/people")
    page.get_by_role("link", name="Your privacy notice").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Privacy notice")
    browser.axe()
    page.get_by_label("The notice in English").fill(
        "{organisation} now also keeps the dates of your workshops."
    )
    page.get_by_label("The notice in Dutch").fill(
        "{organisation} bewaart nu ook de data van je workshops."
    )
    page.get_by_role("button", name="Save as a new version").click()
    expect(page.get_by_text("Version 1 of your privacy notice is saved")).to_be_visible()
    browser.axe()
    sign_out(browser)

    page = browser.goto("/login")
    page.get_by_label("Email address").fill("piet@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Job agency West changed how it uses your data"
    )
    expect(page.get_by_text("Job agency West now also keeps the dates")).to_be_visible()
    browser.axe()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Piet")
    browser.axe()
    browser.goto("/account/my-data")
    expect(page.get_by_role("heading", level=1)).to_have_text("Download my data")
