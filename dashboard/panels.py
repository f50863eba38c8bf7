"""Which panels the dashboard shows a person, in order. Each panel lives in its own file here."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import current_app


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict = field(default_factory=dict)


def for_person(user, organisation, roles) -> list[Panel]:
    from . import learning, logbook, mentoring, staff

    if organisation is None:
        return []
    built = (
        _news(user),
        _follow_ups(user),
        learning.panel(user, organisation, roles),
        logbook.panel(user, organisation, roles),
        mentoring.panel(user, organisation, roles),
        staff.panel(user, organisation, roles),
        *_wired(user, organisation, roles),
    )
    return [panel for panel in built if panel is not None]


def _wired(user, organisation, roles) -> list[Panel | None]:
    """Panels of features on this floor, handed in by app.py as functions that return
    (template, context) or None: the dashboard never imports its siblings."""
    panels: list[Panel | None] = []
    for make in current_app.extensions.get("dashboard_panels", ()):
        made = make(user, organisation, roles)
        panels.append(Panel(*made) if made else None)
    return panels


def _follow_ups(user) -> Panel | None:
    """A notice while follow-up questions after leaving wait for an answer."""
    from outcomes.services import open_follow_ups

    waiting = open_follow_ups(user.id)
    return Panel("outcomes/_dashboard.html", {"open_follow_ups": waiting}) if waiting else None


def _news(user) -> Panel | None:
    """The newest unread items of the notification centre, while there are any."""
    from notifications.services import latest_unread

    items = latest_unread(user.id)
    return Panel("notifications/_dashboard.html", {"items": items}) if items else None
