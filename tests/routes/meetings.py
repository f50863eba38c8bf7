"""Route inventory of meetings planned ahead: the two people of the pair only (404 to others)."""

from datetime import timedelta

from extensions import db, utcnow
from mentoring.models import MeetingProposal, MeetingState, Mentorship

from . import Route, only

PAIR_PEOPLE = only("learner", "mentor", refused=404)


def _proposal(world, make, state=MeetingState.PROPOSED, by="learner"):
    pair = db.session.scalar(db.select(Mentorship).filter_by(mentee_id=world.learner.id))
    proposal = MeetingProposal(
        mentorship_id=pair.id,
        proposed_by_id=world.people[by].id,
        starts_at=utcnow() + timedelta(days=3),
        minutes=60,
        place="Oudegracht 12, Utrecht",
        topic="The web shop",
        state=state.value,
    )
    db.session.add(proposal)
    db.session.commit()
    world.extra["pair"], world.extra["proposal"] = pair, proposal


def _accepted(world, make):
    _proposal(world, make, MeetingState.ACCEPTED)


def url(tail=""):
    return lambda w: f"/mentoring/pairs/{w.extra['pair'].id}/meetings{tail}"


def proposal_url(tail):
    return lambda w: (
        f"/mentoring/pairs/{w.extra['pair'].id}/meetings/{w.extra['proposal'].id}{tail}"
    )


ROUTES = [
    Route("mentoring.propose_meeting", "GET", url("/propose"), PAIR_PEOPLE, setup=_proposal),
    Route(
        "mentoring.propose_meeting",
        "POST",
        url("/propose"),
        PAIR_PEOPLE,
        setup=_proposal,
        data=lambda w: {"day": "", "place": ""},
    ),
    Route(
        "mentoring.accept_meeting", "POST", proposal_url("/accept"), PAIR_PEOPLE, setup=_proposal
    ),
    Route(
        "mentoring.suggest_other_time",
        "GET",
        proposal_url("/other-time"),
        PAIR_PEOPLE,
        setup=_proposal,
    ),
    Route(
        "mentoring.suggest_other_time",
        "POST",
        proposal_url("/other-time"),
        PAIR_PEOPLE,
        setup=_proposal,
        data=lambda w: {"day": ""},
    ),
    Route(
        "mentoring.cancel_meeting", "POST", proposal_url("/cancel"), PAIR_PEOPLE, setup=_accepted
    ),
    Route("mentoring.meeting_ics", "GET", proposal_url(".ics"), PAIR_PEOPLE, setup=_accepted),
]
