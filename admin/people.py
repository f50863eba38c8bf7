"""The platform console's people and audit log: find a person across organisations, see their
memberships, send a reset link, switch an account off or on."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from accounts import organisations
from accounts.models import AuditAction, User
from accounts.organisations import OrganisationError
from extensions import db

from . import bp, queries, services
from .forms import PeopleSearchForm
from .views import page_number

MAX_ID = 2**31 - 1  # larger never names a row, and the database would refuse it


def _person(user_id: int) -> User:
    user = db.session.get(User, user_id) if user_id <= MAX_ID else None
    if user is None:
        abort(404)
    return user


@bp.get("/people")
def people():
    form = PeopleSearchForm(request.args)
    text = form.q.data if form.validate() else ""
    found = queries.find_people(text or "", page_number())
    return render_template("admin/people.html", form=form, text=text, page=found)


@bp.get("/people/<int:user_id>")
def person(user_id):
    return render_template("admin/person.html", person=_person(user_id))


@bp.post("/people/<int:user_id>/reset")
def send_reset(user_id):
    person = _person(user_id)
    services.send_reset_link(current_user, person)
    flash(
        _("We are emailing %(email)s a link to choose a new password.", email=person.email),
        "success",
    )
    return redirect(url_for("admin.person", user_id=user_id))


@bp.post("/people/<int:user_id>/deactivate")
def deactivate(user_id):
    person = _person(user_id)
    try:
        organisations.deactivate_account(current_user, person)
    except OrganisationError as error:
        flash(error.message, "error")
    else:
        flash(
            _(
                "The account is switched off. %(name)s cannot sign in; nothing is deleted.",
                name=person.name,
            ),
            "success",
        )
    return redirect(url_for("admin.person", user_id=user_id))


@bp.post("/people/<int:user_id>/reactivate")
def reactivate(user_id):
    person = _person(user_id)
    try:
        organisations.reactivate_account(current_user, person)
    except OrganisationError as error:
        flash(error.message, "error")
    else:
        flash(
            _("The account is switched on again. %(name)s can sign in.", name=person.name),
            "success",
        )
    return redirect(url_for("admin.person", user_id=user_id))


def action_label(action: str) -> str:
    labels = {
        AuditAction.ORGANISATION_CREATED: _("created the organisation"),
        AuditAction.ORGANISATION_EDITED: _("changed the organisation"),
        AuditAction.ORGANISATION_ARCHIVED: _("archived the organisation"),
        AuditAction.ORGANISATION_RESTORED: _("restored the organisation"),
        AuditAction.STAFF_INVITED: _("invited a staff member"),
        AuditAction.RESET_LINK_SENT: _("sent a link to choose a new password"),
        AuditAction.ACCOUNT_DEACTIVATED: _("switched the account off"),
        AuditAction.ACCOUNT_REACTIVATED: _("switched the account on"),
        AuditAction.ERASURE_STARTED: _("started deleting the account"),
    }
    return labels.get(action, action)


@bp.get("/audit")
def audit():
    return render_template(
        "admin/audit.html", page=queries.audit_entries(page_number()), action_label=action_label
    )
