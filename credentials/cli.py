"""`flask credentials make-key <org-slug>`: the organisation's signing key, kept in
CREDENTIAL_KEYS_DIR (instance/keys/ by default), never in the repository."""

from __future__ import annotations

import click
from flask.cli import AppGroup

credentials_cli = AppGroup("credentials", help="Signed certificates (Open Badges 3.0).")


@credentials_cli.command("make-key")
@click.argument("slug")
def make_key(slug: str) -> None:
    """Create the signing key of the organisation SLUG and print its public key id."""
    from accounts.models import Organisation
    from extensions import db
    from outbox.services import external_url

    from . import keys

    if db.session.scalar(db.select(Organisation.id).filter_by(slug=slug)) is None:
        raise click.ClickException(f"No organisation with the slug {slug!r}.")
    try:
        key_id = keys.make_key(slug)
    except keys.KeyExists as error:
        raise click.ClickException(
            f"{slug} already has a key ({error}). Replacing it would make every certificate "
            "it signed fail the check, so it is kept."
        ) from None
    click.echo(f"Key id: {key_id}")
    click.echo(f"Stored in: {keys.key_path(slug)} (readable by this user only; back it up)")
    click.echo(f"Published at: {external_url('credentials.public_key', slug=slug)}")
