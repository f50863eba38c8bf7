"""Learners at a glance for staff: progress counts per learner, one learner per module with
dates. Never logbook text, never quiz answers."""

from flask import abort, render_template, request
from flask_babel import format_date, get_locale
from flask_babel import gettext as _
from flask_login import login_required

from modules import services as modules

from . import bp, member_list
from .csv_export import csv_response, csv_text
from .member_list import Query
from .members import sort_labels, state_labels
from .views import staff_organisation


def _courses(organisation):
    return modules.offered_courses(organisation.id)


@bp.get("/<slug>/learners")
@login_required
def learners(slug):
    organisation = staff_organisation(slug)
    query = Query.from_args(request.args)
    if query.state == member_list.State.INVITED:
        query = Query(query.text, "", "", query.sort, query.page)
    courses = _courses(organisation)
    return render_template(
        "organisations/learners.html",
        organisation=organisation,
        page=member_list.learner_page(organisation, query),
        query=query,
        courses=courses,
        modules_total=sum(len(c.modules) for c in courses),
        states={k: v for k, v in state_labels().items() if k != member_list.State.INVITED},
        sorts=sort_labels(),
    )


@bp.get("/<slug>/learners.csv")
@login_required
def learners_export(slug):
    organisation = staff_organisation(slug)
    query = Query.from_args(request.args)
    courses = _courses(organisation)
    total = sum(len(c.modules) for c in courses)
    rows, number = [], 1
    while True:
        page = member_list.learner_page(
            organisation, Query(query.text, "", query.state, query.sort, number)
        )
        for r in page.rows:
            rows.append(
                (
                    r.member.name,
                    r.member.email,
                    r.member.group or "",
                    f"{r.finished(courses)}/{total}",
                    r.sections_read,
                    r.assessments_passed,
                    r.entries_written,
                    r.entries_submitted,
                    r.mentor or "",
                    format_date(r.member.last_activity, "yyyy-MM-dd")
                    if r.member.last_activity
                    else "",
                )
            )
        if number >= page.pages:
            break
        number += 1
    header = (
        _("Name"),
        _("Email address"),
        _("Cohort"),
        _("Modules finished"),
        _("Sections read"),
        _("Self-assessments passed"),
        _("Logbook entries written"),
        _("Logbook entries submitted"),
        _("Mentor"),
        _("Last activity"),
    )
    return csv_response(
        f"{organisation.slug}-learners.csv", csv_text(header, rows, str(get_locale()))
    )


@bp.get("/<slug>/learners/<int:user_id>")
@login_required
def learner(slug, user_id):
    organisation = staff_organisation(slug)
    found = member_list.learner(organisation, user_id)
    if found is None:
        abort(404)
    courses = _courses(organisation)
    return render_template(
        "organisations/learner.html",
        organisation=organisation,
        learner=found,
        courses=courses,
        modules_total=sum(len(c.modules) for c in courses),
    )
