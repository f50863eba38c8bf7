"""The dashboard's staff panel: the mentoring programme's to-do, three counts in a fixed number
of statements (never a list of the organisation's pairs or people)."""

from __future__ import annotations

from accounts.services import may_manage
from extensions import db, utcnow
from logbook import services as logbook
from mentoring import services
from mentoring.health import Health
from mentoring.models import MatchProposal, MatchRound, ProposalState

from .panels import Panel


def panel(user, organisation, roles) -> Panel | None:
    if not may_manage(user, organisation):
        return None
    now = utcnow()
    waits = logbook.waiting_days_by_learner(organisation.id, None, now)
    tally = services.health_tally(services.running_health(organisation, now, waits))
    to_review = db.session.scalar(
        db.select(db.func.count(MatchProposal.id))
        .join(MatchRound)
        .filter(MatchRound.organisation_id == organisation.id)
        .filter(MatchProposal.state == ProposalState.PROPOSED.value)
    )
    return Panel(
        "mentoring/_staff_dashboard.html",
        {
            "checkins_needed": tally[Health.NEEDS_CHECKIN] + tally[Health.STALLED],
            "proposals_to_review": to_review or 0,
            "without_survey": services.without_survey_count(organisation),
        },
    )
