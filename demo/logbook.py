"""Demo logbook: learner1 has one entry with mentor1's feedback and one waiting in mentor1's
inbox, so a newcomer sees the whole loop. Safe to run twice: existing entries are left alone."""

from __future__ import annotations

from datetime import timedelta

from accounts.models import find_user_by_email
from extensions import db, utcnow
from logbook import services
from modules.services import catalogue

from .people import Cast

LEARNER = "learner1@demo.herstart.eu"
MENTOR = "mentor1@demo.herstart.eu"

ANSWERED = (
    "## Why I want to start\n\n"
    "After 27 years in a bakery I know bread, customers and early mornings. "
    "I want my own small bakery with a lunch corner.\n\n"
    "- I know suppliers in the region\n- I can plan a team\n- I worry about the money side"
)
FEEDBACK = (
    "A strong start, Marianne. You name what you bring **and** what worries you.\n\n"
    "Next step: write down who your first *ten* customers would be."
)
WAITING = (
    "## What I learned\n\nMy network is bigger than I thought: three former colleagues "
    "want to help, and the baker in town might sell me his old oven."
)


def load(cast: Cast) -> None:
    learner, mentor = find_user_by_email(LEARNER), find_user_by_email(MENTOR)
    courses = catalogue().courses
    if learner is None or mentor is None or not courses:
        return
    assignments = courses[0].assignments(learner.language or "en")
    if len(assignments) < 2:
        return
    course = courses[0].slug
    organisation = cast.organisation
    answered, waiting = assignments[0], assignments[1]
    if services.entry_of(learner.id, course, answered.key) is None:
        entry = services.save_entry(learner, organisation, course, answered, ANSWERED, 0)
        services.submit_entry(learner, organisation, entry)
        entry.submitted_at = utcnow() - timedelta(days=6)
        db.session.commit()
        services.give_feedback(mentor, entry.id, FEEDBACK)
        services.record_read(entry, mentor)
    if services.entry_of(learner.id, course, waiting.key) is None:
        entry = services.save_entry(learner, organisation, course, waiting, WAITING, 0)
        services.submit_entry(learner, organisation, entry)
        entry.submitted_at = utcnow() - timedelta(days=2)
        db.session.commit()
