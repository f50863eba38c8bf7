"""Route inventory of the staff side of outcomes: a learner's leaving, phone answers and the
per-person file. Staff of the organisation and platform admins only."""

from __future__ import annotations

from datetime import date

from outcomes.models import LeavingReason
from outcomes.services import record_departure

from . import Route, only

STAFF = only("staff", "admin")


def learner(tail):
    return lambda w: f"/organisations/{w.organisation.slug}/learners/{w.learner.id}{tail}"


def _left(world, make):
    record_departure(
        world.learner,
        world.organisation,
        reason=LeavingReason.FINISHED,
        left_on=date.today(),
        recorded_by=world.people["staff"],
    )


ROUTES = [
    Route(
        "organisations.learner_leaving",
        "POST",
        learner("/leaving"),
        STAFF,
        data=lambda w: {"reason": "finished", "left_on": date.today().isoformat()},
    ),
    Route(
        "organisations.learner_leaving_undo", "POST", learner("/leaving/undo"), STAFF, setup=_left
    ),
    Route(
        "organisations.learner_phone_answer",
        "POST",
        learner("/follow-ups/leaving"),
        STAFF,
        data=lambda w: {"leaving-situation": "employed"},
        setup=_left,
    ),
    Route(
        "organisations.report_participants",
        "GET",
        lambda w: (
            f"/organisations/{w.organisation.slug}/reports/participants.csv"
            f"?start=2020-01-01&end={date.today().isoformat()}"
        ),
        STAFF,
    ),
]
