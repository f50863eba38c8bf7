"""Errors, the flush, the questions other features ask about pairs, and the state machines."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import inspect
from sqlalchemy.orm.attributes import set_committed_value

from extensions import Invalid, NotFound, db, flush, rows_changed

from ..models import (
    CHARTER_TRANSITIONS,
    CURRENT_STATES,
    PAIR_TRANSITIONS,
    PROPOSAL_TRANSITIONS,
    CharterState,
    CharterVersion,
    MatchProposal,
    Mentorship,
    PairState,
    ProposalState,
)


class MentoringError(Invalid):
    """A refusal the person can act on; `field` names the form field it belongs to."""


class PairNotFound(NotFound):
    """The pair does not exist or is not this person's: the same answer for both (404)."""


def _flush() -> None:
    """Flush; the request commits. A double click or a second tab that got there first wins."""
    flush(MentoringError, _l("That was just saved already. Please look again."))


# Questions other features ask ------------------------------------------------------------------


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


# State machines ------------------------------------------------------------------------------


def move_pair(pair: Mentorship, to: PairState, **values: Any) -> None:
    if to not in PAIR_TRANSITIONS[PairState(pair.state)]:
        raise MentoringError(_l("This pair cannot change like that any more."))
    _move(pair, to, values, _l("This pair cannot change like that any more."))


def move_charter(charter: CharterVersion, to: CharterState) -> None:
    if to not in CHARTER_TRANSITIONS[CharterState(charter.state)]:
        raise MentoringError(_l("This version of the charter cannot change like that."))
    charter.state = to.value


def move_proposal(proposal: MatchProposal, to: ProposalState, **values: Any) -> None:
    if to not in PROPOSAL_TRANSITIONS[ProposalState(proposal.state)]:
        raise MentoringError(_l("This proposal has already been dealt with."))
    _move(proposal, to, values, _l("This proposal has already been dealt with."))


def _move(row: Any, to: PairState | ProposalState, values: dict[str, Any], refusal: object) -> None:
    """Change a saved row's state only if the database still holds the state this request read
    (`UPDATE ... WHERE state = ...`, checking the row count): of two requests making the same
    move at once, exactly one moves it and the other is refused, on SQLite and PostgreSQL alike.
    A row not saved yet simply takes the values."""
    values = {"state": to.value, **values}
    if inspect(row).persistent:
        model = type(row)
        changed = rows_changed(
            db.update(model).where(model.id == row.id, model.state == row.state).values(**values)
        )
        if changed != 1:
            raise MentoringError(refusal)
        for name, value in values.items():  # what the database now holds, without a second UPDATE
            set_committed_value(row, name, value)
    else:
        for name, value in values.items():
            setattr(row, name, value)
