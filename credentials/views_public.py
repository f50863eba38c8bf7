"""Public pages, no sign-in: /verify for anyone who was shown a certificate, and the
organisation's issuer profile and public key that the check relies on."""

from __future__ import annotations

from flask import abort, jsonify, render_template

from accounts.models import Organisation
from extensions import db, limiter

from . import bp, keys, services, verifying
from .forms import CheckForm
from .models import Credential


def _organisation_or_404(slug: str) -> Organisation:
    organisation = db.session.scalar(db.select(Organisation).filter_by(slug=slug))
    if organisation is None:
        abort(404)
    return organisation


@bp.get("/verify/<credential_id>")
def verify(credential_id):
    row = db.session.get(Credential, credential_id[:32])
    if row is None:
        abort(404)
    outcome = verifying.check_stored(row)
    return render_template("credentials/verify.html", outcome=outcome, Verdict=verifying.Verdict)


@bp.route("/verify", methods=["GET", "POST"])
@limiter.limit("30 per minute")
def check():
    form = CheckForm()
    outcome = None
    if form.validate_on_submit():
        outcome = verifying.check_token(form.token.data)
    return render_template(
        "credentials/check.html", form=form, outcome=outcome, Verdict=verifying.Verdict
    )


@bp.get("/o/<slug>/credentials/issuer")
def issuer(slug):
    """The issuer profile every credential names: who the organisation is and its key."""
    organisation = _organisation_or_404(slug)
    jwk = keys.public_jwk(organisation.slug)
    profile = {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": services.issuer_id(organisation),
        "type": ["Profile"],
        "name": organisation.name,
    }
    if jwk is not None:
        profile["publicKey"] = jwk
    return jsonify(profile)


@bp.get("/o/<slug>/credentials/key")
def public_key(slug):
    """The organisation's public key as a JWK: what /verify checks every signature against."""
    organisation = _organisation_or_404(slug)
    jwk = keys.public_jwk(organisation.slug)
    if jwk is None:
        abort(404)
    return jsonify(jwk)
