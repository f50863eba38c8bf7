"""Journey: from my settings to Download my data, make a copy, download the ZIP and read its
overview page; axe-core on every page, the overview included."""

import io
import zipfile
from pathlib import Path

from playwright.sync_api import expect

from accounts.models import Role
from tests.browser.test_logbook_journey import sign_in


def test_a_learner_downloads_their_data(browser, make):
    learner = make.user(Role.LEARNER, name="Anna de Boer")
    page = sign_in(browser, learner)
    browser.goto("/account/profile")
    page.get_by_role("link", name="Download my data").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Download my data")
    browser.axe()
    page.get_by_role("button", name="Make a copy of my data").click()
    expect(page.get_by_role("heading", name="Ready to download")).to_be_visible()
    browser.axe()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download my data of").click()
    archive = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))
    overview = archive.read("index.html").decode()
    assert "Anna de Boer" in overview
    page.goto("about:blank")  # opened as a file, away from the site's CSP: its own styles apply
    page.set_content(overview)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your data from Herstart")
    browser.axe()
