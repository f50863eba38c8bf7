"""The crawl: every GET route of the route inventory, as every role that may open it, through
axe-core (WCAG 2.2 A/AA and best practice) and the reflow check (no sideways scroll at 320 and
640 CSS px).

How coverage is chosen, so the crawl stays within a few minutes on two cores:
- every (route, role) pair the inventory marks OK is visited once; the language alternates from
  one role to the next, and a route that only one role may open is visited in both languages, so
  every route is seen in English and in Dutch;
- the first page of every feature is visited once more per language with the largest text and
  high contrast (the display settings a person keeps in "My settings");
- axe-core runs at 320 px, where the compact header and stacked layouts live; the journeys run it
  at desktop width. Downloads (Word, PDF, CSV, calendar, images, JSON) are fetched, not audited.
One test per inventory file, so xdist spreads the features over the workers.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass

import pytest

import tests.routes as inventory
from accounts.models import Contrast, TextSize
from extensions import db
from tests.browser.conftest import Browser
from tests.factories import PASSWORD
from tests.routes import OK, ROLES, Route, World, build_world

LANGUAGES = ("en", "nl")
WIDTHS = (320, 640)
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


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
    large: bool = False  # largest text and high contrast


def plan(routes: list[Route]) -> list[Visit]:
    """Each (route, role) once, languages alternating; single-role routes in both languages."""
    visits = []
    turn = 0
    for route in routes:
        roles = [role for role in ROLES if route.expect[role] == OK]
        for role in roles:
            visits.append(Visit(route, role, LANGUAGES[turn % 2]))
            turn += 1
        if len(roles) == 1:
            visits.append(Visit(route, roles[0], LANGUAGES[turn % 2]))
            turn += 1
    first = routes[0]
    role = next(role for role in ROLES if first.expect[role] == OK)
    visits += [Visit(first, role, language, large=True) for language in LANGUAGES]
    return visits


def _overflow(page) -> list[str]:
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 640})
        wide = page.evaluate(
            """() => {
                const root = document.documentElement;
                if (root.scrollWidth <= root.clientWidth) return null;
                const limit = root.clientWidth;
                const culprits = [...document.body.querySelectorAll('*')]
                    .filter(el => el.getBoundingClientRect().right > limit + 1)
                    .filter(el => !el.parentElement
                        || el.parentElement.getBoundingClientRect().right <= limit + 1)
                    .slice(0, 3)
                    .map(el => el.outerHTML.slice(0, 100));
                return root.scrollWidth + 'px: ' + culprits.join(' | ');
            }"""
        )
        if wide:
            problems.append(f"sideways scroll at {width} px ({wide})")
    page.set_viewport_size({"width": WIDTHS[0], "height": 640})
    return problems


# What axe-core's outcome depends on: the elements, their attributes and whether each holds text of
# its own. Links, form values and dates differ between people and renders; they are left out.
SKELETON = """() => {
    const varying = new Set(['href', 'action', 'value', 'content', 'datetime', 'src']);
    return [...document.querySelectorAll('*')].map(el => {
        const attrs = [...el.attributes].filter(a => !varying.has(a.name))
            .map(a => a.name + '=' + a.value).join(' ');
        const text = [...el.childNodes].some(n => n.nodeType === 3 && n.data.trim());
        return el.tagName + '[' + attrs + ']' + (text ? 't' : '');
    }).join('|');
}"""


class Crawler:
    def __init__(self, playwright_browser, live_app, world: World):
        self.playwright_browser = playwright_browser
        self.base = live_app.config["BASE_URL"]
        self.world = world
        self.contexts = {}
        self.downloads: set[str] = set()
        self.problems: dict[str, list[str]] = {}
        self.audited: set[int] = set()

    def visitor(self, role: str) -> Browser:
        if role not in self.contexts:
            context = self.playwright_browser.new_context(
                base_url=self.base, viewport={"width": WIDTHS[0], "height": 640}
            )
            page = context.new_page()
            page.set_default_timeout(10_000)
            if role != "anonymous":
                user = self.world.people[role]
                answer = context.request.post(
                    "/login", form={"email": user.email, "password": PASSWORD}, max_redirects=0
                )
                assert answer.status == 302, f"{role} cannot sign in"
            self.contexts[role] = (context, Browser(page, self.base, TAGS))
        return self.contexts[role][1]

    def display(self, role: str, large: bool) -> None:
        size, contrast = (
            (TextSize.LARGER, Contrast.HIGH) if large else (TextSize.NORMAL, Contrast.NORMAL)
        )
        context = self.contexts[role][0]
        if role == "anonymous":
            context.add_cookies(
                [
                    {"name": "text_size", "value": size.value, "url": self.base},
                    {"name": "contrast", "value": contrast.value, "url": self.base},
                ]
            )
        else:
            user = self.world.people[role]
            user.text_size, user.contrast = size.value, contrast.value
            db.session.commit()

    def visit(self, visit: Visit) -> None:
        browser = self.visitor(visit.role)
        context = self.contexts[visit.role][0]
        context.add_cookies([{"name": "lang", "value": visit.language, "url": self.base}])
        self.display(visit.role, visit.large)
        path = visit.route.url(self.world)
        where = f"{visit.role} {visit.language}{' larger' if visit.large else ''} {path}"
        if path in self.downloads:
            return
        if visit.route is not getattr(self, "_probed", None):
            self._probed = visit.route
            answer = context.request.get(path)
            if "text/html" not in answer.headers.get("content-type", ""):
                assert answer.status < 400, f"{where}: {answer.status}"
                self.downloads.add(path)
                return
        db.session.commit()
        response = browser.page.goto(self.base + path)
        assert response.status < 400, f"{where}: {response.status}"
        assert "/login" not in browser.page.url or path.startswith("/login"), where
        skeleton = hash(browser.page.evaluate(SKELETON))
        if skeleton in self.audited:
            browser.checked.add(browser.page.url)  # the same markup was audited before
        else:
            self.audited.add(skeleton)
            try:
                browser.axe()
            except AssertionError as error:
                self.problem(str(error).split("\n", 1)[1].split("\nassert")[0], where)
        for problem in _overflow(browser.page):
            self.problem(problem, where)
        if visit.large:
            self.display(visit.role, False)

    def problem(self, what: str, where: str) -> None:
        self.problems.setdefault(what, []).append(where)

    def report(self) -> str:
        return "\n".join(
            f"{what}\n  on: {'; '.join(where[:4])}{' ...' if len(where) > 4 else ''}"
            for what, where in self.problems.items()
        )

    def close(self) -> None:
        for context, _browser in self.contexts.values():
            context.close()


@pytest.mark.parametrize("feature", sorted(FEATURES))
def test_crawl(feature, playwright_browser, live_app, make):
    world = build_world(make)
    setups = []
    for route in FEATURES[feature]:
        if route.setup and route.setup not in setups:
            setups.append(route.setup)
            route.setup(world, make)
    db.session.commit()
    crawler = Crawler(playwright_browser, live_app, world)
    try:
        for visit in plan(FEATURES[feature]):
            crawler.visit(visit)
    finally:
        crawler.close()
    assert not crawler.problems, crawler.report()
