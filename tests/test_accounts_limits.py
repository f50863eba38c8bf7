"""Fair sign-in limits: per account whatever the address, per address generously (a classroom
behind one router), shared by every worker through Redis; refusals logged without secrets."""

import json
import logging
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.accounts_helpers import sign_in
from tests.factories import PASSWORD

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def config(config):
    return {
        **config,
        "RATELIMIT_ENABLED": True,
        "RATELIMIT_AUTH": "10 per minute",
        "RATELIMIT_AUTH_ADDRESS": "30 per minute",
    }


def _from(n: int) -> dict:
    """A request from a different address each time, whatever a proxy header claims."""
    return {
        "environ_base": {"REMOTE_ADDR": f"10.0.{n // 250}.{n % 250 + 1}"},
        "headers": {"X-Forwarded-For": f"203.0.113.{n % 250 + 1}"},
    }


CLASSROOM = {"environ_base": {"REMOTE_ADDR": "192.0.2.10"}}


def test_a_classroom_behind_one_router_signs_in_typos_and_all(app, make):
    people = [make.user(email=f"learner{n}@example.org") for n in range(25)]
    answers = []
    for person in people:
        browser = app.test_client()
        sign_in(browser, person.email, "a typo", **CLASSROOM)
        answers.append(sign_in(browser, person.email, **CLASSROOM).status_code)
    assert answers == [302] * 25


def test_eleven_wrong_passwords_for_one_account_are_refused_whatever_the_address(app, make):
    make.user(email="anna@example.org")
    make.user(email="bert@example.org")
    tries = [sign_in(app.test_client(), "anna@example.org", "wrong", **_from(n)) for n in range(10)]
    assert [t.status_code for t in tries] == [200] * 10
    eleventh = sign_in(app.test_client(), "anna@example.org", PASSWORD, **_from(10))
    assert eleventh.status_code == 429
    assert "Too many tries" in eleventh.get_data(as_text=True)
    assert sign_in(app.test_client(), "bert@example.org", **_from(3)).status_code == 302


def test_one_address_trying_many_accounts_is_stopped_at_the_generous_limit(app):
    answers = [
        sign_in(app.test_client(), f"guess{n}@example.org", "wrong", **CLASSROOM).status_code
        for n in range(31)
    ]
    assert answers == [200] * 30 + [429]


def test_refusals_and_limits_are_logged_without_addresses_or_passwords(app, make, caplog):
    user = make.user(email="anna@example.org")
    with caplog.at_level(logging.WARNING):
        for n in range(11):
            sign_in(app.test_client(), "anna@example.org", "secret-guess", **_from(n))
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert f"sign-in refused: wrong password user={user.id}" in warnings
    assert any(
        "rate limit reached for an account" in w and f"user={user.id}" in w for w in warnings
    )
    assert not [w for w in warnings if "anna@" in w or "secret-guess" in w]


WORKER = """
import json, sys
from app import create_app
from tests.conftest import _config
config = {**_config(sys.argv[1], 25), **json.loads(sys.argv[2])}
client = create_app(config).test_client()
answers = [
    client.post(
        "/login",
        data={"email": "anna@example.org", "password": "wrong"},
        environ_base={"REMOTE_ADDR": f"10.9.0.{n + 1}"},
    ).status_code
    for n in range(5)
]
print(json.dumps(answers))
"""


def test_two_workers_share_the_limit_through_redis(config, database_url, make):
    """Another process is another worker: its tries count against the same account."""
    from app import create_app
    from tests.conftest import FreshContextClient

    shared = {
        "RATELIMIT_ENABLED": True,
        "RATELIMIT_AUTH": "10 per minute",
        "RATELIMIT_AUTH_ADDRESS": "30 per minute",
        "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/3",
        "RATELIMIT_KEY_PREFIX": f"herstart-test-{uuid.uuid4().hex}",
    }
    make.user(email="anna@example.org")
    first = create_app({**config, **shared})
    first.test_client_class = FreshContextClient
    with first.app_context():
        client = first.test_client()
        mine = [
            sign_in(client, "anna@example.org", "wrong", **_from(n)).status_code for n in range(5)
        ]
        other = subprocess.run(
            [sys.executable, "-c", WORKER, database_url, json.dumps(shared)],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert other.returncode == 0, other.stderr[-2000:]
        theirs = json.loads(other.stdout.strip().splitlines()[-1])
        eleventh = sign_in(client, "anna@example.org", PASSWORD, **_from(99))
    assert mine == theirs == [200] * 5
    assert eleventh.status_code == 429
