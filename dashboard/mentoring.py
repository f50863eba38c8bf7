"""The dashboard's mentoring panel: your mentor or mentees, proposals to answer, a charter to
sign, the next meeting due."""

from __future__ import annotations

from accounts.models import Role
from extensions import utcnow
from mentoring import services
from mentoring.models import PairState

from .panels import Panel


def panel(user, organisation, roles) -> Panel | None:
    if not roles & {Role.LEARNER, Role.MENTOR}:
        return None
    pairs = services.pairs_of(user, organisation.id)
    now = utcnow()
    running = [p.id for p in pairs if p.is_current]
    # Charters and health of all the person's running pairs: a fixed number of statements.
    charters = services.current_charters(running)
    health = {
        s.pair.id: s.health
        for s in services.pair_statuses(organisation, now, None, pair_ids=running)
    }
    current = []
    for pair in pairs:
        if not pair.is_current:
            continue
        charter = charters.get(pair.id)
        side = pair.side_of(user.id)
        current.append(
            {
                "pair": pair,
                "other": pair.other(user.id),
                "side": side,
                "to_sign": charter is not None and getattr(charter, f"{side}_signed_at") is None,
                "no_charter": charter is None,
                "health": health[pair.id],
            }
        )
    return Panel(
        "mentoring/_dashboard.html",
        {
            "mentoring_survey": services.survey_of(user.id, organisation.id),
            "mentoring_waiting": [
                p
                for p in pairs
                if p.state == PairState.PROPOSED.value and not services.has_answered(p, user.id)
            ],
            "mentoring_current": current,
        },
    )
