"""Demo data for a newcomer's first look: `flask demo load`, safe to run again."""
