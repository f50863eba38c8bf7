"""What the plan-document and readiness tests share: the test course with a summary chapter (the
second module's notes feed it) and a learner with a mentor, entries and five budgets."""

from __future__ import annotations

import shutil

from accounts.models import Role
from extensions import db
from logbook import services
from logbook.models import EntryState
from tests.conftest import TEST_COURSES
from tests.routes.logbook import COURSE, make_entry, organisation_of

INTACT = ("40 loaves * 3.50 euro * 6 days", "jan_de_vries@example.nl", "plan_v2.xlsx", "5*3")
TEXT = (
    "I bake 40 loaves * 3.50 euro * 6 days a week.\n\n"
    "Write to jan_de_vries@example.nl, the sheet is plan_v2.xlsx and 5*3 is fifteen.\n\n"
    "This is **really important** and _new_, see [the chamber](https://www.kvk.nl/start).\n\n"
    "1. rent\n2. ovens\n\nBetween the lists.\n\n1. flour\n2. salt\n"
)
SUMMARY = "In short: a bakery for the village, open six days a week."
FINANCE = "The figures of the shop."


def course_with_summary(tmp_path) -> str:
    """A copy of the test course whose last chapter is the summary, fed by 'second-notes'."""
    courses = tmp_path / "courses"
    shutil.copytree(TEST_COURSES, courses)
    course = courses / "test-course" / "course.yml"
    summary = "  - key: summary\n    title: {en: Summary, nl: Samenvatting}\nmodules:\n"
    course.write_text(course.read_text().replace("modules:\n", summary, 1))
    for language in ("en", "nl"):
        logbook = courses / "test-course" / "02-second-module" / f"logbook.{language}.yml"
        text = logbook.read_text()
        last = "  minutes: 60\n  chapter: finance"
        assert last in text
        logbook.write_text(text.replace(last, "  minutes: 60\n  chapter: summary"))
    return str(courses)


def save_budgets(user, cash_short: bool = False) -> None:
    """Five balanced budgets (12,500.50 euro invested and financed); `cash_short` makes the
    cash run out in month 4."""
    organisation = organisation_of(user)
    payments = [100000] * 12
    if cash_short:
        payments[3] = 2000000
    budgets = {
        "investment": {"rows": [{"label": "Oven", "amount": 1250050}]},
        "financing": {
            "rows": [{"label": "Savings", "amount": 1000000}, {"label": "Loan", "amount": 250050}]
        },
        "operating": {
            "rows": [
                {"label": "Bread", "group": "turnover", "amounts": [6000000, 6500000, 7000000]},
                {"label": "Flour", "group": "cost_of_sales", "amounts": [1500000] * 3},
                {"label": "Rent", "group": "fixed", "amounts": [1200000] * 3},
            ]
        },
        "cashflow": {
            "opening": 500000,
            "rows": [
                {"label": "Sales", "group": "receipt", "vat_rate": 9, "amounts": [500000] * 12},
                {"label": "Rent", "group": "payment", "vat_rate": 21, "amounts": payments},
            ],
        },
        "personal": {
            "estimated_tax": 0,
            "rows": [
                {"label": "Living", "group": "cost", "amount": 150000},
                {"label": "Partner's pay", "group": "income", "amount": 100000},
            ],
        },
    }
    for kind, data in budgets.items():
        services.save_budget(user, organisation, COURSE, kind, data, 0)


def plan_learner(make, *, feedback: bool = True, budgets: bool = True, cash_short: bool = False):
    """A learner with a mentor: the idea's first assignment, the financial plan and the summary
    written (the idea's notes not yet); the mentor gave feedback on the financial plan."""
    organisation = make.organisation()
    learner = make.user(
        Role.LEARNER, organisation, name="Marianne de Bakker", email="marianne@example.nl"
    )
    mentor = make.user(Role.MENTOR, organisation, name="Sanne Jansen")
    make.pair(mentor, learner, organisation)
    make_entry(learner, key="first-plan", text=TEXT)
    state = EntryState.FEEDBACK_GIVEN if feedback else EntryState.DRAFT
    make_entry(learner, state, key="second-plan", text=FINANCE, mentor=mentor)
    make_entry(learner, key="second-notes", text=SUMMARY)
    if budgets:
        save_budgets(learner, cash_short=cash_short)
    db.session.commit()
    return learner
