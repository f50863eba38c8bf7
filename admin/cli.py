"""`flask orgs`: the console's organisation work for scripted set-up. Each command is one unit of
work and writes the same audit entries as the console; `--by` names the administrator."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from accounts import organisations
from accounts.context import organisation_by_slug
from accounts.models import User, find_user_by_email
from extensions import DomainError, db
from outbox.unit import in_unit_of_work

from . import queries, services

orgs_cli = AppGroup("orgs", help="Partner organisations: create, list, invite staff, archive.")

BY = click.option(
    "--by",
    "by_email",
    default=None,
    help="Email address of the platform administrator doing this (recorded in the audit log).",
)


def _admin(email: str | None, required: bool = False) -> User | None:
    """The named administrator; without --by, the only one there is when one is needed."""
    if email:
        user = find_user_by_email(email)
        if user is None or not user.is_admin:
            raise click.ClickException(f"{email} is not a platform administrator.")
        return user
    if not required:
        return None
    admins = db.session.scalars(db.select(User).filter_by(is_admin=True).limit(2)).all()
    if len(admins) != 1:
        raise click.ClickException(
            "Name the administrator who invites with --by EMAIL "
            "(create one with `flask users create-admin`)."
        )
    return admins[0]


def _organisation(slug: str):
    organisation = organisation_by_slug(slug)
    if organisation is None:
        raise click.ClickException(f"There is no organisation with the short name {slug!r}.")
    return organisation


def _refused(error: DomainError) -> click.ClickException:
    return click.ClickException(str(error.message))


@orgs_cli.command("create")
@click.option("--name", required=True, help="The organisation's name, as people will see it.")
@click.option("--slug", required=True, help="Short name for web addresses: job-agency-west.")
@click.option("--language", default="en", show_default=True, help="Language for new people.")
@click.option("--join-code/--no-join-code", default=False, help="Learners may join with a code.")
@click.option(
    "--course",
    "courses",
    multiple=True,
    help="A course on offer (repeat for more). Without it, every installed course is on offer.",
)
@BY
@in_unit_of_work
def create(name, slug, language, join_code, courses, by_email) -> None:
    """Create an organisation."""
    installed = {course for course, _title in services.installed_courses(language)}
    unknown = sorted(set(courses) - installed)
    if unknown:
        raise click.ClickException(f"No installed course is called {', '.join(unknown)}.")
    try:
        organisation = services.create_organisation(
            _admin(by_email),
            name=name,
            slug=slug,
            language=language,
            join_code=join_code,
            courses=set(courses) or installed,
        )
    except DomainError as error:
        raise _refused(error) from error
    click.echo(f"Organisation {organisation.slug} created.")
    if organisation.join_code:
        click.echo(f"Join code: {organisation.join_code}")


@orgs_cli.command("list")
def list_organisations() -> None:
    """List organisations with their members per role."""
    number = 1
    click.echo("slug\tname\tlearners\tmentors\tstaff\tactive learners (30 days)\tcreated\tstate")
    while True:
        page = queries.organisation_rows(number)
        for row in page.items:
            o = row.organisation
            state = "archived" if o.is_archived else "open"
            click.echo(
                f"{o.slug}\t{o.name}\t{row.learners}\t{row.mentors}\t{row.staff}\t"
                f"{row.active_learners}\t{o.created_at:%Y-%m-%d}\t{state}"
            )
        if page.next is None:
            return
        number = page.next


@orgs_cli.command("invite-staff")
@click.argument("slug")
@click.argument("email")
@BY
@in_unit_of_work
def invite_staff(slug, email, by_email) -> None:
    """Invite EMAIL as staff of the organisation SLUG; the email goes out after the commit."""
    organisation = _organisation(slug)
    try:
        created = services.invite_staff(_admin(by_email, required=True), organisation, email)
    except DomainError as error:
        raise _refused(error) from error
    click.echo(f"Invitation for {created.invitation.email} queued.")
    click.echo(f"Link (valid once): {created.link}")


@orgs_cli.command("archive")
@click.argument("slug")
@click.option("--restore", is_flag=True, help="Open an archived organisation again.")
@BY
@in_unit_of_work
def archive(slug, restore, by_email) -> None:
    """Archive the organisation SLUG (nothing is deleted), or with --restore open it again."""
    organisation = _organisation(slug)
    change = organisations.restore_organisation if restore else organisations.archive_organisation
    try:
        change(_admin(by_email), organisation)
    except DomainError as error:
        raise _refused(error) from error
    click.echo(f"Organisation {slug} {'restored' if restore else 'archived'}.")
