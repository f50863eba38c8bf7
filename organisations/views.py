"""What every staff page of an organisation needs (the organisation, for its staff only), and
the join code's buttons."""

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from accounts import joining, services
from accounts.context import organisation_by_slug, staff_refusal

from . import bp
from .forms import JoinCodeForm


def staff_organisation(slug: str):
    """The organisation, or 404; 403 unless `may_manage` lets the signed-in person in; its own
    staff find a clear page while a platform admin has archived it."""
    organisation = organisation_by_slug(slug)
    if organisation is None:
        abort(404)
    if not services.may_manage(current_user, organisation):
        abort(staff_refusal(organisation))
    return organisation


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
