"""Staff pages of an organisation: its people and invitations."""

from flask import abort, flash, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_mailman import EmailMessage

from accounts import services
from accounts.context import organisation_by_slug, staff_refusal
from accounts.models import Invitation, Membership, Role
from extensions import db

from . import bp
from .forms import InvitationForm


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
            created = services.create_invitation(
                current_user, organisation, form.email.data, Role(form.role.data)
            )
        except services.AccountError as error:
            form.email.errors = [*form.email.errors, error.message]
        else:
            new_link = url_for("accounts.accept_invitation", token=created.token, _external=True)
            _send_invitation(created.invitation, new_link)
            flash(_("Invitation sent to %(email)s.", email=created.invitation.email), "success")
            form = InvitationForm(formdata=None)
    members = db.session.scalars(
        db.select(Membership)
        .filter_by(organisation_id=organisation.id)
        .options(db.joinedload(Membership.user))
        .order_by(Membership.role, Membership.id)
    ).all()
    invitations = db.session.scalars(
        db.select(Invitation)
        .filter_by(organisation_id=organisation.id, accepted_at=None)
        .order_by(Invitation.created_at.desc())
    ).all()
    return render_template(
        "organisations/people.html",
        organisation=organisation,
        form=form,
        members=members,
        invitations=invitations,
        new_link=new_link,
    )


def _send_invitation(invitation, link: str) -> None:
    EmailMessage(
        subject=_("You are invited to Herstart by %(org)s", org=invitation.organisation.name),
        body=render_template(
            "organisations/email/invitation.txt",
            invitation=invitation,
            link=link,
            inviter=current_user,
        ),
        to=[invitation.email],
    ).send()
