"""Route inventory of the mentoring programme: the pair's own pages (the two people only) and the
staff pages in organisations (staff of that organisation and admins only)."""

from accounts.models import Role
from extensions import db
from mentoring import services
from mentoring.matching import Profile, pair_components
from mentoring.models import CharterVersion, MatchProposal, MatchRound, Mentorship

from . import OK, Route, only, signed_in

PAIR_PEOPLE = only("learner", "mentor", refused=404)
STAFF = only("staff", "admin")


def _pair(world, make):
    world.extra["pair"] = db.session.scalar(
        db.select(Mentorship).filter_by(mentee_id=world.learner.id)
    )


def _charter(world, make):
    _pair(world, make)
    pair = world.extra["pair"]
    db.session.add(CharterVersion(mentorship_id=pair.id, version=1, goals=[{"goal": "A shop"}]))
    db.session.commit()


def _survey(world, make):
    services.save_survey(world.learner, world.organisation, {"role": "mentee"})


def _proposal(world, make):
    round_ = MatchRound(organisation_id=world.organisation.id, weights={}, threshold=0.35)
    db.session.add(round_)
    db.session.flush()
    proposal = MatchProposal(
        round_id=round_.id,
        mentee_id=world.people["other_learner"].id,
        mentor_id=world.people["other_mentor"].id,
        score=0.5,
        components=pair_components(Profile(1, wants={"sales": 2}), Profile(2, offers={"sales"})),
    )
    db.session.add(proposal)
    db.session.commit()
    world.extra["round"], world.extra["proposal"] = round_, proposal


def pair_url(tail=""):
    return lambda w: f"/mentoring/pairs/{w.extra['pair'].id}{tail}"


def org_url(tail):
    return lambda w: f"/organisations/{w.organisation.slug}/programme{tail}"


# The platform admin belongs to no organisation: the member pages have nothing to show them.
MEMBERS = {**signed_in(), "admin": 404}

ROUTES = [
    Route("mentoring.intake", "GET", "/mentoring/intake", MEMBERS),
    Route("mentoring.intake", "POST", "/mentoring/intake", MEMBERS, data=lambda w: {"role": ""}),
    Route("mentoring.index", "GET", "/mentoring", MEMBERS),
    Route("mentoring.pair", "GET", pair_url(), PAIR_PEOPLE, setup=_pair),
    Route(
        "mentoring.answer",
        "POST",
        pair_url("/answer"),
        PAIR_PEOPLE,
        setup=_pair,
        data=lambda w: {"decision": "accept"},
    ),
    Route("mentoring.charter", "GET", pair_url("/charter"), PAIR_PEOPLE, setup=_pair),
    Route("mentoring.charter", "POST", pair_url("/charter"), PAIR_PEOPLE, setup=_pair),
    Route(
        "mentoring.sign_charter", "POST", pair_url("/charter/1/sign"), PAIR_PEOPLE, setup=_charter
    ),
    Route("mentoring.log_meeting", "GET", pair_url("/meetings/new"), PAIR_PEOPLE, setup=_pair),
    Route("mentoring.log_meeting", "POST", pair_url("/meetings/new"), PAIR_PEOPLE, setup=_pair),
    Route("mentoring.evaluation", "GET", pair_url("/evaluation"), PAIR_PEOPLE, setup=_pair),
    Route("mentoring.evaluation", "POST", pair_url("/evaluation"), PAIR_PEOPLE, setup=_pair),
    # Staff pages.
    Route("organisations.programme_overview", "GET", org_url(""), STAFF),
    Route(
        "organisations.programme_add_theme",
        "POST",
        org_url("/themes"),
        STAFF,
        data=lambda w: {"label": "Bookkeeping"},
    ),
    Route(
        "organisations.programme_survey",
        "GET",
        lambda w: f"/organisations/{w.organisation.slug}/programme/people/{w.learner.id}",
        STAFF,
        setup=_survey,
    ),
    Route("organisations.programme_weights", "GET", org_url("/weights"), STAFF),
    Route(
        "organisations.programme_weights",
        "POST",
        org_url("/weights"),
        STAFF,
        data=lambda w: {"threshold": "200"},
    ),
    Route("organisations.programme_rounds", "GET", org_url("/rounds"), STAFF),
    Route("organisations.programme_run_round", "POST", org_url("/rounds"), STAFF),
    Route(
        "organisations.programme_round",
        "GET",
        lambda w: f"/organisations/{w.organisation.slug}/programme/rounds/{w.extra['round'].id}",
        STAFF,
        setup=_proposal,
    ),
    Route(
        "organisations.programme_approve_round",
        "POST",
        lambda w: (
            f"/organisations/{w.organisation.slug}/programme/rounds/{w.extra['round'].id}/approve"
        ),
        STAFF,
        setup=_proposal,
    ),
    *[
        Route(
            f"organisations.programme_{action}",
            method,
            (
                lambda tail: (
                    lambda w: (
                        f"/organisations/{w.organisation.slug}/programme/proposals/"
                        f"{w.extra['proposal'].id}/{tail}"
                    )
                )
            )(action),
            STAFF,
            setup=_proposal,
        )
        for action, method in (
            ("approve", "POST"),
            ("drop", "POST"),
            ("swap", "GET"),
            ("swap", "POST"),
        )
    ],
    Route("organisations.programme_pair_by_hand", "GET", org_url("/pairs/new"), STAFF),
    Route("organisations.programme_pair_by_hand", "POST", org_url("/pairs/new"), STAFF),
    Route("organisations.programme_pairs", "GET", org_url("/pairs"), STAFF),
    Route(
        "organisations.programme_pair",
        "GET",
        lambda w: f"/organisations/{w.organisation.slug}/programme/pairs/{w.extra['pair'].id}",
        STAFF,
        setup=_pair,
    ),
    Route(
        "organisations.programme_pair",
        "POST",
        lambda w: f"/organisations/{w.organisation.slug}/programme/pairs/{w.extra['pair'].id}",
        STAFF,
        setup=_pair,
        data=lambda w: {"light": "green"},
    ),
    Route(
        "organisations.programme_end_pair",
        "POST",
        lambda w: f"/organisations/{w.organisation.slug}/programme/pairs/{w.extra['pair'].id}/end",
        STAFF,
        setup=_pair,
        data=lambda w: {"reason": "Finished"},
    ),
    Route(
        "organisations.programme_rematch",
        "POST",
        lambda w: (
            f"/organisations/{w.organisation.slug}/programme/pairs/{w.extra['pair'].id}/rematch"
        ),
        STAFF,
        setup=_pair,
        data=lambda w: {"reason": "Did not fit"},
    ),
]
_ = (OK, Role)
