"""Mentoring pages: intake, proposals, charter, meetings (built by the mentoring programme)."""

from . import bp  # noqa: F401
