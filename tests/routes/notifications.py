from . import Route, only, signed_in


def _learners_item(world, make):
    from notifications.kinds import Kind
    from notifications.services import notify

    item = notify(world.people["learner"], Kind.INTRODUCTION, "/mentoring", params={"name": "X"})
    world.extra["item"] = item.id


ROUTES = [
    Route("notifications.index", "GET", "/notifications/", signed_in()),
    Route("notifications.settings", "GET", "/notifications/settings", signed_in()),
    Route(
        "notifications.settings",
        "POST",
        "/notifications/settings",
        signed_in(),
        data=lambda w: {"message_received": "daily"},
    ),
    Route("notifications.read_all", "POST", "/notifications/read", signed_in()),
    # Only the person it is for can mark an item read; for anybody else it does not exist.
    Route(
        "notifications.read",
        "POST",
        lambda w: f"/notifications/{w.extra['item']}/read",
        only("learner", refused=404),
        setup=_learners_item,
    ),
]
