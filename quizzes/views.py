"""Quiz pages: attempts, questions, check, results."""

from . import bp  # noqa: F401
