"""The programme report's figures, computed by aggregate queries in the database.

Who is counted, everywhere in the report: **the period's participants**, the learners whose
learner membership of the organisation began on a day of the period (first and last day
included) and, when a cohort is chosen, carry that group label. Funders count the people who
entered in the period. Members deactivated since still count: they took part. "Invited" counts
the learner invitations created in the period (with the cohort's label, if one is chosen).
Everything else is what these people did, up to today: their reading and self-assessments,
their logbook entries and their mentors' replies, their pairs as mentees (a pair counts once
both accepted it), the closing evaluations of those pairs, and their answers at entry, at
leaving and 6 and 12 months later. "Active" means seen in the 30 days up to the period's last
day, or up to today if the period runs on; as a membership keeps only the latest visit, a
person seen after that window began counts as active (otherwise everyone still using Herstart
would look inactive in a past period). Pair health is the pair's health today.

Every figure carries the number of people it rests on; Figure.suppressed hides those resting on
1 to 4 people, and suppression.py hides the next smallest count where a hidden one could be
worked out from a shown total (secondary suppression).

The number of statements is fixed whatever the number of people: none loads people into Python.
Medians and percentiles are computed from grouped counts (one row per distinct value).
"""

from __future__ import annotations

from datetime import date, timedelta

from flask_babel import gettext as _
from sqlalchemy import select

from accounts.models import Membership, Organisation, Role
from extensions import db, utcnow
from modules.services import offered_courses

from .figures import Period, Report, Section
from .learning import modules_table
from .mentoring_figures import (
    evaluations_table,
    logbook_table,
    matching_table,
    pair_health_table,
)
from .outcome_figures import outcome_tables
from .reach import reach_counts, reach_tables
from .scope import Scope, day_start


def default_period(today: date) -> Period:
    """The twelve months up to and including today."""
    try:
        year_ago = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        year_ago = today.replace(year=today.year - 1, day=28)
    return Period(start=year_ago + timedelta(days=1), end=today)


def cohorts(organisation: Organisation) -> list[str]:
    """The group labels the organisation's learners carry, in alphabetical order."""
    return list(
        db.session.scalars(
            select(Membership.group_label)
            .where(
                Membership.organisation_id == organisation.id,
                Membership.role == Role.LEARNER.value,
                Membership.group_label.is_not(None),
                Membership.group_label != "",
            )
            .distinct()
            .order_by(Membership.group_label)
        )
    )


def build_report(
    organisation: Organisation, period: Period, cohort: str | None, today: date | None = None
) -> Report:
    now = utcnow() if today is None else day_start(today + timedelta(days=1))
    scope = Scope(
        organisation_id=organisation.id,
        period=period,
        cohort=cohort or None,
        today=today or now.date(),
        now=now,
    )
    reach = reach_counts(scope)
    overview, by_age, by_situation = reach_tables(reach)
    entry_column = tuple(row.figures[0] for row in by_situation.rows)
    outcomes = outcome_tables(scope, entry_column)
    return Report(
        organisation_id=organisation.id,
        period=period,
        cohort=scope.cohort,
        sections=[
            Section("reach", _("Reach"), (overview, by_age, by_situation)),
            Section(
                "learning",
                _("Learning"),
                (modules_table(scope, offered_courses(organisation.id)),),
            ),
            Section(
                "mentoring",
                _("Logbook and mentoring"),
                (
                    logbook_table(scope),
                    matching_table(scope),
                    pair_health_table(scope),
                    evaluations_table(scope),
                ),
            ),
            Section("outcomes", _("Outcomes"), outcomes),
        ],
    )
