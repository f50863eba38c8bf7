"""Nothing lost, the server's part: a quiz answer sent after the session ended or changed comes
back chosen (through the sign-in's `next`), and a saved form tells the browser's kept text
(autosave.js) to forget it. The browser's part: tests/browser/test_nothing_lost.py."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from accounts.models import Role
from extensions import db
from modules.services import catalogue
from quizzes import services as quizzes


@pytest.fixture
def config(config):
    return {**config, "WTF_CSRF_ENABLED": True}


@pytest.fixture
def learner(make):
    return make.user(Role.LEARNER, make.organisation())


@pytest.fixture
def attempt(learner):
    course = catalogue().course("test-course")
    attempt = quizzes.start_attempt(learner.id, course, course.module("first-module"))
    db.session.commit()
    return attempt


def _option_ids(attempt) -> list[str]:
    return attempt.option_order[attempt.question_order[0]]


def test_an_answer_sent_signed_out_goes_to_sign_in_and_is_not_saved(client, attempt):
    chosen = _option_ids(attempt)[1]
    response = client.post(f"/quizzes/attempts/{attempt.id}/1", data={"option": chosen})
    assert response.status_code == 303
    location = urlsplit(response.location)
    assert location.path == "/login"
    back = parse_qs(location.query)["next"][0]
    assert back == f"/quizzes/attempts/{attempt.id}/1?chosen={chosen}"
    db.session.refresh(attempt)
    assert not attempt.answers


def test_after_signing_in_the_answer_is_chosen_again_with_a_message(client, auth, learner, attempt):
    chosen = _option_ids(attempt)[1]
    auth.login(learner)
    page = client.get(f"/quizzes/attempts/{attempt.id}/1?chosen={chosen}").get_data(as_text=True)
    assert f'value="{chosen}" checked' in page
    assert "We put back the answer you chose." in page


def test_an_unknown_option_in_the_address_is_ignored(client, auth, learner, attempt):
    auth.login(learner)
    page = client.get(f"/quizzes/attempts/{attempt.id}/1?chosen=nonsense").get_data(as_text=True)
    assert " checked" not in page
    assert "We put back the answer you chose." not in page


def test_an_answer_with_a_stale_token_is_shown_again_not_lost(client, auth, learner, attempt):
    """The session changed (signed in again in another tab): the page's token is stale."""
    chosen = _option_ids(attempt)[2]
    auth.login(learner)
    response = client.post(
        f"/quizzes/attempts/{attempt.id}/1", data={"option": chosen, "csrf_token": "stale"}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert f'value="{chosen}" checked' in page
    assert "We put back the answer you chose." in page


def test_a_saved_form_tells_the_browser_to_forget_its_kept_text(client, auth, make):
    """Only while the browser keeps text (its flag cookie), and never for a sign-in redirect."""
    user = make.user(Role.LEARNER, make.organisation())
    auth.login(user)
    page = client.get("/account/profile").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    client.set_cookie("herstart_kept", "1", domain="herstart.test")
    response = client.post(
        "/settings/display",
        data={"csrf_token": token, "text_size": "large", "next": "/account/profile"},
    )
    assert response.status_code in (302, 303)
    assert client.get_cookie("herstart_sent", domain="herstart.test").value == "/settings/display"


def test_a_refused_form_is_not_forgotten(client, make):
    client.set_cookie("herstart_kept", "1", domain="herstart.test")
    response = client.post("/settings/display", data={"text_size": "large"})  # no token: refused
    assert response.status_code == 400
    assert client.get_cookie("herstart_sent", domain="herstart.test") is None
