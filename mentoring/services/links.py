"""Local links for the notification centre, built without a request (CLI commands too)."""

from __future__ import annotations

from flask import current_app


def local_link(endpoint: str, **values) -> str:
    """The path of a page ("/mentoring/pairs/3/charter"), never an absolute URL."""
    return current_app.url_map.bind("localhost").build(endpoint, values)
