"""Help in the same place on every page (WCAG 3.2.6, consistent help): pages of several features,
as each role and in both languages, have the Help link in the header right after the name, before
the menu, at every width, linking to the help centre."""

from __future__ import annotations

from tests.factories import PASSWORD
from tests.routes import build_world

HELP = {"en": "Help", "nl": "Hulp"}
PAGES = {
    "anonymous": ["/", "/login", "/courses/", "/help/logbook", "/verify"],
    "learner": ["/dashboard", "/courses/test-course/first-module/", "/logbook/", "/mentoring"],
    "mentor": ["/mentor/", "/notifications/", "/network/", "/account/profile"],
    "staff": ["/organisations/{slug}/people", "/questions/staff", "/organisations/{slug}/reports"],
    "admin": ["/admin/", "/admin/audit", "/outbox/"],
}
# The header's controls in order, as a keyboard or screen reader user meets them.
HEADER_ORDER = """() => [...document.querySelectorAll(
    'header a, header summary, header button')].map(el => el.textContent.trim().split(/\\s/)[0])
"""


def test_help_is_in_the_same_place_on_every_page(playwright_browser, live_app, make):
    world = build_world(make)
    base = live_app.config["BASE_URL"]
    places = {}
    for role, paths in PAGES.items():
        for language, width in (("en", 1280), ("nl", 320)):
            context = playwright_browser.new_context(
                base_url=base, viewport={"width": width, "height": 800}
            )
            context.add_cookies([{"name": "lang", "value": language, "url": base}])
            if role != "anonymous":
                user = world.people[role]
                form = {"email": user.email, "password": PASSWORD}
                assert context.request.post("/login", form=form, max_redirects=0).status == 302
            page = context.new_page()
            for path in paths:
                page.goto(path.format(slug=world.organisation.slug))
                order = page.evaluate(HEADER_ORDER)
                help_link = page.locator("header").get_by_role("link", name=HELP[language])
                assert help_link.get_attribute("href") == "/help/", page.url
                places[f"{role} {language} {width}px {path}"] = order[:2]
            context.close()
    moved = {
        where: first
        for where, first in places.items()
        if first != ["Herstart", HELP[where.split()[1]]]
    }
    assert not moved, f"Help is not right after the name: {moved}"
