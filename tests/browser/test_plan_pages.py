"""The plan's own pages in a browser, with axe-core on each: the readiness checklist (reached
from the logbook) and the print view of the plan, and the two downloads."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_logbook_journey import sign_in
from tests.plan_helpers import course_with_summary, plan_learner


@pytest.fixture
def config(config, tmp_path):
    config["COURSES_ROOT"] = course_with_summary(tmp_path)
    return config


def test_checklist_print_view_and_downloads(browser, live_app, make):
    learner = plan_learner(make, cash_short=True)
    page = sign_in(browser, learner, "/login?next=/logbook/")
    page.get_by_role("link", name="Is my plan ready?", exact=False).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Is my plan ready?")
    expect(page.get_by_role("listitem").filter(has_text="Cash never below zero")).to_contain_text(
        "Not yet:"
    )
    browser.axe()
    browser.goto("/logbook/print")
    expect(page.get_by_role("heading", level=2).first).to_have_text("Contents")
    browser.axe()
    for name, suffix in (("(Word)", ".docx"), ("(PDF)", ".pdf")):
        browser.goto("/logbook/")
        with page.expect_download() as download:
            page.get_by_role("link", name=name, exact=False).first.click()
        assert download.value.suggested_filename == f"business-plan{suffix}"
