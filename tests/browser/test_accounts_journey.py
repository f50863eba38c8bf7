"""Journey: accept an invitation, set a password, sign in, switch to Dutch, choose larger text,
sign out, sign in again and find both choices kept. Keyboard only where a person would type."""

import re

from playwright.sync_api import expect

from accounts import invitations
from accounts.models import Role, find_user_by_email
from extensions import db
from tests.browser.joining import send_join_form


def test_invitation_language_and_text_size_are_kept(browser, live_app, make):
    organisation = make.organisation("Job agency West")
    staff = make.user(Role.STAFF, organisation)
    invitation = invitations.create_invitation(staff, organisation, "new@example.org", Role.LEARNER)
    db.session.commit()  # services only flush: the test's own unit of work ends here
    page = browser.goto(f"/join/{invitation.token}")

    send_join_form(page, "Anna de Boer")
    expect(page.get_by_role("heading", level=1)).to_have_text("About you when you joined")
    browser.axe()
    page.get_by_role("link", name="Skip this").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Anna de Boer")
    browser.axe()

    page.get_by_role("button", name="Nederlands").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    browser.axe()
    page.get_by_role("button", name="Groter").click()
    expect(page.locator("html")).to_have_class(re.compile("text-larger"))
    browser.axe()

    page.get_by_role("button", name="Afmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanmelden")
    browser.axe()
    page.get_by_label("E-mailadres").fill("new@example.org")
    page.get_by_label("Wachtwoord").fill("a long enough password")
    page.get_by_label("Wachtwoord").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hallo, Anna de Boer")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.locator("html")).to_have_class(re.compile("text-larger"))
    browser.axe()
    user = find_user_by_email("new@example.org")
    assert (user.language, user.text_size) == ("nl", "larger")
