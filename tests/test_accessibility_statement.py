"""The accessibility statement (/help/accessibility): public, in English and Dutch, linked from
every page's footer, with a form whose report reaches every platform admin as a notification
and an email (the outbox); errors in place, text kept; rate limited."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from accounts.models import Role
from extensions import db
from notifications.models import Notification
from outbox.models import OutboxMessage

URL = "/help/accessibility"
CONTENT = Path(__file__).resolve().parents[1] / "content" / "help"


@pytest.fixture
def config(config):
    """The real statement: what it says is what a public partner reads."""
    return {**config, "HELP_ROOT": str(CONTENT)}


@pytest.fixture
def admins(make):
    return [make.user(None, is_admin=True, name=n) for n in ("Ada", "Bert")]


def _title(page: str) -> str:
    return re.search(r"<title>(.*?)</title>", page, re.S)[1].strip()


@pytest.mark.parametrize(
    ("language", "heading", "standard"),
    [
        ("en", "Accessibility statement", "WCAG 2.2 level AA"),
        ("nl", "Toegankelijkheidsverklaring", "WCAG 2.2 niveau AA"),
    ],
)
def test_the_statement_in_both_languages(client, language, heading, standard):
    response = client.get(URL, headers={"Accept-Language": language})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f"<h1>{heading}</h1>" in page
    assert standard in page and "EN 301 549" in page and "3 december 2026" in page.lower()


def test_every_page_links_to_it_in_the_footer(client):
    page = client.get("/login").get_data(as_text=True)
    footer = page[page.index('<footer class="site-footer">') :]
    assert 'href="/help/accessibility?page=/login"' in footer


def test_a_signed_in_person_is_not_asked_again_who_they_are(client, auth, make):
    auth.login(make.user(Role.LEARNER, name="Marianne", email="marianne@example.org"))
    page = client.get(URL + "?page=/logbook/").get_data(as_text=True)
    assert 'value="Marianne"' in page and 'value="marianne@example.org"' in page
    assert 'value="/logbook/"' in page


def test_an_anonymous_report_reaches_every_admin(client, admins):
    response = client.post(
        URL,
        data={"what": "The Next button is hidden at 400% zoom.", "page": "/courses/", "name": ""},
    )
    assert response.status_code == 302
    items = db.session.scalars(db.select(Notification).filter_by(kind="accessibility_feedback"))
    assert sorted(i.user_id for i in items) == sorted(a.id for a in admins)
    mails = db.session.scalars(db.select(OutboxMessage)).all()
    assert sorted(m.recipient for m in mails) == sorted(a.email for a in admins)
    assert all("The Next button is hidden at 400% zoom." in m.body for m in mails)
    assert "Thank you. Your report is sent" in client.get(URL).get_data(as_text=True)


def test_a_signed_in_report_names_the_reporter_to_the_admin(client, auth, make, admins):
    auth.login(make.user(Role.MENTOR, name="Yusuf", email="yusuf@example.org"))
    client.post(URL, data={"what": "The PDF is not read aloud.", "email": "yusuf@example.org"})
    mail = db.session.scalars(db.select(OutboxMessage)).first()
    assert "Yusuf (yusuf@example.org)" in mail.body


def test_errors_in_place_with_the_text_kept(client, admins):
    response = client.post(URL, data={"what": "", "page": "/quizzes/", "email": "not-an-email"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert _title(page).startswith("Error: ")
    summary = re.search(r'<div class="error-summary"[^>]*>', page)[0]
    assert "autofocus" in summary
    assert 'id="what-error"' in page and 'id="email-error"' in page
    assert 'value="/quizzes/"' in page and 'value="not-an-email"' in page
    assert db.session.scalar(db.select(db.func.count(Notification.id))) == 0


class TestRateLimit:
    @pytest.fixture
    def config(self, config):
        return {**config, "RATELIMIT_ENABLED": True}

    def test_the_sixth_report_in_a_minute_is_refused(self, client, admins):
        statuses = [client.post(URL, data={"what": f"Problem {n}"}).status_code for n in range(6)]
        assert statuses == [302] * 5 + [429]
