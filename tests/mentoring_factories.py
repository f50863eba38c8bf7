"""Factories for the mentoring programme's tests: surveys, pairs in a given state, charters."""

from __future__ import annotations

from datetime import date, timedelta

from accounts.models import Organisation, Role, User
from extensions import db, utcnow
from mentoring import services
from mentoring.models import IntakeSurvey, Mentorship, PairState


def programme(make) -> dict:
    """An organisation whose round proposed Marianne with Yusuf, approved by staff; the others of
    every role the permission tests walk."""
    org = make.organisation()
    other_org = make.organisation()
    people = {
        "staff": make.user(Role.STAFF, org),
        "mentee": make.user(Role.LEARNER, org, name="Marianne"),
        "mentor": make.user(Role.MENTOR, org, name="Yusuf"),
        "other_learner": make.user(Role.LEARNER, org),
        "other_mentor": make.user(Role.MENTOR, org),
        "staff_other_org": make.user(Role.STAFF, other_org),
    }
    survey(
        people["mentee"],
        org,
        introduction="Twenty-five years in retail purchasing.",
        hobbies="tennis, knitting",
        volunteering="the food bank",
    )
    survey(people["mentor"], org, "mentor", hobbies="tennis", volunteering="The Food Bank")
    round_ = services.run_matching_round(people["staff"], org)
    pair = services.approve_proposal(people["staff"], round_.proposals[0])
    return {"org": org, "pair": pair, "round": round_, **people}


def survey(user: User, organisation: Organisation, role: str = "mentee", **answers) -> IntakeSurvey:
    values = {
        "role": role,
        "wants": {"social-media": 3, "finance": 2},
        "offers": ["sales"],
        "languages": ["nl", "en"],
        "manner": "either",
        "region": "Utrecht",
        "availability": ["weekday_mornings"],
        "capacity": "2",
    }
    if role == "mentor":
        values.update(wants={"sales": 2}, offers=["social-media", "finance", "digital-tools"])
    values.update(answers)
    return services.save_survey(user, organisation, values)


def proposed_pair(
    staff: User, mentee: User, mentor: User, organisation: Organisation
) -> Mentorship:
    return services.pair_by_hand(staff, organisation, mentee.id, mentor.id)


def accepted_pair(staff, mentee, mentor, organisation) -> Mentorship:
    pair = proposed_pair(staff, mentee, mentor, organisation)
    services.answer_proposal(mentee, pair, True)
    services.answer_proposal(mentor, pair, True)
    return pair


def signed_charter(pair: Mentorship, interval_days: int = 14):
    charter = services.write_charter(
        pair.mentee,
        pair,
        interval_days=interval_days,
        manner="online",
        goals=[{"goal": "Open a web shop", "measure": "Shop online", "by": "2027-01-01"}],
        mentor_learns="How a shop buys its stock",
    )
    services.sign_charter(pair.mentor, charter)
    return charter


def meeting(pair: Mentorship, days_ago: int = 0, notes: str = "Private notes of the pair"):
    return services.log_meeting(
        pair.mentee,
        pair,
        held_on=date.today() - timedelta(days=days_ago),
        minutes=60,
        manner="online",
        topics="Kick-off",
        notes=notes,
    )


def active_pair(staff, mentee, mentor, organisation) -> Mentorship:
    pair = accepted_pair(staff, mentee, mentor, organisation)
    signed_charter(pair)
    meeting(pair)
    db.session.refresh(pair)
    return pair


def ended(pair: Mentorship, staff: User) -> Mentorship:
    services.end_pair(staff, pair, "Programme finished")
    return pair


# Every table of the programme, and the outbox its changes write to.
PROGRAMME_TABLES = (
    "mentoring_themes",
    "mentoring_settings",
    "intake_surveys",
    "matching_rounds",
    "matching_proposals",
    "mentorships",
    "charter_versions",
    "mentoring_meetings",
    "mentoring_checkins",
    "mentoring_evaluations",
    "outbox_messages",
)


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every programme table, as committed: compare before and after a change."""
    db.session.commit()
    tables = db.metadata.tables
    return {
        name: [
            tuple(row)
            for row in db.session.execute(tables[name].select().order_by(tables[name].c.id))
        ]
        for name in PROGRAMME_TABLES
    }


def deliver_setup_mail(mailbox) -> None:
    """Send what setting up through services queued, as those requests would have after their
    commit, and empty the mailbox: the test then sees only the mail of what it does itself."""
    from outbox.delivery import deliver
    from outbox.services import forget_queued

    db.session.commit()
    forget_queued()
    deliver()
    mailbox.clear()


_ = (PairState, utcnow)
