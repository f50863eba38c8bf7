"""The programme report for staff: choose a period and a cohort, read it on the page, download
a table as CSV or the whole report as a workbook, or print it. Aggregates only: no names."""

from __future__ import annotations

from flask import Response, abort, render_template, request
from flask_babel import get_locale
from flask_login import login_required
from werkzeug.datastructures import MultiDict

from extensions import utcnow

from .. import bp
from ..csv_export import csv_response
from ..views import staff_organisation
from . import charts, exports
from .figures import Report
from .forms import ReportForm
from .queries import build_report, cohorts, default_period

PERSON_FILE = "organisations.report_participants"


def _chosen(organisation) -> tuple[ReportForm, Report | None]:
    """The form as the query string filled it (or the default period when there is none) and
    the report it asks for, or None while the choice is not valid."""
    labels = cohorts(organisation)
    formdata = request.args
    if not formdata:
        period = default_period(utcnow().date())
        formdata = MultiDict({"start": period.start.isoformat(), "end": period.end.isoformat()})
    form = ReportForm(formdata=formdata, cohorts=labels)
    if not form.validate():
        return form, None
    today = utcnow().date()
    return form, build_report(organisation, form.period, form.chosen_cohort, today=today)


def _valid_report(organisation) -> Report:
    """For the downloads: a choice that is not valid is a bad request (the page explains)."""
    _form, report = _chosen(organisation)
    if report is None:
        abort(400)
    return report


def report_args(report: Report) -> dict[str, str]:
    """The query string that asks for this report again."""
    args = {"start": report.period.start.isoformat(), "end": report.period.end.isoformat()}
    if report.cohort:
        args["cohort"] = report.cohort
    return args


def _page(template: str, organisation, report: Report | None, **context):
    return render_template(
        template,
        organisation=organisation,
        report=report,
        args=report_args(report) if report else {},
        chart=charts.chart,
        summary=charts.summary,
        chart_id=charts.chart_id,
        figure_html=exports.figure_html,
        period_text=exports.period_text,
        person_file=PERSON_FILE,
        **context,
    )


@bp.get("/<slug>/reports")
@login_required
def reports(slug):
    organisation = staff_organisation(slug)
    form, report = _chosen(organisation)
    return _page("organisations/reports.html", organisation, report, form=form)


@bp.get("/<slug>/reports/print")
@login_required
def reports_print(slug):
    organisation = staff_organisation(slug)
    report = _valid_report(organisation)
    return _page("organisations/reports_print.html", organisation, report, today=utcnow().date())


def _filename(organisation, report: Report, name: str, extension: str) -> str:
    period = f"{report.period.start.isoformat()}-{report.period.end.isoformat()}"
    return f"{organisation.slug}-{name}-{period}.{extension}"


@bp.get("/<slug>/reports/<key>.csv")
@login_required
def reports_table_csv(slug, key):
    organisation = staff_organisation(slug)
    report = _valid_report(organisation)
    table = next((t for s in report.sections for t in s.tables if t.key == key), None)
    if table is None:
        abort(404)
    text = exports.table_csv(table, str(get_locale()))
    return csv_response(_filename(organisation, report, table.key, "csv"), text)


@bp.get("/<slug>/reports.xlsx")
@login_required
def reports_workbook(slug):
    organisation = staff_organisation(slug)
    report = _valid_report(organisation)
    content = exports.report_workbook(report, organisation.name, utcnow().date())
    filename = _filename(organisation, report, "report", "xlsx")
    return Response(
        content,
        mimetype=exports.XLSX_MIMETYPE,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
