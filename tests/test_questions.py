"""Questions: a learner or mentor asks the organisation they work in, staff see open questions
oldest first with the days waiting and answer, the asker is told, and with the asker's consent
staff publish the question and answer to the organisation's FAQ without the asker's name."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from accounts.context import ORG_SESSION_KEY
from accounts.models import Role
from extensions import Invalid, db, utcnow
from notifications.kinds import Kind
from notifications.models import Notification
from outbox.models import OutboxMessage
from questions import services
from questions.models import Question, QuestionState

NAME, EMAIL = "Marianne Jansen", "marianne.jansen@example.org"


@pytest.fixture
def org(make):
    return make.organisation("De Werkplaats")


@pytest.fixture
def learner(make, org):
    return make.user(Role.LEARNER, org, name=NAME, email=EMAIL)


@pytest.fixture
def staff(make, org):
    return make.user(Role.STAFF, org, name="Anna Staff")


def ask(person, org, text="How do I send my logbook entry?", consent=True, **values):
    question = services.ask(person, org, text, values.get("topic"), consent)
    db.session.commit()
    return question


def _kinds_of(person) -> list[str]:
    return list(db.session.scalars(db.select(Notification.kind).filter_by(user_id=person.id)))


def _emails_to(person) -> list[OutboxMessage]:
    return list(db.session.scalars(db.select(OutboxMessage).filter_by(recipient=person.email)))


# Asking ---------------------------------------------------------------------------------------


def test_a_learner_asks_and_the_staff_of_the_organisation_are_told(
    client, auth, org, learner, staff
):
    auth.login(learner)
    response = client.post(
        "/questions/new",
        data={
            "text": "Where do I find my quiz results?",
            "topic": "self_assessments",
            "consent": "y",
        },
    )
    question = db.session.scalar(db.select(Question))
    assert response.headers["Location"].endswith(f"/questions/{question.id}")
    assert (question.organisation_id, question.consent, question.asker_role) == (
        org.id,
        True,
        "learner",
    )
    assert _kinds_of(staff) == [Kind.QUESTION_ASKED]
    [email] = _emails_to(staff)
    assert f"/questions/staff/question/{question.id}" in email.body


def test_the_ask_page_reaches_every_page_footer_and_keeps_what_was_typed(client, auth, learner):
    auth.login(learner)
    assert 'href="/questions/new"' in client.get("/notifications/").get_data(as_text=True)
    from_help = client.get("/questions/new?topic=logbook").get_data(as_text=True)
    [logbook] = re.findall(r'<input[^>]*value="logbook"[^>]*>', from_help)
    assert "checked" in logbook
    page = client.post("/questions/new", data={"text": "   ", "topic": "logbook"})
    assert "Write your question." in page.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Question.id))) == 0
    too_long = client.post("/questions/new", data={"text": "Why? " * 500})
    assert "Keep your question under 2,000 characters." in too_long.get_data(as_text=True)
    assert "Why? Why?" in too_long.get_data(as_text=True)


def test_a_mentor_asks_too(client, auth, make, org):
    mentor = make.user(Role.MENTOR, org)
    auth.login(mentor)
    client.post("/questions/new", data={"text": "What is reverse mentoring?"})
    question = db.session.scalar(db.select(Question))
    assert (question.asker_role, question.consent) == ("mentor", False)


def test_with_several_organisations_the_question_goes_to_the_one_chosen(
    client, auth, make, org, learner
):
    second = make.organisation("Tweede Kans")
    second_staff = make.user(Role.STAFF, second)
    first_staff = make.user(Role.STAFF, org)
    from accounts.models import Membership

    db.session.add(Membership(user_id=learner.id, organisation_id=second.id, role="learner"))
    db.session.commit()
    auth.login(learner)
    with client.session_transaction() as session:
        session[ORG_SESSION_KEY] = second.id
    client.post("/questions/new", data={"text": "Which organisation reads this?"})
    question = db.session.scalar(db.select(Question))
    assert question.organisation_id == second.id
    assert _kinds_of(second_staff) == [Kind.QUESTION_ASKED] and _kinds_of(first_staff) == []


# Staff answer ---------------------------------------------------------------------------------


def test_staff_see_open_questions_oldest_first_with_the_days_waiting(
    client, auth, make, org, learner, staff
):
    now = utcnow()
    for days, text in ((2, "Two days ago"), (9, "Nine days ago"), (0, "Just now")):
        question = ask(learner, org, text)
        question.asked_at = now - timedelta(days=days, hours=1)
    answered = ask(learner, org, "Already answered")
    services.answer(staff, answered, "Done.")
    db.session.commit()
    auth.login(staff)
    page = client.get("/questions/staff").get_data(as_text=True)
    assert page.index("Nine days ago") < page.index("Two days ago") < page.index("Just now")
    assert "9 days" in page and "2 days" in page and "asked today" in page
    assert "Already answered" not in page
    assert "3 questions wait for an answer" in page


def test_staff_answer_and_the_asker_is_told_and_reads_it(client, auth, org, learner, staff):
    question = ask(learner, org)
    auth.login(staff)
    response = client.post(
        f"/questions/staff/question/{question.id}/answer", data={"answer": "Press Send to mentor."}
    )
    assert response.status_code == 302
    assert question.state == QuestionState.ANSWERED and question.answered_by_id == staff.id
    assert _kinds_of(learner) == [Kind.QUESTION_ANSWERED]
    [email] = _emails_to(learner)
    assert f"/questions/{question.id}" in email.body
    auth.login(learner)
    page = client.get(f"/questions/{question.id}").get_data(as_text=True)
    assert "Press Send to mentor." in page
    assert db.session.scalar(db.select(Notification.read_at).filter_by(user_id=learner.id))
    assert "Answered" in client.get("/questions/").get_data(as_text=True)


def test_a_question_is_answered_once(client, auth, make, org, learner, staff):
    question = ask(learner, org)
    services.answer(staff, question, "First answer.")
    db.session.commit()
    other = make.user(Role.STAFF, org)
    auth.login(other)
    response = client.post(
        f"/questions/staff/question/{question.id}/answer", data={"answer": "Second answer."}
    )
    assert response.status_code == 409
    assert question.answer == "First answer." and question.answered_by_id == staff.id


# Publishing -----------------------------------------------------------------------------------


def publish_data(question="How do I send a logbook entry?", answer="Press Send to mentor."):
    return {"faq_question": question, "faq_answer": answer}


def test_publishing_without_consent_is_refused_with_a_clear_message(
    client, auth, org, learner, staff
):
    question = ask(learner, org, consent=False)
    services.answer(staff, question, "Press Send to mentor.")
    db.session.commit()
    auth.login(staff)
    response = client.post(f"/questions/staff/question/{question.id}/publish", data=publish_data())
    assert response.status_code == 409
    assert "has not agreed to publish this question" in response.get_data(as_text=True)
    assert question.state == QuestionState.ANSWERED and question.faq_question is None
    faq = client.get("/questions/faq").get_data(as_text=True)
    assert "How do I send a logbook entry?" not in faq


def test_an_open_question_is_not_published(org, learner, staff):
    question = ask(learner, org)
    with pytest.raises(Invalid):
        services.publish(staff, question, "Q", "A")
    assert question.state == QuestionState.OPEN


def test_published_with_consent_the_faq_never_shows_who_asked(
    client, auth, make, org, learner, staff
):
    question = ask(learner, org, f"I am {NAME} ({EMAIL}). How do I send my entry?")
    services.answer(staff, question, f"Dear {NAME}, press Send to mentor.")
    db.session.commit()
    auth.login(staff)
    # The wording staff are offered still names the asker: refused until they take it out.
    kept = client.post(
        f"/questions/staff/question/{question.id}/publish",
        data=publish_data(question.text, question.answer),
    )
    assert "still contains the name or email address" in kept.get_data(as_text=True)
    assert question.state == QuestionState.ANSWERED
    client.post(f"/questions/staff/question/{question.id}/publish", data=publish_data())
    assert question.state == QuestionState.PUBLISHED
    member = make.user(Role.MENTOR, org)
    for reader in (member, learner, staff):
        auth.login(reader)
        faq = client.get("/questions/faq").get_data(as_text=True)
        assert "How do I send a logbook entry?" in faq and "Press Send to mentor." in faq
        assert NAME not in faq and EMAIL not in faq and "Marianne" not in faq


def test_the_faq_belongs_to_its_organisation(client, auth, make, org, learner, staff):
    question = ask(learner, org)
    services.answer(staff, question, "Press Send to mentor.")
    services.publish(staff, question, "How do I send a logbook entry?", "Press Send.")
    db.session.commit()
    outsider = make.user(Role.LEARNER, make.organisation())
    auth.login(outsider)
    assert "How do I send a logbook entry?" not in client.get("/questions/faq").get_data(
        as_text=True
    )


def test_the_asker_withdraws_consent_and_the_question_leaves_the_faq(
    client, auth, org, learner, staff
):
    question = ask(learner, org)
    services.answer(staff, question, "Press Send to mentor.")
    services.publish(staff, question, "How do I send a logbook entry?", "Press Send.")
    db.session.commit()
    auth.login(learner)
    response = client.post(f"/questions/{question.id}/consent", data={})
    assert response.status_code == 302
    assert (question.consent, question.state, question.faq_question) == (False, "answered", None)
    assert "How do I send a logbook entry?" not in client.get("/questions/faq").get_data(
        as_text=True
    )
    # And staff can no longer publish it.
    with pytest.raises(Invalid):
        services.publish(staff, question, "How do I send a logbook entry?", "Press Send.")


def test_the_asker_may_agree_later(client, auth, org, learner, staff):
    question = ask(learner, org, consent=False)
    auth.login(learner)
    client.post(f"/questions/{question.id}/consent", data={"consent": "y"})
    assert question.consent is True
    services.answer(staff, question, "Press Send to mentor.")
    services.publish(staff, question, "How do I send a logbook entry?", "Press Send.")
    assert question.state == QuestionState.PUBLISHED


def test_staff_take_a_question_out_of_the_faq(client, auth, org, learner, staff):
    question = ask(learner, org)
    services.answer(staff, question, "Press Send to mentor.")
    services.publish(staff, question, "How do I send a logbook entry?", "Press Send.")
    db.session.commit()
    auth.login(staff)
    client.post(f"/questions/staff/question/{question.id}/unpublish")
    assert question.state == QuestionState.ANSWERED and question.consent is True


# Statements -----------------------------------------------------------------------------------


def test_the_staff_list_statements_do_not_grow_with_questions(
    client, auth, make, org, staff, count_statements
):
    askers = [make.user(Role.LEARNER, org) for _ in range(5)]
    auth.login(staff)
    counts = []
    for total in (10, 100):
        have = db.session.scalar(db.select(db.func.count(Question.id)))
        for n in range(have, total):
            db.session.add(
                Question(
                    organisation_id=org.id,
                    asker_id=askers[n % 5].id,
                    asker_role="learner",
                    text=f"Question {n}",
                )
            )
        db.session.commit()
        with count_statements() as counter:
            page = client.get("/questions/staff").get_data(as_text=True)
        counts.append(counter.count)
    assert counts[0] == counts[1]
    assert "100 questions wait for an answer" in page and "Next page" in page


def test_the_demo_has_a_question_in_the_faq_and_one_waiting(runner):
    runner.invoke(args=["demo", "load"])
    runner.invoke(args=["demo", "load"])
    states = sorted(db.session.scalars(db.select(Question.state)))
    assert states == [QuestionState.OPEN, QuestionState.PUBLISHED]


def test_the_help_pages_show_the_organisations_faq_beside_the_shared_help(client, auth, learner):
    auth.login(learner)
    page = client.get("/help/").get_data(as_text=True)
    assert 'href="/questions/faq"' in page and 'href="/questions/new"' in page
