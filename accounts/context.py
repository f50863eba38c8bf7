"""What every request needs to know about the person: organisation, language, display settings."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, g, has_request_context, request, session
from flask_login import current_user

from extensions import db

from .models import Contrast, Organisation, TextSize

LANGUAGE_COOKIE = "lang"
TEXT_SIZE_COOKIE = "text_size"
CONTRAST_COOKIE = "contrast"
ORG_SESSION_KEY = "organisation_id"
COOKIE_AGE = 365 * 24 * 3600


def current_organisation() -> Organisation | None:
    """The organisation the signed-in person is working in: the one they chose, else their first."""
    if "organisation" in g:
        return g.organisation
    organisation = None
    if current_user.is_authenticated:
        organisations = [o for o in current_user.organisations if not o.is_archived]
        chosen = session.get(ORG_SESSION_KEY)
        organisation = next((o for o in organisations if o.id == chosen), None)
        if organisation is None and organisations:
            organisation = organisations[0]
    g.organisation = organisation
    return organisation


def archived_organisations() -> list[Organisation]:
    """The signed-in person's organisations that a platform admin archived."""
    if not current_user.is_authenticated:
        return []
    return [o for o in current_user.organisations if o.is_archived]


def archived_page(organisation: Organisation, status: int = 403):
    """The clear page for an archived organisation: what happened, and that nothing is lost."""
    from flask import make_response, render_template

    page = render_template("accounts/archived.html", archived=[organisation])
    return make_response(page, status)


def staff_refusal(organisation: Organisation):
    """For `abort()` when `may_manage` said no: the clear page to a member of an organisation a
    platform admin archived, 403 to everyone else."""
    if organisation.is_archived and current_user.is_authenticated:
        if current_user.roles_in(organisation.id):
            return archived_page(organisation)
    return 403


def organisation_by_slug(slug: str) -> Organisation | None:
    if "\x00" in slug or len(slug) > 60:  # no slug holds them; PostgreSQL would refuse a NUL
        return None
    return db.session.scalar(db.select(Organisation).filter_by(slug=slug))


def select_locale() -> str:
    """The person's choice, then the cookie, then the browser, then the organisation's default."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # the CLI and background jobs speak the default language
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if current_user.is_authenticated and current_user.language in languages:
        return current_user.language
    cookie = request.cookies.get(LANGUAGE_COOKIE)
    if cookie in languages:
        return cookie
    browser = request.accept_languages.best_match(languages)
    if browser:
        return browser
    organisation = current_organisation()
    if organisation and organisation.default_language in languages:
        return organisation.default_language
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def display_settings() -> dict[str, str]:
    if current_user.is_authenticated:
        return {"text_size": current_user.text_size, "contrast": current_user.contrast}
    size = request.cookies.get(TEXT_SIZE_COOKIE)
    contrast = request.cookies.get(CONTRAST_COOKIE)
    return {
        "text_size": size if size in set(TextSize) else TextSize.NORMAL.value,
        "contrast": contrast if contrast in set(Contrast) else Contrast.NORMAL.value,
    }


def safe_next(target: str | None, fallback: str) -> str:
    """Only a path on this site: never another host, never a scheme, never '//'."""
    if not target:
        return fallback
    target = target.replace("\\", "/").strip()
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return fallback
    return target


def role_label(role: str) -> str:
    from flask_babel import gettext as _

    labels = {"learner": _("learner"), "mentor": _("mentor"), "staff": _("staff")}
    return labels.get(str(role), str(role))
