"""The follow-up questions: the emailed one-time link (valid once, expired, tampered, someone
else's, after the account is gone) and the same questions in the app and on the dashboard."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from accounts.models import Role, User
from extensions import db, utcnow
from outbox.models import OutboxMessage
from outcomes import services
from outcomes.models import FollowUp, LeavingReason

ANSWER = {"situation": "employed", "financing": ["savings"]}


def send_follow_up(user: User, organisation) -> tuple[FollowUp, str]:
    """The learner left today; the follow-up at leaving goes out. Returns it and its link's path."""
    services.record_departure(
        user, organisation, reason=LeavingReason.FINISHED, left_on=date.today()
    )
    [follow_up] = services.send_due_follow_ups(date.today())
    body = db.session.scalar(db.select(OutboxMessage.body).order_by(OutboxMessage.id.desc()))
    path = re.search(r"https?://\S+?(/outcomes/follow-up/\S+)", body).group(1)
    db.session.commit()
    return follow_up, path


@pytest.fixture
def org(make):
    return make.organisation("Job agency West")


@pytest.fixture
def learner(make, org):
    return make.user(Role.LEARNER, org, name="Marianne")


@pytest.fixture
def sent(learner, org):
    return send_follow_up(learner, org)


def stored(follow_up_id: int) -> FollowUp | None:
    db.session.expire_all()
    return db.session.get(FollowUp, follow_up_id)


def test_the_link_opens_the_three_questions_without_signing_in(client, sent):
    _, path = sent
    page = client.get(path)
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "What is your situation now?" in text
    assert "If you are self-employed" in text and "Only answer these if you chose" in text


def test_the_link_works_once(client, sent):
    follow_up, path = sent
    response = client.post(path, data=ANSWER)
    assert response.headers["Location"].endswith("/outcomes/thank-you")
    assert stored(follow_up.id).situation == "employed"
    assert stored(follow_up.id).financing == ["savings"]
    again = client.post(path, data={"situation": "looking"})
    assert again.status_code == 410
    assert "These questions have already been answered" in again.get_data(as_text=True)
    assert stored(follow_up.id).situation == "employed"
    assert client.get(path).status_code == 410


def test_business_answers_count_only_for_the_self_employed(client, sent):
    follow_up, path = sent
    client.post(path, data={**ANSWER, "business_registered": "yes", "started_trading": "yes"})
    row = stored(follow_up.id)
    assert (row.business_registered, row.started_trading) == (None, None)


def test_a_self_employed_person_records_the_business(client, sent):
    follow_up, path = sent
    client.post(
        path,
        data={
            "situation": "self_employed",
            "business_registered": "yes",
            "registration_number": "KvK 1234 5678",
            "started_trading": "no",
        },
    )
    row = stored(follow_up.id)
    assert (row.business_registered, row.registration_number, row.started_trading) == (
        True,
        "KvK 1234 5678",
        False,
    )


def test_a_missing_situation_is_asked_again_and_nothing_is_stored(client, sent):
    follow_up, path = sent
    response = client.post(path, data={"financing": ["bank"]})
    assert response.status_code == 200
    assert "Choose the situation that fits you best." in response.get_data(as_text=True)
    assert stored(follow_up.id).answered_at is None


def test_an_expired_link_says_to_sign_in(client, sent):
    follow_up, path = sent
    follow_up.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    for response in (client.get(path), client.post(path, data=ANSWER)):
        assert response.status_code == 410
        assert "Sign in to answer in Herstart" in response.get_data(as_text=True)
    assert stored(follow_up.id).answered_at is None


@pytest.mark.parametrize(
    "tamper",
    [lambda p: p[:-1] + ("A" if p[-1] != "A" else "B"), lambda p: p + "x", lambda p: p[:-10]],
)
def test_a_tampered_link_does_not_work(client, sent, tamper):
    follow_up, path = sent
    for response in (client.get(tamper(path)), client.post(tamper(path), data=ANSWER)):
        assert response.status_code == 404
        assert "This link does not work" in response.get_data(as_text=True)
    assert stored(follow_up.id).answered_at is None


def test_someone_elses_link_is_refused_while_signed_in(client, auth, make, org, sent):
    follow_up, path = sent
    auth.login(make.user(Role.LEARNER, org))
    for response in (client.get(path), client.post(path, data=ANSWER)):
        assert response.status_code == 403
        assert "belongs to someone else" in response.get_data(as_text=True)
    assert stored(follow_up.id).answered_at is None


def test_the_owner_signed_in_answers_through_the_link(client, auth, learner, sent):
    follow_up, path = sent
    auth.login(learner)
    client.post(path, data=ANSWER)
    row = stored(follow_up.id)
    assert (row.answered_by_id, row.by_phone) == (learner.id, False)


def test_after_the_account_is_deleted_the_link_does_not_work(client, learner, sent):
    follow_up, path = sent
    db.session.execute(db.delete(User).where(User.id == learner.id))
    db.session.commit()
    response = client.get(path)
    assert response.status_code == 404
    assert "This link does not work" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(FollowUp)) == 0


# In the app ----------------------------------------------------------------------------------


def test_the_app_lists_open_follow_ups_even_when_the_link_expired(client, auth, learner, sent):
    follow_up, _ = sent
    follow_up.expires_at = utcnow() - timedelta(days=1)
    db.session.commit()
    auth.login(learner)
    text = client.get("/outcomes/follow-up").get_data(as_text=True)
    assert "At leaving Job agency West" in text
    assert f'action="/outcomes/follow-up/{follow_up.id}/answer"' in text


def test_answering_in_the_app_stores_it_and_empties_the_list(client, auth, learner, sent):
    follow_up, _ = sent
    auth.login(learner)
    response = client.post(
        f"/outcomes/follow-up/{follow_up.id}/answer",
        data={f"f{follow_up.id}-situation": "looking", f"f{follow_up.id}-financing": ["none"]},
        follow_redirects=True,
    )
    text = response.get_data(as_text=True)
    assert "Your answers are saved" in text
    assert "There are no questions waiting for you" in text
    row = stored(follow_up.id)
    assert (row.situation, row.answered_by_id) == ("looking", learner.id)


def test_an_incomplete_answer_in_the_app_keeps_the_form(client, auth, learner, sent):
    follow_up, _ = sent
    auth.login(learner)
    response = client.post(
        f"/outcomes/follow-up/{follow_up.id}/answer",
        data={f"f{follow_up.id}-registration_number": "12345678"},
    )
    text = response.get_data(as_text=True)
    assert "Choose the situation that fits you best." in text
    assert 'value="12345678"' in text
    assert stored(follow_up.id).answered_at is None


def test_another_learner_cannot_open_or_answer_someone_elses(client, auth, make, org, sent):
    follow_up, _ = sent
    auth.login(make.user(Role.LEARNER, org))
    assert "At leaving" not in client.get("/outcomes/follow-up").get_data(as_text=True)
    response = client.post(
        f"/outcomes/follow-up/{follow_up.id}/answer",
        data={f"f{follow_up.id}-situation": "employed"},
    )
    assert response.status_code == 404
    assert stored(follow_up.id).answered_at is None


def test_the_dashboard_shows_a_notice_while_one_is_open(client, auth, learner, sent):
    follow_up, _ = sent
    auth.login(learner)
    assert "Answer the questions" in client.get("/dashboard").get_data(as_text=True)
    follow_up.answered_at = utcnow()
    db.session.commit()
    assert "Answer the questions" not in client.get("/dashboard").get_data(as_text=True)
