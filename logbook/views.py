"""Logbook pages for learners and mentors."""

from . import bp  # noqa: F401
