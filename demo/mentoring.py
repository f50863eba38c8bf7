"""Demo data for mentoring: intake surveys for a dozen members (extra demo mentors and mentees
join the demo organisation), and two running pairs with a signed charter and a kick-off
(learner1 with mentor1, learner2 with mentor2), which the logbook demo needs. learner3 stays
unmatched, so staff can run a matching round at once. Safe to run twice."""

from __future__ import annotations

from datetime import timedelta

from accounts import services as accounts
from accounts.models import Role, find_user_by_email
from extensions import db, utcnow
from mentoring import services
from mentoring.models import CharterState, CharterVersion, Meeting, Mentorship, PairState

from .people import DEMO_PASSWORD, Cast

EXTRA_PEOPLE = (
    ("mentor3@demo.herstart.eu", "Noah Vermeulen", Role.MENTOR, "nl"),
    ("mentor4@demo.herstart.eu", "Amira Haddad", Role.MENTOR, "en"),
    ("mentor5@demo.herstart.eu", "Lucas Maes", Role.MENTOR, "nl"),
    ("learner4@demo.herstart.eu", "Gerard Wouters", Role.LEARNER, "nl"),
    ("learner5@demo.herstart.eu", "Ingrid Smit", Role.LEARNER, "en"),
    ("learner6@demo.herstart.eu", "Kees van Dam", Role.LEARNER, "nl"),
    ("learner7@demo.herstart.eu", "Fatima El Amrani", Role.LEARNER, "nl"),
)

MENTOR = "mentor"
MENTEE = "mentee"

# email -> (role, wants, offers, languages, manner, region, availability, bonds, sector, capacity)
SURVEYS = {
    "mentor1@demo.herstart.eu": (
        MENTOR,
        {"finance": 1},
        ["social-media", "digital-tools", "customers", "ai-tools"],
        ["en", "nl", "tr"],
        "either",
        "Utrecht",
        ["weekday_evenings", "weekends"],
        {"hobbies": "football, cooking", "volunteering": "the food bank"},
        "it",
        2,
        "I run a small web agency and love helping people get online.",
    ),
    "mentor2@demo.herstart.eu": (
        MENTOR,
        {"networking": 1},
        ["finance", "money", "legal", "business-model"],
        ["nl", "en"],
        "in_person",
        "Gent",
        ["weekday_mornings", "weekday_afternoons"],
        {"studied_at": "Universiteit Gent", "hobbies": "cycling"},
        "services",
        2,
        "Accountant turned start-up coach.",
    ),
    "mentor3@demo.herstart.eu": (
        MENTOR,
        {"sales": 1},
        ["social-media", "sales", "customers", "networking"],
        ["nl"],
        "either",
        "Amsterdam",
        ["weekday_evenings"],
        {"hobbies": "choir", "home_town": "Zwolle"},
        "retail",
        2,
        "I sell handmade furniture online and on markets.",
    ),
    "mentor4@demo.herstart.eu": (
        MENTOR,
        {"mindset": 1},
        ["ai-tools", "digital-tools", "launch"],
        ["en", "ar", "fr"],
        "online",
        "",
        ["weekday_afternoons", "weekends"],
        {"volunteering": "the food bank"},
        "creative",
        2,
        "Designer and founder of a small studio.",
    ),
    "mentor5@demo.herstart.eu": (
        MENTOR,
        {},
        ["finance", "legal", "money"],
        ["nl", "en"],
        "either",
        "Utrecht",
        ["weekday_mornings"],
        {"studied_at": "Hogeschool Utrecht", "hobbies": "chess"},
        "hospitality",
        2,
        "I opened two cafés in five years.",
    ),
    "learner1@demo.herstart.eu": (
        MENTEE,
        {"social-media": 3, "digital-tools": 2, "customers": 2},
        ["sales", "networking"],
        ["en", "nl"],
        "either",
        "Utrecht",
        ["weekday_evenings"],
        {"volunteering": "the food bank"},
        "retail",
        1,
        "After 25 years in retail purchasing I want to open a web shop.",
    ),
    "learner2@demo.herstart.eu": (
        MENTEE,
        {"finance": 3, "money": 3, "legal": 2},
        ["networking"],
        ["nl"],
        "in_person",
        "Gent",
        ["weekday_mornings"],
        {"hobbies": "cycling"},
        "crafts",
        1,
        "Carpenter who wants to work for himself.",
    ),
    "learner3@demo.herstart.eu": (
        MENTEE,
        {"social-media": 3, "ai-tools": 2, "finance": 1},
        ["customers"],
        ["en", "fr"],
        "online",
        "",
        ["weekday_afternoons"],
        {"volunteering": "the food bank"},
        "care",
        1,
        "Nurse planning a home-care service.",
    ),
    "learner4@demo.herstart.eu": (
        MENTEE,
        {"sales": 3, "customers": 2},
        ["finance"],
        ["nl"],
        "either",
        "Amsterdam",
        ["weekday_evenings"],
        {"home_town": "Zwolle", "hobbies": "choir"},
        "retail",
        1,
        "Former bank clerk with a plan for a bike shop.",
    ),
    "learner5@demo.herstart.eu": (
        MENTEE,
        {"finance": 3, "legal": 2},
        ["mindset"],
        ["en", "nl"],
        "either",
        "Utrecht",
        ["weekday_mornings"],
        {"hobbies": "chess"},
        "hospitality",
        1,
        "I want to open a lunchroom.",
    ),
    "learner6@demo.herstart.eu": (
        MENTEE,
        {"bookkeeping-software": 3},
        [],
        ["nl"],
        "in_person",
        "Maastricht",
        ["weekends"],
        {},
        "construction",
        1,
        "Plumber who needs help with invoices.",
    ),
    "learner7@demo.herstart.eu": (
        MENTEE,
        {"digital-tools": 2, "launch": 3},
        ["networking"],
        ["ar", "nl"],
        "online",
        "",
        ["weekends"],
        {},
        "creative",
        1,
        "Tailor who wants to sell designs online.",
    ),
}


def _person(cast: Cast, email: str, name: str, role: Role, language: str):
    user = find_user_by_email(email)
    if user is None:
        user = accounts.create_user(
            email, name, DEMO_PASSWORD, organisation=cast.organisation, role=role, language=language
        )
    return user


def load(cast: Cast) -> None:
    organisation = cast.organisation
    for email, name, role, language in EXTRA_PEOPLE:
        _person(cast, email, name, role, language)
    if "bookkeeping-software" not in services.themes(organisation):
        services.add_theme(cast.staff, organisation, "Bookkeeping software")
    for email, answers in SURVEYS.items():
        user = find_user_by_email(email)
        if user is None or services.survey_of(user.id, organisation.id) is not None:
            continue
        role, wants, offers, languages, manner, region, slots, bonds, sector, capacity, intro = (
            answers
        )
        services.save_survey(
            user,
            organisation,
            {
                "role": role,
                "wants": wants,
                "offers": offers,
                "languages": languages,
                "manner": manner,
                "region": region,
                "availability": slots,
                "sector": sector,
                "capacity": str(capacity),
                "introduction": intro,
                **bonds,
            },
        )
    _running_pair(cast, "learner1@demo.herstart.eu", "mentor1@demo.herstart.eu", 10)
    _running_pair(cast, "learner2@demo.herstart.eu", "mentor2@demo.herstart.eu", 20)


def _running_pair(cast: Cast, mentee_email: str, mentor_email: str, days_ago: int) -> None:
    mentee, mentor = find_user_by_email(mentee_email), find_user_by_email(mentor_email)
    exists = db.session.scalar(
        db.select(Mentorship.id).filter_by(
            mentee_id=mentee.id, mentor_id=mentor.id, organisation_id=cast.organisation.id
        )
    )
    if exists:
        return
    pair = services.pair_by_hand(cast.staff, cast.organisation, mentee.id, mentor.id)
    services.answer_proposal(mentee, pair, True)
    services.answer_proposal(mentor, pair, True)
    start = utcnow() - timedelta(days=days_ago)
    pair.started_at = pair.mentor_accepted_at = pair.mentee_accepted_at = start
    pair.state = PairState.ACTIVE.value
    db.session.add(
        CharterVersion(
            mentorship_id=pair.id,
            version=1,
            state=CharterState.SIGNED.value,
            interval_days=14,
            manner="either",
            goals=[
                {
                    "goal": "A first version of the business plan",
                    "measure": "Plan reviewed together",
                    "by": (start + timedelta(days=60)).date().isoformat(),
                },
                {
                    "goal": "First three paying customers",
                    "measure": "Three invoices sent",
                    "by": (start + timedelta(days=120)).date().isoformat(),
                },
            ],
            mentor_learns="How customers of 45+ decide what to buy",
            written_by_id=mentee.id,
            created_at=start,
            mentor_signed_at=start,
            mentee_signed_at=start,
        )
    )
    db.session.add(
        Meeting(
            mentorship_id=pair.id,
            held_on=start.date(),
            minutes=60,
            manner="in_person",
            topics="Kick-off: getting to know each other, the charter",
            notes="We agreed to start with the customer interviews.",
            is_kickoff=True,
            logged_by_id=mentee.id,
            created_at=start,
        )
    )
    db.session.flush()
    # Everyday work between the two: a message and the next meeting waiting for an answer.
    services.send_message(
        mentor,
        pair,
        f"Hello {mentee.name},\n\nI read your notes from the customer interviews. "
        "Shall we go through them at our next meeting?",
    )
    next_week = (utcnow() + timedelta(days=7)).replace(hour=13, minute=0, second=0, microsecond=0)
    services.propose_meeting(
        mentor,
        pair,
        starts_at=next_week,
        minutes=60,
        place="https://meet.example.org/herstart-demo",
        topic="The customer interviews",
    )
    db.session.commit()
