"""Route inventory of the programme report page and its downloads: staff of the organisation
and platform admins only; everyone else is refused."""

from __future__ import annotations

from datetime import date

from organisations.reports.figures import Period
from organisations.reports.queries import build_report

from . import Route, only

STAFF = only("staff", "admin")
PERIOD = "?start=2026-01-01&end=2026-06-30"


def first_table(world) -> str:
    """A table the report really has, whatever the queries call it."""
    period = Period(date(2026, 1, 1), date(2026, 6, 30))
    report = build_report(world.organisation, period, None)
    key = report.sections[0].tables[0].key
    return f"/organisations/{world.organisation.slug}/reports/{key}.csv{PERIOD}"


def org(tail=""):
    return lambda w: f"/organisations/{w.organisation.slug}{tail}"


ROUTES = [
    Route("organisations.reports", "GET", org("/reports" + PERIOD), STAFF),
    Route("organisations.reports_print", "GET", org("/reports/print" + PERIOD), STAFF),
    Route("organisations.reports_workbook", "GET", org("/reports.xlsx" + PERIOD), STAFF),
    Route("organisations.reports_table_csv", "GET", first_table, STAFF),
]
