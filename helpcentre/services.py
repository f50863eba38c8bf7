"""An accessibility problem reported from the statement page reaches every platform admin: a
notification in the app and, through it, an email with the whole report (the outbox)."""

from __future__ import annotations

import logging

from flask_babel import lazy_gettext as _l

from accounts.models import User
from extensions import db
from notifications.kinds import Kind
from notifications.services import Email, notify
from outbox.services import external_url, local_path

logger = logging.getLogger(__name__)

EXCERPT = 200  # characters of the report in the notification's sentence; the email has it all


def platform_admins() -> list[User]:
    return list(
        db.session.scalars(
            db.select(User).filter(User.is_admin.is_(True), User.deactivated_at.is_(None))
        )
    )


def report_accessibility_problem(
    *, page: str, what: str, name: str, email: str, reporter: User | None
) -> int:
    """Tell every platform admin; returns how many were told. The report itself is kept only in
    their notifications and emails (no table of its own)."""
    what = what.strip()
    excerpt = what if len(what) <= EXCERPT else what[: EXCERPT - 1].rstrip() + "…"
    link = local_path("helpcentre.accessibility")
    admins = platform_admins()
    for admin in admins:
        notify(
            admin,
            Kind.ACCESSIBILITY_FEEDBACK,
            link,
            params={"page": page or "-", "what": excerpt},
            subject="accessibility",
            email=Email(
                template="helpcentre/email/accessibility_feedback.txt",
                subject=_l("Accessibility problem reported"),
                context={
                    "admin": admin,
                    "page": page,
                    "what": what,
                    "name": name,
                    "email": email,
                    "reporter": reporter,
                    "link": external_url("helpcentre.accessibility"),
                },
            ),
        )
    logger.info(
        "accessibility problem reported admins=%s reporter=%s",
        len(admins),
        reporter.id if reporter else "-",
    )
    return len(admins)
