"""Staff of the issuing organisation: the credentials it issued, and withdrawing one."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from accounts.models import Organisation
from accounts.services import may_manage
from extensions import db

from . import bp, services
from .forms import RevokeForm
from .models import Credential


@bp.get("/organisations/<slug>/certificates")
@login_required
def issued(slug):
    organisation = db.session.scalar(db.select(Organisation).filter_by(slug=slug))
    if organisation is None:
        abort(404)
    if not may_manage(current_user, organisation):
        abort(403)
    return render_template(
        "credentials/issued.html",
        organisation=organisation,
        credentials=services.issued_by(organisation),
        form=RevokeForm(),
    )


@bp.post("/certificates/<credential_id>/revoke")
@login_required
def revoke(credential_id):
    row = db.session.get(Credential, credential_id[:32])
    if row is None:
        abort(404)
    if not may_manage(current_user, row.organisation):
        abort(403)
    form = RevokeForm()
    if not form.validate_on_submit():
        flash(_("Write why the certificate is withdrawn."), "error")
        return redirect(url_for("credentials.issued", slug=row.organisation.slug))
    services.revoke(current_user, row.id, form.reason.data)
    flash(_("The certificate is withdrawn. Anyone who checks it now sees why."), "success")
    return redirect(url_for("credentials.issued", slug=row.organisation.slug))
