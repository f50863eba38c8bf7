"""Learner and mentor Markdown is rendered, then cleaned with nh3: every known payload in
tests/data/xss_payloads.txt, in an entry and in a reply, renders inert on every page showing it."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from accounts.models import Role
from logbook import services
from logbook.models import EntryState
from logbook.render import render_markdown
from tests.routes.logbook import E, make_entry

PAYLOADS = [
    line
    for line in (Path(__file__).parent / "data" / "xss_payloads.txt").read_text().splitlines()
    if line.strip()
]
SCRIPT_OK = "/static/js/autosave.js"
FORBIDDEN = {"script", "style", "iframe", "frame", "frameset", "object", "embed", "svg", "math",
             "base", "meta", "link", "img", "video", "audio", "source", "marquee"}  # fmt: skip
URL_ATTRS = {"href", "src", "action", "formaction", "background", "data", "xlink:href"}
BAD_SCHEME = re.compile(r"^\s*(javascript|vbscript|data):", re.IGNORECASE)


class Inspector(HTMLParser):
    """Collects every way the page could run a script."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.in_form_textarea = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "script" and (values.get("src") or "").split("?v=")[0] == SCRIPT_OK:
            return
        if tag in FORBIDDEN:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{tag} {name}=")
            if name in URL_ATTRS and value and BAD_SCHEME.match(value):
                self.problems.append(f"{tag} {name}={value}")
            if name == "style":
                self.problems.append(f"{tag} style=")


def problems_in(html: str) -> list[str]:
    inspector = Inspector()
    inspector.feed(html)
    return inspector.problems


def main_of(page: str) -> str:
    return page.split("<main", 1)[1].split("</main>", 1)[0]


def test_there_are_at_least_fifty_payloads():
    assert len(PAYLOADS) >= 50


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_renderer_makes_each_payload_inert(payload):
    assert problems_in(str(render_markdown(payload))) == []


def test_links_get_nofollow_noopener():
    html = str(render_markdown("[site](https://example.org)"))
    assert 'rel="nofollow noopener"' in html


@pytest.fixture
def pair(make):
    organisation = make.organisation()
    learner = make.user(Role.LEARNER, organisation)
    mentor = make.user(Role.MENTOR, organisation)
    make.pair(mentor, learner, organisation)
    return learner, mentor


@pytest.mark.parametrize("chunk", range(0, len(PAYLOADS), 10))
def test_payloads_in_entries_and_replies_render_inert_on_every_page(client, auth, pair, chunk):
    learner, mentor = pair
    payloads = PAYLOADS[chunk : chunk + 10]
    text = "\n\n".join(payloads)
    entry = make_entry(learner, EntryState.SUBMITTED, text=text)
    for payload in payloads:
        services.give_feedback(mentor, entry.id, payload)
    auth.login(mentor)
    pages = {"mentor entry": client.get(f"/mentor/entries/{entry.id}").get_data(as_text=True)}
    auth.login(learner)
    pages["entry"] = client.get(E).get_data(as_text=True)
    pages["print"] = client.get("/logbook/print").get_data(as_text=True)
    pages["revision"] = client.get(f"{E}/revisions/1").get_data(as_text=True)
    pages["preview"] = client.post(
        E, data={"text": text, "base_version": 9, "action": "preview"}
    ).get_data(as_text=True)
    # The page's own head and chrome are not learner text: look inside <main> only.
    found = {name: problems_in(main_of(html)) for name, html in pages.items()}
    assert found == dict.fromkeys(pages, [])


def test_the_inspector_would_catch_an_uncleaned_payload():
    assert problems_in('<img src=x onerror=alert(1)><a href="javascript:x">a</a>') != []
