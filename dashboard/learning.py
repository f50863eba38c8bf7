"""The dashboard's learning panel: continue where you left off, and each course's progress."""

from __future__ import annotations

from accounts.models import Role
from modules import services as modules

from .panels import Panel


def panel(user, organisation, roles) -> Panel | None:
    if Role.LEARNER not in roles:
        return None
    courses = modules.offered_courses(organisation.id)
    progress = [modules.course_progress(user.id, course) for course in courses]
    return Panel("modules/_dashboard.html", {"course_progress": progress})
