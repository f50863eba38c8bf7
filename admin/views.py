"""The platform console's organisations: list, create, edit, archive, restore, invite staff.
Platform administrators only; every action is written to the audit log by its service."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from accounts import organisations
from accounts.context import organisation_by_slug
from accounts.organisations import OrganisationError
from accounts.services import AccountError

from . import bp, queries, services
from .forms import EditOrganisationForm, InviteStaffForm, OrganisationForm


@bp.before_request
@login_required
def admins_only():
    if not current_user.is_admin:
        abort(403)


def page_number() -> int:
    return request.args.get("page", 1, type=int)


def refuse(form, error) -> None:
    """A service's refusal on its form field, else at the top of the error summary."""
    field = form._fields.get(error.field or "")
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        form.form_errors.append(error.message)


def _organisation(slug: str):
    organisation = organisation_by_slug(slug)
    if organisation is None:
        abort(404)
    return organisation


def _with_courses(form):
    form.courses.choices = services.installed_courses(str(get_locale()))
    return form


@bp.get("/")
def index():
    return render_template("admin/index.html", page=queries.organisation_rows(page_number()))


@bp.route("/organisations/new", methods=["GET", "POST"])
def new_organisation():
    form = _with_courses(OrganisationForm())
    if request.method == "GET":
        form.courses.data = [slug for slug, _title in form.courses.choices]
    if form.validate_on_submit():
        try:
            organisation = services.create_organisation(
                current_user,
                name=form.name.data,
                slug=form.slug.data,
                language=form.language.data,
                join_code=form.join_code.data,
                courses=set(form.courses.data or []),
            )
        except OrganisationError as error:
            refuse(form, error)
        else:
            flash(
                _("%(org)s is ready. Invite its first staff member below.", org=organisation.name),
                "success",
            )
            return redirect(url_for("admin.organisation", slug=organisation.slug))
    return render_template("admin/new_organisation.html", form=form)


@bp.route("/organisations/<slug>", methods=["GET", "POST"])
def organisation(slug):
    organisation = _organisation(slug)
    form = _with_courses(EditOrganisationForm(obj=None))
    if request.method == "GET":
        form.name.data = organisation.name
        form.language.data = organisation.default_language
        form.join_code.data = organisation.join_code is not None
        form.courses.data = sorted(services.offered(organisation))
    if form.validate_on_submit():
        dropped = services.dropped_courses(organisation, set(form.courses.data or []))
        if dropped and request.form.get("confirmed") != "yes":
            return render_template(
                "admin/organisation_confirm.html",
                organisation=organisation,
                form=form,
                dropped=dropped,
            )
        try:
            services.edit_organisation(
                current_user,
                organisation,
                name=form.name.data,
                language=form.language.data,
                join_code=form.join_code.data,
                courses=set(form.courses.data or []),
            )
        except OrganisationError as error:
            refuse(form, error)
        else:
            flash(_("The changes to %(org)s are saved.", org=organisation.name), "success")
            return redirect(url_for("admin.organisation", slug=slug))
    return _organisation_page(organisation, form, InviteStaffForm(formdata=None))


def _organisation_page(organisation, form, invite_form, new_link=None, status=200):
    staff, invitations = queries.staff_and_invitations(organisation)
    page = render_template(
        "admin/organisation.html",
        organisation=organisation,
        form=form,
        invite_form=invite_form,
        staff=staff,
        invitations=invitations,
        new_link=new_link,
    )
    return page, status


@bp.post("/organisations/<slug>/invite")
def invite_staff(slug):
    organisation = _organisation(slug)
    invite_form = InviteStaffForm()
    edit_form = _with_courses(EditOrganisationForm(formdata=None, obj=None))
    edit_form.name.data = organisation.name
    edit_form.language.data = organisation.default_language
    edit_form.join_code.data = organisation.join_code is not None
    edit_form.courses.data = sorted(services.offered(organisation))
    if invite_form.validate_on_submit():
        try:
            created = services.invite_staff(current_user, organisation, invite_form.email.data)
        except (OrganisationError, AccountError) as error:
            error.field = "email" if error.field is None else error.field
            refuse(invite_form, error)
        else:
            flash(_("Invitation sent to %(email)s.", email=created.invitation.email), "success")
            return _organisation_page(
                organisation,
                edit_form,
                InviteStaffForm(formdata=None),
                new_link=created.link,
            )
    return _organisation_page(organisation, edit_form, invite_form, status=200)


@bp.post("/organisations/<slug>/archive")
def archive(slug):
    organisation = _organisation(slug)
    try:
        organisations.archive_organisation(current_user, organisation)
    except OrganisationError as error:
        flash(error.message, "error")
    else:
        flash(_("%(org)s is archived. Nothing is deleted.", org=organisation.name), "success")
    return redirect(url_for("admin.organisation", slug=slug))


@bp.post("/organisations/<slug>/restore")
def restore(slug):
    organisation = _organisation(slug)
    try:
        organisations.restore_organisation(current_user, organisation)
    except OrganisationError as error:
        flash(error.message, "error")
    else:
        flash(_("%(org)s is open again.", org=organisation.name), "success")
    return redirect(url_for("admin.organisation", slug=slug))
