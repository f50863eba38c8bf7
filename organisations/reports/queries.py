"""STUB, dropped when merging: a hand-made report with every kind of figure, a suppressed one, a
missing one and a chart of each kind, so the page, charts and exports can be built before the
real aggregate queries land."""

from __future__ import annotations

from datetime import date

from extensions import db

from .figures import Figure, Kind, Period, Report, Row, Section, Table


def default_period(today: date | None = None) -> Period:
    today = today or date.today()
    return Period(date(today.year, 1, 1), today)


def cohorts(organisation) -> list[str]:
    from accounts.models import Membership

    labels = db.session.scalars(
        db.select(Membership.group_label)
        .where(Membership.organisation_id == organisation.id, Membership.group_label.is_not(None))
        .distinct()
    )
    return sorted(labels)


def _people(*values: int) -> tuple[Figure, ...]:
    return tuple(Figure(v, v) for v in values)


def build_report(organisation, period: Period, cohort: str | None, today=None) -> Report:
    reach = Section(
        "reach",
        "Reach",
        (
            Table(
                "reach_age",
                "People by age band",
                "Invited, joined and started, by age band",
                ("Invited", "Joined", "Started the course"),
                (
                    Row("45-54", _people(12345, 40, 31)),
                    Row("55-64", _people(52, 28, 20)),
                    Row("65+", (Figure(9, 9), Figure(6, 6), Figure(3, 3))),
                ),
                chart="bar",
            ),
            Table(
                "reach_situation",
                "Situation at entry",
                "People by their situation when they joined",
                ("People",),
                (
                    Row("Unemployed and looking for work", _people(37)),
                    Row("Employed", _people(11)),
                    Row("In education", (Figure(2, 2),)),
                    Row("Not working and not looking", _people(0)),
                ),
            ),
        ),
    )
    learning = Section(
        "learning",
        "Learning",
        (
            Table(
                "learning_modules",
                "Modules",
                "Started and finished per module, self-assessment scores",
                ("Started", "Finished", "Median first score", "Pass rate"),
                (
                    Row(
                        "1. A mindset",
                        (
                            Figure(60, 60),
                            Figure(48, 48),
                            Figure(7.25, 48, Kind.SCORE),
                            Figure(81.6, 48, Kind.PERCENT),
                        ),
                    ),
                    Row(
                        "2. From experience to opportunity",
                        (
                            Figure(30, 30),
                            Figure(4, 4),
                            Figure(6.0, 4, Kind.SCORE),
                            Figure(50.0, 4, Kind.PERCENT),
                        ),
                    ),
                ),
                chart="bar",
            ),
        ),
    )
    mentoring = Section(
        "mentoring",
        "Logbook and mentoring",
        (
            Table(
                "mentoring_feedback",
                "Feedback on logbook entries",
                "Entries submitted and days until the mentor's feedback",
                ("Entries submitted", "Median days", "90th percentile days", "Answered in time"),
                (
                    Row(
                        "All pairs",
                        (
                            Figure(1520, 45, Kind.COUNT),
                            Figure(2.5, 45, Kind.DAYS),
                            Figure(6.04, 45, Kind.DAYS),
                            Figure(73.3, 45, Kind.PERCENT),
                        ),
                    ),
                    Row(
                        "Pairs without a charter",
                        (
                            Figure(0, 0, Kind.COUNT),
                            Figure(None, 0, Kind.DAYS),
                            Figure(None, 0, Kind.DAYS),
                            Figure(None, 0, Kind.PERCENT),
                        ),
                    ),
                ),
            ),
        ),
    )
    outcomes = Section(
        "outcomes",
        "Outcomes",
        (
            Table(
                "outcomes_work",
                "Working after the programme",
                "Share employed or self-employed, and how many answered",
                ("Employed or self-employed", "Response rate"),
                (
                    Row(
                        "At entry", (Figure(18.0, 48, Kind.PERCENT), Figure(100, 48, Kind.PERCENT))
                    ),
                    Row(
                        "At leaving",
                        (Figure(35.5, 31, Kind.PERCENT), Figure(64.6, 31, Kind.PERCENT)),
                    ),
                    Row(
                        "After 6 months", (Figure(50, 3, Kind.PERCENT), Figure(30, 3, Kind.PERCENT))
                    ),
                    Row(
                        "After 12 months",
                        (Figure(62.5, 8, Kind.PERCENT), Figure(40, 8, Kind.PERCENT)),
                    ),
                ),
                chart="line",
            ),
        ),
    )
    return Report(organisation.id, period, cohort, [reach, learning, mentoring, outcomes])
