"""Route inventory of the privacy notice: public to read, its organisation's staff (and platform
admins) edit it, and the page of a changed notice is for anyone signed in (it sends on whoever
has nothing new to read)."""

from . import Route, everyone, only, signed_in

staff = only("staff", "admin")


def edit_url(world):
    return f"/organisations/{world.organisation.slug}/privacy-notice"


ROUTES = [
    Route("notice.public", "GET", lambda w: f"/o/{w.organisation.slug}/privacy", everyone()),
    Route("notice.edit", "GET", edit_url, staff),
    Route(
        "notice.edit",
        "POST",
        edit_url,
        staff,
        data=lambda w: {"text_en": "Our notice", "text_nl": "Onze uitleg"},
    ),
    Route("notice.changed", "GET", "/privacy-notice/changed", signed_in()),
    Route("notice.changed", "POST", "/privacy-notice/changed", signed_in()),
]
