"""Route inventory of the network and success stories. The directory and its messages are for
the learners and mentors of the organisation (403 to staff and admins, who take no part in it);
a story is its author's (404 to anybody else); staff of its organisation publish (403 to others);
the organisation's page and published stories are public."""

from __future__ import annotations

import io

from PIL import Image

from . import LOGIN, OK, Route, everyone, only

PARTICIPANTS = ("learner", "other_learner", "mentor", "other_mentor")


def png_bytes(size=(40, 30), colour=(200, 80, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def network_setup(world, make) -> None:
    """The other learner is listed and the learner wrote to them; the learner's story, with a photo,
    is published with consent."""
    from extensions import db
    from network import services, stories
    from network.photos import clean_photo

    org, people = world.organisation, world.people
    services.save_listing(
        people["other_learner"],
        org,
        region="Utrecht",
        sector="retail",
        offer="Twenty years in a shop",
        looking_for="",
        show_email=False,
    )
    services.send_message(people["learner"], org, people["other_learner"].id, "Hello there")
    story = stories.save_story(
        people["learner"],
        org,
        None,
        title="From the office to my own bakery",
        body="It took a year.",
        signature="Marianne",
        consent=True,
        send=True,
        photo=clean_photo(png_bytes()),
    )
    stories.publish(people["staff"], org, story.id)
    db.session.commit()
    world.extra.update(story=story.id, photo=story.photo_id)


participants = only(*PARTICIPANTS)
# Writing to the listed other learner: they cannot write to themselves.
to_listed = {**participants, "other_learner": 404}
# The learner's conversation with the other learner: nobody else has one with them.
conversation = {
    **only("learner", refused=404),
    **dict.fromkeys(("staff", "staff_other_org", "admin"), 403),
}
own_story = {
    **only("learner", refused=404),
    **dict.fromkeys(("staff", "staff_other_org", "admin"), 403),
}
staff = only("staff", "admin")


def story_url(suffix=""):
    return lambda w: f"/stories/{w.extra['story']}{suffix}"


def staff_url(suffix):
    return lambda w: f"/o/{w.organisation.slug}/stories/{w.extra['story']}{suffix}"


STORY = {"title": "My story", "body": "How I began.", "consent": "y"}

ROUTES = [
    Route("network.index", "GET", "/network/", participants),
    Route("network.me", "GET", "/network/me", participants),
    Route("network.me", "POST", "/network/me", participants, data=lambda w: {"offer": "Help"}),
    Route("network.leave", "POST", "/network/me/leave", participants),
    Route(
        "network.write",
        "GET",
        lambda w: f"/network/people/{w.people['other_learner'].id}/write",
        to_listed,
        setup=network_setup,
    ),
    Route(
        "network.write",
        "POST",
        lambda w: f"/network/people/{w.people['other_learner'].id}/write",
        to_listed,
        setup=network_setup,
        data=lambda w: {"body": "Shall we meet?"},
    ),
    Route("network.messages", "GET", "/network/messages", participants),
    Route(
        "network.conversation",
        "GET",
        lambda w: f"/network/messages/{w.people['other_learner'].id}",
        conversation,
        setup=network_setup,
    ),
    Route("network.my_stories", "GET", "/stories/", participants),
    Route("network.new_story", "GET", "/stories/new", participants),
    Route("network.new_story", "POST", "/stories/new", participants, data=lambda w: STORY),
    Route("network.edit_story", "GET", story_url(), own_story, setup=network_setup),
    Route(
        "network.edit_story",
        "POST",
        story_url(),
        own_story,
        setup=network_setup,
        data=lambda w: STORY,
    ),
    Route(
        "network.withdraw_story",
        "POST",
        story_url("/withdraw"),
        only("learner", refused=404),
        setup=network_setup,
    ),
    Route(
        "network.delete_story",
        "POST",
        story_url("/delete"),
        only("learner", refused=404),
        setup=network_setup,
    ),
    Route(
        "network.staff_stories",
        "GET",
        lambda w: f"/o/{w.organisation.slug}/stories/manage",
        staff,
    ),
    Route("network.publish_story", "POST", staff_url("/publish"), staff, setup=network_setup),
    Route("network.take_down_story", "POST", staff_url("/take-down"), staff, setup=network_setup),
    Route("network.public_page", "GET", lambda w: f"/o/{w.organisation.slug}", everyone()),
    Route(
        "network.public_story",
        "GET",
        lambda w: f"/o/{w.organisation.slug}/stories/{w.extra['story']}",
        everyone(),
        setup=network_setup,
    ),
    Route(
        "network.photo",
        "GET",
        lambda w: f"/stories/{w.extra['story']}/photo/{w.extra['photo']}",
        everyone(),
        setup=network_setup,
    ),
]

__all__ = ["LOGIN", "OK", "ROUTES"]
