"""Journey: join with a code and read the privacy notice (the version seen is recorded), take a
copy of all my data, ask to delete my account (a wrong password first), and change my mind by
signing in within the grace period. axe-core on every page visited."""

import io
import zipfile
from pathlib import Path

from playwright.sync_api import expect

from accounts.models import User
from extensions import db
from privacy.models import DeletionRequest
from privacy.notice.models import NoticeSeen
from tests.accounts_helpers import emailed_link, path_of
from tests.browser.errors import expect_error_summary
from tests.browser.joining import PASSWORD, send_join_form


def _join(browser, mailbox):
    page = browser.goto("/join?code=EAST-2026")
    page.get_by_role("link", name="Read how Job agency East uses your data").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("How Job agency East uses your data")
    browser.axe()
    page.go_back()
    send_join_form(page, "Els Visser", "els@example.org")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email to finish")
    browser.axe()
    page = browser.goto(path_of(emailed_link(mailbox, "/confirm/")))
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_label("Your password").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("About you when you joined")
    browser.axe()
    page.get_by_role("link", name="Skip this").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Els Visser")
    browser.axe()
    return page


def _download_my_data(browser):
    page = browser.goto("/account/profile")
    page.get_by_role("link", name="Download my data").click()
    browser.axe()
    page.get_by_role("button", name="Make a copy of my data").click()
    expect(page.get_by_role("heading", name="Ready to download")).to_be_visible()
    browser.axe()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download my data of").click()
    archive = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert "Els Visser" in archive.read("index.html").decode()
    assert "els@example.org" in archive.read("data/account.json").decode()


def test_join_take_my_data_ask_to_leave_and_change_my_mind(browser, make, mailbox):
    make.organisation("Job agency East", join_code="EAST-2026")
    page = _join(browser, mailbox)
    person = db.session.scalar(db.select(User).filter_by(email="els@example.org"))
    assert db.session.scalar(db.select(NoticeSeen.version).filter_by(user_id=person.id)) == 0

    _download_my_data(browser)

    page = browser.goto("/account/profile")
    page.get_by_role("link", name="Delete my account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delete my account")
    browser.axe()
    page.get_by_label("Your password").fill("not my password")
    page.get_by_role("button", name="Delete my account").click()
    expect_error_summary(page, "password")
    browser.axe()
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    expect(page.get_by_text("Your account will be deleted on")).to_be_visible()
    browser.axe()
    told = mailbox.messages[-1]  # after the confirmation link: the date, and how to stop it
    assert told["To"] == "els@example.org" and "delete" in told["Subject"].lower()

    page.get_by_label("Email address").fill("els@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Els Visser")
    expect(page.get_by_text("Your account will not be deleted: you signed in.")).to_be_visible()
    browser.axe()
    db.session.expire_all()
    asked = db.session.scalar(db.select(DeletionRequest).filter_by(user_id=person.id))
    assert asked.cancelled_at is not None and asked.erased_at is None
