"""Demo data for questions: one question in the FAQ, and one waiting five days for staff, so
the staff list and the FAQ show something at once."""

from __future__ import annotations

from datetime import timedelta

from extensions import db, utcnow
from questions import services
from questions.models import Question

from .people import Cast


def load(cast: Cast) -> None:
    """Idempotent: nothing happens once the demo organisation has a question."""
    organisation = cast.organisation
    exists = db.session.scalar(
        db.select(Question.id).filter_by(organisation_id=organisation.id).limit(1)
    )
    if exists is not None:
        return
    asked = services.ask(
        cast.learners[0],
        organisation,
        "Can I take a break from the course and pick it up again later?",
        "course",
        True,
    )
    services.answer(
        cast.staff,
        asked,
        "Yes. Everything you read, wrote and passed is kept. Start again where you stopped.",
    )
    services.publish(
        cast.staff,
        asked,
        "Can I take a break from the course and pick it up again later?",
        "Yes. Everything you read, wrote and passed is kept. Start again where you stopped.",
    )
    waiting = services.ask(
        cast.learners[-1],
        organisation,
        "Do I need to register with the Chamber of Commerce before I have my first customer?",
        "other",
        False,
    )
    waiting.asked_at = utcnow() - timedelta(days=5)
    db.session.flush()
