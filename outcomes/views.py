"""Pages of the outcomes feature (filled in by the outcomes work)."""
