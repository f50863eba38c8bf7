"""The privacy notice: a default in both languages with the organisation's name, a public page,
a link at joining with the version on record, staff's own versions, and a changed notice shown
once at the next sign-in."""

import pytest

from accounts import invitations
from accounts.models import Role, find_user_by_email
from extensions import db
from privacy.notice import services
from privacy.notice.models import NoticeSeen, PrivacyNotice
from tests.accounts_helpers import (
    JOINER_PASSWORD,
    emailed_link,
    join_with_code,
    path_of,
    sign_in,
)
from tests.factories import PASSWORD

CODE = "WEST-2026"


@pytest.fixture
def organisation(make):
    return make.organisation("Job agency West", join_code=CODE)


def _seen(user_id: int) -> list[int]:
    rows = db.session.scalars(db.select(NoticeSeen).filter_by(user_id=user_id))
    return [r.version for r in rows]


def _save(staff, organisation, en="Version text {organisation}.", nl="Tekst {organisation}."):
    version = services.save_notice(staff, organisation, en, nl)
    db.session.commit()
    return version


@pytest.mark.parametrize(
    "language, words",
    [("en", "Who is responsible for your data"), ("nl", "Wie is verantwoordelijk voor je")],
)
def test_the_default_notice_names_the_organisation_in_both_languages(
    client, organisation, language, words
):
    page = client.get(f"/o/{organisation.slug}/privacy", headers={"Accept-Language": language})
    text = page.get_data(as_text=True)
    assert page.status_code == 200  # no sign-in needed
    assert words in text
    assert "<strong>Job agency West</strong>" in text and "{organisation}" not in text


def test_joining_with_a_code_shows_the_link_and_records_the_version(client, organisation, mailbox):
    join_page = client.get(f"/join?code={CODE}").get_data(as_text=True)
    assert "Read how Job agency West uses your data" in join_page
    assert f'href="/o/{organisation.slug}/privacy"' in join_page
    join_with_code(client, CODE, "piet@example.org")
    path = path_of(emailed_link(mailbox, "/confirm/"))
    assert "Read how Job agency West uses your data" in client.get(path).get_data(as_text=True)
    client.post(path, data={"password": JOINER_PASSWORD})
    assert _seen(find_user_by_email("piet@example.org").id) == [0]


def test_accepting_an_invitation_shows_the_link_and_records_the_version(app, make, organisation):
    staff = make.user(Role.STAFF, organisation)
    _save(staff, organisation)
    created = invitations.create_invitation(staff, organisation, "coach@example.org", Role.MENTOR)
    db.session.commit()
    browser = app.test_client()
    page = browser.get(f"/join/{created.token}").get_data(as_text=True)
    assert "Read how Job agency West uses your data" in page
    browser.post(
        f"/join/{created.token}",
        data={"name": "Coach", "password": JOINER_PASSWORD, "confirm": JOINER_PASSWORD},
    )
    assert _seen(find_user_by_email("coach@example.org").id) == [1]


def test_staff_saving_makes_a_new_numbered_version(make, client, auth, organisation):
    staff = make.user(Role.STAFF, organisation)
    auth.login(staff)
    form = client.get(f"/organisations/{organisation.slug}/privacy-notice").get_data(as_text=True)
    assert "the standard notice of Herstart" in form and "{organisation}" in form
    for body in ("First text of {organisation}.", "Second text."):
        response = client.post(
            f"/organisations/{organisation.slug}/privacy-notice",
            data={"text_en": body, "text_nl": "Tekst."},
            follow_redirects=True,
        )
    assert "Version 2 of your privacy notice is saved" in response.get_data(as_text=True)
    versions = db.session.scalars(db.select(PrivacyNotice.version).order_by(PrivacyNotice.id))
    assert list(versions) == [1, 2]
    public = client.get(f"/o/{organisation.slug}/privacy").get_data(as_text=True)
    assert "Second text." in public and "Version 2 of" in public


def test_an_empty_text_is_refused_and_nothing_saved(make, client, auth, organisation):
    auth.login(make.user(Role.STAFF, organisation))
    page = client.post(
        f"/organisations/{organisation.slug}/privacy-notice",
        data={"text_en": "Something", "text_nl": "  "},
    )
    assert "Write the notice in Dutch." in page.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(PrivacyNotice.id))) == 0


@pytest.mark.parametrize("role", ["learner", "mentor", "staff_other_org", "anonymous"])
def test_others_cannot_edit_the_notice(make, client, auth, organisation, role):
    if role == "staff_other_org":
        auth.login(make.user(Role.STAFF, make.organisation("Other")))
    elif role != "anonymous":
        auth.login(make.user(Role(role), organisation))
    url = f"/organisations/{organisation.slug}/privacy-notice"
    response = client.post(url, data={"text_en": "Mine now", "text_nl": "Van mij"})
    assert response.status_code in (302, 403, 404)
    if response.status_code == 302:
        assert "/login" in response.headers["Location"]
    assert db.session.scalar(db.select(db.func.count(PrivacyNotice.id))) == 0


def test_a_changed_notice_is_shown_once_at_the_next_sign_in(app, make, organisation):
    learner = make.user(Role.LEARNER, organisation, email="ria@example.org")
    services.record_seen(learner.id, organisation)
    staff = make.user(Role.STAFF, organisation)
    _save(staff, organisation, en="We now also keep {organisation}'s new thing.")

    browser = app.test_client()
    signed_in = sign_in(browser, "ria@example.org", PASSWORD)
    after = browser.get(signed_in.headers["Location"])
    assert after.status_code == 302 and "/privacy-notice/changed" in after.headers["Location"]
    page = browser.get(after.headers["Location"]).get_data(as_text=True)
    assert "Job agency West changed how it uses your data" in page
    assert "We now also keep Job agency West" in page

    continued = browser.post(after.headers["Location"], data={"next": "/account/my-data"})
    assert continued.headers["Location"].endswith("/account/my-data")
    assert _seen(learner.id) == [0, 1]
    assert browser.get("/account/my-data").status_code == 200  # not shown again


def test_a_form_being_sent_is_never_turned_aside(app, make, client, organisation):
    make.user(Role.LEARNER, organisation, email="ria@example.org")
    _save(make.user(Role.STAFF, organisation), organisation)
    sign_in(client, "ria@example.org", PASSWORD)
    assert client.post("/account/my-data").status_code == 302
    assert "/privacy-notice/changed" not in client.post("/account/my-data").headers["Location"]
    fetched = client.get("/notifications/", headers={"Sec-Fetch-Mode": "cors"})
    assert "/privacy-notice/changed" not in fetched.headers.get("Location", "")
    assert "/privacy-notice/changed" in client.get("/notifications/").headers["Location"]


def test_nobody_is_stopped_while_the_default_notice_applies(make, auth, client, organisation):
    auth.login(make.user(Role.LEARNER, organisation))
    assert client.get("/account/my-data").status_code == 200


def test_after_sign_in_the_check_is_made_once_when_nothing_is_waiting(make, client, organisation):
    make.user(Role.LEARNER, organisation, email="ria@example.org")
    sign_in(client, "ria@example.org", PASSWORD)
    assert client.get("/account/my-data").status_code == 200
    with client.session_transaction() as session:
        assert "notice_to_check" not in session  # no query on later pages
