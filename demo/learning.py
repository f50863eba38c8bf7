"""Demo data for learning."""

from __future__ import annotations

from .people import Cast


def load(cast: Cast) -> None:
    """Nothing yet."""
