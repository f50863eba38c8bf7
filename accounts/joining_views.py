"""Joining: with an organisation's code (then confirming the address) or by invitation."""

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from . import bp, invitations, joining, services
from .context import ORG_SESSION_KEY
from .forms import AcceptInvitationForm, ConfirmAddressForm, JoinForm
from .limits import per_account, per_address
from .models import Role, find_user_by_email
from .views import chosen_language, home, refuse, sign_in


def after_joining(role: str) -> str:
    """A new learner is asked once, right after joining, the optional questions about their
    situation at entry (outcomes), then goes on to the dashboard; other roles go straight on."""
    if role == Role.LEARNER:
        return url_for("outcomes.about_you", next=home())
    return home()


@bp.route("/join", methods=["GET", "POST"])
@per_address()
@per_account()
def join():
    form = JoinForm(code=request.args.get("code", ""))
    if form.validate_on_submit():
        try:
            joining.join_with_code(
                form.code.data,
                form.email.data,
                form.name.data,
                form.password.data,
                chosen_language(),
            )
        except services.AccountError as error:
            refuse(form, error)
        else:
            # The same answer whether or not the address has an account: the email says more.
            return redirect(url_for("accounts.join_sent"))
    organisation = joining.organisation_for_code(form.code.data or "")
    if organisation is not None and organisation.is_archived:
        organisation = None
    return render_template("accounts/join.html", form=form, notice_organisation=organisation)


@bp.get("/join/check-your-email")
def join_sent():
    return render_template("accounts/join_sent.html")


@bp.route("/confirm/<token>", methods=["GET", "POST"])
@per_address()
def confirm(token):
    try:
        joining_user = joining.user_to_confirm(token)
    except services.AccountError as error:
        flash(error.message, "info")
        return redirect(url_for("accounts.login"))
    form = ConfirmAddressForm()
    if form.validate_on_submit():
        try:
            user = joining.confirm_address(token, form.password.data)
        except services.AccountError as error:
            refuse(form, error)
        else:
            sign_in(user)
            welcome = _("Your email address is confirmed. Welcome to Herstart, %(name)s.")
            flash(welcome % {"name": user.name}, "success")
            return redirect(after_joining(Role.LEARNER))  # a join code makes learners
    return render_template(
        "accounts/confirm.html", form=form, notice_organisations=joining_user.organisations
    )


@bp.route("/join/<token>", methods=["GET", "POST"])
@per_address()
def accept_invitation(token):
    try:
        invitation = invitations.open_invitation(token)
    except services.AccountError as error:
        return render_template("accounts/invitation_invalid.html", message=error.message), 410
    existing = find_user_by_email(invitation.email)
    if existing is not None and existing.is_confirmed:
        if current_user.is_authenticated and current_user.id == existing.id:
            if request.method == "POST":
                try:
                    invitations.accept_invitation_as(current_user, token)
                except services.AccountError as error:
                    return render_template(
                        "accounts/invitation_invalid.html", message=error.message
                    ), 410
                flash(_("Welcome to %(name)s.", name=invitation.organisation.name), "success")
                if invitation.role == Role.LEARNER:  # the questions are about this organisation
                    session[ORG_SESSION_KEY] = invitation.organisation_id
                return redirect(after_joining(invitation.role))
            return render_template("accounts/invitation_existing.html", invitation=invitation)
        flash(_("You already have an account. Sign in to accept the invitation."), "info")
        return redirect(url_for("accounts.login", next=request.path))
    # A new person, or an account made with a join code and never confirmed: the invitation
    # link proves the address, so its owner chooses name and password here.
    form = AcceptInvitationForm()
    if form.validate_on_submit():
        try:
            user = invitations.accept_invitation(
                token, form.name.data, form.password.data, chosen_language()
            )
        except services.AccountError as error:
            refuse(form, error)
        else:
            sign_in(user)
            session[ORG_SESSION_KEY] = invitation.organisation_id
            flash(_("Welcome to Herstart, %(name)s.", name=user.name), "success")
            return redirect(after_joining(invitation.role))
    return render_template("accounts/accept_invitation.html", form=form, invitation=invitation)
