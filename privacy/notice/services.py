"""The notice's texts and versions, and who saw which version. Flush, never commit."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from sqlalchemy import func

from accounts.models import Membership, Organisation, User
from accounts.services import current_language, require_staff
from extensions import Invalid, db
from learner_markdown import render_markdown

from .models import NoticeSeen, PrivacyNotice

logger = logging.getLogger(__name__)

CONTENT = Path(__file__).resolve().parents[2] / "content" / "privacy"
LANGUAGES = ("en", "nl")
PLACEHOLDER = "{organisation}"
TEXT_LIMIT = 20_000


@cache
def default_text(language: str) -> str:
    """The default notice, with `{organisation}` where the organisation's name goes."""
    path = CONTENT / f"notice.{language if language in LANGUAGES else 'en'}.md"
    return path.read_text(encoding="utf-8")


@dataclass(frozen=True)
class Notice:
    organisation: Organisation
    version: int  # 0: the default text
    saved_at: datetime | None
    texts: dict[str, str]  # language -> text as written, with `{organisation}` placeholders

    def text(self, language: str | None = None) -> str:
        """The text to read, with the organisation's name filled in."""
        written = self.texts.get(language or current_language()) or self.texts["en"]
        return written.replace(PLACEHOLDER, self.organisation.name)

    def html(self, language: str | None = None) -> Markup:
        return render_markdown(self.text(language))


def current_notice(organisation: Organisation) -> Notice:
    saved = db.session.scalar(
        db.select(PrivacyNotice)
        .filter_by(organisation_id=organisation.id)
        .order_by(PrivacyNotice.version.desc())
        .limit(1)
    )
    if saved is None:
        texts = {lang: default_text(lang) for lang in LANGUAGES}
        return Notice(organisation, 0, None, texts)
    texts = {"en": saved.text_en, "nl": saved.text_nl}
    return Notice(organisation, saved.version, saved.created_at, texts)


def save_notice(staff: User, organisation: Organisation, text_en: str, text_nl: str) -> int:
    """Staff's own text becomes the next version; the people who saw an older one are shown it
    again at their next sign-in. Returns the new version's number."""
    require_staff(staff, organisation)
    texts = {"en": text_en.strip(), "nl": text_nl.strip()}
    for text in texts.values():
        if not text or len(text) > TEXT_LIMIT:
            raise Invalid(_l("Write the notice in both languages, at most 20,000 characters."))
    version = current_notice(organisation).version + 1
    db.session.add(
        PrivacyNotice(
            organisation_id=organisation.id,
            version=version,
            text_en=texts["en"],
            text_nl=texts["nl"],
            created_by_id=staff.id,
        )
    )
    db.session.flush()
    record_seen(staff.id, organisation)  # they wrote it: no need to show it back to them
    logger.info("privacy notice saved organisation=%s version=%s", organisation.id, version)
    return version


def record_seen(user_id: int, organisation: Organisation) -> int:
    """The person was shown the organisation's current notice (at joining or after a change)."""
    version = current_notice(organisation).version
    db.session.add(NoticeSeen(user_id=user_id, organisation_id=organisation.id, version=version))
    db.session.flush()
    logger.info(
        "privacy notice seen user=%s organisation=%s version=%s", user_id, organisation.id, version
    )
    return version


def changed_for(user_id: int) -> Organisation | None:
    """An organisation of the person whose notice is newer than the one they last saw (never
    seen counts as the default, version 0), or None. One query."""
    current = (
        db.select(
            PrivacyNotice.organisation_id.label("org"),
            func.max(PrivacyNotice.version).label("version"),
        )
        .group_by(PrivacyNotice.organisation_id)
        .subquery()
    )
    seen = (
        db.select(
            NoticeSeen.organisation_id.label("org"),
            func.max(NoticeSeen.version).label("version"),
        )
        .where(NoticeSeen.user_id == user_id)
        .group_by(NoticeSeen.organisation_id)
        .subquery()
    )
    query = (
        db.select(Organisation)
        .join(Membership, Membership.organisation_id == Organisation.id)
        .join(current, current.c.org == Organisation.id)
        .outerjoin(seen, seen.c.org == Organisation.id)
        .where(
            Membership.user_id == user_id,
            Membership.deactivated_at.is_(None),
            Organisation.archived_at.is_(None),
            current.c.version > func.coalesce(seen.c.version, 0),
        )
        .order_by(Organisation.id)
        .limit(1)
    )
    return db.session.scalar(query)
