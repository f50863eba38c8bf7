"""The notification centre for every feature: items with a link to the thing itself, unread
counts, each person's email preference per kind of event, and daily and weekly digests."""

from flask import Blueprint

bp = Blueprint("notifications", __name__, url_prefix="/notifications")

from . import views  # noqa: E402,F401


@bp.app_template_global("message_of")
def _message_of(item):
    from .services import message_of

    return message_of(item)
