"""Settings that would make the site unsafe or broken stop the start with one line that says
which setting and how to fix it, never a traceback."""

import os
import subprocess
import sys

import pytest

from app import create_app
from tests.conftest import ROOT, TEST_COURSES

GOOD_SECRET = "k" * 48
PUBLIC_URL = "https://herstart.example.org"


def start(**env: str) -> subprocess.CompletedProcess:
    """`flask routes` in a fresh process, as an operator starts the app, with only `env` set."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("FLASK_", "HERSTART"))}
    for name in ("SECRET_KEY", "PUBLIC_URL", "TRUSTED_HOSTS", "DATABASE_URL", "MAIL_SERVER"):
        clean.pop(name, None)
    clean.update(FLASK_APP="app:create_app", COURSES_ROOT=str(TEST_COURSES), **env)
    return subprocess.run(
        [sys.executable, "-m", "flask", "routes"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def refused(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    return result.stderr


@pytest.mark.parametrize("secret", [None, "dev-only-change-me", "short-but-not-empty"])
def test_production_refuses_the_default_or_a_short_secret_key(secret):
    env = {"PUBLIC_URL": PUBLIC_URL} | ({"SECRET_KEY": secret} if secret else {})
    message = refused(start(**env))
    assert "SECRET_KEY must be a secret of at least 32 bytes" in message
    assert "secrets.token_urlsafe" in message


@pytest.mark.parametrize(
    "name, value",
    [("MAIL_PORT", "twenty-five"), ("INVITATION_DAYS", "   "), ("MAIL_USE_TLS", "maybe")],
)
def test_a_bad_number_or_yes_no_setting_names_the_variable_in_one_line(name, value):
    message = refused(start(FLASK_DEBUG="1", **{name: value}))
    assert message.strip().count("\n") == 0
    assert message.startswith(f"Herstart cannot start: {name} must be")


def test_production_needs_a_public_url():
    message = refused(start(SECRET_KEY=GOOD_SECRET))
    assert "PUBLIC_URL must be set" in message


@pytest.mark.parametrize(
    "url", ["herstart.example.org", "ftp://herstart.example.org", "https://", "https://a.org/?x=1"]
)
def test_a_public_url_that_is_not_an_absolute_web_address_is_refused(url):
    message = refused(start(SECRET_KEY=GOOD_SECRET, PUBLIC_URL=url))
    assert "PUBLIC_URL must be the site's address starting with https://" in message


def test_trusted_hosts_without_the_public_host_is_refused():
    message = refused(
        start(SECRET_KEY=GOOD_SECRET, PUBLIC_URL=PUBLIC_URL, TRUSTED_HOSTS="other.example.org")
    )
    assert "TRUSTED_HOSTS must include PUBLIC_URL's host 'herstart.example.org'" in message


def test_production_starts_with_a_secret_and_a_public_url():
    result = start(SECRET_KEY=GOOD_SECRET, PUBLIC_URL=PUBLIC_URL)
    assert result.returncode == 0, result.stderr
    assert "accounts.login" in result.stdout


def test_development_starts_without_either():
    """`make run` runs in debug, so it needs neither a secret nor a public address."""
    result = start(FLASK_DEBUG="1")
    assert result.returncode == 0, result.stderr


def test_in_production_only_the_public_host_is_accepted_by_default(config):
    production = {"TESTING": False, "SECRET_KEY": GOOD_SECRET, "PUBLIC_URL": PUBLIC_URL}
    app = create_app({**config, **production})
    assert app.config["TRUSTED_HOSTS"] == ["herstart.example.org"]
    client = app.test_client()
    assert client.get("/login", base_url=PUBLIC_URL).status_code == 200
    assert client.get("/login", base_url="https://evil.example").status_code == 400


def test_postgresql_connections_give_up_after_the_connect_timeout(config):
    url = "postgresql+psycopg://postgres@127.0.0.1:1/test"
    app = create_app({**config, "SQLALCHEMY_DATABASE_URI": url, "DATABASE_CONNECT_TIMEOUT": 3})
    assert app.config["SQLALCHEMY_ENGINE_OPTIONS"]["connect_args"] == {"connect_timeout": 3}
