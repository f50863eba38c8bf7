"""After sign-in: a page view of someone whose organisation changed its notice goes by the notice
first. Signing in (with the form or a remember cookie) marks the session; the first page views
after it cost one query, until nothing is waiting and the mark goes. Only GET page views are
turned aside, never a form being sent, a script's fetch, JSON or autosave."""

from __future__ import annotations

from flask import redirect, request, session, url_for
from flask_login import current_user

from . import bp, services

TO_CHECK = "notice_to_check"  # set at sign-in, gone once no newer notice is waiting
# Pages a person must always reach: the notice itself, signing out, and the public pages.
EXEMPT = {"notice.changed", "notice.public", "accounts.logout", "accounts.login"}


def mark_signed_in(_sender=None, **_extra) -> None:
    session[TO_CHECK] = True


def _page_view() -> bool:
    if request.method != "GET" or request.endpoint is None:
        return False
    if request.endpoint in EXEMPT or request.endpoint.endswith("static"):
        return False
    if request.is_json or request.headers.get("X-Requested-With"):
        return False
    if request.headers.get("Sec-Fetch-Mode", "navigate") != "navigate":  # a script's fetch
        return False
    best = request.accept_mimetypes.best
    return best in (None, "*/*", "text/html") or request.accept_mimetypes.accept_html


@bp.before_app_request
def show_changed_notice():
    if not session.get(TO_CHECK) or not _page_view() or not current_user.is_authenticated:
        return None
    if services.changed_for(current_user.id) is None:
        session.pop(TO_CHECK, None)
        return None
    return redirect(url_for("notice.changed", next=request.full_path.rstrip("?")))
