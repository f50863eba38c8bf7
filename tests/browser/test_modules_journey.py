"""Keyboard only: sign in, open the course, read two sections with "Mark as read and continue",
sign out, sign in, and "Continue" lands on section three."""

from playwright.sync_api import expect

from accounts.models import Role
from tests.browser.keyboard import sign_in, tab_to
from tests.factories import PASSWORD


def test_read_leave_and_resume_with_the_keyboard(browser, make):
    organisation = make.organisation("Incubator East")
    learner = make.user(Role.LEARNER, organisation, email="reader@example.org")
    page = browser.goto("/login")
    sign_in(page, learner.email, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")
    browser.axe()

    tab_to(page, "Start the course")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("First steps")
    browser.axe()
    for title in ("Second steps", "Third steps"):
        tab_to(page, "Mark as read and continue")
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        browser.axe()

    tab_to(page, "Sign out")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    browser.axe()
    sign_in(page, learner.email, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")
    browser.axe()
    tab_to(page, "Continue where you left off")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Third steps")
    expect(page.get_by_text("Section 3 of 3")).to_be_visible()
    browser.axe()


def test_every_course_page_passes_axe(browser, make):
    organisation = make.organisation()
    learner = make.user(Role.LEARNER, organisation, email="axe@example.org")
    page = browser.goto("/login")
    sign_in(page, learner.email, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")
    browser.axe()
    base = "/courses/test-course"
    for path in (
        "/courses/",
        f"{base}/",
        f"{base}/books",
        f"{base}/first-module/",
        f"{base}/first-module/first-steps",
        f"{base}/first-module/cases/the-bakery",
        f"{base}/first-module/books",
        f"{base}/first-module/print",
    ):
        browser.goto(path)
