"""The lists of the programme's pairs page: running pairs (by health), pairs waiting for both
to accept, and past pairs (ended or re-matched) with their end reason and closing evaluation
summary. Each list has its own page argument; all use paging's Page and share the search (`q`).
Staff see the evaluation's scores, never its text (DESIGN.md section 4: the text belongs to the
pair)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from accounts.models import Organisation, User
from extensions import db
from logbook import services as logbook
from mentoring import services
from mentoring.health import Health
from mentoring.models import CLOSED_STATES, Evaluation, Mentorship, PairState
from paging import PER_PAGE, ListQuery, Page, like, list_queries

RUNNING, PAST, WAITING = "page", "past", "waiting"  # the page arguments of the lists
HEALTHS = tuple(h.value for h in Health)
__all__ = ["ListQuery", "list_queries", "running_page", "waiting_page", "past_page"]


def _named(query: ListQuery) -> list:
    """Pairs whose mentee or mentor's name or email holds the search, if any."""
    if not query.get("q"):
        return []
    pattern = like(query.get("q"))
    people = db.select(User.id).where(
        db.or_(
            db.func.lower(User.name).like(pattern, escape="\\"),
            db.func.lower(User.email).like(pattern, escape="\\"),
        )
    )
    return [db.or_(Mentorship.mentee_id.in_(people), Mentorship.mentor_id.in_(people))]


def waiting_page(organisation: Organisation, query: ListQuery) -> Page:
    """One page of pairs waiting for both to accept, oldest first: two statements."""
    where = [
        Mentorship.organisation_id == organisation.id,
        Mentorship.state == PairState.PROPOSED.value,
        *_named(query),
    ]
    total = db.session.scalar(db.select(db.func.count(Mentorship.id)).where(*where)) or 0
    pairs = db.session.scalars(
        db.select(Mentorship)
        .where(*where)
        .options(db.joinedload(Mentorship.mentor), db.joinedload(Mentorship.mentee))
        .order_by(Mentorship.created_at, Mentorship.id)
        .limit(PER_PAGE)
        .offset(query.offset)
    )
    return Page(list(pairs), total, query)


def running_page(organisation: Organisation, query: ListQuery, now: datetime) -> Page:
    """One page of running pairs, worst health first, searched by name or email and filtered by
    health: every pair ranked from columns (health_index), then the full status of the page's
    pairs only, with their mentees' waiting entries. A fixed number of statements."""
    waits = logbook.waiting_days_by_learner(organisation.id, None, now)
    ranked = services.running_health(organisation, now, waits, query.get("q"))
    if query.get("health"):
        ranked = [r for r in ranked if r.status == query.get("health")]
    shown = ranked[query.offset : query.offset + PER_PAGE]
    order = {r.pair_id: n for n, r in enumerate(shown)}
    statuses = services.pair_statuses(organisation, now, waits, pair_ids=[r.pair_id for r in shown])
    statuses.sort(key=lambda s: order[s.pair.id])
    return Page(statuses, len(ranked), query)


@dataclass(frozen=True)
class PastPair:
    pair: Mentorship
    mentee: Evaluation | None  # each side's closing evaluation, once given
    mentor: Evaluation | None


def past_page(organisation: Organisation, query: ListQuery) -> Page:
    """One page of ended and re-matched pairs, latest first: three statements."""
    where = [
        Mentorship.organisation_id == organisation.id,
        Mentorship.state.in_(CLOSED_STATES),
        *_named(query),
    ]
    total = db.session.scalar(db.select(db.func.count(Mentorship.id)).where(*where)) or 0
    pairs = list(
        db.session.scalars(
            db.select(Mentorship)
            .where(*where)
            .options(db.joinedload(Mentorship.mentor), db.joinedload(Mentorship.mentee))
            .order_by(Mentorship.ended_at.desc(), Mentorship.id.desc())
            .limit(PER_PAGE)
            .offset(query.offset)
        )
    )
    sides: dict[tuple[int, str], Evaluation] = {}
    if pairs:
        for e in db.session.scalars(
            db.select(Evaluation).where(Evaluation.mentorship_id.in_([p.id for p in pairs]))
        ):
            sides[(e.mentorship_id, e.side)] = e
    rows = [PastPair(p, sides.get((p.id, "mentee")), sides.get((p.id, "mentor"))) for p in pairs]
    return Page(rows, total, query)


@dataclass(frozen=True)
class SideAverages:
    answers: int
    usefulness: float | None  # 1 (not useful) to 4 (very useful)
    recommend: int  # answers that would recommend it
    said: int  # answers that said whether they would


def evaluation_averages(organisation: Organisation) -> dict[str, SideAverages]:
    """Closing evaluations of the organisation's past pairs, by side: one statement."""
    found = {
        side: SideAverages(answers, float(mean) if mean is not None else None, yes or 0, said)
        for side, answers, mean, yes, said in db.session.execute(
            db.select(
                Evaluation.side,
                db.func.count(Evaluation.id),
                db.func.avg(Evaluation.usefulness),
                db.func.sum(db.case((Evaluation.recommend.is_(True), 1), else_=0)),
                db.func.count(Evaluation.recommend),
            )
            .join(Mentorship, Mentorship.id == Evaluation.mentorship_id)
            .where(
                Mentorship.organisation_id == organisation.id,
                Mentorship.state.in_(CLOSED_STATES),
            )
            .group_by(Evaluation.side)
        )
    }
    empty = SideAverages(0, None, 0, 0)
    return {side: found.get(side, empty) for side in ("mentee", "mentor")}
