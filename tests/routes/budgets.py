"""Route inventory of the budgets: each learner reaches only their own budgets (the pages show
the signed-in learner's); a saved version exists only for its own learner."""

from logbook import services

from . import Route
from .logbook import COURSE, LEARNERS, OWN_ENTRY, organisation_of

B = f"/logbook/{COURSE}/budgets"


def _saved(world, make):
    learner = world.learner
    services.save_budget(
        learner,
        organisation_of(learner),
        COURSE,
        "investment",
        {"rows": [{"label": "Van", "amount": 1000000}]},
        0,
    )


ROUTES = [
    Route("logbook.budgets", "GET", f"{B}/", LEARNERS),
    Route("logbook.budget", "GET", f"{B}/investment", LEARNERS),
    Route(
        "logbook.budget",
        "POST",
        f"{B}/cashflow",
        LEARNERS,
        data=lambda w: {"base_version": 0, "action": "more"},
    ),
    Route("logbook.budget_revision", "GET", f"{B}/investment/revisions/1", OWN_ENTRY, setup=_saved),
    Route(
        "logbook.budget_restore",
        "POST",
        f"{B}/investment/revisions/1/restore",
        OWN_ENTRY,
        data=lambda w: {"base_version": 1},
        setup=_saved,
    ),
]
