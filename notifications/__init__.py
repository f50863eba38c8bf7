"""The notification centre for every feature: items with a link to the thing itself, unread
counts, each person's email preference per kind of event, and daily and weekly digests."""

from flask import Blueprint

bp = Blueprint("notifications", __name__, url_prefix="/notifications")

from . import views  # noqa: E402,F401


@bp.app_template_global("message_of")
def _message_of(item):
    from .services import message_of

    return message_of(item)


@bp.app_template_global("unread_notifications")
def _unread_notifications() -> int:
    """The header's count: one small query per page for a signed-in person."""
    from flask_login import current_user

    from .services import unread_count

    return unread_count(current_user.id) if current_user.is_authenticated else 0
