"""Console actions that reach beyond accounts: the courses on offer and the emails. Each calls
the accounts service that makes the change and writes the audit entry."""

from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext as _l

from accounts import organisations
from accounts.models import Organisation, User
from accounts.services import NewInvitation
from modules import services as modules
from outbox.services import external_url, queue_email


def create_organisation(
    actor: User | None,
    *,
    name: str,
    slug: str,
    language: str,
    join_code: bool,
    courses: set[str],
) -> Organisation:
    organisation = organisations.create_organisation(
        actor, name=name, slug=slug, language=language, join_code=join_code
    )
    modules.set_offered(organisation.id, courses)
    return organisation


def edit_organisation(
    actor: User | None,
    organisation: Organisation,
    *,
    name: str,
    language: str,
    join_code: bool,
    courses: set[str],
) -> None:
    organisations.edit_organisation(
        actor, organisation, name=name, language=language, join_code=join_code
    )
    modules.set_offered(organisation.id, courses)


def offered(organisation: Organisation) -> set[str]:
    return {course.slug for course in modules.offered_courses(organisation.id)}


def installed_courses(language: str) -> list[tuple[str, str]]:
    return [(course.slug, course.title(language)) for course in modules.catalogue().courses]


def invite_staff(actor: User, organisation: Organisation, email: str) -> NewInvitation:
    """The invitation email staff get from the people page, queued for after the commit."""
    created = organisations.invite_staff(actor, organisation, email)
    queue_email(
        to=created.invitation.email,
        language=organisation.default_language,
        template="organisations/email/invitation.txt",
        subject=_l("You are invited to Herstart by %(org)s", org=organisation.name),
        invitation=created.invitation,
        link=invitation_link(created),
        inviter=actor,
    )
    return created


def invitation_link(created: NewInvitation) -> str:
    return external_url("accounts.accept_invitation", token=created.token)


def send_reset_link(actor: User | None, user: User) -> None:
    """The email the reset page sends, in the person's language, queued for after the commit."""
    token = organisations.reset_link_for(actor, user)
    queue_email(
        to=user.email,
        language=language_of(user),
        template="accounts/email/reset.txt",
        subject=_l("Choose a new password for Herstart"),
        user=user,
        link=external_url("accounts.reset", token=token),
        hours=current_app.config["RESET_HOURS"],
    )


def language_of(user: User) -> str:
    if user.language in current_app.config["LANGUAGES"]:
        return user.language
    first = next(iter(user.organisations), None)
    return first.default_language if first else current_app.config["BABEL_DEFAULT_LOCALE"]
