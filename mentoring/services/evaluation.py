"""The closing evaluation: each side sees the other only once both have answered."""

from __future__ import annotations

import logging
from datetime import datetime

from flask_babel import lazy_gettext as _l

from accounts.models import Membership, User
from extensions import db, utcnow
from notifications.kinds import Kind
from notifications.services import notify
from outbox.services import local_path

from ..models import (
    CLOSED_STATES,
    Evaluation,
    Mentorship,
)
from .base import MentoringError, PairNotFound, _flush

logger = logging.getLogger(__name__)

EVALUATION_NOT_OPEN = _l("The closing evaluation opens when your mentoring ends.")


def evaluation_is_open(pair: Mentorship) -> bool:
    return pair.state in CLOSED_STATES


def open_evaluation(pair: Mentorship) -> None:
    """The pair has just ended: both people are told the evaluation is open, unless the pair
    never started (a proposal ended before both said yes) or the person is no longer a member
    (deactivated, which is what ended the pair)."""
    if pair.started_at is None:
        return
    active = set(
        db.session.scalars(
            db.select(Membership.user_id).where(
                Membership.organisation_id == pair.organisation_id,
                Membership.user_id.in_([pair.mentee_id, pair.mentor_id]),
                Membership.deactivated_at.is_(None),
            )
        )
    )
    for person in (pair.mentee, pair.mentor):
        if person.id in active:
            notify(
                person,
                Kind.EVALUATION_OPEN,
                local_path("mentoring.evaluation", pair_id=pair.id),
                subject=f"evaluation:{pair.id}",
                organisation=pair.organisation,
            )


def submit_evaluation(
    user: User,
    pair: Mentorship,
    *,
    usefulness: int,
    learned: str,
    learned_from_other: str,
    recommend: bool | None,
    now: datetime | None = None,
) -> Evaluation:
    side = pair.side_of(user.id)
    if side is None:
        raise PairNotFound
    if not evaluation_is_open(pair):
        raise MentoringError(EVALUATION_NOT_OPEN)
    if not 1 <= int(usefulness) <= 4:
        raise MentoringError(_l("Choose how useful the mentoring was."), field="usefulness")
    if db.session.scalar(
        db.select(Evaluation.id).filter_by(mentorship_id=pair.id, user_id=user.id)
    ):
        raise MentoringError(_l("You have already filled in the evaluation. Thank you!"))
    evaluation = Evaluation(
        mentorship_id=pair.id,
        user_id=user.id,
        side=side,
        usefulness=int(usefulness),
        learned=(learned or "").strip(),
        learned_from_other=(learned_from_other or "").strip(),
        recommend=recommend,
        created_at=now or utcnow(),
    )
    db.session.add(evaluation)
    _flush()
    logger.info("evaluation submitted pair=%s evaluation=%s side=%s", pair.id, evaluation.id, side)
    return evaluation


def evaluations_for(user: User, pair: Mentorship) -> tuple[Evaluation | None, Evaluation | None]:
    """(mine, theirs): theirs only once both have answered."""
    if pair.side_of(user.id) is None:
        raise PairNotFound
    rows = db.session.scalars(db.select(Evaluation).filter_by(mentorship_id=pair.id)).all()
    mine = next((e for e in rows if e.user_id == user.id), None)
    theirs = next((e for e in rows if e.user_id != user.id), None)
    return mine, (theirs if mine and theirs else None)
