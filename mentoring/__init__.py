from flask import Blueprint

bp = Blueprint("mentoring", __name__)

from . import views, views_messages  # noqa: E402,F401

# isort: split
from . import views_meetings  # noqa: E402,F401
