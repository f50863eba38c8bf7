"""Journey: a pair that works together. Staff approve a proposal; both accept and see the contact
details the other chose to share; they exchange messages; the mentor proposes a meeting and the
mentee accepts it; the mentee submits a logbook entry and sees when an answer is expected; the
mentor replies, the mentee answers, and the mentor finds that answer in the notification centre.
axe-core runs on every page visited."""

from datetime import date, timedelta

from playwright.sync_api import expect

from accounts.models import Role
from extensions import db
from tests.browser.test_logbook_journey import sign_in, sign_out
from tests.mentoring_factories import survey


def header_link(page, name):
    return page.get_by_role("navigation", name="Main").get_by_role("link", name=name)


def test_a_pair_reaches_each_other_meets_and_never_misses_an_answer(browser, live_app, make):
    organisation = make.organisation("Job agency West")
    staff = make.user(Role.STAFF, organisation, name="Sanne")
    mentee = make.user(Role.LEARNER, organisation, name="Marianne", share_email_with_partner=True)
    mentor = make.user(Role.MENTOR, organisation, name="Yusuf", phone_for_partner="+31 6 1234 5678")
    survey(mentee, organisation, volunteering="the food bank")
    survey(mentor, organisation, "mentor", volunteering="The Food Bank")
    db.session.commit()

    # Staff run a round and approve the proposal.
    page = sign_in(browser, staff)
    browser.goto(f"/organisations/{organisation.slug}/programme/rounds")
    page.get_by_role("button", name="Run a matching round").click()
    browser.axe()
    page.get_by_role("button", name="Approve Marianne").click()
    expect(page.get_by_text("Approved: Marianne and Yusuf can now accept.")).to_be_visible()
    browser.axe()
    sign_out(browser)

    # Both accept; then each sees only what the other shares.
    for person in (mentee, mentor):
        page = sign_in(browser, person)
        header_link(page, "Notifications").click()
        browser.axe()
        page.get_by_role("link", name="A mentoring proposal is waiting for your answer").click()
        browser.axe()
        page.get_by_label("Yes, I accept").check()
        page.get_by_role("button", name="Send my answer").click()
        browser.axe()
        if person is mentee:
            sign_out(browser)
    contact = page.locator("section.contact")
    expect(contact).to_contain_text(mentee.email)
    sign_out(browser)
    page = sign_in(browser, mentee)
    browser.goto("/notifications/")
    page.get_by_role("link", name="Meet Yusuf, your mentoring partner").click()
    browser.axe()
    contact = page.locator("section.contact")
    expect(contact).to_contain_text("+31 6 1234 5678")
    expect(contact).not_to_contain_text(mentor.email)

    # Messages: the mentee writes, the mentor reads and answers.
    page.get_by_label("Your message").fill("Hello Yusuf,\n\nShall we meet next week?")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.locator("#messages")).to_contain_text("Shall we meet next week?")
    browser.axe()
    sign_out(browser)

    page = sign_in(browser, mentor)
    expect(page.get_by_text("New message from Marianne")).to_be_visible()
    page.get_by_role("link", name="New message from Marianne").first.click()
    browser.axe()
    expect(page.locator("#messages")).to_contain_text("Shall we meet next week?")
    page.get_by_label("Your message").fill("Gladly. I will propose a time.")
    page.get_by_role("button", name="Send", exact=True).click()
    browser.axe()

    # The mentor proposes a meeting.
    page.get_by_role("link", name="Propose a meeting").click()
    browser.axe()
    day = date.today() + timedelta(days=7)
    page.get_by_label("Date").fill(day.isoformat())
    page.get_by_label("Start time").fill("14:00")
    page.get_by_label("1 hour").check()
    page.get_by_label("Where: an address or a video link").fill("Café De Zon, Utrecht")
    page.get_by_label("Topic").fill("Your first customers")
    page.get_by_role("button", name="Send my proposal").click()
    browser.axe()
    expect(page.get_by_text("Waiting for Marianne")).to_be_visible()
    sign_out(browser)

    # The mentee accepts it; it is in the calendar file.
    page = sign_in(browser, mentee)
    browser.goto("/notifications/")
    page.get_by_role("link", name="Yusuf proposes a meeting").first.click()
    browser.axe()
    page.get_by_role("button", name="Accept", exact=True).click()
    browser.axe()
    planned = page.locator("section.meetings-planned")
    expect(planned).to_contain_text("Café De Zon, Utrecht")
    expect(planned).to_contain_text("14:00")
    expect(planned.get_by_role("link", name="Add to my calendar")).to_be_visible()

    # The mentee submits an entry and sees when an answer is expected.
    browser.goto("/logbook/")
    page.get_by_role("link", name="Assignment first-plan").click()
    browser.axe()
    page.get_by_label("Your text").fill("Bread for the whole street.")
    expect(page.get_by_text("Saved at ")).to_be_visible()
    page.reload()
    browser.axe()
    expect(page.get_by_text("Your mentor usually answers within 7 days.")).to_be_visible()
    page.get_by_role("button", name="Send to my mentor").click()
    expect(page.get_by_text("Sent to Yusuf")).to_be_visible()
    expect(page.get_by_text("An answer is expected by")).to_be_visible()
    browser.axe()
    sign_out(browser)

    # The mentor replies from the notification centre.
    page = sign_in(browser, mentor)
    browser.goto("/notifications/")
    page.get_by_role("link", name="Marianne sent you a logbook entry").first.click()
    browser.axe()
    page.get_by_label("Your reply").fill("Who buys bread at 7?")
    page.get_by_role("button", name="Send my feedback").click()
    browser.axe()
    sign_out(browser)

    # The mentee answers the feedback.
    page = sign_in(browser, mentee)
    browser.goto("/notifications/")
    page.get_by_role("link", name="Yusuf replied to your logbook entry").first.click()
    browser.axe()
    expect(page.get_by_text("Who buys bread at 7?")).to_be_visible()
    page.locator("#thread").get_by_role("textbox").fill("The neighbours on their way to work.")
    page.get_by_role("button", name="Send my answer").click()
    browser.axe()
    sign_out(browser)

    # The mentor hears of it in the notification centre and finds the answer behind the link.
    page = sign_in(browser, mentor)
    header_link(page, "Notifications").click()
    browser.axe()
    page.get_by_role("link", name="Marianne answered your feedback on").first.click()
    browser.axe()
    expect(page.get_by_text("The neighbours on their way to work.")).to_be_visible()
