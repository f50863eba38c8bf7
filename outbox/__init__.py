"""Every outgoing email: queued in the request's transaction, sent after the commit, retried."""

from flask import Blueprint

bp = Blueprint("outbox", __name__, url_prefix="/outbox")

from . import views  # noqa: E402,F401
