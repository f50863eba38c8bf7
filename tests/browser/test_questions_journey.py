"""Journey: a learner asks a question from the footer and agrees to the FAQ, staff find it
under Questions with the days it waited, answer it and publish it reworded; the learner reads
the answer and finds it in the FAQ without their name. axe-core runs on every page visited,
and the pages fit a 320 px wide screen."""

from playwright.sync_api import expect

from accounts.models import Role
from extensions import db
from questions.models import Question
from tests.browser.test_mentoring_journey import sign_in, sign_out
from tests.browser.test_reports_journey import no_sideways_scroll, shot


def test_ask_answer_publish_and_read_it_in_the_faq(browser, live_app, make):
    organisation = make.organisation("Job agency West")
    staff = make.user(Role.STAFF, organisation, name="Sanne")
    learner = make.user(Role.LEARNER, organisation, name="Marianne Jansen")

    page = sign_in(browser, learner)
    page.get_by_role("contentinfo").get_by_role("link", name="Ask a question").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask a question")
    browser.axe()
    shot(page, "questions-ask")
    page.get_by_label("Your question").fill("I am Marianne Jansen. Can I pause the course?")
    page.get_by_label("My logbook and business plan").check()
    page.get_by_label("You may publish my question").check()
    page.get_by_role("button", name="Send my question").click()
    expect(page.get_by_text("Your question is sent to Job agency West")).to_be_visible()
    browser.axe()
    page.set_viewport_size({"width": 320, "height": 800})
    assert no_sideways_scroll(page)
    shot(page, "questions-asked-320")
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_out(browser)

    page = sign_in(browser, staff)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Questions").click()
    expect(page.get_by_text("1 question waits for an answer")).to_be_visible()
    expect(page.get_by_role("cell", name="asked today")).to_be_visible()
    browser.axe()
    shot(page, "questions-staff-list")
    page.set_viewport_size({"width": 320, "height": 800})
    assert no_sideways_scroll(page)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.get_by_role("link", name="Can I pause the course?").click()
    browser.axe()
    page.get_by_label("Your answer").fill("Yes, Marianne: whenever you like. Your work is kept.")
    page.get_by_role("button", name="Send the answer").click()
    expect(page.get_by_text("Your answer is sent.")).to_be_visible()
    browser.axe()
    # The offered wording still names her: refused until staff take the name out.
    page.get_by_role("button", name="Publish in the FAQ").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    browser.axe()
    page.get_by_label("The question as the FAQ shows it").fill("Can I pause the course?")
    page.get_by_label("The answer as the FAQ shows it").fill("Yes, whenever you like.")
    page.get_by_role("button", name="Publish in the FAQ").click()
    expect(page.get_by_text("The question and answer are in the FAQ")).to_be_visible()
    browser.axe()
    shot(page, "questions-published")
    sign_out(browser)

    page = sign_in(browser, learner)
    browser.goto("/notifications/")
    page.get_by_role("link", name="Your question has been answered").click()
    expect(page.get_by_text("Yes, Marianne: whenever you like.")).to_be_visible()
    browser.axe()
    browser.goto("/questions/faq")
    expect(page.get_by_role("heading", name="Can I pause the course?")).to_be_visible()
    assert "Marianne" not in page.locator("main").inner_text()
    shot(page, "questions-faq")
    db.session.expire_all()
    assert db.session.scalar(db.select(Question.state)) == "published"
