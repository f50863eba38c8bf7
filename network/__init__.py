"""The network of participants (an opt-in directory per organisation, with direct messages) and
success stories (written by participants, published by staff with the author's consent, shown on
the organisation's public page and the learners' dashboard)."""

from flask import Blueprint

bp = Blueprint("network", __name__)

from . import views, views_public, views_stories  # noqa: E402,F401


def dashboard_panel(user, organisation, roles):
    """The learners' and mentors' panel: the newest published stories and the way into the
    network, as (template, context) for the dashboard."""
    from accounts.models import Role

    from .stories import published

    if organisation is None or not roles & {Role.LEARNER, Role.MENTOR}:
        return None
    page = published(organisation, per_page=3)
    return (
        "network/_dashboard.html",
        {"stories": page.items, "story_organisation": organisation},
    )
