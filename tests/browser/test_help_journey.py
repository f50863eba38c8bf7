"""Journey: a learner who is stuck follows the footer's Help link, searches, reads the page,
meets the kind message when nothing matches, and reads the same page on a phone-sized screen.
Signed out first: help is public. axe-core runs on every page visited."""

from __future__ import annotations

from playwright.sync_api import expect

from accounts.models import Role
from tests.browser.test_mentoring_journey import sign_in
from tests.browser.test_reports_journey import no_sideways_scroll


def test_signed_out_visitors_search_help_and_find_their_page(browser):
    page = browser.goto("/help/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Help")
    page.get_by_label("Search the help pages").fill("logbook lost")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("status")).to_have_text("1 page found.")
    browser.axe()
    page.get_by_role("link", name="Your logbook").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your logbook")
    browser.axe()

    page.get_by_label("Search the help pages").fill("zebra")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("status")).to_contain_text("We found no help page")
    expect(page.get_by_role("link", name="Ask a question")).to_have_attribute(
        "href", "/questions/new"
    )
    browser.axe()


def test_a_learner_reaches_help_from_the_footer_and_the_logbook(browser, make):
    learner = make.user(Role.LEARNER, name="Lena")
    page = sign_in(browser, learner)
    browser.goto("/logbook/")
    page.get_by_role("link", name="Help: Your logbook").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your logbook")
    browser.axe()
    page.get_by_role("contentinfo").get_by_role("link", name="Help").click()
    expect(page.get_by_role("heading", level=2, name="For learners")).to_contain_text("Your role")
    browser.axe()
    page.set_viewport_size({"width": 320, "height": 800})
    browser.goto("/help/search?q=feedback+logbook")
    assert no_sideways_scroll(page)
