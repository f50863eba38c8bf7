"""The two lists of the programme's pairs page: running pairs (by health) and past pairs (ended
or re-matched) with their end reason and closing evaluation summary. Each list has its own page
argument; both use member_list's Page. Staff see the evaluation's scores, never its text
(DESIGN.md section 4: the text belongs to the pair)."""

from __future__ import annotations

from dataclasses import dataclass

from accounts.models import Organisation
from extensions import db
from mentoring.models import CLOSED_STATES, Evaluation, Mentorship

from .member_list import PER_PAGE, Page

RUNNING, PAST = "page", "past"  # the page arguments of the two lists


@dataclass(frozen=True)
class ListQuery:
    """What the pagination macro reads (`page`, `args(page=)`) for one of several lists on a
    page: turning the page of one list keeps the others where they were."""

    param: str
    page: int
    pages: tuple[tuple[str, int], ...]

    def args(self, page: int) -> dict[str, int]:
        values = {**dict(self.pages), self.param: page}
        return {k: v for k, v in values.items() if v > 1}


def list_queries(args, *params: str) -> dict[str, ListQuery]:
    pages = {}
    for param in params:
        try:
            pages[param] = max(1, int(args.get(param, 1)))
        except ValueError:
            pages[param] = 1
    frozen = tuple(pages.items())
    return {param: ListQuery(param, page, frozen) for param, page in pages.items()}


def running_page(statuses: list, query: ListQuery) -> Page:
    """The running pairs come from pair_statuses already ordered by health: a slice of them."""
    start = (query.page - 1) * PER_PAGE
    return Page(statuses[start : start + PER_PAGE], len(statuses), query)  # type: ignore[arg-type]


@dataclass(frozen=True)
class PastPair:
    pair: Mentorship
    mentee: Evaluation | None  # each side's closing evaluation, once given
    mentor: Evaluation | None


def past_page(organisation: Organisation, query: ListQuery) -> Page:
    """One page of ended and re-matched pairs, latest first: three statements."""
    where = (
        Mentorship.organisation_id == organisation.id,
        Mentorship.state.in_(CLOSED_STATES),
    )
    total = db.session.scalar(db.select(db.func.count(Mentorship.id)).where(*where)) or 0
    pairs = list(
        db.session.scalars(
            db.select(Mentorship)
            .where(*where)
            .options(db.joinedload(Mentorship.mentor), db.joinedload(Mentorship.mentee))
            .order_by(Mentorship.ended_at.desc(), Mentorship.id.desc())
            .limit(PER_PAGE)
            .offset((query.page - 1) * PER_PAGE)
        )
    )
    sides: dict[tuple[int, str], Evaluation] = {}
    if pairs:
        for e in db.session.scalars(
            db.select(Evaluation).where(Evaluation.mentorship_id.in_([p.id for p in pairs]))
        ):
            sides[(e.mentorship_id, e.side)] = e
    rows = [PastPair(p, sides.get((p.id, "mentee")), sides.get((p.id, "mentor"))) for p in pairs]
    return Page(rows, total, query)  # type: ignore[arg-type]


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
