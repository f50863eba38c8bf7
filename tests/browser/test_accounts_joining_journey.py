"""Journey: join with a code, read "Check your email", open the emailed link, confirm with the
password, tick "Is this your own computer?" on a later sign-in, sign out everywhere from the
settings; and staff renew the join code. axe-core runs on every page visited."""

from playwright.sync_api import expect

from accounts.models import Role
from tests.accounts_helpers import emailed_link, path_of
from tests.browser.joining import PASSWORD, send_join_form
from tests.factories import PASSWORD as STAFF_PASSWORD


def _sign_in(browser, email: str, password: str, own_computer: bool = False):
    page = browser.goto("/login")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    if own_computer:
        page.get_by_label("Is this your own computer?").check()
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")
    browser.axe()
    return page


def test_join_confirm_remember_and_sign_out_everywhere(browser, make, mailbox):
    make.organisation("Job agency West", join_code="WEST-2026")
    page = browser.goto("/join")
    page.get_by_label("Join code").fill("west 2026")
    send_join_form(page, "Piet", "piet@example.org")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email to finish")
    browser.axe()

    page = browser.goto(path_of(emailed_link(mailbox, "/confirm/")))
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_label("Your password").press("Enter")
    # Once, optionally: the status at entry the funders count, then on to the dashboard.
    expect(page.get_by_role("heading", level=1)).to_have_text("About you when you joined")
    browser.axe()
    page.get_by_label("Year of birth").fill("1966")
    page.get_by_label("Unemployed and looking for work").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Piet")
    browser.axe()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    browser.axe()

    _sign_in(browser, "piet@example.org", PASSWORD, own_computer=True)
    page = browser.goto("/account/profile")
    page.get_by_role("button", name="Sign out everywhere").click()
    expect(page.get_by_text("You are signed out on every other computer")).to_be_visible()
    browser.axe()


def test_staff_renew_and_switch_off_the_join_code(browser, make):
    organisation = make.organisation("Job agency West", join_code="WEST-2026")
    staff = make.user(Role.STAFF, organisation, email="staff@example.org")
    _sign_in(browser, staff.email, STAFF_PASSWORD)
    page = browser.goto(f"/organisations/{organisation.slug}/people")
    page.get_by_role("button", name="Make a new join code").click()
    expect(page.get_by_text("The old code no longer works.")).to_be_visible()
    browser.axe()
    page.get_by_role("button", name="Switch joining with a code off").click()
    expect(page.get_by_text("Joining with a code is off: people join")).to_be_visible()
    browser.axe()
