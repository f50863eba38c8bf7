"""Without JavaScript nothing is lost either: Save pressed after the session ended shows the text
again and asks to sign in; after signing in on that browser the text is saved (or, when the post
could not be trusted, put back in the editor). Nobody else signing in there ever gets it.
Signing out sends text the browser still keeps, then removes it (autosave.js; the browser test
runs it): every page gives the script what it needs once the browser says text is kept."""

import re

import pytest

from accounts.models import Role
from extensions import db
from logbook.models import Entry, HeldText
from tests.factories import PASSWORD
from tests.routes.logbook import E, make_entry

TEXT = "Written while my session ended"


@pytest.fixture
def learner(make, auth, client):
    user = make.user(Role.LEARNER, name="Marianne")
    auth.login(user)
    client.get(E)
    auth.logout()  # the session ends while the page is open
    return user


def _save_signed_out(client, writer, text=TEXT, base=0, **extra):
    data = {"text": text, "base_version": base, "writer": writer.id, "action": "save", **extra}
    return client.post(E, data=data)


def _sign_in(client, user, csrf_token=None):
    data = {"email": user.email, "password": PASSWORD, "next": E}
    if csrf_token:
        data["csrf_token"] = csrf_token
    return client.post("/login", data=data, follow_redirects=True)


def _token(page: str) -> str:
    return page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]


def test_save_after_the_session_ended_shows_the_text_and_asks_to_sign_in(client, learner):
    response = _save_signed_out(client, learner)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f"{TEXT}</textarea>" in page and "Sign in to save your text" in page
    assert "/login?next=/logbook/test-course/first-plan" in page
    assert db.session.scalar(db.select(db.func.count(Entry.id))) == 0


def test_the_text_is_saved_after_signing_in_on_that_browser(client, learner):
    _save_signed_out(client, learner)
    page = _sign_in(client, learner).get_data(as_text=True)
    assert "The text you wrote while you were signed out is saved." in page
    assert f"{TEXT}</textarea>" in page
    assert db.session.scalar(db.select(Entry.text)) == TEXT
    assert db.session.scalar(db.select(db.func.count(HeldText.id))) == 0


def test_another_person_signing_in_on_that_browser_never_gets_it(client, learner, make):
    _save_signed_out(client, learner)
    other = make.user(Role.LEARNER, learner.memberships[0].organisation)
    page = _sign_in(client, other).get_data(as_text=True)
    assert TEXT not in page
    assert db.session.scalar(db.select(db.func.count(Entry.id))) == 0
    assert db.session.scalar(db.select(HeldText.user_id)) == learner.id  # still theirs


def test_a_save_made_meanwhile_elsewhere_is_not_overwritten(client, learner):
    _save_signed_out(client, learner)
    make_entry(learner, text="Saved on the phone")
    page = _sign_in(client, learner).get_data(as_text=True)
    assert "Nothing was overwritten." in page
    assert f"{TEXT}</textarea>" in page and "Saved on the phone" in page
    assert db.session.scalar(db.select(Entry.text)) == "Saved on the phone"


@pytest.fixture
def csrf_on(config):
    config["WTF_CSRF_ENABLED"] = True


def test_a_post_without_the_pages_token_comes_back_in_the_editor_but_is_not_saved(
    csrf_on, client, make
):
    user = make.user(Role.LEARNER)
    page = _save_signed_out(client, user).get_data(as_text=True)
    assert f"{TEXT}</textarea>" in page
    token = _token(client.get("/login").get_data(as_text=True))
    page = _sign_in(client, user, token).get_data(as_text=True)
    assert f"{TEXT}</textarea>" in page and "It is not saved yet: press Save" in page
    assert db.session.scalar(db.select(db.func.count(Entry.id))) == 0


def test_a_page_open_too_long_keeps_the_text_when_signed_in(csrf_on, client, make, auth):
    auth.login(make.user(Role.LEARNER))
    response = client.post(E, data={"text": TEXT, "base_version": 0, "csrf_token": "stale"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert f"{TEXT}</textarea>" in page and "press Save again" in page


def test_the_sign_out_button_tells_the_script_whose_text_to_remove(client, make, auth):
    user = make.user(Role.LEARNER)
    auth.login(user)
    page = client.get("/logbook/").get_data(as_text=True)
    assert "data-sign-out" in page and f'data-storage-prefix="logbook:{user.id}:"' in page
    assert "<script" not in page  # nothing kept in this browser: no script on the page


def test_while_text_is_kept_in_the_browser_every_page_loads_the_script(client, make, auth):
    auth.login(make.user(Role.LEARNER))
    client.set_cookie("herstart_kept", "1", domain="herstart.test")
    page = client.get("/logbook/").get_data(as_text=True)
    script = re.compile(r'<script src="/static/js/autosave\.js\?v=\w+" defer></script>')
    assert len(script.findall(page)) == 1
    entry_page = client.get(E).get_data(as_text=True)
    assert entry_page.count("js/autosave.js") == 1
