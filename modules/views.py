"""Course pages: catalogue, overview, module, sections, cases, books, print."""

from . import bp  # noqa: F401
