from flask import Blueprint

bp = Blueprint("accounts", __name__)

from . import members, views  # noqa: E402,F401
