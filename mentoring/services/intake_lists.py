"""The staff lists of the intake: counts by COUNT, and one page of surveys or of the people
without one, searched by name or email (paging's one way of paging). A fixed number of
statements, whatever the size of the organisation."""

from __future__ import annotations

from accounts.models import Membership, Organisation, Role, User
from extensions import db
from paging import PER_PAGE, ListQuery, Page, like

from ..models import IntakeSurvey, SurveyRole

SURVEY_ROLES = tuple(r.value for r in SurveyRole)


def _people(organisation: Organisation):
    """The ids of the organisation's active learners and mentors: who is asked for an intake."""
    return db.select(Membership.user_id).where(
        Membership.organisation_id == organisation.id,
        Membership.deactivated_at.is_(None),
        Membership.role.in_((Role.LEARNER.value, Role.MENTOR.value)),
    )


def _without_survey(organisation: Organisation) -> list:
    has_survey = db.select(IntakeSurvey.user_id).where(
        IntakeSurvey.organisation_id == organisation.id
    )
    return [User.id.in_(_people(organisation)), User.id.not_in(has_survey)]


def _searched(query: ListQuery) -> list:
    if not query.get("q"):
        return []
    pattern = like(query.get("q"))
    return [
        db.or_(
            db.func.lower(User.name).like(pattern, escape="\\"),
            db.func.lower(User.email).like(pattern, escape="\\"),
        )
    ]


def without_survey_count(organisation: Organisation) -> int:
    """Learners and mentors without an intake survey: one statement."""
    count = db.select(db.func.count(User.id)).where(*_without_survey(organisation))
    return db.session.scalar(count) or 0


def intake_counts(organisation: Organisation) -> tuple[int, int]:
    """How many would like a mentor and how many would like to mentor: one statement."""
    role = IntakeSurvey.role
    wants, offers = db.session.execute(
        db.select(
            db.func.count(db.case((role.in_((SurveyRole.MENTEE, SurveyRole.BOTH)), 1))),
            db.func.count(db.case((role.in_((SurveyRole.MENTOR, SurveyRole.BOTH)), 1))),
        ).where(IntakeSurvey.organisation_id == organisation.id)
    ).one()
    return wants or 0, offers or 0


def _page(select, query: ListQuery) -> Page:
    total = db.session.scalar(db.select(db.func.count()).select_from(select.subquery())) or 0
    rows = db.session.execute(
        select.order_by(db.func.lower(User.name), User.id).limit(PER_PAGE).offset(query.offset)
    ).all()
    return Page(list(rows), total, query)


def survey_page(organisation: Organisation, query: ListQuery) -> Page:
    """One page of intake surveys (rows of survey, name), by name; `role` filters the surveys'
    role. Two statements."""
    select = (
        db.select(IntakeSurvey, User.name)
        .join(User, User.id == IntakeSurvey.user_id)
        .where(IntakeSurvey.organisation_id == organisation.id, *_searched(query))
    )
    if query.get("role"):
        select = select.where(IntakeSurvey.role == query.get("role"))
    return _page(select, query)


def without_survey_page(organisation: Organisation, query: ListQuery) -> Page:
    """One page of learners and mentors without a survey (rows of id, name, email): two
    statements."""
    select = db.select(User.id, User.name, User.email).where(
        *_without_survey(organisation), *_searched(query)
    )
    return _page(select, query)


def pick_people(
    organisation: Organisation, wants: tuple[str, ...], text: str, chosen: int | None
) -> list[tuple[int, str]]:
    """(id, name) of at most 50 active learners and mentors to pick from, by name: those whose
    survey role is one of `wants` (everyone, while nobody has such a survey), searched by name
    or email, and always the one already chosen. Two statements."""
    where = [User.id.in_(_people(organisation))]
    with_role = db.select(IntakeSurvey.user_id).where(
        IntakeSurvey.organisation_id == organisation.id, IntakeSurvey.role.in_(wants)
    )
    if db.session.scalar(with_role.limit(1)) is not None:
        where.append(User.id.in_(with_role))
    searched = _searched(ListQuery("page", 1, kept=(("q", text),)))
    if searched and chosen:
        where.append(db.or_(*searched, User.id == chosen))
    else:
        where += searched
    rows = db.session.execute(
        db.select(User.id, User.name)
        .where(*where)
        .order_by(db.func.lower(User.name), User.id)
        .limit(PER_PAGE)
    )
    picked = [(row.id, row.name) for row in rows]
    if chosen and chosen not in {i for i, _ in picked}:  # beyond the first 50: still listed
        extra = db.session.execute(
            db.select(User.id, User.name).where(*where[:2], User.id == chosen)
        ).first()
        if extra is not None:
            picked.append((extra.id, extra.name))
    return picked
