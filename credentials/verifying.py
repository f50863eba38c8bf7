"""Checking a credential the way an employer or a lender would: the signature against the
issuing organisation's published key, then the revocation list. Says the outcome in words."""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import jwt
from flask import current_app
from werkzeug.exceptions import HTTPException

from accounts.models import Organisation
from extensions import db

from . import keys
from .models import Credential
from .services import issuer_id, verify_url

if TYPE_CHECKING:  # openbadgeslib is imported when a credential is checked
    from openbadgeslib.ob3 import OpenBadgeCredential

logger = logging.getLogger(__name__)

TOKEN_MAX = 100_000


class Verdict(enum.StrEnum):
    VALID = "valid"
    REVOKED = "revoked"
    UNTRUSTED = "untrusted"  # the signature does not match the issuer's published key
    UNKNOWN = "unknown"  # unreadable, or not issued through this Herstart


@dataclass(frozen=True)
class Outcome:
    verdict: Verdict
    credential: OpenBadgeCredential | None = None  # only when the signature holds
    row: Credential | None = None
    organisation: Organisation | None = None

    @property
    def earner(self) -> str:
        if self.credential is None:
            return ""
        names = [i.identity_hash for i in self.credential.identifiers if i.identity_type == "name"]
        return names[0] if names else ""

    @property
    def issued_at(self) -> datetime | None:
        return self.credential.issuance_date if self.credential else None


def _signed(token: str, organisation: Organisation) -> OpenBadgeCredential | None:
    """The credential if `token` carries this organisation's valid signature, else None."""
    pem = keys.public_pem(organisation.slug)
    if pem is None:
        return None
    from openbadgeslib.ob3 import OB3Verifier
    from openbadgeslib.ob3.verifier import OB3VerificationError

    try:
        credential = OB3Verifier(pem).verify(token)
    except OB3VerificationError as error:
        logger.info("credential refused organisation=%s: %s", organisation.id, error)
        return None
    if credential.issuer.id != issuer_id(organisation):
        return None
    return credential


def check_stored(row: Credential) -> Outcome:
    """The credential behind a share link: the stored copy must still carry a valid signature."""
    organisation = row.organisation
    credential = _signed(row.jwt, organisation)
    if credential is None or credential.id != verify_url(row.id):
        return Outcome(Verdict.UNTRUSTED, row=row, organisation=organisation)
    verdict = Verdict.REVOKED if row.is_revoked else Verdict.VALID
    return Outcome(verdict, credential, row, organisation)


def _organisation_of(issuer: object) -> Organisation | None:
    """The organisation a credential names as its issuer, if that is one of ours."""
    if not isinstance(issuer, str):
        return None
    try:
        endpoint, values = current_app.url_map.bind("localhost").match(
            urlsplit(issuer).path, method="GET"
        )
    except HTTPException:
        return None
    if endpoint != "credentials.issuer":
        return None
    organisation = db.session.scalar(db.select(Organisation).filter_by(slug=values["slug"]))
    if organisation is None or issuer_id(organisation) != issuer:
        return None
    return organisation


def check_token(token: str) -> Outcome:
    """A credential someone pasted: whose key should have signed it, whether it did, and
    whether the credential was withdrawn since."""
    token = "".join((token or "").split())
    if not token or len(token) > TOKEN_MAX:
        return Outcome(Verdict.UNKNOWN)
    try:
        claims = jwt.decode(token, options={"verify_signature": False})
    except (jwt.InvalidTokenError, ValueError, RecursionError):
        return Outcome(Verdict.UNKNOWN)
    if not isinstance(claims, dict):
        return Outcome(Verdict.UNKNOWN)
    organisation = _organisation_of(claims.get("iss"))
    if organisation is None:
        return Outcome(Verdict.UNKNOWN)
    credential = _signed(token, organisation)
    if credential is None:
        return Outcome(Verdict.UNTRUSTED, organisation=organisation)
    credential_id = str(credential.id or "").rsplit("/", 1)[-1]
    row = db.session.get(Credential, credential_id) if credential_id else None
    if row is None or verify_url(row.id) != credential.id or row.organisation_id != organisation.id:
        return Outcome(Verdict.UNKNOWN, organisation=organisation)
    verdict = Verdict.REVOKED if row.is_revoked else Verdict.VALID
    return Outcome(verdict, credential, row, organisation)
