"""What every staff page of an organisation needs: the organisation, for its staff only."""

from flask import abort
from flask_login import current_user

from accounts import services
from accounts.context import organisation_by_slug


def staff_organisation(slug: str):
    """The organisation, or 404; 403 unless the signed-in person is its staff or an admin."""
    organisation = organisation_by_slug(slug)
    if organisation is None:
        abort(404)
    try:
        services.require_staff(current_user, organisation)
    except services.PermissionDenied:
        abort(403)
    return organisation
