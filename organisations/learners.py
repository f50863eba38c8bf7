"""Learners at a glance for staff: progress counts per learner, one learner per module with
dates, and the learner's programme outcomes. Never logbook text, never quiz answers."""

from flask import abort, render_template, request
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from extensions import utcnow
from modules import services as modules
from outcomes.forms import FINANCING, SITUATIONS, FollowUpForm
from outcomes.staff import outcome_summary

from . import bp, member_list
from .csv_export import csv_response, csv_text
from .forms import ActionForm
from .leaving_forms import BENEFITS, LEAVING_REASONS, MOMENTS, LeavingForm
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
    page = member_list.learner_page(
        organisation, Query(query.text, "", query.state, query.sort), everyone=True
    )
    rows = [
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
            r.member.last_activity.date().isoformat() if r.member.last_activity else "",
        )
        for r in page.rows
    ]
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
    return learner_page(staff_organisation(slug), user_id)


def learner_page(organisation, user_id, leaving_form=None, phone_forms=None):
    """The learner's staff page with their programme outcomes; the leaving views render it again
    with their form when what was typed needs correcting."""
    found = member_list.learner(organisation, user_id)
    if found is None:
        abort(404)
    courses = _courses(organisation)
    today = utcnow().date()
    outcomes = outcome_summary(current_user, organisation, user_id, today)
    phone_forms = phone_forms or {}
    for m in outcomes.moments:
        if m.open and m.moment.value not in phone_forms:
            phone_forms[m.moment.value] = FollowUpForm(formdata=None, prefix=m.moment.value)
    return render_template(
        "organisations/learner.html",
        organisation=organisation,
        learner=found,
        courses=courses,
        modules_total=sum(len(c.modules) for c in courses),
        outcomes=outcomes,
        leaving_form=leaving_form or LeavingForm(formdata=None),
        phone_forms=phone_forms,
        action_form=ActionForm(formdata=None),
        words=outcome_words(),
    )


def outcome_words() -> dict:
    """Labels the outcomes section and the per-person file share."""
    return {
        "situations": {k.value: v for k, v in SITUATIONS.items()},
        "benefits": {k.value: v for k, v in BENEFITS.items()},
        "reasons": {k.value: v for k, v in LEAVING_REASONS.items()},
        "moments": {k.value: v for k, v in MOMENTS.items()},
        "financing": {k.value: v for k, v in FINANCING.items()},
    }
