"""Lean requests: what every page needs is prepared once per process, not once per request."""

from contextlib import contextmanager
from unittest import mock

import pytest
from babel.support import Translations
from sqlalchemy import event

from accounts.models import Role
from extensions import db
from modules import services

TOO_LONG = "Veld mag niet langer zijn dan 100000 karakters."


def test_wtforms_messages_are_read_once_and_still_speak_dutch(client):
    """Flask-WTF read WTForms' catalogue from disk on every request that showed a message."""
    with mock.patch.object(Translations, "load", wraps=Translations.load) as load:
        for _ in range(2):
            response = client.post(
                "/verify", data={"token": "x" * 100_001}, headers={"Accept-Language": "nl"}
            )
            assert TOO_LONG in response.get_data(as_text=True)
    wtforms_loads = [
        c for c in load.call_args_list if "wtforms" in (c.args[2:] + tuple(c.kwargs.values()))
    ]
    assert len(wtforms_loads) <= 1


def test_wtforms_messages_follow_the_language_of_each_request(client):
    english = client.post("/verify", data={"token": "x" * 100_001})
    assert "Field cannot be longer than 100000 characters." in english.get_data(as_text=True)
    dutch = client.post("/verify", data={"token": "x" * 100_001}, headers={"Accept-Language": "nl"})
    assert TOO_LONG in dutch.get_data(as_text=True)


def test_the_layout_builds_no_display_form(client):
    """base.html's display buttons need only the CSRF token, not a form object per request."""
    with mock.patch("accounts.forms.DisplayForm.__init__", side_effect=AssertionError) as built:
        assert client.get("/login").status_code == 200
    built.assert_not_called()


HEAVY = ("numpy", "scipy", "docx", "weasyprint", "openbadgeslib", "openpyxl", "flask_migrate")


def test_a_worker_starts_without_the_heavy_libraries(config):
    """A fresh process (so other tests' imports do not count): after create_app, none of the
    libraries only a matching round, a download or a migration needs is in memory."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    script = (
        "import json, sys\n"
        "from app import create_app\n"
        f"create_app(json.loads({json.dumps(json.dumps(config))}))\n"
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))\n"
    )
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=root, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []


def test_the_heavy_libraries_still_load_when_used():
    from mentoring import matching

    assert matching.run_round.__module__ == "mentoring.matching.round"


M1 = "/courses/test-course/first-module"


@pytest.fixture
def learner(make, auth):
    organisation = make.organisation()
    user = make.user(Role.LEARNER, organisation)
    auth.login(user)
    return user


@contextmanager
def statements():
    sent: list[str] = []

    def remember(_conn, _cursor, statement, *_args):
        sent.append(statement)

    event.listen(db.engine, "before_cursor_execute", remember)
    try:
        yield sent
    finally:
        event.remove(db.engine, "before_cursor_execute", remember)


def hidden_course_reads(sent: list[str]) -> int:
    return sum("FROM hidden_courses" in s for s in sent)


def test_the_module_page_reads_the_person_and_the_hidden_courses_once(client, learner):
    client.get(f"{M1}/second-steps")  # the catalogue and translations warm
    with statements() as sent:
        response = client.get(f"{M1}/second-steps")
    assert response.status_code == 200
    assert hidden_course_reads(sent) == 1
    # the person with their memberships, the hidden courses, what they read, their
    # self-assessments, their unread notices, and the person again after the commit
    assert len(sent) == 6, sent


@pytest.mark.parametrize("url", ["/certificates/course/test-course", "/dashboard", "/logbook/"])
def test_a_page_that_asks_twice_reads_the_hidden_courses_once(client, learner, url):
    with statements() as sent:
        response = client.get(url, follow_redirects=True)
    assert response.status_code == 200
    assert hidden_course_reads(sent) == 1


def test_a_course_hidden_in_the_same_request_is_hidden_at_once(app, make):
    organisation = make.organisation()
    with app.test_request_context():  # the cache lives in a request
        slugs = {c.slug for c in services.offered_courses(organisation.id)}
        assert "test-course" in slugs
        services.set_offered(organisation.id, slugs - {"test-course"})
        assert "test-course" not in {c.slug for c in services.offered_courses(organisation.id)}
