"""What accounts announces to the floors above without importing them (blinker signals)."""

from blinker import Namespace

_signals = Namespace()

# Sent with the user as sender and `organisation` when a person joined through a page that showed
# the organisation's privacy notice link (accepting an invitation, confirming a join code).
joined_organisation = _signals.signal("joined-organisation")
