"""The learner's business plan to take away: Word, PDF, Markdown or a print page, all laid out
from one outline. There is no id in these addresses: each learner only ever gets their own plan."""

from __future__ import annotations

from flask import Response, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from accounts.models import Role

from .. import bp, plan_outline
from ..services.plan import plan_of
from . import courses_of, lang, organisation_as

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _plan():
    organisation = organisation_as(Role.LEARNER)
    return plan_of(current_user, courses_of(organisation), lang())


def _attachment(body: bytes | str, mimetype: str, filename: str) -> Response:
    return Response(
        body,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.get("/logbook/plan.docx")
@login_required
def plan_docx():
    from .. import plan_docx as docx_layout  # python-docx: loaded by the first download only

    return _attachment(docx_layout.as_docx(_plan()), DOCX, "business-plan.docx")


@bp.get("/logbook/export.docx")
@login_required
def export_docx():
    """The old address of the Word download, kept so bookmarks still work."""
    organisation_as(Role.LEARNER)  # refused here as at the new address, not after a redirect
    return redirect(url_for("logbook.plan_docx"), 301)


@bp.get("/logbook/plan.pdf")
@login_required
def plan_pdf():
    from .. import plan_pdf as pdf_layout  # python-docx too: loaded by the first download only

    plan = _plan()
    try:
        body = pdf_layout.as_pdf(plan, base_url=request.host_url)
    except pdf_layout.PdfUnavailable:
        return render_template("logbook/plan_pdf_unavailable.html"), 503
    return _attachment(body, "application/pdf", "business-plan.pdf")


@bp.get("/logbook/export.md")
@login_required
def export_md():
    body = plan_outline.as_markdown(_plan())
    return _attachment(body, "text/markdown", "business-plan.md")


@bp.get("/logbook/print")
@login_required
def print_view():
    return render_template(
        "logbook/print_view.html",
        plan=_plan(),
        plan_html=plan_outline.plan_html,
        read_by=plan_outline.read_by,
        links=True,
    )
