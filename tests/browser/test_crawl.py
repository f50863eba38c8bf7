"""The crawl: every GET route of the route inventory, as every role that may open it, through
axe-core (WCAG 2.2 A/AA and best practice) and the reflow check (no sideways scroll at 320 and
640 CSS px).

How coverage is chosen, so the crawl stays within a few minutes on two cores:
- every (route, role) pair the inventory marks OK is visited once; the language alternates from
  one role to the next, and a route that only one role may open is visited in both languages, so
  every route is seen in English and in Dutch;
- the first page (not a download) of every feature is visited once more with the largest text
  and high contrast (the display settings a person keeps in "My settings"), the features taking
  turns between English and Dutch;
- every visit is checked for reflow at 320 and 640 px. axe-core runs at 320 px (the compact
  header, stacked layouts; the journeys run it at desktop width) on every visit whose markup is
  new to this process (`Browser.axe` in conftest.py says when a page counts as audited before);
- downloads (Word, PDF, CSV, calendar, images, JSON) are fetched and must succeed, not audited.
One test per inventory file, so xdist spreads the features over the workers. When one route's
setup cannot be added to a world that another setup already built (two certificates' signing
keys, a draft and a submitted entry of one assignment), its routes get a world of their own.
"""

from __future__ import annotations

import importlib
import pkgutil
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

import tests.routes as inventory
from accounts.models import Contrast, TextSize
from extensions import db
from tests.browser.conftest import AXE_TAGS_ALL, Browser
from tests.conftest import empty_database
from tests.factories import PASSWORD
from tests.routes import OK, ROLES, Route, World, build_world

LANGUAGES = ("en", "nl")
WIDTHS = (320, 640)
NORMAL = {"text_size": TextSize.NORMAL.value, "contrast": Contrast.NORMAL.value}
LARGER = {"text_size": TextSize.LARGER.value, "contrast": Contrast.HIGH.value}


def _feature_routes() -> dict[str, list[Route]]:
    features = {}
    for info in pkgutil.iter_modules(inventory.__path__):
        module = importlib.import_module(f"tests.routes.{info.name}")
        rows = [r for r in module.ROUTES if r.method == "GET" and OK in r.expect.values()]
        if rows:
            features[info.name] = rows
    return features


FEATURES = _feature_routes()


@dataclass(frozen=True)
class Visit:
    route: Route
    role: str
    language: str
    large: bool = False  # the largest text and high contrast


def plan(routes: list[Route]) -> list[Visit]:
    """Each (route, role) once, languages alternating; single-role routes in both languages."""
    visits = []
    for route in routes:
        roles = [role for role in ROLES if route.expect[role] == OK]
        if len(roles) == 1:
            roles *= 2
        visits += [Visit(route, role, LANGUAGES[len(visits) % 2]) for role in roles]
    return visits


def worlds(make, routes: list[Route]) -> Iterator[tuple[World, list[Route]]]:
    """A world with every route's setup; routes whose setup clashes with an earlier one wait for
    the next world (the database emptied in between)."""
    while routes:
        world = build_world(make)
        clashed = set()
        for setup in dict.fromkeys(r.setup for r in routes if r.setup):
            try:
                setup(world, make)
                db.session.commit()
            except Exception:
                db.session.rollback()
                clashed.add(setup)
        served = [r for r in routes if r.setup not in clashed]
        assert served, f"no setup works on a fresh world: {clashed}"
        yield world, served
        routes = [r for r in routes if r.setup in clashed]
        if routes:
            db.session.remove()
            empty_database()


# Sideways scroll, and the outermost elements that stick out (not those inside a scroll region).
OVERFLOW = """() => {
    const root = document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return null;
    const limit = root.clientWidth + 1;
    const clipped = el => {
        for (let a = el.parentElement; a; a = a.parentElement) {
            if (getComputedStyle(a).overflowX !== 'visible') return a !== document.body
                && a !== root;
        }
        return false;
    };
    const wide = [...document.body.querySelectorAll('*')]
        .filter(el => el.getBoundingClientRect().right > limit);
    const outermost = wide.filter(el => !clipped(el))
        .filter(el => el.parentElement.getBoundingClientRect().right <= limit);
    const culprits = (outermost.length ? outermost : wide).slice(0, 3)
        .map(el => el.outerHTML.replace(/\\s+/g, ' ').slice(0, 90));
    return root.scrollWidth + 'px: ' + culprits.join(' | ');
}"""


def sideways_scroll(page) -> list[str]:
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 640})
        wide = page.evaluate(OVERFLOW)
        if wide:
            problems.append(f"sideways scroll at {width} px ({wide})")
    page.set_viewport_size({"width": WIDTHS[0], "height": 640})
    return problems


class Crawler:
    """One signed-in browser context per role, reused for every page that role visits."""

    def __init__(self, playwright_browser, base: str):
        self.playwright_browser = playwright_browser
        self.base = base
        self.problems: dict[str, list[str]] = {}
        self.counts = {"visits": 0, "audits": 0, "downloads": 0, "axe_s": 0.0}

    def start(self, world: World) -> None:
        self.world = world
        self.contexts: dict[str, tuple[object, Browser]] = {}
        self.probed: dict[int, bool] = {}  # id(route) -> is a page (not a download)

    def browser(self, role: str):
        if role not in self.contexts:
            context = self.playwright_browser.new_context(
                base_url=self.base, viewport={"width": WIDTHS[0], "height": 640}
            )
            if role != "anonymous":
                user = self.world.people[role]
                form = {"email": user.email, "password": PASSWORD}
                answer = context.request.post("/login", form=form, max_redirects=0)
                assert answer.status == 302, f"{role} cannot sign in"
            page = context.new_page()
            page.set_default_timeout(10_000)
            self.contexts[role] = (context, Browser(page, self.base, AXE_TAGS_ALL))
        return self.contexts[role]

    def display(self, role: str, context, language: str, large: bool) -> None:
        """The language by cookie (nobody in the world chose one), the display settings as the
        person's own (cookies for anonymous visitors)."""
        settings = LARGER if large else NORMAL
        cookies = {"lang": language, **settings}
        context.add_cookies([{"name": k, "value": v, "url": self.base} for k, v in cookies.items()])
        if role != "anonymous":
            user = self.world.people[role]
            if (user.text_size, user.contrast) != (settings["text_size"], settings["contrast"]):
                user.text_size, user.contrast = settings["text_size"], settings["contrast"]
                db.session.commit()

    def visit(self, visit: Visit) -> None:
        context, browser = self.browser(visit.role)
        self.display(visit.role, context, visit.language, visit.large)
        path = visit.route.url(self.world)
        where = f"{visit.role} {visit.language}{' larger' if visit.large else ''} {path}"
        self.counts["visits"] += 1
        if id(visit.route) not in self.probed:
            answer = context.request.get(path)
            assert answer.status < 400, f"{where}: {answer.status}"
            self.probed[id(visit.route)] = "text/html" in answer.headers["content-type"]
        if not self.probed[id(visit.route)]:
            self.counts["downloads"] += 1
            return
        db.session.commit()
        response = browser.page.goto(self.base + path)
        assert response.status < 400, f"{where}: {response.status}"
        assert path.startswith("/login") or "/login" not in browser.page.url, where
        started = time.perf_counter()
        try:
            self.counts["audits"] += browser.axe()
        except AssertionError as error:
            self.counts["audits"] += 1
            self.problem(str(error).split("\n", 1)[1].split("\nassert")[0], where)
        self.counts["axe_s"] += round(time.perf_counter() - started, 2)
        for problem in sideways_scroll(browser.page):
            self.problem(problem, where)

    def larger(self, routes: list[Route], language: str) -> bool:
        """The first page among `routes` again, in `language`, with larger text and high
        contrast; False when all of them are downloads."""
        page = next((r for r in routes if self.probed[id(r)]), None)
        if page is None:
            return False
        role = next(role for role in ROLES if page.expect[role] == OK)
        self.visit(Visit(page, role, language, large=True))
        return True

    def problem(self, what: str, where: str) -> None:
        self.problems.setdefault(what, []).append(where)

    def stop(self) -> None:
        for context, _browser in self.contexts.values():
            context.close()

    def report(self) -> str:
        return "\n".join(
            f"{what}\n  on: {'; '.join(where[:3])}{' ...' if len(where) > 3 else ''}"
            for what, where in self.problems.items()
        )


@pytest.mark.parametrize("feature", sorted(FEATURES))
def test_crawl(feature, playwright_browser, live_app, make):
    routes = FEATURES[feature]
    crawler = Crawler(playwright_browser, live_app.config["BASE_URL"])
    larger_seen = False
    for world, served in worlds(make, routes):
        crawler.start(world)
        try:
            for visit in plan(served):
                crawler.visit(visit)
            if not larger_seen:  # features take turns: half in English, half in Dutch
                language = LANGUAGES[sorted(FEATURES).index(feature) % len(LANGUAGES)]
                larger_seen = crawler.larger(served, language)
        finally:
            crawler.stop()
    print(f"{feature}: {crawler.counts}")
    assert not crawler.problems, crawler.report()
