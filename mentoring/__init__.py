from flask import Blueprint

bp = Blueprint("mentoring", __name__)

from . import views, views_messages  # noqa: E402,F401
