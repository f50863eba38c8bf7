"""Staff pages of the mentoring programme: matching rounds, pairs, health and check-ins."""

from . import bp  # noqa: F401
