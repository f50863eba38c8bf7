"""Help for each role: Markdown pages in content/help/, loaded once at start, searchable."""

from flask import Blueprint

bp = Blueprint("helpcentre", __name__, url_prefix="/help")

from . import models, views  # noqa: E402,F401
