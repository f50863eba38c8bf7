"""Outcomes a funder counts: a person's status at entry, their leaving, and the follow-ups at
leaving, +6 and +12 months answered through a signed one-time link, in the app or by phone."""

from flask import Blueprint

bp = Blueprint("outcomes", __name__, url_prefix="/outcomes")

from . import views  # noqa: E402,F401
