"""Open Badges 3.0 certificates: a course certificate for a learner who finished, a reverse
mentor credential for a mentor whose pair closed its evaluation, /verify, and revocation."""

from flask import Blueprint

bp = Blueprint("credentials", __name__)

from . import views, views_public, views_staff  # noqa: E402,F401


@bp.app_template_global("certificate_offers")
def _certificate_offers(user, organisation):
    """The dashboard's "Your certificate" panel: what this person has earned or can collect."""
    from flask_babel import get_locale

    from .services import offers_for

    if organisation is None or not getattr(user, "is_authenticated", False):
        return []
    return offers_for(user, organisation, str(get_locale()))
