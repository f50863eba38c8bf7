"""The compact header on a phone (320 x 640 CSS px) with the largest text: the page's content
starts in the first third of the screen, the menu opens without JavaScript (a <details>
disclosure), every control in it is a large target, and the open menu passes axe-core."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from accounts.models import Role
from tests.browser.conftest import AXE_TAGS_ALL, Browser
from tests.factories import PASSWORD

PHONE = {"width": 320, "height": 640}


@pytest.fixture
def phone(playwright_browser, live_app, make):
    """A signed-in staff member (the longest menu) with the largest text, on a phone."""
    organisation = make.organisation("Stichting Ondernemerschapsbevordering Noord-Holland")
    user = make.user(Role.STAFF, organisation, text_size="larger")

    def open_context(javascript: bool):
        context = playwright_browser.new_context(
            base_url=live_app.config["BASE_URL"], viewport=PHONE, java_script_enabled=javascript
        )
        context.add_cookies([{"name": "lang", "value": "nl", "url": live_app.config["BASE_URL"]}])
        form = {"email": user.email, "password": PASSWORD}
        assert context.request.post("/login", form=form, max_redirects=0).status == 302
        return context

    return open_context


def test_content_starts_in_the_first_third_and_the_menu_opens_without_javascript(phone):
    context = phone(javascript=False)
    page = context.new_page()
    page.goto("/account/profile")
    top = page.locator("main h1").bounding_box()["y"]
    assert top < PHONE["height"] / 3, f"the heading starts at {top:.0f} px"
    sign_out = page.get_by_role("button", name="Afmelden", exact=True)
    expect(sign_out).to_be_hidden()
    page.get_by_text("Menu", exact=True).click()
    expect(sign_out).to_be_visible()
    expect(page.get_by_role("link", name="Mijn instellingen")).to_be_visible()
    context.close()


def test_open_menu_has_large_targets_and_passes_axe(phone):
    context = phone(javascript=True)
    browser = Browser(context.new_page(), "", AXE_TAGS_ALL)
    page = browser.page
    page.goto("/account/profile")
    page.get_by_text("Menu", exact=True).click()
    small = page.evaluate(
        """() => [...document.querySelectorAll('header a, header button, header summary')]
            .map(el => [el.textContent.trim(), el.getBoundingClientRect()])
            .filter(([, r]) => r.width < 44 || r.height < 44)
            .map(([name, r]) => `${name}: ${Math.round(r.width)}x${Math.round(r.height)}`)"""
    )
    assert not small, f"targets smaller than 44 x 44 px: {small}"
    browser.axe()
    context.close()
