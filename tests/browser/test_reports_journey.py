"""Journey: a coordinator finds the programme report, corrects a period typed the wrong way
round, reads it in English and Dutch on a phone-sized screen and in high contrast, and opens
the print view. axe-core runs on every page visited."""

from __future__ import annotations

import os

from playwright.sync_api import expect

from accounts.models import Role
from tests.browser.errors import expect_error_summary
from tests.browser.test_mentoring_journey import sign_in

SHOTS = os.environ.get("REPORT_SCREENSHOTS")  # a folder: keep screenshots to look at


# What sticks out of the screen, apart from what is inside a table's own scroll region.
STICKING_OUT = """[...document.querySelectorAll('body *')]
  .filter(e => !e.closest('.table-scroll'))
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
  .map(e => e.tagName + '.' + e.className)"""


def no_sideways_scroll(page) -> bool:
    assert page.evaluate(STICKING_OUT) == []
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_staff_read_the_report_in_both_languages_and_print_it(browser, live_app, make):
    organisation = make.organisation("Job agency West")
    staff = make.user(Role.STAFF, organisation, name="Sanne")
    make.user(Role.LEARNER, organisation, name="Lena Learner")

    page = sign_in(browser, staff)
    browser.goto(f"/organisations/{organisation.slug}/people")
    page.get_by_role("link", name="Programme report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Programme report")
    browser.axe()
    expect(page.locator("svg[role=img]").first).to_be_visible()

    page.get_by_label("First day").fill("2026-06-30")
    page.get_by_label("Last day").fill("2026-01-01")
    page.get_by_role("button", name="Show").click()
    expect_error_summary(page, "The last day must be the same as or after the first day.")
    browser.axe()
    page.get_by_label("First day").fill("2026-01-01")
    page.get_by_label("Last day").fill("2026-06-30")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", level=2).first).to_be_visible()
    assert "start=2026-01-01" in page.url
    browser.axe()
    shot(page, "report-en")

    page.set_viewport_size({"width": 320, "height": 800})
    browser.axe()
    assert no_sideways_scroll(page)
    shot(page, "report-320")

    page.get_by_text("Menu", exact=True).click()  # at 320 px the display settings are in the menu
    page.get_by_role("button", name="High contrast").click()
    browser.axe()
    assert no_sideways_scroll(page)
    page.emulate_media(forced_colors="active")
    shot(page, "report-forced-colours")
    page.emulate_media(forced_colors="none")
    page.get_by_text("Menu", exact=True).click()
    page.get_by_role("button", name="Normal contrast").click()
    browser.axe()

    page.get_by_text("Menu", exact=True).click()
    page.get_by_role("button", name="Nederlands").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    browser.axe()
    assert no_sideways_scroll(page)
    shot(page, "report-nl")

    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="English").click()
    browser.axe()
    page.get_by_role("link", name="A page to print or save as PDF").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Programme report")
    browser.axe()
    expect(page.get_by_label("First day")).to_have_count(0)
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(page.locator("table").first).to_be_visible()
    shot(page, "report-print")
    if SHOTS:
        page.pdf(path=f"{SHOTS}/report.pdf", prefer_css_page_size=True)
