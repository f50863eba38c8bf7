"""Download my data: a person with data in every feature gets every row of theirs, and nothing
of anybody else's; the archive is theirs alone and its link expires."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, timedelta

import pytest

from accounts.models import Role
from extensions import db, utcnow
from logbook import services as logbook
from logbook.models import Budget, BudgetRevision, EntryState
from mentoring import services as mentoring
from mentoring.models import Evaluation
from modules.models import SectionRead, SelfAssessment
from notifications.kinds import Kind
from notifications.models import Notification
from outcomes.models import EntryStatus, FollowUp
from privacy.models import DataExport, ExportState
from quizzes.models import QuizAttempt
from tests.mentoring_factories import programme, survey
from tests.routes.logbook import make_entry

SECRETS = (
    "MENTOR-PRIVATE-NOTE",  # the notes of a meeting the mentor logged
    "MENTOR-EVALUATION",  # the mentor's own closing evaluation
    "STAFF-CHECKIN-NOTE",  # what staff wrote about the pair
    "OTHER-LEARNER-ENTRY",  # another learner's logbook
    "OTHER-PAIR-MESSAGE",  # another pair's messages
    "OTHER-LEARNER-SURVEY",  # another learner's intake survey
    "OTHER-PAIR-NOTE",  # the same mentor's meeting with another mentee
)


def _meeting(person, pair, notes, days_ago=1):
    return mentoring.log_meeting(
        person,
        pair,
        held_on=date.today() - timedelta(days=days_ago),
        minutes=60,
        manner="online",
        topics="Customers",
        notes=notes,
    )


@pytest.fixture
def world(make):
    """Marianne (a learner paired with Yusuf) with data in every feature, among other people."""
    w = programme(make)
    org, pair = w["org"], w["pair"]
    mentee, mentor, staff = w["mentee"], w["mentor"], w["staff"]
    mentoring.answer_proposal(mentee, pair, True)
    mentoring.answer_proposal(mentor, pair, True)
    charter = mentoring.write_charter(
        mentee,
        pair,
        interval_days=14,
        manner="online",
        goals=[{"goal": "Open a web shop", "measure": "Orders", "by": ""}],
        mentor_learns="How a shop buys its stock",
    )
    mentoring.sign_charter(mentor, charter)
    _meeting(mentee, pair, "MY-MEETING-NOTE", days_ago=3)
    _meeting(mentor, pair, "MENTOR-PRIVATE-NOTE")
    mentoring.send_message(mentee, pair, "MY-PAIR-MESSAGE")
    mentoring.send_message(mentor, pair, "MENTORS-REPLY-TO-ME")
    mentoring.record_checkin(staff, pair, "amber", "STAFF-CHECKIN-NOTE", "Call them")
    db.session.add_all(
        [
            Evaluation(
                mentorship_id=pair.id,
                user_id=mentee.id,
                side="mentee",
                usefulness=4,
                learned="MY-EVALUATION",
            ),
            Evaluation(
                mentorship_id=pair.id,
                user_id=mentor.id,
                side="mentor",
                usefulness=3,
                learned="MENTOR-EVALUATION",
            ),
        ]
    )

    # Another pair of the same mentor, and another learner's data.
    other = w["other_learner"]
    survey(other, org, introduction="OTHER-LEARNER-SURVEY")
    other_pair = make.pair(mentor, other, org)
    mentoring.send_message(other, other_pair, "OTHER-PAIR-MESSAGE")
    _meeting(mentor, other_pair, "OTHER-PAIR-NOTE")
    make_entry(other, text="OTHER-LEARNER-ENTRY")

    entry = make_entry(mentee, EntryState.FEEDBACK_GIVEN, text="MY-LOGBOOK-TEXT", mentor=mentor)
    logbook.record_read(entry, mentor)
    logbook.answer_feedback(mentee, entry, "MY-ANSWER")
    logbook.save_entry(mentee, org, "test-course", _assignment(), "MY-SECOND-VERSION", 1)

    db.session.add_all(
        [
            SectionRead(user_id=mentee.id, course="test-course", module="01", section="intro"),
            SelfAssessment(
                user_id=mentee.id,
                course="test-course",
                module="01",
                attempts=1,
                last_score=8,
                best_score=8,
            ),
            QuizAttempt(
                user_id=mentee.id,
                course="test-course",
                module="01",
                state="submitted",
                question_order=["q1"],
                option_order={"q1": ["a", "b"]},
                answers={"q1": "MY-QUIZ-ANSWER"},
                score=8,
                passed=True,
            ),
            QuizAttempt(
                user_id=mentee.id,
                course="test-course",
                module="first-module",
                state="submitted",
                question_order=["q1"],
                option_order={"q1": ["a", "b", "c"]},
                answers={"q1": "b"},
                score=10,
                passed=True,
            ),
            EntryStatus(
                user_id=mentee.id, organisation_id=org.id, birth_year=1968, situation="looking"
            ),
            FollowUp(
                user_id=mentee.id,
                organisation_id=org.id,
                moment="leaving",
                due_on=date.today(),
                expires_at=utcnow(),
                token_hash="x" * 64,
                answered_at=utcnow(),
                registration_number="MY-KVK-NUMBER",
            ),
        ]
    )
    budget = Budget(
        user_id=mentee.id,
        organisation_id=org.id,
        course="test-course",
        kind="start",
        data={"rows": [{"label": "MY-BUDGET-ROW"}]},
        version=1,
    )
    db.session.add(budget)
    db.session.flush()
    db.session.add(BudgetRevision(budget_id=budget.id, version=1, data=budget.data))
    db.session.commit()
    return w


def _assignment():
    from tests.routes.logbook import assignment

    return assignment()


def _download(client, auth, person) -> zipfile.ZipFile:
    auth.login(person)
    response = client.post("/account/my-data", follow_redirects=True)
    assert "Your data is ready" in response.get_data(as_text=True)
    export = db.session.scalar(db.select(DataExport).filter_by(user_id=person.id))
    response = client.get(f"/account/my-data/{export.id}/download")
    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    return zipfile.ZipFile(io.BytesIO(response.data))


def _json(archive, name) -> dict:
    return json.loads(archive.read(f"data/{name}.json"))


def _all_text(archive) -> str:
    return "\n".join(
        archive.read(n).decode() for n in archive.namelist() if not n.endswith(".docx")
    )


def test_the_learner_gets_every_row_of_theirs(client, auth, world):
    archive = _download(client, auth, world["mentee"])
    names = set(archive.namelist())
    assert {"index.html", "business-plan.docx", "data/account.json", "data/logbook.json"} <= names

    account = _json(archive, "account")
    assert account["account"][0]["email"] == world["mentee"].email
    assert [m["role"] for m in account["memberships"]] == ["learner"]
    assert "password_hash" not in account["account"][0]

    entry = _json(archive, "logbook")["entries"][0]
    assert entry["text"] == "MY-SECOND-VERSION"
    assert [r["text"] for r in entry["revisions"]] == ["MY-LOGBOOK-TEXT", "MY-SECOND-VERSION"]
    assert [m["body"] for m in entry["thread"]] == ["Good start", "MY-ANSWER"]
    assert [r["reader"] for r in entry["opened_by"]] == ["Yusuf"]
    assert _json(archive, "logbook")["budgets"][0]["revisions"][0]["data"]["rows"]

    pairs = _json(archive, "mentoring")
    assert [s["introduction"] for s in pairs["intake_surveys"]] == [
        "Twenty-five years in retail purchasing."
    ]
    assert [p["partner"] for p in pairs["pairs"]] == ["Yusuf"]
    assert pairs["charters"][0]["mentor_learns"] == "How a shop buys its stock"
    assert {m["body"] for m in pairs["messages"]} == {"MY-PAIR-MESSAGE", "MENTORS-REPLY-TO-ME"}
    assert sorted(str(m["notes"]) for m in pairs["meetings"]) == ["MY-MEETING-NOTE", "None"]
    assert [e["learned"] for e in pairs["my_evaluations"]] == ["MY-EVALUATION"]

    attempts = _json(archive, "quizzes")["attempts"]
    assert attempts[0]["answers"] == {"q1": "MY-QUIZ-ANSWER"}
    assert attempts[1]["answers_in_words"] == [
        {
            "question": "Question 1: what does a learner do in situation 1?",
            "my_answer": "Answer B to question 1",
            "correct": True,
        }
    ]
    progress = _json(archive, "progress")
    assert len(progress["sections_read"]) == 1 and len(progress["self_assessments"]) == 1
    outcomes = _json(archive, "outcomes")
    assert outcomes["at_joining"][0]["birth_year"] == 1968
    assert outcomes["follow_ups"][0]["registration_number"] == "MY-KVK-NUMBER"
    kinds = {n["kind"] for n in _json(archive, "notifications")["notifications"]}
    assert {Kind.MESSAGE_RECEIVED.value, Kind.FEEDBACK_GIVEN.value} <= kinds

    overview = archive.read("index.html").decode()
    assert "Your data from Herstart" in overview and "MY-SECOND-VERSION" in overview


def test_nothing_of_anybody_else_is_in_the_archive(client, auth, world):
    text = _all_text(_download(client, auth, world["mentee"]))
    assert [s for s in SECRETS if s in text] == []
    assert world["other_learner"].email not in text


def test_the_mentor_gets_their_words_but_not_the_mentees_entries(client, auth, world):
    text = _all_text(_download(client, auth, world["mentor"]))
    assert "MENTOR-PRIVATE-NOTE" in text and "Good start" in text and "MY-ANSWER" in text
    assert "MY-LOGBOOK-TEXT" not in text and "MY-EVALUATION" not in text
    assert "MY-MEETING-NOTE" not in text and "OTHER-LEARNER-ENTRY" not in text


@pytest.mark.parametrize("who", ["mentor", "other_learner", "staff", "staff_other_org"])
def test_nobody_else_can_download_it(client, auth, world, who):
    archive = _download(client, auth, world["mentee"])
    assert archive.namelist()
    export = db.session.scalar(db.select(DataExport).filter_by(user_id=world["mentee"].id))
    auth.login(world[who])
    assert client.get(f"/account/my-data/{export.id}/download").status_code == 404
    assert world["mentee"].name not in client.get("/account/my-data").get_data(as_text=True)


def test_the_link_expires(client, auth, world, runner):
    _download(client, auth, world["mentee"])
    export = db.session.scalar(db.select(DataExport).filter_by(user_id=world["mentee"].id))
    assert export.expires_at.date() == (utcnow() + timedelta(days=7)).date()
    export.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert client.get(f"/account/my-data/{export.id}/download").status_code == 410
    assert "Built 0 archives; 1 expired" in runner.invoke(args=["privacy", "build-exports"]).output
    db.session.expire_all()
    assert export.archive is None and export.state == ExportState.EXPIRED.value
    assert client.get(f"/account/my-data/{export.id}/download").status_code == 410


def test_a_large_archive_is_built_by_the_job_and_the_person_is_told(
    app, client, auth, world, runner
):
    app.config["PRIVACY_INLINE_ROWS"] = 0
    mentee = world["mentee"]
    auth.login(mentee)
    page = client.post("/account/my-data", follow_redirects=True).get_data(as_text=True)
    assert "We are putting your data together" in page
    export = db.session.scalar(db.select(DataExport).filter_by(user_id=mentee.id))
    assert export.state == ExportState.WAITING.value
    assert client.get(f"/account/my-data/{export.id}/download").status_code == 404
    client.post("/account/my-data")  # asking again while it waits makes no second one
    assert db.session.scalar(db.select(db.func.count(DataExport.id))) == 1

    assert "Built 1 archives" in runner.invoke(args=["privacy", "build-exports"]).output
    assert "Built 0 archives" in runner.invoke(args=["privacy", "build-exports"]).output
    told = db.session.scalar(
        db.select(Notification).filter_by(user_id=mentee.id, kind=Kind.DATA_EXPORT_READY.value)
    )
    assert told.link == "/account/my-data"
    response = client.get(f"/account/my-data/{export.id}/download")
    assert response.status_code == 200 and zipfile.ZipFile(io.BytesIO(response.data)).namelist()


def test_a_new_copy_replaces_the_one_before(client, auth, make):
    learner = make.user(Role.LEARNER)
    auth.login(learner)
    client.post("/account/my-data")
    first = db.session.scalar(db.select(DataExport).filter_by(user_id=learner.id))
    client.post("/account/my-data")
    assert client.get(f"/account/my-data/{first.id}/download").status_code == 410
    page = client.get("/account/my-data").get_data(as_text=True)
    assert page.count("/download") == 1


def test_the_settings_page_links_to_it(client, auth, make):
    auth.login(make.user(Role.LEARNER))
    assert "/account/my-data" in client.get("/account/profile").get_data(as_text=True)
