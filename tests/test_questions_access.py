"""Who reaches a question: its asker on the asker's pages, the staff of its organisation on the
staff pages, and nobody else: another learner, the asker's own mentor, staff of another
organisation, a platform admin and anybody signed out are refused, and nothing changes."""

from __future__ import annotations

import pytest

from accounts.models import Role
from extensions import db
from notifications.models import Notification
from questions import services
from questions.models import Question

ROLES = ("asker", "other_learner", "mentor", "staff", "staff_other_org", "admin", "anonymous")


@pytest.fixture
def world(make):
    org = make.organisation("De Werkplaats")
    other = make.organisation("Elders")
    people = {
        "asker": make.user(Role.LEARNER, org, name="Marianne Jansen"),
        "other_learner": make.user(Role.LEARNER, org),
        "mentor": make.user(Role.MENTOR, org),
        "staff": make.user(Role.STAFF, org),
        "staff_other_org": make.user(Role.STAFF, other),
        "admin": make.user(None, is_admin=True),
    }
    make.pair(people["mentor"], people["asker"], org)
    return {"org": org, **people}


def question_in(world, state: str) -> Question:
    question = services.ask(world["asker"], world["org"], "Can I pause the course?", None, True)
    if state in ("answered", "published"):
        services.answer(world["staff"], question, "Yes, whenever you like.")
    if state == "published":
        services.publish(world["staff"], question, "Can I pause the course?", "Yes.")
    db.session.commit()
    return question


# name: (method, path after /questions, form data, the state it starts in, who may)
ACTIONS = {
    "read own": ("GET", "/{id}", {}, "answered", "asker"),
    "change consent": ("POST", "/{id}/consent", {}, "published", "asker"),
    "read as staff": ("GET", "/staff/question/{id}", {}, "open", "staff"),
    "answer": ("POST", "/staff/question/{id}/answer", {"answer": "No."}, "open", "staff"),
    "publish": (
        "POST",
        "/staff/question/{id}/publish",
        {"faq_question": "Pause?", "faq_answer": "Yes."},
        "answered",
        "staff",
    ),
    "unpublish": ("POST", "/staff/question/{id}/unpublish", {}, "published", "staff"),
}


def snapshot(question_id: int) -> tuple:
    db.session.expire_all()
    question = db.session.get(Question, question_id)
    columns = [c.key for c in Question.__table__.columns]
    notifications = db.session.scalar(db.select(db.func.count(Notification.id)))
    return tuple(getattr(question, c) for c in columns), notifications


def _refused(action: str) -> list[tuple[str, str]]:
    allowed = ACTIONS[action][4]
    return [(action, role) for role in ROLES if role != allowed]


@pytest.mark.parametrize(
    ("action", "role"), [case for action in ACTIONS for case in _refused(action)]
)
def test_refused_and_nothing_changed(client, auth, world, action, role):
    method, path, data, state, _ = ACTIONS[action]
    question = question_in(world, state)
    before = snapshot(question.id)
    if role != "anonymous":
        auth.login(world[role])
    response = client.open(f"/questions{path.format(id=question.id)}", method=method, data=data)
    if role == "anonymous":
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    else:
        assert response.status_code == 404
        assert "Can I pause the course?" not in response.get_data(as_text=True)
    assert snapshot(question.id) == before


@pytest.mark.parametrize("action", list(ACTIONS))
def test_the_one_who_may_is_let_in(client, auth, world, action):
    method, path, data, state, allowed = ACTIONS[action]
    question = question_in(world, state)
    auth.login(world[allowed])
    response = client.open(f"/questions{path.format(id=question.id)}", method=method, data=data)
    assert response.status_code in (200, 302)


@pytest.mark.parametrize("role", ["other_learner", "mentor", "staff_other_org"])
def test_others_lists_never_show_the_question(client, auth, world, role):
    question_in(world, "answered")
    auth.login(world[role])
    for path in ("/questions/", "/questions/staff/answered", "/questions/faq"):
        page = client.get(path)
        assert "Can I pause the course?" not in page.get_data(as_text=True)


@pytest.mark.parametrize("role", ["staff", "staff_other_org", "admin"])
def test_who_does_not_learn_or_mentor_here_cannot_ask(client, auth, world, role):
    auth.login(world[role])
    response = client.post("/questions/new", data={"text": "May I ask?"})
    assert response.status_code in (403, 404)
    assert db.session.scalar(db.select(db.func.count(Question.id))) == 0
