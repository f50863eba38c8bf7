"""The organisation's themes and matching weights, and each person's intake survey."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from accounts.models import Membership, Organisation, Role, User
from accounts.services import PermissionDenied, require_staff
from extensions import db, utcnow

from .. import matching
from ..models import (
    IntakeSurvey,
    MatchingSettings,
    MatchRound,
    Mentorship,
    SurveyRole,
    Theme,
)
from ..vocabulary import DEFAULT_THEMES
from .base import MentoringError, _flush

logger = logging.getLogger(__name__)


def themes(organisation: Organisation) -> dict[str, str]:
    """The organisation's shared list: the default themes, then the ones staff added."""
    added = db.session.scalars(
        db.select(Theme)
        .filter_by(organisation_id=organisation.id)
        .order_by(Theme.position, Theme.id)
    ).all()
    listed: dict[str, str] = dict(DEFAULT_THEMES)
    for theme in added:
        listed[theme.slug] = theme.label or DEFAULT_THEMES.get(theme.slug, theme.slug)
    return listed


def add_theme(staff: User, organisation: Organisation, label: str) -> Theme:
    require_staff(staff, organisation)
    label = " ".join(label.split())
    slug = re.sub(r"[^a-z0-9]+", "-", label.casefold()).strip("-")[:60]
    if not slug:
        raise MentoringError(_l("Enter the name of the theme."), field="label")
    if slug in themes(organisation):
        raise MentoringError(_l("This theme is already on the list."), field="label")
    theme = Theme(organisation_id=organisation.id, slug=slug, label=label[:80], position=100)
    db.session.add(theme)
    _flush()
    logger.info("theme added theme=%s organisation=%s", theme.id, organisation.id)
    return theme


def matching_settings(organisation: Organisation) -> tuple[dict[str, int], float]:
    row = db.session.scalar(db.select(MatchingSettings).filter_by(organisation_id=organisation.id))
    if row is None:
        return dict(matching.DEFAULT_WEIGHTS), matching.DEFAULT_THRESHOLD
    return {**matching.DEFAULT_WEIGHTS, **row.weights}, row.threshold


def save_matching_settings(
    staff: User, organisation: Organisation, weights: Mapping[str, int], threshold: float
) -> None:
    require_staff(staff, organisation)
    clean = {c: int(weights.get(c, 0)) for c in matching.COMPONENTS}
    if any(v < 0 or v > 10 for v in clean.values()):
        raise MentoringError(_l("Each weight is a number from 0 to 10."))
    if not any(clean.values()):
        raise MentoringError(_l("Give at least one part of the score a weight above 0."))
    if not 0 <= threshold <= 1:
        raise MentoringError(_l("The lowest fit is a number from 0 to 100."), field="threshold")
    row = db.session.scalar(db.select(MatchingSettings).filter_by(organisation_id=organisation.id))
    if row is None:
        row = MatchingSettings(organisation_id=organisation.id)
        db.session.add(row)
    row.weights, row.threshold = clean, threshold
    _flush()
    logger.info("matching weights saved organisation=%s", organisation.id)


# Intake survey -------------------------------------------------------------------------------


def survey_of(user_id: int, organisation_id: int) -> IntakeSurvey | None:
    return db.session.scalar(
        db.select(IntakeSurvey).filter_by(user_id=user_id, organisation_id=organisation_id)
    )


SURVEY_FIELDS = (
    "role wants offers languages manner region availability studied_at hobbies volunteering "
    "home_town sector introduction capacity"
).split()


def survey_roles(user: User, organisation: Organisation) -> list[SurveyRole]:
    """What this person may ask for in the intake, from the memberships staff granted: a learner
    may want a mentor, a mentor may mentor, and someone who is both may choose either or both.
    Joining by code makes a learner, so nobody makes themselves a mentor."""
    roles = user.roles_in(organisation.id)
    allowed = [SurveyRole.MENTEE] if Role.LEARNER in roles else []
    if Role.MENTOR in roles:
        allowed.append(SurveyRole.MENTOR)
    if len(allowed) == 2:
        allowed.append(SurveyRole.BOTH)
    return allowed


def save_survey(user: User, organisation: Organisation, answers: Mapping) -> IntakeSurvey:
    """Create or update the person's intake survey; every answer but the role may stay empty,
    and the role must be one their memberships allow."""
    if not user.roles_in(organisation.id):
        raise PermissionDenied
    role = answers.get("role")
    if role not in set(SurveyRole):
        raise MentoringError(
            _l("Choose whether you want a mentor, want to mentor, or both."), "role"
        )
    if role not in survey_roles(user, organisation):
        raise MentoringError(
            _l(
                "You cannot choose this: staff decide who is mentored and who mentors. "
                "Ask them if you would like to change."
            ),
            "role",
        )
    known = themes(organisation)
    survey = survey_of(user.id, organisation.id)
    if survey is None:
        survey = IntakeSurvey(user_id=user.id, organisation_id=organisation.id)
        db.session.add(survey)
    survey.role = role
    survey.wants = {
        t: int(p) for t, p in (answers.get("wants") or {}).items() if t in known and int(p) > 0
    }
    survey.offers = [t for t in answers.get("offers") or [] if t in known]
    survey.languages = list(answers.get("languages") or [])
    survey.manner = answers.get("manner") or matching.Manner.EITHER.value
    survey.availability = [s for s in matching.SLOTS if s in (answers.get("availability") or [])]
    for name in (
        "region",
        "studied_at",
        "hobbies",
        "volunteering",
        "home_town",
        "sector",
        "introduction",
    ):
        setattr(survey, name, (answers.get(name) or "").strip())
    capacity = answers.get("capacity")
    survey.capacity = int(capacity) if capacity else 1
    survey.updated_at = utcnow()
    _flush()
    logger.info("intake survey saved survey=%s role=%s", survey.id, role)
    return survey


def profile_of(survey: IntakeSurvey) -> matching.Profile:
    bonds = [("studied_at", survey.studied_at), ("volunteering", survey.volunteering)]
    bonds += [("hobbies", h) for h in survey.hobbies.split(",")]
    bonds.append(("home_town", survey.home_town))
    return matching.Profile(
        person_id=survey.user_id,
        wants=dict(survey.wants or {}),
        offers=frozenset(survey.offers or ()),
        languages=frozenset(survey.languages or ()),
        manner=survey.manner or matching.Manner.EITHER.value,
        region=survey.region or "",
        availability=frozenset(survey.availability or ()),
        bonds=tuple((k, v.strip()) for k, v in bonds if v and v.strip()),
        sector=survey.sector or "",
        capacity=survey.capacity if survey.is_mentor else 0,
    )


def members(organisation: Organisation, *roles: Role) -> list[User]:
    query = (
        db.select(User)
        .join(Membership, Membership.user_id == User.id)
        .filter(Membership.organisation_id == organisation.id)
        .filter(Membership.deactivated_at.is_(None))  # deactivated members are not matched
        .order_by(User.name, User.id)
        .distinct()
    )
    if roles:
        query = query.filter(Membership.role.in_([r.value for r in roles]))
    return list(db.session.scalars(query))


@dataclass(frozen=True)
class IntakeOverview:
    surveys: list[IntakeSurvey]
    missing: list[User]  # learners and mentors without a survey

    @property
    def mentees(self) -> list[IntakeSurvey]:
        return [s for s in self.surveys if s.is_mentee]

    @property
    def mentors(self) -> list[IntakeSurvey]:
        return [s for s in self.surveys if s.is_mentor]


def intake_overview(organisation: Organisation) -> IntakeOverview:
    people = members(organisation, Role.LEARNER, Role.MENTOR)
    surveys = list(
        db.session.scalars(
            db.select(IntakeSurvey)
            .filter_by(organisation_id=organisation.id)
            .options(db.joinedload(IntakeSurvey.user))
        )
    )
    surveys.sort(key=lambda s: (s.user.name, s.user_id))
    done = {s.user_id for s in surveys}
    return IntakeOverview(surveys, [p for p in people if p.id not in done])


# What matching needs, and why a person was left unmatched ---------------------------------------


@dataclass(frozen=True)
class Need:
    """One rule of matching in the person's words: what it needs (None: not the intake's to say),
    why a round left someone unmatched because of it, and what they can change."""

    rule: object | None
    why: object
    change: object


THEMES_NEEDED = Need(
    _l("At least one theme you want to learn: a mentor is suggested for the themes they offer."),
    _l("You chose no theme you want to learn."),
    _l("Choose at least one theme you want to learn."),
)

# Every hard filter of matching (mentoring.matching.Filter), in the order they are checked.
FILTER_NEEDS: dict[matching.Filter, Need] = {
    matching.Filter.SAME_PERSON: Need(None, "", ""),
    matching.Filter.NO_CAPACITY: Need(
        None,
        _l("All mentors who fit you have as many mentees as they can take."),
        _l("Nothing to change: staff look again when a mentor has room."),
    ),
    matching.Filter.PAIRED_BEFORE: Need(
        None,
        _l("The mentors who fit you were your mentor before."),
        _l("Nothing to change: staff look again when a new mentor joins."),
    ),
    matching.Filter.NO_LANGUAGE: Need(
        _l("If you choose languages: a mentor who speaks at least one of them."),
        _l("No mentor speaks one of your languages."),
        _l("Add another language you can speak, even a little."),
    ),
    matching.Filter.MANNER: Need(
        _l("Online only or in person only: a mentor who meets that way too, or either way."),
        _l("No mentor meets the way you chose."),
        _l("Choose “Either is fine” for how you meet."),
    ),
    matching.Filter.REGION: Need(
        _l("To meet in person: a mentor in the same region (when you both give one)."),
        _l("No mentor who meets in person lives in your region."),
        _l("Choose online or “Either is fine”, or check how you wrote your region."),
    ),
    matching.Filter.NO_TIME: Need(
        _l("If you choose times: a mentor with at least one of the same times."),
        _l("No mentor has time when you do."),
        _l("Add more times that suit you."),
    ),
}


def matching_needs() -> list[object]:
    """What the intake asks for matching, as the filters and the round require it."""
    return [THEMES_NEEDED.rule] + [n.rule for n in FILTER_NEEDS.values() if n.rule is not None]


@dataclass(frozen=True)
class Advice:
    why: str
    change: str


def unmatched_advice(user: User, organisation: Organisation) -> list[Advice]:
    """Why the latest matching round left this person unmatched and what they can change; empty
    when it did not, or a pair or proposal came since."""
    round_ = db.session.scalar(
        db.select(MatchRound)
        .filter_by(organisation_id=organisation.id)
        .order_by(MatchRound.created_at.desc(), MatchRound.id.desc())
        .limit(1)
    )
    if round_ is None:
        return []
    mine = next((u for u in round_.unmatched or () if u.get("mentee_id") == user.id), None)
    if mine is None:
        return []
    since = db.session.scalar(
        db.select(Mentorship.id)
        .filter_by(organisation_id=organisation.id, mentee_id=user.id)
        .where(Mentorship.created_at >= round_.created_at)
        .limit(1)
    )
    if since is not None:
        return []
    labels = themes(organisation)
    advice: list[Advice] = []
    for reason in mine.get("reasons") or ():
        code = reason.get("code")
        if code == "no_wants":
            advice.append(Advice(str(THEMES_NEEDED.why), str(THEMES_NEEDED.change)))
        elif code == "uncovered":
            named = ", ".join(str(labels.get(t, t)) for t in reason.get("themes") or ())
            advice.append(
                Advice(
                    _("No mentor offers these themes: %(themes)s.", themes=named),
                    _("Add other themes you want to learn; staff look again when mentors join."),
                )
            )
        elif code == "no_feasible":
            for name, _count in reason.get("filters") or ():
                need = FILTER_NEEDS.get(name)  # a StrEnum key is its string
                if need is not None and need.why:
                    advice.append(Advice(str(need.why), str(need.change)))
        elif code == "no_mentors":
            advice.append(
                Advice(
                    _("There were no mentors in the round."),
                    _("Nothing to change: staff look again when mentors join."),
                )
            )
        elif code == "below_threshold":
            advice.append(
                Advice(
                    _("No mentor fitted you well enough on themes, times and way of meeting."),
                    _("Add themes, times or languages, or choose “Either is fine”."),
                )
            )
        elif code == "capacity_taken":
            full = FILTER_NEEDS[matching.Filter.NO_CAPACITY]
            advice.append(Advice(str(full.why), str(full.change)))
    return advice
