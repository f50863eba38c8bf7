"""Console actions that reach beyond accounts: the courses on offer and the emails. Each calls
the accounts service that makes the change and writes the audit entry."""

from __future__ import annotations

from flask import current_app

from accounts import organisations
from accounts.invitations import NewInvitation
from accounts.models import Organisation, User
from accounts.services import queue_reset_email
from modules import services as modules


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


def dropped_courses(organisation: Organisation, chosen: set[str]) -> list[tuple[object, int]]:
    """The courses on offer that `chosen` leaves out, each with how many learners have progress
    in it: what the admin is asked to confirm."""
    return [
        (course, modules.learners_with_progress(organisation.id, course.slug))
        for course in modules.offered_courses(organisation.id)
        if course.slug not in chosen
    ]


def offered(organisation: Organisation) -> set[str]:
    return {course.slug for course in modules.offered_courses(organisation.id)}


def installed_courses(language: str) -> list[tuple[str, str]]:
    return [(course.slug, course.title(language)) for course in modules.catalogue().courses]


def invite_staff(actor: User, organisation: Organisation, email: str) -> NewInvitation:
    """The same invitation (and email, queued for after the commit) staff send from their page."""
    return organisations.invite_staff(actor, organisation, email)


def send_reset_link(actor: User | None, user: User) -> None:
    """The email the reset page sends, in the person's language, queued for after the commit."""
    organisations.record_reset_link(actor, user)
    queue_reset_email(user, language_of(user))


def language_of(user: User) -> str:
    if user.language in current_app.config["LANGUAGES"]:
        return user.language
    first = next(iter(user.organisations), None)
    return first.default_language if first else current_app.config["BABEL_DEFAULT_LOCALE"]
