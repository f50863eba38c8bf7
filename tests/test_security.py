"""CSRF, rate limits, headers and cookies."""

import pytest

from tests.factories import PASSWORD


@pytest.fixture
def config(config):
    return {**config, "WTF_CSRF_ENABLED": True}


def test_post_without_csrf_token_is_refused(client, make):
    make.user(email="anna@example.org")
    response = client.post("/login", data={"email": "anna@example.org", "password": PASSWORD})
    assert response.status_code == 400
    assert "For your safety we did not save this" in response.get_data(as_text=True)


def test_post_with_the_token_from_the_form_signs_in(client, make):
    make.user(email="anna@example.org", name="Anna")
    page = client.get("/login").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    response = client.post(
        "/login",
        data={"email": "anna@example.org", "password": PASSWORD, "csrf_token": token},
    )
    assert response.status_code == 302


def test_pages_send_a_strict_content_security_policy(client):
    csp = client.get("/login").headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp


def test_session_cookie_is_httponly_and_lax(client, make):
    make.user(email="anna@example.org")
    page = client.get("/login").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    response = client.post(
        "/login", data={"email": "anna@example.org", "password": PASSWORD, "csrf_token": token}
    )
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


class TestRateLimit:
    @pytest.fixture
    def config(self, config):
        return {
            **config,
            "RATELIMIT_ENABLED": True,
            "RATELIMIT_AUTH": "3 per minute",
            "WTF_CSRF_ENABLED": False,
        }

    def test_fourth_sign_in_attempt_in_a_minute_is_paused(self, client):
        for _ in range(3):
            client.post("/login", data={"email": "a@example.org", "password": "x"})
        response = client.post("/login", data={"email": "a@example.org", "password": "x"})
        assert response.status_code == 429
        assert "Too many tries" in response.get_data(as_text=True)
