"""Browser tests: the app served on a free loopback port, Debian's chromium driven by Playwright,
and axe-core (WCAG 2.2 A and AA, best practice) run on every page a test visits."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from app import create_app
from extensions import db
from tests.conftest import TEMPLATE_CODE, FreshContextClient, empty_database, free_port

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# The crawl and the header tests: WCAG 2.2 AA and axe-core's best practices as well.
AXE_TAGS_ALL = [*AXE_TAGS, "wcag22aa", "best-practice"]
AXE_SOURCE = AXE.read_text() if AXE.exists() else ""

# Each page is audited unless this process (an xdist worker: the crawl and the journeys it runs)
# already audited the same markup, with the same tags, language, display setting and width, and
# it passed: axe-core's outcome follows from the elements, their attributes and whether each
# holds text (words change sizes, not rules). Links, form values and dates differ between people
# and renders and are left out. One fingerprint for the header, one for the rest. Colour
# contrast, most of axe-core's time, is checked only while the page shows a combination of text
# colour, background, size and weight that no audited page showed.
AUDITED: set[int] = set()
COLOURS_AUDITED: set[str] = set()
SIGNATURE = """() => {
    const varying = new Set(['href', 'action', 'value', 'content', 'datetime', 'src']);
    const header = document.querySelector('header');
    const ownText = el => [...el.childNodes].some(n => n.nodeType === 3 && n.data.trim());
    const print = root => [root, ...root.querySelectorAll('*')].map(el => {
        if (header && root !== header && header.contains(el)) return '';
        const attrs = [...el.attributes].filter(a => !varying.has(a.name))
            .map(a => a.name + '=' + a.value).join(' ');
        return el.tagName + '[' + attrs + ']' + (ownText(el) ? 't' : '');
    }).join('|');
    const background = el => {
        for (let a = el; a; a = a.parentElement) {
            const style = getComputedStyle(a);
            if (style.backgroundImage !== 'none') return 'image';
            if (style.backgroundColor !== 'rgba(0, 0, 0, 0)') return style.backgroundColor;
        }
        return 'canvas';
    };
    const colours = new Set();
    for (const el of document.body.querySelectorAll('*')) {
        if (!ownText(el)) continue;
        const s = getComputedStyle(el);
        colours.add([s.color, background(el), s.fontSize, s.fontWeight, s.opacity,
                     s.textShadow].join(';'));
    }
    const html = innerWidth + ' ' + document.documentElement.outerHTML.slice(0, 120);
    return [html + (header ? print(header) : ''), html + print(document.body), [...colours]];
}"""


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


def _require(thing: str, present: bool) -> None:
    if present:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{thing} is missing: run `make test`, which installs it")
    pytest.skip(f"{thing} is missing")


@pytest.fixture(scope="session")
def playwright_browser():
    _require("Debian's chromium (/usr/bin/chromium)", Path(CHROMIUM).exists())
    _require(f"axe-core ({AXE})", AXE.exists())
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                # Chromium's own cost of a navigation is most of this leg's CPU: a new document
                # without a new RenderFrame each time costs a fifth less (a blank page: 95 to
                # 75 ms of CPU a navigation). Compositing on the main thread would save more,
                # but then Playwright never sees an element stop moving.
                "--disable-features=RenderDocument,BackForwardCache",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def live_app(config, tmp_path, smtp):
    """The app on a real port, sharing the test database with the test itself."""
    port = free_port()
    # Served as in production, so the production checks apply: a real secret and PUBLIC_URL.
    production = {"TESTING": False, "SECRET_KEY": "browser-test-" * 4}
    public = {"SERVER_NAME": None, "PUBLIC_URL": f"http://127.0.0.1:{port}"}
    app = create_app({**config, **production, **public})
    app.test_client_class = FreshContextClient
    app.jinja_env.bytecode_cache = TEMPLATE_CODE
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    app.config["BASE_URL"] = f"http://127.0.0.1:{port}"
    with app.app_context():
        yield app
        server.shutdown()
        thread.join(5)
        db.session.remove()
        empty_database()
        db.engine.dispose()


class Browser:
    """A page that remembers every URL it visited, so the test can prove each was checked."""

    def __init__(self, page, base_url: str, tags: list[str] = AXE_TAGS_ALL):
        self.page = page
        self.tags = tags
        self.base_url = base_url
        self.visited: list[str] = []
        self.checked: set[str] = set()
        page.on("framenavigated", self._navigated)
        page.on("dialog", self._dialog)
        self.dialogs: list[str] = []

    def _navigated(self, frame):
        if frame == self.page.main_frame:
            self.visited.append(frame.url)

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def goto(self, path: str):
        # What the test set up through services is its own unit of work: it commits first,
        # as FreshContextClient does, so the server sees it and no write lock is left open.
        db.session.commit()
        self.page.goto(self.base_url + path)
        self.axe()
        return self.page

    def axe(self) -> bool:
        """Run axe-core on the page as it is now; any violation fails with rule and element.
        False when the same markup was audited before in this process (see `SIGNATURE`)."""
        self.page.wait_for_load_state("load")
        header, body, colours = self.page.evaluate(SIGNATURE)
        prints = {hash((*self.tags, header)), hash((*self.tags, body))}
        if prints <= AUDITED:
            self.checked.add(self.page.url)
            return False
        contrast = not set(colours) <= COLOURS_AUDITED
        if not self.page.evaluate("() => typeof axe === 'object'"):
            self.page.evaluate(AXE_SOURCE)
        result = self.page.evaluate(
            "([tags, contrast]) => axe.run(document, {runOnly: {type: 'tag', values: tags},"
            " rules: {'color-contrast': {enabled: contrast}},"
            " resultTypes: ['violations']})",  # details of violations only: far less work
            [self.tags, contrast],
        )
        problems = [
            f"{v['id']} ({v['impact']}): {v['help']}\n    "
            + "\n    ".join(str(node["target"]) + " " + node["html"][:120] for node in v["nodes"])
            for v in result["violations"]
        ]
        assert not problems, f"axe-core on {self.page.url}:\n" + "\n".join(problems)
        self.checked.add(self.page.url)
        AUDITED.update(prints)
        if contrast:
            COLOURS_AUDITED.update(colours)
        return True


@pytest.fixture
def browser(playwright_browser, live_app):
    context = playwright_browser.new_context(base_url=live_app.config["BASE_URL"])
    page = context.new_page()
    page.set_default_timeout(10_000)
    visitor = Browser(page, live_app.config["BASE_URL"])
    yield visitor
    context.close()
    unchecked = [url for url in visitor.visited if url not in visitor.checked]
    assert not unchecked, "pages visited without an axe-core check:\n" + "\n".join(unchecked)
