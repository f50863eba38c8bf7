"""Staff pages of an organisation: its people, invitations and join code."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from accounts import invitations, joining, services
from accounts.context import organisation_by_slug, staff_refusal
from accounts.models import Invitation, Membership, Role
from extensions import db

from . import bp
from .forms import InvitationForm, JoinCodeForm


def staff_organisation(slug: str):
    """The organisation, or 404; 403 unless `may_manage` lets the signed-in person in; its own
    staff find a clear page while a platform admin has archived it."""
    organisation = organisation_by_slug(slug)
    if organisation is None:
        abort(404)
    if not services.may_manage(current_user, organisation):
        abort(staff_refusal(organisation))
    return organisation


@bp.route("/<slug>/people", methods=["GET", "POST"])
@login_required
def people(slug):
    organisation = staff_organisation(slug)
    form = InvitationForm()
    new_link = None
    if form.validate_on_submit():
        try:
            created = invitations.create_invitation(
                current_user, organisation, form.email.data, Role(form.role.data)
            )
        except services.AccountError as error:
            form.email.errors = [*form.email.errors, error.message]
        else:
            new_link = created.link
            flash(_("Invitation sent to %(email)s.", email=created.invitation.email), "success")
            form = InvitationForm(formdata=None)
    members = db.session.scalars(
        db.select(Membership)
        .filter_by(organisation_id=organisation.id)
        .options(db.joinedload(Membership.user))
        .order_by(Membership.role, Membership.id)
    ).all()
    open_invitations = db.session.scalars(
        db.select(Invitation)
        .filter_by(organisation_id=organisation.id, accepted_at=None)
        .order_by(Invitation.created_at.desc())
    ).all()
    return render_template(
        "organisations/people.html",
        organisation=organisation,
        form=form,
        members=members,
        invitations=open_invitations,
        new_link=new_link,
    )


@bp.post("/<slug>/join-code")
@login_required
def renew_join_code(slug):
    """A new generated code; the old one stops working. Also switches joining by code on."""
    organisation = staff_organisation(slug)
    if not JoinCodeForm().validate_on_submit():
        abort(400)
    code = joining.rotate_join_code(current_user, organisation)
    flash(_("The new join code is %(code)s. The old code no longer works.", code=code), "success")
    return redirect(url_for("organisations.people", slug=slug))


@bp.post("/<slug>/join-code/off")
@login_required
def stop_join_code(slug):
    organisation = staff_organisation(slug)
    if not JoinCodeForm().validate_on_submit():
        abort(400)
    joining.stop_join_code(current_user, organisation)
    flash(_("Joining with a code is switched off. Invitations still work."), "success")
    return redirect(url_for("organisations.people", slug=slug))
