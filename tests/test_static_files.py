"""Style sheet and script are kept by the browser under an address that changes with them
(static_files.py): a page costs one request, and a changed file is never served stale."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CSS = ROOT / "static" / "css" / "herstart.css"


@pytest.fixture
def learner(make, auth):
    person = make.user(email="learner@example.org")
    auth.login(person)
    return person


def addresses(html: str) -> list[str]:
    return re.findall(r'(?:href|src)="(/static/[^"]+)"', html)


def test_pages_name_each_file_with_its_hash_and_the_browser_keeps_it_a_year(client, learner):
    page = client.get("/dashboard")
    assert page.status_code == 200
    found = addresses(page.get_data(as_text=True))
    expected = hashlib.sha256(CSS.read_bytes()).hexdigest()[:12]
    assert f"/static/css/herstart.css?v={expected}" in found
    assert all("?v=" in address for address in found)
    for address in found:
        answer = client.get(address)  # signed in: personal pages are no-store, files are not
        assert answer.status_code == 200
        cache = answer.headers["Cache-Control"]
        assert "max-age=31536000" in cache and "immutable" in cache and "public" in cache
        assert "no-store" not in cache and "no-cache" not in cache


@pytest.mark.parametrize("query", ["", "?v=000000000000"])
def test_an_address_without_the_current_hash_is_checked_again_each_time(client, query):
    answer = client.get(f"/static/css/herstart.css{query}")
    assert answer.status_code == 200
    assert "no-cache" in answer.headers["Cache-Control"]
    assert "immutable" not in answer.headers["Cache-Control"]


def test_a_changed_file_gets_a_new_address(app, client, tmp_path):
    app.static_folder = str(tmp_path)
    (tmp_path / "a.css").write_text("p { color: black }")
    with app.test_request_context():
        from flask import url_for

        first = url_for("static", filename="a.css")
        (tmp_path / "a.css").write_text("p { color: navy }  ")
        second = url_for("static", filename="a.css")
    assert first != second and first.startswith("/static/a.css?v=")
    assert "immutable" in client.get(second).headers["Cache-Control"]
    assert "immutable" not in client.get(first).headers["Cache-Control"]
