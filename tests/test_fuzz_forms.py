"""Bad input is never a 500: every POST route of the route inventory gets NUL bytes, control
characters, 10^30, numbers that are only spaces, very long strings and hundreds of values in every
field its form has, as a person who may use the form. Fields come from the form classes the route
builds and from the form on its page; the other fields keep values that would pass. Every error
state the tries reach is shown as GOV.UK does: "Error:" first in the title, the summary focused."""

from __future__ import annotations

import logging
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from flask_wtf import FlaskForm
from wtforms import FieldList, FormField

from accounts import services as accounts
from accounts.invitations import create_invitation
from accounts.models import Role
from tests.factories import PASSWORD
from tests.routes import LOGIN, OK, ROLES, build_world
from tests.test_route_inventory import ROUTES

HUGE = "1" + "0" * 30
PAYLOADS = {
    "nul": "a\x00b",
    "control": "x\r\ny\x1b\x07\u202ez",
    "header": "/\r\nSet-Cookie: taken=1",  # a local path with a header after it
    "huge": HUGE,
    "negative": "-" + HUGE,
    "spaces": "   ",
    "long": "x" * 6_000,
}
MANY = ["x\x00"] * 300  # one field sent hundreds of times, as a made-up list

POSTS = [r for r in ROUTES if r.method == "POST"]
# Every page builds the header's display form; its own route and the sign-in page fuzz `next`.
PAGE_HEADER_FIELDS = {"language", "text_size", "contrast", "next"}
PAGE_HEADER_FORM_ROUTES = {"accounts.display", "accounts.login"}


def _invitation_url(world) -> str:
    staff = world.people["staff"]
    created = create_invitation(staff, world.organisation, "invited@example.org", Role.LEARNER)
    return f"/join/{created.token}"


def _reset_url(world) -> str:
    return f"/reset/{accounts.reset_token(world.learner)}"


# Values that pass, where the inventory's row sends a refusal on purpose: a bad value in one
# field then reaches as far as it can (the service, the database, the redirect).
GOOD = {
    "accounts.login": lambda w: {"email": w.learner.email, "password": PASSWORD, "next": "/"},
    "accounts.join": lambda w: {
        "code": "HOME-CODE",
        "name": "Anna",
        "email": "anna@example.org",
        **dict.fromkeys(("password", "confirm"), "a new password"),
    },
    "accounts.accept_invitation": lambda w: {
        "name": "Anna",
        **dict.fromkeys(("password", "confirm"), "a new password"),
    },
    "accounts.reset": lambda w: dict.fromkeys(("password", "confirm"), "a new password"),
    "accounts.profile": lambda w: {"name": "Anna"},
    "mentoring.intake": lambda w: {"role": "both", "capacity": "2"},
    "mentoring.charter": lambda w: {"goals-0-goal": "A shop", "goals-0-by": "2027-03-01"},
    "mentoring.log_meeting": lambda w: {"held_on": "2026-11-01", "minutes": "60"},
    "mentoring.evaluation": lambda w: {"usefulness": "3"},
    "organisations.programme_weights": lambda w: {"threshold": "50"},
}


def _nothing(world) -> dict:
    return {}


# Routes whose inventory row stops before the form (an unknown token): fuzz the form itself.
FORM_URLS = {"accounts.accept_invitation": _invitation_url, "accounts.reset": _reset_url}


def _roles(route) -> list[str]:
    """Who may use the form: anonymous when the form is for them, and one signed-in person."""
    roles = ["anonymous"] if route.expect["anonymous"] == OK else []
    signed_in = [r for r in ROLES if r != "anonymous"]
    reaching = [r for r in signed_in if route.expect[r] == OK]
    if not reaching:  # every signed-in answer is a refusal the data causes: try one anyway
        reaching = [r for r in signed_in if route.expect[r] not in (LOGIN, 403)] or ["learner"]
    return [*roles, reaching[0]]


class FormOnPage(HTMLParser):
    """The fields of the page's form that posts to `action`, with the values they would send."""

    def __init__(self, action: str):
        super().__init__()
        self.action, self.inside, self.values = action, False, {}
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            target = urlsplit(a.get("action") or self.action).path
            self.inside = (a.get("method") or "").lower() == "post" and target == self.action
        if not self.inside or not a.get("name"):
            return
        name = a["name"]
        if tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in ("radio", "checkbox"):
                self.values.setdefault(name, [])
                if "checked" in a:
                    self.values[name].append(a.get("value") or "on")
            elif kind not in ("submit", "button"):
                self.values[name] = [a.get("value") or ""]
        elif tag == "select":
            self._select = name
            self.values.setdefault(name, [])
        elif tag == "textarea":
            self._textarea = name
            self.values[name] = [""]

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] = [self.values[self._textarea][0] + data]

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)


def _shape(field) -> tuple:
    """Fields built from one definition (a priority per theme) have the same shape."""
    plain = (int, str, float, type(None))
    rules = tuple(
        (type(v).__name__, sorted((k, x) for k, x in vars(v).items() if isinstance(x, plain)))
        for v in field.validators
    )
    choices = tuple(str(getattr(c, "value", c)) for c in getattr(field, "choices", None) or ())
    return (type(field).__name__, str(rules), choices)


def _fields(form) -> dict[str, tuple]:
    shapes = {}
    for field in form:
        if isinstance(field, FieldList):
            for entry in field:
                if isinstance(entry, FormField):
                    shapes.update(_fields(entry.form))
                else:
                    shapes[entry.name] = _shape(entry)
        elif isinstance(field, FormField):
            shapes.update(_fields(field.form))
        elif field.type != "CSRFTokenField":
            shapes[field.name] = _shape(field)
    return shapes


@pytest.fixture
def forms_built(monkeypatch):
    """The names and shapes of every field of every form a request builds."""
    seen: dict[str, tuple] = {}
    original = FlaskForm.__init__

    def recording(self, *args, **kwargs):
        original(self, *args, **kwargs)
        seen.update(_fields(self))

    monkeypatch.setattr(FlaskForm, "__init__", recording)
    return seen


def _one_of_each_shape(names, shapes: dict[str, tuple]) -> list[str]:
    chosen: dict[object, str] = {}
    for name in names:
        chosen.setdefault(shapes.get(name, name), name)
    return list(chosen.values())


def _client(app, world, role):
    client = app.test_client()
    if role != "anonymous":
        with client.session_transaction() as session:
            session["_user_id"] = world.people[role].get_id()
            session["_fresh"] = True
    return client


def _good_values(route, world) -> dict[str, list[str]]:
    good = route.data(world) if route.data else {}
    good = {**good, **GOOD.get(route.endpoint, _nothing)(world)}
    return {k: v if isinstance(v, list) else [str(v)] for k, v in good.items()}


def _discover(client, route, url, good, forms_built) -> tuple[list[str], dict]:
    """The fields the route reads (its page's form and the forms it builds), with good values."""
    page = FormOnPage(url)
    page.feed(client.get(url).get_data(as_text=True))
    forms_built.clear()
    client.post(url, data={**page.values, **good})
    fields = sorted({*page.values, *forms_built, *good} - {"csrf_token"})
    if route.endpoint not in PAGE_HEADER_FORM_ROUTES:  # the header's buttons, on every page
        fields = [f for f in fields if f not in PAGE_HEADER_FIELDS]
    return fields, {**page.values, **good}


def _tries(fields, baseline, shapes):
    """Each payload in every field at once; then in one field at a time, the others good."""
    for name, value in PAYLOADS.items():
        yield f"every field: {name}", dict.fromkeys(fields, value)
    yield "every field many times", dict.fromkeys(fields, MANY)
    for field in _one_of_each_shape(fields, shapes):
        for name, value in PAYLOADS.items():
            if name != "negative":
                yield f"{field}: {name}", {**baseline, field: value}


def _error_state_problem(response) -> str | None:
    """A page that shows a field's error is an error state as GOV.UK shows it: the title starts
    with "Error:" and the error summary takes the focus on load."""
    if response.status_code != 200 or not response.mimetype == "text/html":
        return None
    html = response.get_data(as_text=True)
    if 'class="error-message"' not in html:
        return None
    title = re.search(r"<title>\s*(.*?)</title>", html, re.S)
    if not title or not title[1].startswith("Error: "):
        return "a field error under a title without 'Error:'"
    if not re.search(r'<div class="error-summary"[^>]*autofocus', html):
        return "a field error without the focused error summary"
    return None


@pytest.mark.parametrize("route", POSTS, ids=lambda r: r.endpoint)
def test_bad_input_in_every_field_is_never_a_server_error(app, make, route, forms_built, caplog):
    world = build_world(make)
    if route.setup:
        route.setup(world, make)
    url = FORM_URLS[route.endpoint](world) if route.endpoint in FORM_URLS else route.url(world)
    good = _good_values(route, world)
    failures = []
    for role in _roles(route):
        fields, baseline = _discover(_client(app, world, role), route, url, good, forms_built)
        for what, data in _tries(fields, baseline, dict(forms_built)):
            try:  # a new client each time: a try that signs in or out changes no other
                response = _client(app, world, role).post(url, data=data)
            except Exception as error:  # TESTING propagates what would be a 500
                failures.append(f"{role}, {what}: {type(error).__name__}: {error}"[:300])
                continue
            if response.status_code >= 500:
                failures.append(f"{role}, {what}: {response.status_code}")
            elif problem := _error_state_problem(response):
                failures.append(f"{role}, {what}: {problem}")
    tracebacks = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert not failures and not tracebacks, "\n".join(failures + tracebacks)
