"""A failed submit as GOV.UK shows it now: the title starts with "Error:" ("Fout:" in Dutch), focus
moves to the error summary without a script, and the summary is no alert that screen readers cut."""

import re

import pytest


def _title(page: str) -> str:
    return re.search(r"<title>(.*?)</title>", page, re.S)[1].strip()


@pytest.mark.parametrize(("language", "prefix"), [("en", "Error: "), ("nl", "Fout: ")])
def test_a_failed_sign_in_says_error_first_in_the_title(client, make, language, prefix):
    make.user(email="anna@example.org")
    response = client.post(
        "/login",
        data={"email": "anna@example.org", "password": "nope"},
        headers={"Accept-Language": language},
    )
    assert _title(response.get_data(as_text=True)).startswith(prefix)


def test_the_error_summary_takes_focus_without_a_script_and_is_no_alert(client, make):
    make.user(email="anna@example.org")
    page = client.post("/login", data={"email": "anna@example.org", "password": ""}).get_data(
        as_text=True
    )
    summary = re.search(r'<div class="error-summary"[^>]*>', page)[0]
    assert "autofocus" in summary and 'tabindex="-1"' in summary
    assert "role=" not in summary


def test_a_page_without_errors_has_a_plain_title(client):
    page = client.get("/login").get_data(as_text=True)
    assert not _title(page).startswith("Error") and "error-summary" not in page
