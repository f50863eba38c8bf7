from flask import Blueprint

bp = Blueprint("logbook", __name__)

from . import models  # noqa: E402,F401
from .views import budgets, learner, mentor, plan_ready, staff, takeaway  # noqa: E402,F401
