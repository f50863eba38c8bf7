import click
from flask.cli import AppGroup

from outbox.unit import in_unit_of_work

demo_cli = AppGroup("demo", help="Demo data.")


@demo_cli.command("load")
@in_unit_of_work
def load() -> None:
    """Create the demo organisation, its people and their progress; safe to run twice."""
    from . import people

    cast = people.load()
    for step in _feature_steps():
        step(cast)
    click.echo(
        f"Demo organisation: {cast.organisation.name} (join code {cast.organisation.join_code})"
    )
    click.echo("Demo accounts (password for each: " + people.DEMO_PASSWORD + "):")
    for role, user in cast.everyone():
        click.echo(f"  {role:<8} {user.email}")


def _feature_steps():
    """Each feature's demo step, in floor order: learning, quizzes, mentoring, logbook, then
    the organisation's certificate key, and the faces: questions and the network."""
    from . import credentials, learning, logbook, mentoring, network, questions, quizzes

    return (
        learning.load,
        quizzes.load,
        mentoring.load,
        logbook.load,
        credentials.load,
        questions.load,
        network.load,
    )
