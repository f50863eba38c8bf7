"""Staff of an organisation see each learner's entries by state and date: never their text.
The overview is one page of learners with their entries counted; each learner's entries are
one click away."""

from __future__ import annotations

from flask import abort, render_template, request
from flask_login import current_user, login_required

from accounts.context import organisation_by_slug, staff_refusal
from accounts.models import User
from extensions import db
from paging import list_queries

from .. import bp, services
from . import courses_of, lang, titles_by_key


def _organisation(slug):
    organisation = organisation_by_slug(slug)
    if organisation is None:
        abort(404)
    return organisation


@bp.get("/logbook/staff/<slug>/")
@login_required
def staff_overview(slug):
    organisation = _organisation(slug)
    query = list_queries(request.args, "page", keep={"q": None, "entries": services.STAFF_FILTERS})[
        "page"
    ]
    try:
        learners = services.learner_logbook_page(current_user, organisation, query)
    except services.EntryNotFound:
        abort(staff_refusal(organisation))
    return render_template(
        "logbook/staff_overview.html", organisation=organisation, learners=learners, query=query
    )


@bp.get("/logbook/staff/<slug>/learners/<int:user_id>")
@login_required
def staff_learner(slug, user_id):
    organisation = _organisation(slug)
    try:
        statuses = services.entry_statuses(current_user, organisation, user_id)
    except services.EntryNotFound:
        abort(staff_refusal(organisation))
    learner = db.session.get(User, user_id)
    if learner is None or not learner.roles_in(organisation.id):
        abort(404)
    titles = {c.slug: titles_by_key(c, lang()) for c in courses_of(organisation)}
    return render_template(
        "logbook/staff_learner.html",
        organisation=organisation,
        learner=learner,
        statuses=statuses,
        titles=titles,
    )
