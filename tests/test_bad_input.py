"""Bad input through the pages: a line break in a name (it would break every email header that
carries the name), control characters in `next=` (the Location header), a huge id in a URL,
made-up choices, numbers beyond the database and control characters on their way to a DOCX.
Each is refused with a clear message or cleaned, never a 500, and nothing typed is lost."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document

from accounts.models import Role, User
from extensions import db
from logbook import services as logbook
from mentoring import services as mentoring
from mentoring.matching import COMPONENTS
from tests.factories import PASSWORD
from tests.routes.logbook import COURSE, E, make_entry

HUGE = "1" + "0" * 30
ONE_LINE = "Write this on one line, without line breaks or hidden special characters."


@pytest.fixture
def pair(make):
    organisation = make.organisation()
    learner = make.user(Role.LEARNER, organisation, name="Marianne")
    mentor = make.user(Role.MENTOR, organisation, name="Yusuf")
    make.pair(mentor, learner, organisation)
    return organisation, learner, mentor


def _profile(name: str) -> dict:
    return {"name": name, "language": "en", "text_size": "normal", "contrast": "normal"}


def test_a_line_break_in_a_name_is_refused_and_later_emails_still_go_out(
    client, auth, pair, mailbox
):
    _, learner, mentor = pair
    auth.login(learner)
    response = client.post("/account/profile", data=_profile("Marianne\r\nBcc: x@example.org"))
    assert ONE_LINE in response.text and "Bcc: x@example.org" in response.text
    assert db.session.get(User, learner.id).name == "Marianne"
    make_entry(learner)
    client.post(f"{E}/submit", data={"base_version": 1})
    assert [m["To"] for m in mailbox.messages] == [mentor.email]


@pytest.mark.parametrize(
    "target", ["/account/profile\r\nSet-Cookie: taken=1", "/account/profile\x00", "/\u202eevil"]
)
def test_a_control_character_in_next_lands_on_the_home_page(client, make, target):
    make.user(email="anna@example.org")
    response = client.post(
        "/login", data={"email": "anna@example.org", "password": PASSWORD, "next": target}
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("/dashboard")
    response = client.post("/settings/display", data={"language": "nl", "next": target})
    assert response.status_code == 302 and response.headers["Location"].endswith("/")


def test_the_sign_in_page_drops_a_next_with_a_line_break(client):
    page = client.get("/login?next=/account/profile%0D%0ASet-Cookie:%20taken=1").text
    assert 'name="next" type="hidden" value=""' in page
    assert 'value="/account/profile' not in page


# What each part of a URL holds in the test world; ids are the huge number.
URL_PARTS = {"course_slug": "test-course", "module_slug": "first-module", "key": "first-plan"}


def test_a_huge_number_in_any_url_is_not_found(app, client, auth, pair):
    organisation, learner, _ = pair
    auth.login(learner)
    parts = {**URL_PARTS, "slug": organisation.slug}
    wrong = []
    for rule in app.url_map.iter_rules():
        if "<int:" not in rule.rule:
            continue
        url = re.sub(r"<int:\w+>", HUGE, rule.rule)
        url = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: parts.get(m[1], "x"), url)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            status = client.open(url, method=method).status_code
            if status not in (404, 405):  # Werkzeug may answer 405 for a POST it cannot route
                wrong.append(f"{method} {url[:60]}: {status}")
    assert wrong == []


def test_the_intake_takes_only_the_listed_languages(client, auth, pair):
    organisation, learner, _ = pair
    auth.login(learner)
    for languages in (["nl", "klingon"], ["nl"] * 1500):
        response = client.post("/mentoring/intake", data={"role": "mentee", "languages": languages})
        assert "Choose only from the options shown." in response.text
    assert mentoring.survey_of(learner.id, organisation.id) is None
    client.post("/mentoring/intake", data={"role": "mentee", "languages": ["nl", "en"]})
    assert mentoring.survey_of(learner.id, organisation.id).languages == ["nl", "en"]


def test_a_priority_of_only_spaces_counts_as_not_chosen(client, auth, pair):
    organisation, learner, _ = pair
    auth.login(learner)
    theme = next(iter(mentoring.themes(organisation)))
    client.post(
        "/mentoring/intake", data={"role": "mentee", f"want_{theme}": "   ", "capacity": "  "}
    )
    survey = mentoring.survey_of(learner.id, organisation.id)
    assert survey.wants == {}


@pytest.mark.parametrize("threshold", ["   ", HUGE, "-1", "40.5"])
def test_matching_weights_beyond_their_bounds_are_refused_with_a_message(
    client, auth, make, threshold
):
    organisation = make.organisation()
    auth.login(make.user(Role.STAFF, organisation))
    data = {**dict.fromkeys(COMPONENTS, "5"), "threshold": threshold}
    response = client.post(f"/organisations/{organisation.slug}/programme/weights", data=data)
    assert "Enter a number from 0 to 100." in response.text


def test_a_version_no_page_can_have_sent_keeps_the_text_and_saves_nothing(client, auth, pair):
    _, learner, _ = pair
    auth.login(learner)
    response = client.post(E, data={"text": "My plan for the shop", "base_version": HUGE})
    assert response.status_code == 400
    assert "The page is out of date" in response.text and "My plan for the shop" in response.text
    assert logbook.entry_of(learner.id, COURSE, "first-plan") is None


def test_control_characters_never_reach_the_saved_text_or_the_docx(client, auth, pair):
    _, learner, _ = pair
    auth.login(learner)
    client.post(E, data={"text": "My\x00 plan\x0b for\x1b the shop\r\nLine two", "base_version": 0})
    saved = logbook.entry_of(learner.id, COURSE, "first-plan")
    assert saved.text == "My plan for the shop\nLine two"
    response = client.get("/logbook/export.docx", follow_redirects=True)  # the old address
    paragraphs = [p.text for p in Document(io.BytesIO(response.data)).paragraphs]
    assert any("My plan for the shop" in p for p in paragraphs)
