"""The learner's and the mentor's pages: collect the credential, download it, share it."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import format_date, get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from accounts.context import current_organisation
from modules import services as modules

from . import bp, documents, services
from .forms import CourseCertificateForm, MentorCredentialForm


def _errors_to(form, error: services.CredentialError) -> None:
    field = form._fields.get(error.field or "")
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        form.form_errors.append(error.message)


def _course_or_404(slug: str):
    organisation = current_organisation()
    course = modules.offered_course(slug, organisation.id, False) if organisation else None
    if course is None or not services.is_learner_of(current_user, organisation, course):
        abort(404)
    return organisation, course


@bp.route("/certificates/course/<slug>", methods=["GET", "POST"])
@login_required
def course(slug):
    organisation, course = _course_or_404(slug)
    language = str(get_locale())
    issued = services.course_certificate(current_user, organisation, course)
    finished = services.has_finished(current_user, course)
    form = CourseCertificateForm(name=current_user.name)
    choices = services.evidence_choices(current_user, organisation, course, language)
    form.evidence.choices = [
        (
            c.entry_id,
            _("%(title)s (read by mentor)", title=c.title) if c.read_by_mentor else c.title,
        )
        for c in choices
    ]
    if form.validate_on_submit():
        try:
            row = services.issue_course_certificate(
                current_user,
                organisation,
                course,
                name=form.name.data,
                evidence_ids=form.evidence.data or [],
                language=language,
            )
        except services.CredentialError as error:
            _errors_to(form, error)
        else:
            flash(_("Your certificate is ready."), "success")
            return redirect(url_for("credentials.course", slug=course.slug, _anchor=row.id))
    status = 409 if form.errors or form.form_errors else 200
    return render_template(
        "credentials/course.html",
        course=course,
        issued=issued,
        finished=finished,
        progress=modules.course_progress(current_user.id, course),
        form=form,
    ), status


@bp.route("/certificates/mentor/<int:pair_id>", methods=["GET", "POST"])
@login_required
def mentor(pair_id):
    language = str(get_locale())
    try:
        pair = services.evaluated_pair(current_user, pair_id)
    except services.CredentialError as error:
        return render_template("credentials/mentor.html", refused=error.message), 409
    issued = services.mentor_credential(current_user, pair)
    form = MentorCredentialForm(
        name=current_user.name,
        hours=services.meeting_hours(pair),
        learned=services.what_mentor_learned(pair),
    )
    if not issued and form.validate_on_submit():
        try:
            services.issue_mentor_credential(
                current_user,
                pair.id,
                name=form.name.data,
                hours=form.hours.data,
                learned=form.learned.data,
                language=language,
            )
        except services.CredentialError as error:
            _errors_to(form, error)
        else:
            flash(_("Your credential is ready."), "success")
            return redirect(url_for("credentials.mentor", pair_id=pair.id))
    status = 409 if form.errors or form.form_errors else 200
    return render_template(
        "credentials/mentor.html", pair=pair, issued=issued, form=form, refused=None
    ), status


@bp.get("/certificates/<credential_id>/badge.svg")
@login_required
def badge(credential_id):
    row = services.own_credential(current_user, credential_id)
    return (
        documents.baked_svg(row),
        200,
        {
            "Content-Type": "image/svg+xml",
            "Content-Disposition": f'attachment; filename="herstart-{row.id}.svg"',
        },
    )


@bp.get("/certificates/<credential_id>/certificate.pdf")
@login_required
def pdf(credential_id):
    row = services.own_credential(current_user, credential_id)
    issued_on = format_date(row.issued_at, "long")
    body = documents.certificate_pdf(row, services.verify_url(row.id), issued_on)
    return (
        body,
        200,
        {
            "Content-Type": "application/pdf",
            "Content-Disposition": f'attachment; filename="herstart-certificate-{row.id}.pdf"',
        },
    )
