"""Delete my account, staff starting it for a member, and the organisation's retention period."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user, user_logged_in

from accounts.context import organisation_by_slug, staff_refusal
from accounts.services import may_manage
from extensions import Invalid

from . import bp, deletion
from .forms import DeleteAccountForm, EraseMemberForm, RetentionForm


@user_logged_in.connect
def _signed_in(sender, user, **extra) -> None:
    """Signing in during the grace period keeps the account; the next page says so."""
    if "privacy" in sender.blueprints and deletion.cancel_on_sign_in(user):
        flash(_("Your account will not be deleted: you signed in."), "success")


@bp.route("/account/delete", methods=["GET", "POST"])
@login_required
def delete_account():
    form = DeleteAccountForm()
    if form.validate_on_submit():
        try:
            asked = deletion.ask_to_delete(current_user, form.password.data)
        except Invalid as error:
            form.password.errors = [*form.password.errors, error.message]
        else:
            logout_user()
            flash(
                _(
                    "Your account will be deleted on %(date)s. We sent you an email about it. "
                    "Changed your mind? Sign in before then and nothing is deleted.",
                    date=format_date(asked.erase_after),
                ),
                "success",
            )
            return redirect(url_for("accounts.login"))
    return render_template("privacy/delete_account.html", form=form, days=deletion.GRACE_DAYS)


def _staff_organisation(slug: str):
    organisation = organisation_by_slug(slug)
    if organisation is None:
        abort(404)
    if not may_manage(current_user, organisation):
        abort(staff_refusal(organisation))
    return organisation


@bp.post("/organisations/<slug>/people/<int:user_id>/erase")
@login_required
def erase_member(slug, user_id):
    organisation = _staff_organisation(slug)
    if not EraseMemberForm().validate_on_submit():
        abort(400)
    asked = deletion.start_for_person(current_user, organisation, user_id)
    flash(
        _(
            "The account will be deleted on %(date)s. The person was told by email; "
            "if they sign in before then, nothing is deleted.",
            date=format_date(asked.erase_after),
        ),
        "success",
    )
    return redirect(url_for("organisations.member", slug=slug, user_id=user_id))


@bp.route("/organisations/<slug>/retention", methods=["GET", "POST"])
@login_required
def retention(slug):
    organisation = _staff_organisation(slug)
    form = RetentionForm()
    if form.validate_on_submit():
        deletion.set_retention(current_user, organisation, form.years.data)
        flash(_("Saved. The participant records are kept this long."), "success")
        return redirect(url_for("privacy.retention", slug=slug))
    if not form.is_submitted():
        form.years.data = organisation.retention_years
    return render_template("privacy/retention.html", organisation=organisation, form=form)


@bp.app_template_global("pending_deletion")
def pending_deletion(user_id: int):
    """For the staff member page: the deletion waiting for this person, if any."""
    return deletion.pending_of(user_id)


@bp.app_template_global("deletion_grace_days")
def deletion_grace_days() -> int:
    return deletion.GRACE_DAYS
