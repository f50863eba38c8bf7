"""Route inventory of Download my data: everyone signed in has their own page and may ask for a
copy; an archive is its owner's only (404 for anybody else)."""

from privacy.services import request_export

from . import Route, only, signed_in


def _learners_archive(world, make):
    world.extra["export"] = request_export(world.learner).id


ROUTES = [
    Route("privacy.my_data", "GET", "/account/my-data", signed_in()),
    Route("privacy.ask_for_data", "POST", "/account/my-data", signed_in()),
    Route(
        "privacy.download",
        "GET",
        lambda w: f"/account/my-data/{w.extra['export']}/download",
        only("learner", refused=404),
        setup=_learners_archive,
    ),
]

# --- erasure ---
STAFF = only("staff", "admin")
ROUTES += [
    Route("privacy.delete_account", "GET", "/account/delete", signed_in()),
    # Without a password the page comes back with the error: nothing is asked.
    Route("privacy.delete_account", "POST", "/account/delete", signed_in()),
    Route(
        "privacy.erase_member",
        "POST",
        lambda w: f"/organisations/{w.organisation.slug}/people/{w.learner.id}/erase",
        STAFF,
    ),
    Route(
        "privacy.retention",
        "GET",
        lambda w: f"/organisations/{w.organisation.slug}/retention",
        STAFF,
    ),
    Route(
        "privacy.retention",
        "POST",
        lambda w: f"/organisations/{w.organisation.slug}/retention",
        STAFF,
    ),
]
