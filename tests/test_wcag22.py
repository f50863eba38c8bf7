"""WCAG 2.2 criteria that axe-core cannot test, checked on the pages themselves.

- 3.3.7 Redundant entry: the intake survey after joining asks nothing joining asked (name,
  email address, password) and fills in what it already knows (the language, the only role).
- 3.3.8 Accessible authentication: signing in, joining, confirming and resetting allow paste
  and password managers (no paste, copy or drop handler anywhere; the right `autocomplete` on
  every email and password field) and ask no cognitive test (no CAPTCHA, no puzzle).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from accounts.models import Role
from tests.accounts_helpers import emailed_link, path_of

ROOT = Path(__file__).resolve().parents[1]
INPUT = re.compile(r"<input\b[^>]*>", re.S)
BLOCKING = re.compile(r"\bon(paste|copy|cut|drop|contextmenu)\s*=", re.I)
COGNITIVE = re.compile(r"captcha|recaptcha|hcaptcha|puzzle|solve|how much is", re.I)


def _inputs(page: str) -> list[dict[str, str]]:
    found = []
    for tag in INPUT.findall(page):
        attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', tag))
        if attrs.get("type") not in ("hidden", "submit", "checkbox", "radio"):
            found.append(attrs)
    return found


def _checked(page: str) -> list[dict[str, str]]:
    tags = [t for t in INPUT.findall(page) if re.search(r"\schecked\b", t)]
    return [dict(re.findall(r'([\w-]+)="([^"]*)"', t)) for t in tags]


def _form_of(page: str) -> str:
    main = page[page.index('<main id="main"') : page.index("</main>")]
    return main


# 3.3.7 ------------------------------------------------------------------------------------


def test_the_intake_asks_nothing_that_joining_asked(client, auth, make):
    organisation = make.organisation()
    auth.login(make.user(Role.LEARNER, organisation, name="Marianne", language="nl"))
    page = _form_of(client.get("/mentoring/intake").get_data(as_text=True))
    names = {i.get("name") for i in _inputs(page)}
    assert names and not names & {"name", "email", "password", "confirm"}
    assert not {i.get("autocomplete") for i in _inputs(page)} & {"name", "email", "new-password"}


def test_the_intake_fills_in_the_language_and_the_only_role(client, auth, make):
    organisation = make.organisation()
    auth.login(make.user(Role.LEARNER, organisation, language="nl"))
    page = client.get("/mentoring/intake", headers={"Accept-Language": "nl"}).get_data(as_text=True)
    checked = {(i.get("name"), i.get("value")) for i in _checked(page)}
    assert ("languages", "nl") in checked and ("role", "mentee") in checked


# 3.3.8 ------------------------------------------------------------------------------------

# The identifier a password manager fills, and what kind of password each page asks.
SIGN_IN_FIELDS = {"email": {"email", "username"}, "password": {"current-password"}}
NEW_PASSWORD_FIELDS = {"password": {"new-password"}, "confirm": {"new-password"}}


def _assert_accessible_authentication(page: str, expected: dict[str, set[str]]) -> None:
    assert not BLOCKING.search(page), "a paste, copy or drop handler blocks password managers"
    assert not COGNITIVE.search(_form_of(page)), "a cognitive test on an authentication page"
    fields = {i.get("name"): i for i in _inputs(page)}
    for name, allowed in expected.items():
        assert fields[name].get("autocomplete") in allowed, (name, fields[name])
    for field in fields.values():
        if field.get("type") == "password":
            assert field.get("autocomplete") in ("current-password", "new-password"), field


def test_signing_in_allows_paste_and_password_managers(client):
    _assert_accessible_authentication(client.get("/login").get_data(as_text=True), SIGN_IN_FIELDS)


def test_joining_allows_paste_and_password_managers(client):
    page = client.get("/join").get_data(as_text=True)
    _assert_accessible_authentication(page, {"email": {"email", "username"}, **NEW_PASSWORD_FIELDS})


def test_asking_for_a_reset_and_resetting_allow_paste_and_password_managers(client, make, mailbox):
    make.user(email="anna@example.org")
    page = client.get("/reset").get_data(as_text=True)
    _assert_accessible_authentication(page, {"email": {"email", "username"}})
    client.post("/reset", data={"email": "anna@example.org"})
    page = client.get(path_of(emailed_link(mailbox, "/reset/"))).get_data(as_text=True)
    _assert_accessible_authentication(page, NEW_PASSWORD_FIELDS)


def test_changing_the_password_allows_password_managers(client, auth, make):
    auth.login(make.user(Role.LEARNER))
    page = client.get("/account/password").get_data(as_text=True)
    expected = {"current_password": {"current-password"}, **NEW_PASSWORD_FIELDS}
    _assert_accessible_authentication(page, expected)


@pytest.mark.parametrize("script", sorted((ROOT / "static" / "js").glob("*.js")), ids=str)
def test_no_script_blocks_paste(script):
    text = script.read_text()
    assert not re.search(r"""["'](paste|copy|cut|drop)["']|onpaste|oncopy""", text)
