"""The flask commands of the foundation: demo data and administrators."""

from accounts.models import Membership, User, find_user_by_email
from extensions import db


def count(model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def test_demo_load_twice_changes_nothing_and_prints_the_passwords(runner):
    first = runner.invoke(args=["demo", "load"])
    people, memberships = count(User), count(Membership)
    second = runner.invoke(args=["demo", "load"])
    assert first.exit_code == 0, first.output
    assert "herstart-demo" in first.output and "learner1@demo.herstart.eu" in second.output
    assert (count(User), count(Membership)) == (people, memberships)


def test_create_admin(runner):
    result = runner.invoke(
        args=[
            "users",
            "create-admin",
            "--email",
            "Root@Example.org",
            "--name",
            "Root",
            "--password",
            "long enough",
        ],
    )
    assert result.exit_code == 0, result.output
    assert find_user_by_email("root@example.org").is_admin


def test_create_admin_refuses_a_taken_address(runner, make):
    make.user(email="root@example.org")
    result = runner.invoke(
        args=[
            "users",
            "create-admin",
            "--email",
            "root@example.org",
            "--name",
            "Root",
            "--password",
            "long enough",
        ],
    )
    assert result.exit_code == 1
    assert "There is already an account" in result.output


def test_demo_and_cron_commands_build_links_without_a_server_name(config):
    """Production sets no SERVER_NAME: commands build links from the URL map, never url_for
    outside a request (the tests' own SERVER_NAME would hide that)."""
    from app import create_app

    app = create_app({**config, "SERVER_NAME": None})
    runner = app.test_cli_runner()
    with app.app_context():
        try:
            for args in (
                ["demo", "load"],
                ["mentoring", "remind"],
                ["notifications", "digest"],
                ["programme", "follow-up"],
            ):
                result = runner.invoke(args=args)
                assert result.exit_code == 0, (args, result.output, result.exception)
        finally:
            db.session.remove()
            with db.engine.begin() as conn:
                for table in reversed(db.metadata.sorted_tables):
                    conn.execute(table.delete())
            db.engine.dispose()
