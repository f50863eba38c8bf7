"""The organisation's public page with its published stories, and the stories' photos."""

from __future__ import annotations

from flask import abort, make_response, render_template, request
from flask_login import current_user

from accounts.context import organisation_by_slug

from . import bp, stories


def _open_organisation(slug: str):
    organisation = organisation_by_slug(slug)
    if organisation is None or organisation.is_archived:
        abort(404)
    return organisation


@bp.get("/o/<slug>")
def public_page(slug):
    organisation = _open_organisation(slug)
    page = stories.published(organisation, request.args.get("page", 1, type=int))
    return render_template("network/public_page.html", public=organisation, page=page)


@bp.get("/o/<slug>/stories/<int:story_id>")
def public_story(slug, story_id):
    organisation = _open_organisation(slug)
    story = stories.published_story(organisation, story_id)
    return render_template("network/public_story.html", public=organisation, story=story)


@bp.get("/stories/<int:story_id>/photo/<int:photo_id>")
def photo(story_id, photo_id):
    """A photo never changes under its address (a new one gets a new id): the ETag answers a
    browser's second look with 304. Caches keep it ten minutes only, so a story whose author
    withdrew consent is soon gone from them too; an unpublished one only in a private cache."""
    found, public = stories.photo_for(current_user, story_id, photo_id)
    etag = f"photo-{found.id}"
    response = make_response(found.data)
    response.headers["Content-Type"] = found.content_type
    response.set_etag(etag)
    response.headers["Cache-Control"] = "public, max-age=600" if public else "private, max-age=600"
    return response.make_conditional(request)
