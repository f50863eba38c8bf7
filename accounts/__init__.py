from flask import Blueprint

bp = Blueprint("accounts", __name__)

from . import joining_views, members, views  # noqa: E402,F401
