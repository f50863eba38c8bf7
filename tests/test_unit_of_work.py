"""One transaction per request (and per CLI command): commit once on success, nothing on a
refusal or a failure, and a failure page that needs no database."""

from __future__ import annotations

import json
import logging

import click
import pytest
from flask import abort

from accounts.models import Organisation
from extensions import Invalid, db
from outbox.unit import in_unit_of_work


def organisations() -> list[str]:
    return list(db.session.scalars(db.select(Organisation.slug).order_by(Organisation.slug)))


@pytest.fixture
def routes(app):
    """Pages that add an organisation, then end in the way the test names."""

    def add(slug: str) -> None:
        db.session.add(Organisation(slug=slug, name=slug))
        db.session.flush()

    def succeed():
        add("saved")
        return "ok"

    def refuse_but_answer():  # a view that catches a refusal and shows the form again
        add("half")
        try:
            raise Invalid("That cannot be.")
        except Invalid as error:
            return str(error.message), 200

    def not_found():
        add("gone")
        abort(404)

    def crash():
        add("crashed")
        raise RuntimeError("boom")

    for view in (succeed, refuse_but_answer, not_found, crash):
        app.add_url_rule(f"/_test/{view.__name__}", view.__name__, view, methods=["POST"])


def test_a_successful_request_commits_once(client, routes):
    assert client.post("/_test/succeed").status_code == 200
    assert organisations() == ["saved"]


def test_a_refusal_keeps_nothing_even_when_the_page_answers_200(client, routes):
    response = client.post("/_test/refuse_but_answer")
    assert response.get_data(as_text=True) == "That cannot be."
    assert organisations() == []


def test_an_error_status_keeps_nothing(client, routes):
    assert client.post("/_test/not_found").status_code == 404
    assert organisations() == []


def test_a_crash_keeps_nothing_logs_the_traceback_and_shows_our_page(app, client, routes, caplog):
    app.config["PROPAGATE_EXCEPTIONS"] = False  # as in production
    with caplog.at_level(logging.ERROR):
        response = client.post("/_test/crash", headers={"Accept-Language": "nl"})
    assert response.status_code == 500
    assert "Wat je eerder hebt opgeslagen, is veilig" in response.get_data(as_text=True)
    assert organisations() == []
    assert any(r.exc_info and "boom" in str(r.exc_info[1]) for r in caplog.records)


def test_the_cli_commits_once_and_a_refusal_keeps_nothing(app):
    @click.command()
    @click.option("--refuse", is_flag=True)
    @in_unit_of_work
    def make_one(refuse: bool) -> None:
        db.session.add(Organisation(slug="from-cli", name="CLI"))
        db.session.flush()
        if refuse:
            Invalid("No.")

    runner = app.test_cli_runner()
    runner.invoke(make_one, ["--refuse"])
    db.session.rollback()
    assert organisations() == []
    runner.invoke(make_one)
    db.session.rollback()
    assert organisations() == ["from-cli"]


def test_json_logs_are_one_object_a_line(app, capsys):
    import logs

    logs.configure("json", "INFO")
    try:
        logging.getLogger("herstart.test").info("pair ended pair=%s", 7)
        line = capsys.readouterr().err.strip().splitlines()[-1]
    finally:
        logs.configure("plain", "INFO")
    entry = json.loads(line)
    assert entry["message"] == "pair ended pair=7" and entry["level"] == "INFO"
