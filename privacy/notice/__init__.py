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
    from accounts.events import joined_organisation

    joined_organisation.connect(_record_at_joining)
