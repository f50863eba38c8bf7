"""Questions other features ask about pairs, and the changes to pairs."""

from __future__ import annotations

from extensions import db

from .models import CURRENT_STATES, Mentorship


def current_mentorship(mentee_id: int, organisation_id: int) -> Mentorship | None:
    """The learner's current pair in this organisation, if any."""
    return db.session.scalar(
        db.select(Mentorship)
        .filter_by(mentee_id=mentee_id, organisation_id=organisation_id)
        .where(Mentorship.state.in_(CURRENT_STATES))
        .order_by(Mentorship.id.desc())
        .limit(1)
    )


def current_mentorships_of_mentor(mentor_id: int, organisation_id: int) -> list[Mentorship]:
    return list(
        db.session.scalars(
            db.select(Mentorship)
            .filter_by(mentor_id=mentor_id, organisation_id=organisation_id)
            .where(Mentorship.state.in_(CURRENT_STATES))
            .order_by(Mentorship.id)
        )
    )


def is_current_mentor(mentor_id: int, mentee_id: int, organisation_id: int | None = None) -> bool:
    query = (
        db.select(Mentorship.id)
        .filter_by(mentor_id=mentor_id, mentee_id=mentee_id)
        .where(Mentorship.state.in_(CURRENT_STATES))
    )
    if organisation_id is not None:
        query = query.filter_by(organisation_id=organisation_id)
    return db.session.scalar(query.limit(1)) is not None
