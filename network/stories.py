"""Success stories: a participant writes one and sends it to staff; staff of the same
organisation publish it only while the author consents; the author withdraws consent at any time,
which takes it off the public page at once."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from flask import current_app
from flask_babel import lazy_gettext as _l

from accounts.models import Organisation, User
from accounts.services import may_manage
from extensions import Invalid, NotAllowed, NotFound, db, utcnow
from notifications import services as notifications
from notifications.kinds import Kind

from .models import LINE_MAX, STORY_MAX, TITLE_MAX, Photo, Story, StoryState
from .photos import CleanPhoto
from .services import require_participant

logger = logging.getLogger(__name__)

PUBLIC_PER_PAGE = 10
STAFF_LIMIT = 200


class StoryError(Invalid):
    pass


def _check(title: str, body: str, signature: str) -> tuple[str, str, str]:
    title, body, signature = (title or "").strip(), (body or "").strip(), (signature or "").strip()
    if not title:
        raise StoryError(_l("Give your story a title."), field="title")
    if len(title) > TITLE_MAX:
        raise StoryError(
            _l("Write the title in at most %(max)s characters.", max=TITLE_MAX), field="title"
        )
    if not body:
        raise StoryError(_l("Write your story first."), field="body")
    if len(body) > STORY_MAX:
        raise StoryError(
            _l(
                "Your story is too long: at most %(max)s characters, it has %(n)s.",
                max=f"{STORY_MAX:,}",
                n=f"{len(body):,}",
            ),
            field="body",
        )
    if len(signature) > LINE_MAX:
        raise StoryError(
            _l("Write the name in at most %(max)s characters.", max=LINE_MAX), field="signature"
        )
    return title, body, signature


def own_story(user: User, story_id: int) -> Story:
    story = db.session.get(Story, story_id)
    if story is None or story.author_id != user.id:
        raise NotFound
    return story


def stories_of(user: User, organisation: Organisation) -> list[Story]:
    return list(
        db.session.scalars(
            db.select(Story)
            .filter_by(author_id=user.id, organisation_id=organisation.id)
            .order_by(Story.created_at.desc(), Story.id.desc())
        )
    )


def save_story(
    user: User,
    organisation: Organisation,
    story: Story | None,
    *,
    title: str,
    body: str,
    signature: str,
    consent: bool,
    send: bool,
    photo: CleanPhoto | None = None,
    remove_photo: bool = False,
) -> Story:
    """Write or change my story. `send` hands it to staff; a change to a published story goes
    back to staff before it is shown again; no consent takes it off the public page."""
    require_participant(user, organisation)
    title, body, signature = _check(title, body, signature)
    if story is None:
        story = Story(
            organisation_id=organisation.id, author_id=user.id, state=StoryState.DRAFT.value
        )
        db.session.add(story)
    elif story.author_id != user.id:
        raise NotFound
    dropped = remove_photo and story.photo is not None
    changed = story.title != title or story.body != body or photo is not None or dropped
    story.title, story.body, story.signature = title, body, signature
    if photo is not None or remove_photo:
        _drop_photo(story)
    if photo is not None:
        story.photo = Photo(
            content_type=photo.content_type, data=photo.data, width=photo.width, height=photo.height
        )
    story.consent = bool(consent)
    story.updated_at = utcnow()
    if story.state == StoryState.PUBLISHED and (changed or not story.consent):
        _unpublish(story, StoryState.SUBMITTED if story.consent else StoryState.DRAFT)
    if send and story.state == StoryState.DRAFT:
        story.state = StoryState.SUBMITTED.value
        story.submitted_at = utcnow()
    db.session.flush()
    logger.info("story saved story=%s user=%s state=%s", story.id, user.id, story.state)
    return story


def _drop_photo(story: Story) -> None:
    """Deleted before a new one is added: one photo per story (a unique rule)."""
    if story.photo is not None:
        db.session.delete(story.photo)
        story.photo = None
        db.session.flush()


def _unpublish(story: Story, state: StoryState) -> None:
    story.state = state.value
    story.published_at = None
    story.published_by_id = None


def withdraw(user: User, story: Story) -> Story:
    """The author takes back consent: off the public page at once, back to a draft."""
    if story.author_id != user.id:
        raise NotFound
    story.consent = False
    _unpublish(story, StoryState.DRAFT)
    db.session.flush()
    logger.info("story withdrawn story=%s user=%s", story.id, user.id)
    return story


def delete_story(user: User, story: Story) -> None:
    if story.author_id != user.id:
        raise NotFound
    db.session.delete(story)  # its photo with it
    db.session.flush()
    logger.info("story deleted story=%s user=%s", story.id, user.id)


# --- staff ------------------------------------------------------------------------------------


def _staff_story(user: User, organisation: Organisation, story_id: int) -> Story:
    if not may_manage(user, organisation):
        raise NotAllowed
    story = db.session.get(Story, story_id)
    if story is None or story.organisation_id != organisation.id or story.state == StoryState.DRAFT:
        raise NotFound
    return story


def stories_for_staff(user: User, organisation: Organisation) -> list[Story]:
    """Sent and published stories of this organisation, newest first; drafts stay private."""
    if not may_manage(user, organisation):
        raise NotAllowed
    return list(
        db.session.scalars(
            db.select(Story)
            .where(Story.organisation_id == organisation.id, Story.state != StoryState.DRAFT.value)
            .order_by(Story.state.desc(), Story.submitted_at.desc(), Story.id.desc())
            .limit(STAFF_LIMIT)
        )
    )


def _story_link(story: Story) -> str:
    return current_app.url_map.bind("localhost").build(
        "network.public_story", {"slug": story.organisation.slug, "story_id": story.id}
    )


def publish(user: User, organisation: Organisation, story_id: int) -> Story:
    """Staff publish a sent story, only while its author consents."""
    story = _staff_story(user, organisation, story_id)
    if not story.consent:
        raise StoryError(
            _l("This story cannot be published: its author has not given consent to publish it.")
        )
    if story.state == StoryState.PUBLISHED:
        return story
    story.state = StoryState.PUBLISHED.value
    story.published_at = utcnow()
    story.published_by_id = user.id
    db.session.flush()
    notifications.notify(
        story.author,
        Kind.STORY_PUBLISHED,
        link=_story_link(story),
        params={"title": story.title},
        subject=f"story:{story.id}",
        organisation=organisation,
    )
    logger.info("story published story=%s staff=%s", story.id, user.id)
    return story


def take_down(user: User, organisation: Organisation, story_id: int) -> Story:
    """Staff take a published story off the page; it stays sent, to publish again later."""
    story = _staff_story(user, organisation, story_id)
    if story.state == StoryState.PUBLISHED:
        _unpublish(story, StoryState.SUBMITTED)
        db.session.flush()
        logger.info("story taken down story=%s staff=%s", story.id, user.id)
    return story


# --- published --------------------------------------------------------------------------------


@dataclass(frozen=True)
class StoryPage:
    items: list[Story]
    number: int
    has_next: bool


def published(organisation: Organisation, number: int = 1, per_page: int = PUBLIC_PER_PAGE):
    number = max(1, min(number, 10_000))
    rows = list(
        db.session.scalars(
            db.select(Story)
            .where(
                Story.organisation_id == organisation.id,
                Story.state == StoryState.PUBLISHED.value,
                Story.consent.is_(True),
            )
            .order_by(Story.published_at.desc(), Story.id.desc())
            .offset((number - 1) * per_page)
            .limit(per_page + 1)
        )
    )
    return StoryPage(rows[:per_page], number, len(rows) > per_page)


def published_story(organisation: Organisation, story_id: int) -> Story:
    story = db.session.get(Story, story_id)
    if (
        story is None
        or story.organisation_id != organisation.id
        or story.state != StoryState.PUBLISHED
        or not story.consent
    ):
        raise NotFound
    return story


def photo_for(user, story_id: int, photo_id: int) -> tuple[Photo, bool]:
    """The photo of a story, with whether it is public: published stories' photos to anyone,
    others only to the author and the organisation's staff."""
    photo = db.session.get(Photo, photo_id)
    if photo is None or photo.story_id != story_id:
        raise NotFound
    story = photo.story
    public = story.state == StoryState.PUBLISHED and story.consent
    if not public:
        signed_in = getattr(user, "is_authenticated", False)
        author = signed_in and story.author_id == user.id
        staff = story.state != StoryState.DRAFT and may_manage(user, story.organisation)
        if not (author or staff):
            raise NotFound
    return photo, public
