from flask import Blueprint

bp = Blueprint("quizzes", __name__)

from . import views  # noqa: E402,F401
