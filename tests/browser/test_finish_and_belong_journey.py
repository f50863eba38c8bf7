"""Issue 17's journey end to end: a learner who finished the course (fast-forwarded by test data)
collects the certificate and downloads it; signed out, the share link says it is valid and the
help answers a visitor; she asks a question, staff answer and publish it in the FAQ without her
name, and she joins the network. axe-core runs on every page visited."""

from playwright.sync_api import expect

from accounts.models import Role
from tests import credential_factories as cf
from tests.browser.test_mentoring_journey import sign_in, sign_out


def test_finish_verify_ask_and_join_the_network(browser, live_app, make):
    org = make.organisation("Job agency West", slug="west")
    learner = make.user(Role.LEARNER, org, name="Marianne Jansen")
    staff = make.user(Role.STAFF, org, name="Sanne")
    cf.key_for(org)
    cf.finish_course(learner)

    page = sign_in(browser, learner)
    page.get_by_role("link", name="Get your certificate").click()
    browser.axe()
    page.get_by_label("Your name as it should appear on the certificate").fill("Marianne Jansen")
    page.get_by_role("button", name="Make my certificate").click()
    expect(page.get_by_text("Your certificate is ready.")).to_be_visible()
    browser.axe()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the certificate to print (PDF)").click()
    assert download.value.path().stat().st_size > 0
    share = page.locator("a[href*='/verify/']").first.get_attribute("href")
    sign_out(browser)

    page = browser.goto(share.replace(live_app.config["BASE_URL"], ""))
    expect(page.get_by_text("This certificate is valid.")).to_be_visible()
    expect(page.get_by_text("Marianne Jansen").first).to_be_visible()
    browser.axe()
    page = browser.goto("/help/search?q=logbook")
    expect(page.locator("main").get_by_role("link").first).to_be_visible()
    browser.axe()

    page = sign_in(browser, learner)
    page.get_by_role("contentinfo").get_by_role("link", name="Ask a question").click()
    browser.axe()
    page.get_by_label("Your question").fill("Can I pause the course for a month?")
    page.get_by_label("You may publish my question").check()
    page.get_by_role("button", name="Send my question").click()
    expect(page.get_by_text("Your question is sent to Job agency West")).to_be_visible()
    browser.axe()
    sign_out(browser)

    page = sign_in(browser, staff)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Questions").click()
    browser.axe()
    page.get_by_role("link", name="Can I pause the course for a month?").click()
    page.get_by_label("Your answer").fill("Yes: your work is kept while you pause.")
    page.get_by_role("button", name="Send the answer").click()
    expect(page.get_by_text("Your answer is sent.")).to_be_visible()
    page.get_by_role("button", name="Publish in the FAQ").click()
    expect(page.get_by_text("The question and answer are in the FAQ")).to_be_visible()
    browser.axe()
    sign_out(browser)

    page = sign_in(browser, learner)
    browser.goto("/questions/faq")
    expect(page.get_by_text("Yes: your work is kept while you pause.")).to_be_visible()
    assert "Marianne" not in page.locator("main").inner_text()
    browser.axe()
    page.get_by_role("link", name="Network", exact=True).first.click()
    page.get_by_role("link", name="Join the network so others can find you").click()
    browser.axe()
    page.get_by_label("What I can offer").fill("Thirty years in a bakery")
    page.get_by_role("button", name="Join the network").click()
    expect(page.get_by_text("You are in the network.")).to_be_visible()
    expect(page.get_by_role("heading", name="Marianne Jansen")).to_be_visible()
    browser.axe()
