"""Journey: mentee and mentor fill in the intake survey, staff run a matching round and approve,
both accept and read why they were matched, they sign the charter and log the kick-off, and staff
see the pair on track. axe-core runs on every page visited."""

import re
from datetime import date

from playwright.sync_api import expect

from accounts.models import Role
from tests.factories import PASSWORD


def sign_in(browser, user):
    page = browser.goto("/login")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Hello, {user.name}")
    browser.axe()
    return page


def sign_out(browser):
    browser.page.get_by_role("button", name="Sign out").click()
    expect(browser.page.get_by_role("heading", level=1)).to_have_text("Sign in")
    browser.axe()


def test_a_whole_programme_round(browser, live_app, make):
    organisation = make.organisation("Job agency West")
    staff = make.user(Role.STAFF, organisation, name="Sanne")
    mentee = make.user(Role.LEARNER, organisation, name="Marianne")
    mentor = make.user(Role.MENTOR, organisation, name="Yusuf")

    # The mentee fills in the survey.
    page = sign_in(browser, mentee)
    page.get_by_role("link", name="Fill in the intake survey").first.click()
    browser.axe()
    page.get_by_label("I would like a mentor").check()
    page.get_by_role("combobox", name="Social media").select_option(label="Very important")
    page.get_by_role("checkbox", name="Dutch").check()
    page.get_by_role("checkbox", name="Weekday evenings").check()
    page.get_by_label("Volunteering").fill("the food bank")
    page.get_by_role("button", name="Save my answers").click()
    expect(page.get_by_text("Your answers are saved")).to_be_visible()
    browser.axe()
    sign_out(browser)

    # The mentor too.
    page = sign_in(browser, mentor)
    browser.goto("/mentoring/intake")
    page.get_by_label("I would like to mentor someone").check()
    page.get_by_role("checkbox", name="Social media").check()
    page.get_by_role("checkbox", name="Dutch").check()
    page.get_by_role("checkbox", name="Weekday evenings").check()
    page.get_by_label("Volunteering").fill("The Food Bank")
    page.get_by_label("Introduction", exact=False).fill("I run a small web agency.")
    page.get_by_role("button", name="Save my answers").click()
    browser.axe()
    sign_out(browser)

    # Staff run a round and approve the proposal.
    page = sign_in(browser, staff)
    browser.goto(f"/organisations/{organisation.slug}/programme/rounds")
    page.get_by_role("button", name="Run a matching round").click()
    expect(page.get_by_text("Matching round done: 1 proposals")).to_be_visible()
    browser.axe()
    expect(page.get_by_text("Covers: Social media.")).to_be_visible()
    page.get_by_role("button", name="Approve Marianne").click()
    expect(page.get_by_text("Approved: Marianne and Yusuf can now accept.")).to_be_visible()
    browser.axe()
    sign_out(browser)

    # Both accept and read why.
    for person in (mentee, mentor):
        page = sign_in(browser, person)
        other = "Yusuf" if person is mentee else "Marianne"
        page.get_by_role("link", name=other).first.click()
        expect(page.get_by_role("heading", name=f"Why we suggest {other}")).to_be_visible()
        browser.axe()
        page.get_by_label("Yes, I accept").check()
        page.get_by_role("button", name="Send my answer").click()
        browser.axe()
        if person is mentee:
            expect(
                page.get_by_text("Yusuf can help with 1 of your 1 themes: Social media.")
            ).to_be_visible()
            expect(page.get_by_text("you both volunteer: the food bank")).to_be_visible()
            sign_out(browser)
    expect(page.get_by_text("You both said yes")).to_be_visible()

    # The mentor writes the charter (and signs it by saving).
    page.get_by_role("link", name="Write the charter").click()
    browser.axe()
    page.get_by_label("Every two weeks").check()
    page.get_by_label("Online", exact=True).check()
    page.locator("#goals-0-goal").fill("Open a web shop")
    page.locator("#goals-0-measure").fill("The shop takes orders")
    page.get_by_role("button", name="Save and sign").click()
    expect(page.get_by_text("Signed by one of you")).to_be_visible()
    browser.axe()
    sign_out(browser)

    # The mentee signs and logs the kick-off.
    page = sign_in(browser, mentee)
    page.get_by_role("link", name="Your mentor: Yusuf").click()
    browser.axe()
    page.get_by_role("button", name="Sign version 1").click()
    expect(page.get_by_text("Signed by both")).to_be_visible()
    browser.axe()
    page.get_by_role("link", name="Log the kick-off meeting").click()
    browser.axe()
    page.get_by_label("Date of the meeting").fill(date.today().isoformat())
    page.get_by_label("Topics").fill("Getting to know each other")
    page.get_by_role("button", name="Save the meeting").click()
    expect(page.get_by_text("kick-off", exact=True)).to_be_visible()
    browser.axe()
    sign_out(browser)

    # Staff see the pair on track.
    page = sign_in(browser, staff)
    browser.goto(f"/organisations/{organisation.slug}/programme/pairs")
    row = page.get_by_role("row", name=re.compile("Marianne with Yusuf"))
    expect(row).to_contain_text("On track")
    expect(page.get_by_text("Getting to know each other")).to_have_count(0)
