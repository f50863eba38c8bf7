"""The certificate journey: a learner who finished (fast-forwarded) makes the certificate,
downloads the PDF, and the share link, opened signed out, says it is valid; after staff withdraw
it, the same link says when and why. axe-core runs on every page visited."""

from playwright.sync_api import expect

from accounts.models import Role
from tests import credential_factories as cf
from tests.browser.test_logbook_journey import sign_in, sign_out


def test_finish_collect_download_and_verify_signed_out(browser, live_app, make):
    org = make.organisation("Job agency West", slug="west")
    learner = make.user(Role.LEARNER, org, name="Marianne")
    mentor = make.user(Role.MENTOR, org, name="Yusuf")
    staff = make.user(Role.STAFF, org, name="Sandra")
    cf.key_for(org)
    cf.finish_course(learner)
    cf.sent_entry(learner, org, "My bakery: bread for the whole street.", mentor)

    page = sign_in(browser, learner)
    page.get_by_role("link", name="Get your certificate").click()
    browser.axe()
    page.get_by_label("Your name as it should appear on the certificate").fill("Marianne de Vries")
    page.get_by_label("(read by mentor)").check()
    page.get_by_role("button", name="Make my certificate").click()
    expect(page.get_by_text("Your certificate is ready.")).to_be_visible()
    browser.axe()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the certificate to print (PDF)").click()
    assert download.value.suggested_filename.endswith(".pdf")
    share = page.locator("a[href*='/verify/']").first.get_attribute("href")
    sign_out(browser)

    page = browser.goto(share.replace(live_app.config["BASE_URL"], ""))
    expect(page.get_by_text("This certificate is valid.")).to_be_visible()
    expect(page.get_by_text("My bakery: bread for the whole street.")).to_be_visible()

    sign_in(browser, staff)
    page = browser.goto("/organisations/west/certificates")
    page.get_by_label("Why is this certificate withdrawn?").fill("Issued by mistake")
    page.get_by_role("button", name="Withdraw this certificate").click()
    browser.axe()
    sign_out(browser)
    page = browser.goto(share.replace(live_app.config["BASE_URL"], ""))
    expect(page.get_by_text("Issued by mistake")).to_be_visible()
