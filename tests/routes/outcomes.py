"""Route inventory of the outcomes pages: the status at entry is the learner's own (nobody else
has the page), the follow-up link answers its owner or anyone signed out and refuses everyone
signed in as someone else, and an in-app follow-up is its owner's only (404 for anyone else)."""

from datetime import date, timedelta

from extensions import db, utcnow
from outcomes.models import FollowUp
from outcomes.services import new_link_token

from . import LOGIN, OK, ROLES, Route, signed_in

# The learners of the organisation answer for themselves; nobody else has the page.
LEARNERS = {
    **dict.fromkeys(ROLES, 404),
    "anonymous": LOGIN,
    "learner": OK,
    "other_learner": OK,
}
LINK = {**dict.fromkeys(ROLES, 403), "anonymous": OK, "learner": OK}
OWN = {**dict.fromkeys(ROLES, 404), "anonymous": LOGIN, "learner": OK}


def _follow_up(world, make):
    token, token_hash = new_link_token()
    follow_up = FollowUp(
        user_id=world.learner.id,
        organisation_id=world.organisation.id,
        moment="leaving",
        due_on=date.today(),
        expires_at=utcnow() + timedelta(days=60),
        token_hash=token_hash,
    )
    db.session.add(follow_up)
    db.session.commit()
    world.extra["follow_up"], world.extra["token"] = follow_up, token


ROUTES = [
    Route("outcomes.about_you", "GET", "/outcomes/about-you", LEARNERS),
    Route("outcomes.about_you", "POST", "/outcomes/about-you", LEARNERS),
    Route("outcomes.withdraw_about_you", "POST", "/outcomes/about-you/withdraw", LEARNERS),
    # Posted without a situation: the form comes back, nothing is answered during the walk.
    Route(
        "outcomes.follow_up_link",
        "GET",
        lambda w: f"/outcomes/follow-up/{w.extra['token']}",
        LINK,
        setup=_follow_up,
    ),
    Route(
        "outcomes.follow_up_link",
        "POST",
        lambda w: f"/outcomes/follow-up/{w.extra['token']}",
        LINK,
        setup=_follow_up,
    ),
    Route("outcomes.thank_you", "GET", "/outcomes/thank-you", dict.fromkeys(ROLES, OK)),
    Route("outcomes.follow_ups", "GET", "/outcomes/follow-up", signed_in()),
    Route(
        "outcomes.answer_in_app",
        "POST",
        lambda w: f"/outcomes/follow-up/{w.extra['follow_up'].id}/answer",
        OWN,
        setup=_follow_up,
    ),
]
