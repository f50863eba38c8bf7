import click
from flask.cli import AppGroup

from outbox.unit import in_unit_of_work

from . import services

users_cli = AppGroup("users", help="People and their accounts.")


@users_cli.command("create-admin")
@click.option("--email", prompt=True)
@click.option("--name", prompt=True)
@click.password_option()
@in_unit_of_work
def create_admin(email: str, name: str, password: str) -> None:
    """Create a platform administrator."""
    try:
        services.create_user(email, name, password, is_admin=True)
    except services.AccountError as error:
        raise click.ClickException(str(error.message)) from error
    click.echo(f"Administrator {email} created.")
