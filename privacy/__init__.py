"""Privacy: collecting each feature's provider (personal_data.py), "Download my data" and,
next, the notice, erasure and purge."""

from flask import Blueprint

bp = Blueprint("privacy", __name__)

from . import deletion_views, models, views  # noqa: E402,F401
