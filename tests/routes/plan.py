"""Route inventory of the business plan: the documents and the readiness checklist. There is no
id in these addresses: each learner reaches only their own plan; mentors, staff and the platform
admin are refused (a mentor reads submitted entries on the mentor's pages, never the plan)."""

from . import Route
from .logbook import LEARNERS

ROUTES = [
    Route("logbook.plan_docx", "GET", "/logbook/plan.docx", LEARNERS),
    Route("logbook.plan_pdf", "GET", "/logbook/plan.pdf", LEARNERS),
    Route("logbook.plan_ready", "GET", "/logbook/plan/ready", LEARNERS),
]
