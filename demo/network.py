"""Demo network: a mentor and a learner in the directory, and one published success story."""

from __future__ import annotations

from network import services as network
from network import stories

from .people import Cast

LISTINGS = (
    ("mentors", 0, "Utrecht", "it", "Websites, social media and online shops.", ""),
    ("learners", 1, "Amersfoort", "hospitality", "Thirty years as a baker.", "Help with prices."),
)


def load(cast: Cast) -> None:
    organisation = cast.organisation
    for group, index, region, sector, offer, looking_for in LISTINGS:
        person = getattr(cast, group)[index]
        if network.listing_of(person, organisation) is None:
            network.save_listing(
                person,
                organisation,
                region=region,
                sector=sector,
                offer=offer,
                looking_for=looking_for,
                show_email=False,
            )
    author = cast.learners[1]
    if not stories.stories_of(author, organisation):
        story = stories.save_story(
            author,
            organisation,
            None,
            title="From the factory floor to my own bakery",
            body="At 52 I lost my job. The course helped me count what a loaf really costs, "
            "and my mentor built my first web page with me.\n\nSix months later the shop is open.",
            signature="Henk",
            consent=True,
            send=True,
        )
        stories.publish(cast.staff, organisation, story.id)
