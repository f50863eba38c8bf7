"""The dashboard's logbook panel."""

from __future__ import annotations

from .panels import Panel


def panel(user, organisation, roles) -> Panel | None:
    return None
