"""Staff of an organisation see each learner's entries by state and date: never their text."""

from __future__ import annotations

from flask import abort, render_template
from flask_login import current_user, login_required

from accounts.context import organisation_by_slug, staff_refusal

from .. import bp, services
from . import courses_of, lang, titles_by_key


@bp.get("/logbook/staff/<slug>/")
@login_required
def staff_overview(slug):
    organisation = organisation_by_slug(slug)
    if organisation is None:
        abort(404)
    try:
        statuses = services.entry_statuses(current_user, organisation)
    except services.EntryNotFound:
        abort(staff_refusal(organisation))
    titles = {c.slug: titles_by_key(c, lang()) for c in courses_of(organisation)}
    return render_template(
        "logbook/staff_overview.html",
        organisation=organisation,
        statuses=statuses,
        titles=titles,
    )
