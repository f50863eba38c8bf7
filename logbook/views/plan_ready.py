"""The readiness checklist: the learner's plan held against what an adviser checks."""

from __future__ import annotations

from flask import render_template
from flask_login import current_user, login_required

from accounts.models import Role

from .. import bp
from ..services.plan import plan_readiness
from . import courses_of, lang, organisation_as


@bp.get("/logbook/plan/ready")
@login_required
def plan_ready():
    organisation = organisation_as(Role.LEARNER)
    checks = plan_readiness(current_user, courses_of(organisation), lang())
    return render_template(
        "logbook/plan_ready.html", checks=checks, open=[c for c in checks if not c.ok]
    )
