"""The privacy notice of each organisation: a default text until its staff save their own (each
save a new numbered version), shown at joining and again at the next sign-in once it changed."""

from flask import Blueprint

bp = Blueprint("notice", __name__)

from . import gate, models, views  # noqa: E402,F401


def _record_at_joining(user, organisation, **_extra) -> None:
    """Joining showed the notice's link: the version the person saw is on record."""
    from .services import record_seen

    record_seen(user.id, organisation)


def listen() -> None:
    from flask_login import user_loaded_from_cookie, user_logged_in

    from accounts.events import joined_organisation

    from .gate import mark_signed_in

    joined_organisation.connect(_record_at_joining)
    user_logged_in.connect(mark_signed_in)
    user_loaded_from_cookie.connect(mark_signed_in)
