"""The learner's take-away: "My business plan: first draft" as DOCX, Markdown or a print page."""

from __future__ import annotations

from flask import Response, render_template
from flask_login import current_user, login_required

from accounts.models import Role

from .. import bp, export, services
from . import courses_of, lang, organisation_as


def _chapters():
    organisation = organisation_as(Role.LEARNER)
    return export.outline(courses_of(organisation), services.entries_of(current_user.id), lang())


@bp.get("/logbook/export.docx")
@login_required
def export_docx():
    body = export.as_docx(_chapters(), current_user.name, lang())
    return Response(
        body,
        mimetype="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        headers={"Content-Disposition": 'attachment; filename="business-plan-draft.docx"'},
    )


@bp.get("/logbook/export.md")
@login_required
def export_md():
    body = export.as_markdown(_chapters(), current_user.name)
    return Response(
        body,
        mimetype="text/markdown",
        headers={"Content-Disposition": 'attachment; filename="business-plan-draft.md"'},
    )


@bp.get("/logbook/print")
@login_required
def print_view():
    return render_template(
        "logbook/print_view.html",
        chapters=_chapters(),
        title=export.title(),
        plan_html=export.plan_html,
    )
