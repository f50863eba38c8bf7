from flask import Blueprint

bp = Blueprint("organisations", __name__, url_prefix="/organisations")

from . import courses, learners, leaving, member_import, members, programme, views  # noqa: E402,F401
from .reports import views as report_views  # noqa: E402,F401
