"""A programme of any size written in bulk for the staff-list tests (as bench/seed.py does it):
learners and mentors, one running pair each in every health, intake surveys for half of them,
logbook entries in every state, meetings, signed charters, check-ins and a matching round."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from accounts.models import Membership, User
from extensions import db, utcnow
from logbook.models import Entry
from mentoring.matching import COMPONENTS
from mentoring.models import (
    CharterVersion,
    CheckIn,
    IntakeSurvey,
    MatchProposal,
    MatchRound,
    Meeting,
    Mentorship,
)


def _insert(model, rows) -> None:
    if rows:
        db.session.connection().execute(model.__table__.insert(), rows)


def _ids(prefix: str, start: int, count: int) -> list[int]:
    emails = [f"{prefix}{n:05d}@lists.example" for n in range(start, start + count)]
    return list(
        db.session.scalars(sa.select(User.id).where(User.email.in_(emails)).order_by(User.id))
    )


def grow(organisation, start: int, count: int) -> list[int]:
    """`count` more learners (Learner 00000, ...), mentors and running pairs, numbered from
    `start`; returns the new pairs' ids."""
    now = utcnow()
    today = now.date()
    for prefix, label in (("learner", "Learner"), ("mentor", "Mentor")):
        _insert(
            User,
            [
                {
                    "email": f"{prefix}{n:05d}@lists.example",
                    "name": f"{label} {n:05d}",
                    "password_hash": "x",
                }
                for n in range(start, start + count)
            ],
        )
    learners, mentors = _ids("learner", start, count), _ids("mentor", start, count)
    _insert(
        Membership,
        [
            {"user_id": i, "organisation_id": organisation.id, "role": role, "created_at": now}
            for ids, role in ((learners, "learner"), (mentors, "mentor"))
            for i in ids
        ],
    )
    _insert(
        IntakeSurvey,
        [
            {"user_id": i, "organisation_id": organisation.id, "role": "mentee", "wants": {}}
            for n, i in enumerate(learners)
            if n % 2
        ],
    )
    _insert(
        Entry,
        [
            {
                "user_id": i,
                "organisation_id": organisation.id,
                "course": "herstart",
                "module": "mindset",
                "key": f"k{k}",
                "text": "",
                "version": 0,
                "state": ("draft", "submitted", "feedback_given")[(n + k) % 3],
                "submitted_at": now - timedelta(days=n % 20) if (n + k) % 3 else None,
                "created_at": now,
                "updated_at": now,
            }
            for n, i in enumerate(learners)
            for k in range(2)
        ],
    )
    _insert(
        Mentorship,
        [
            {
                "organisation_id": organisation.id,
                "mentor_id": mentor,
                "mentee_id": mentee,
                "state": "active",
                "created_at": now - timedelta(days=60),
                "started_at": now - timedelta(days=n % 60),
            }
            for n, (mentee, mentor) in enumerate(zip(learners, mentors, strict=True))
        ],
    )
    pairs = list(
        db.session.scalars(
            sa.select(Mentorship.id)
            .where(Mentorship.mentee_id.in_(learners))
            .order_by(Mentorship.id)
        )
    )
    _insert(
        Meeting,
        [
            {"mentorship_id": p, "held_on": today - timedelta(days=n % 40)}
            for n, p in enumerate(pairs)
            if n % 3
        ],
    )
    _insert(
        CharterVersion,
        [
            {
                "mentorship_id": p,
                "version": 1,
                "state": "signed",
                "interval_days": 14,
                "mentor_signed_at": now,
                "mentee_signed_at": now,
            }
            for n, p in enumerate(pairs)
            if n % 2
        ],
    )
    _insert(
        CheckIn,
        [
            {"mentorship_id": p, "light": "green", "created_at": now, "next_check_in_on": today}
            for n, p in enumerate(pairs)
            if n % 5 == 0
        ],
    )
    round_id = (
        db.session.connection()
        .execute(
            MatchRound.__table__.insert().values(
                organisation_id=organisation.id,
                weights={},
                threshold=0.3,
                created_at=now,
                unmatched=[],
            )
        )
        .inserted_primary_key[0]
    )
    _insert(
        MatchProposal,
        [
            {
                "round_id": round_id,
                "mentee_id": mentee,
                "mentor_id": mentor,
                "score": 0.5,
                "components": {
                    "values": dict.fromkeys(COMPONENTS, 0.5),
                    "weights": dict.fromkeys(COMPONENTS, 1 / len(COMPONENTS)),
                    "total": 0.5,
                },
                "state": "proposed",
            }
            for mentee, mentor in zip(learners, mentors, strict=True)
        ],
    )
    db.session.commit()
    return pairs
