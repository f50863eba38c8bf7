"""Behind a proxy, on https, with a size limit: what a deployment relies on."""

import io

import pytest
from flask import request

CLIENT, PROXY = "203.0.113.7", "10.0.0.2"


def address_seen(app, client, **headers) -> str:
    app.add_url_rule("/test/address", "test_address", lambda: request.remote_addr or "")
    response = client.get("/test/address", headers=headers, environ_base={"REMOTE_ADDR": PROXY})
    return response.get_data(as_text=True)


@pytest.mark.parametrize("proxies, seen", [(1, CLIENT), (0, PROXY)])
def test_the_client_address_comes_from_a_trusted_proxy_only(config, proxies, seen):
    from app import create_app

    app = create_app({**config, "TRUSTED_PROXIES": proxies})
    assert address_seen(app, app.test_client(), **{"X-Forwarded-For": CLIENT}) == seen


class TestSignInLimitBehindAProxy:
    @pytest.fixture
    def config(self, config):
        # The per-address limit is the one a shared proxy address would exhaust.
        return {**config, "RATELIMIT_ENABLED": True, "RATELIMIT_AUTH_ADDRESS": "1 per minute"}

    def sign_in(self, client, address: str, email: str):
        return client.post(
            "/login",
            data={"email": email, "password": "wrong"},
            headers={"X-Forwarded-For": address},
            environ_base={"REMOTE_ADDR": PROXY},
        )

    @pytest.mark.parametrize("proxies, second", [(1, 200), (0, 429)])
    def test_two_people_behind_one_proxy_are_counted_apart(self, config, proxies, second):
        from app import create_app

        client = create_app({**config, "TRUSTED_PROXIES": proxies}).test_client()
        assert self.sign_in(client, "203.0.113.7", "anna@example.org").status_code == 200
        assert self.sign_in(client, "203.0.113.8", "bram@example.org").status_code == second


class TestTrustedHosts:
    @pytest.fixture
    def config(self, config):
        return {**config, "TRUSTED_HOSTS": ["herstart.test"]}

    def test_a_foreign_host_header_is_refused(self, client):
        response = client.get("/login", base_url="http://evil.example")
        assert response.status_code == 400
        assert "does not answer at this address" in response.get_data(as_text=True)

    def test_the_site_own_host_is_served(self, client):
        assert client.get("/login", base_url="http://herstart.test").status_code == 200


@pytest.mark.parametrize("scheme, sent", [("https", True), ("http", False)])
def test_strict_transport_security_only_on_https(config, scheme, sent):
    from app import create_app

    app = create_app({**config, "PREFERRED_URL_SCHEME": scheme})
    headers = app.test_client().get("/login").headers
    assert ("Strict-Transport-Security" in headers) is sent
    if sent:
        assert headers["Strict-Transport-Security"].startswith("max-age=31536000")


class Counting(io.BytesIO):
    """A request body that counts what the app read of it."""

    read_bytes = 0

    def read(self, size=-1):
        data = super().read(size)
        self.read_bytes += len(data)
        return data


def post_large(client, megabytes: int, **headers):
    body = Counting(b"email=" + b"a" * (megabytes * 1024 * 1024) + b"&password=x")
    response = client.post(
        "/login",
        input_stream=body,
        content_length=len(body.getvalue()),
        content_type="application/x-www-form-urlencoded",
        headers=headers,
    )
    return response, body


def test_a_request_over_the_size_limit_gets_a_clear_page_and_is_not_read(client):
    response, body = post_large(client, 2)
    assert response.status_code == 413
    assert "This was too large to send" in response.get_data(as_text=True)
    assert body.read_bytes == 0


def test_the_size_limit_page_is_in_the_person_language(client):
    response, _ = post_large(client, 2, **{"Accept-Language": "nl"})
    assert response.status_code == 413
    assert '<html lang="nl"' in response.get_data(as_text=True)


def test_the_size_limit_is_a_setting(config):
    from app import create_app

    app = create_app({**config, "MAX_CONTENT_LENGTH": 4 * 1024 * 1024})
    response, _ = post_large(app.test_client(), 2)
    assert response.status_code == 200
