"""Journey: a learner joins the network, a mentor finds her and writes; she answers; she writes
her story with a photo and sends it; staff publish it; signed out, anyone reads it on the
organisation's public page. axe-core runs on every page visited."""

import re

from playwright.sync_api import expect

from accounts.models import Role
from tests.browser.test_mentoring_journey import sign_in, sign_out
from tests.routes.network import png_bytes


def test_join_the_network_write_and_publish_a_story(browser, live_app, make):
    organisation = make.organisation("Starters Utrecht", join_code="START-123")
    learner = make.user(Role.LEARNER, organisation, name="Lena Learner")
    mentor = make.user(Role.MENTOR, organisation, name="Mo Mentor")
    staff = make.user(Role.STAFF, organisation, name="Sanne")

    page = sign_in(browser, learner)
    page.get_by_role("link", name="Network", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Network of participants")
    browser.axe()
    page.get_by_role("link", name="Join the network so others can find you").click()
    browser.axe()
    page.get_by_label("Region or town (optional)").fill("Utrecht")
    page.get_by_label("Sector (optional)").select_option("hospitality")
    page.get_by_label("What I can offer").fill("Thirty years of baking bread")
    page.get_by_role("button", name="Join the network").click()
    expect(page.get_by_text("You are in the network.")).to_be_visible()
    browser.axe()
    sign_out(browser)

    page = sign_in(browser, mentor)
    browser.goto("/network/?q=bread")
    expect(page.get_by_role("heading", name="Lena Learner")).to_be_visible()
    page.get_by_role("link", name="Write to Lena Learner").click()
    browser.axe()
    page.get_by_label("Your message").fill("I would love to help with your bakery's website.")
    page.get_by_role("button", name="Send my message").click()
    expect(page.get_by_text("Your message has been sent to Lena Learner.")).to_be_visible()
    browser.axe()
    assert learner.email not in page.content()
    sign_out(browser)

    page = sign_in(browser, learner)
    page.get_by_role("link", name="Mo Mentor wrote to you through the network").first.click()
    expect(page.get_by_text("help with your bakery's website")).to_be_visible()
    browser.axe()
    page.get_by_label("Your message").fill("Thank you, gladly!")
    page.get_by_role("button", name="Send my message").click()
    expect(page.get_by_text("Thank you, gladly!")).to_be_visible()
    browser.axe()

    browser.goto("/stories/new")
    page.get_by_label("Title").fill("From the office to my own bakery")
    page.get_by_label("Your story", exact=True).fill("It took a year, and my mentor helped.")
    page.get_by_label("Name shown with your story (optional)").fill("Lena")
    page.get_by_label("A photo (optional)").set_input_files(
        {"name": "me.png", "mimeType": "image/png", "buffer": png_bytes()}
    )
    page.get_by_label("I agree that staff of my organisation publish this story").check()
    page.get_by_role("button", name="Save and send to staff").click()
    expect(page.get_by_text("Your story is saved and sent to the staff")).to_be_visible()
    browser.axe()
    sign_out(browser)

    page = sign_in(browser, staff)
    page.get_by_role("link", name="Success stories to publish").click()
    browser.axe()
    page.get_by_role("button", name=re.compile("^Publish.*From the office")).click()
    expect(page.get_by_text("is published")).to_be_visible()
    browser.axe()
    sign_out(browser)

    page = browser.goto(f"/o/{organisation.slug}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Starters Utrecht")
    expect(page.get_by_role("link", name="From the office to my own bakery")).to_be_visible()
    expect(page.get_by_role("link", name="Join with a code")).to_be_visible()
    page.get_by_role("link", name="From the office to my own bakery").click()
    expect(page.get_by_role("img", name="Photo with the story From the office")).to_be_visible()
    browser.axe()

    # At 320 px wide nothing scrolls sideways.
    page.set_viewport_size({"width": 320, "height": 800})
    for path in (f"/o/{organisation.slug}", "/login"):
        browser.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
    sign_in(browser, learner)
    for path in ("/network/", "/network/me", "/stories/new", "/dashboard"):
        browser.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
