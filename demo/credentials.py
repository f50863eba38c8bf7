"""The demo organisation's signing key, so its learners can collect a certificate at once."""

from credentials import keys


def load(cast) -> None:
    if not keys.has_key(cast.organisation.slug):
        keys.make_key(cast.organisation.slug)
