"""The dashboard's logbook panel: a learner's entries by state and unread replies; a mentor's
inbox count."""

from __future__ import annotations

from accounts.models import Role
from logbook import services
from logbook.models import EntryState

from .panels import Panel


def panel(user, organisation, roles) -> Panel | None:
    learner, mentor = Role.LEARNER in roles, Role.MENTOR in roles
    if not (learner or mentor):
        return None
    context: dict = {"logbook_learner": learner, "logbook_mentor": mentor}
    if learner:
        states = [e.state for e in services.entries_of(user.id).values()]
        context["logbook_counts"] = {
            "draft": sum(s in (EntryState.DRAFT, EntryState.REVISED) for s in states),
            "submitted": states.count(EntryState.SUBMITTED),
            "feedback": states.count(EntryState.FEEDBACK_GIVEN),
        }
    if mentor:
        context["logbook_inbox"] = len(services.inbox(user, organisation))
    return Panel("logbook/_dashboard.html", context)
