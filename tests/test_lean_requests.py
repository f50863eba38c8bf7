"""Lean requests: what every page needs is prepared once per process, not once per request."""

from unittest import mock

from babel.support import Translations

TOO_LONG = "Veld mag niet langer zijn dan 100000 karakters."


def test_wtforms_messages_are_read_once_and_still_speak_dutch(client):
    """Flask-WTF read WTForms' catalogue from disk on every request that showed a message."""
    with mock.patch.object(Translations, "load", wraps=Translations.load) as load:
        for _ in range(2):
            response = client.post(
                "/verify", data={"token": "x" * 100_001}, headers={"Accept-Language": "nl"}
            )
            assert TOO_LONG in response.get_data(as_text=True)
    wtforms_loads = [
        c for c in load.call_args_list if "wtforms" in (c.args[2:] + tuple(c.kwargs.values()))
    ]
    assert len(wtforms_loads) <= 1


def test_wtforms_messages_follow_the_language_of_each_request(client):
    english = client.post("/verify", data={"token": "x" * 100_001})
    assert "Field cannot be longer than 100000 characters." in english.get_data(as_text=True)
    dutch = client.post("/verify", data={"token": "x" * 100_001}, headers={"Accept-Language": "nl"})
    assert TOO_LONG in dutch.get_data(as_text=True)


def test_the_layout_builds_no_display_form(client):
    """base.html's display buttons need only the CSRF token, not a form object per request."""
    with mock.patch("accounts.forms.DisplayForm.__init__", side_effect=AssertionError) as built:
        assert client.get("/login").status_code == 200
    built.assert_not_called()


HEAVY = ("numpy", "scipy", "docx", "weasyprint", "openbadgeslib", "openpyxl", "flask_migrate")


def test_a_worker_starts_without_the_heavy_libraries(config):
    """A fresh process (so other tests' imports do not count): after create_app, none of the
    libraries only a matching round, a download or a migration needs is in memory."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    script = (
        "import json, sys\n"
        "from app import create_app\n"
        f"create_app(json.loads({json.dumps(json.dumps(config))}))\n"
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))\n"
    )
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=root, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []


def test_the_heavy_libraries_still_load_when_used():
    from mentoring import matching

    assert matching.run_round.__module__ == "mentoring.matching.round"
