from flask import Blueprint

bp = Blueprint("logbook", __name__)

from . import views  # noqa: E402,F401
